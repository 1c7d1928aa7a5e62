using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ArLedger.Identity;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Web.Tests.Api;

/// <summary>A body is read as the contract writes it: a field a request does not take is refused, never dropped, and a
/// currency a document states must be its customer's.</summary>
public sealed class StrictBodyTests(ArLedgerAppFactory app) : IClassFixture<ArLedgerAppFactory>
{
    static string NewAccount() => ApiCalls.NewAccount("SB");

    static async Task<JsonElement> Json(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;

    static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    async Task<(HttpClient Api, string Account)> CustomerAsync(string language)
    {
        var api = await app.ApiClientAsync(Roles.Clerk);
        api.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return (api, await ApiCalls.CustomerAsync(api, "SB"));
    }

    async Task<int> DocumentsOfAsync(string account)
    {
        await using var db = app.Database.CreateContext();
        return await db.Documents.CountAsync(d => db.Customers.Any(c => c.Id == d.CustomerId && c.AccountNumber == account));
    }

    [Theory]
    [InlineData("en-GB", "'colour' is not a field of this request.")]
    [InlineData("fr-FR", "'colour' n'est pas un champ de cette requête.")]
    public async Task An_unknown_body_field_is_a_400_naming_it_in_the_readers_language_and_nothing_is_booked(string language, string message)
    {
        var (api, account) = await CustomerAsync(language);

        var response = await api.PostAsync("/api/v1/payments",
            Body($$"""{ "customerAccountNumber": "{{account}}", "amount": 10, "receivedOn": "2026-03-02", "colour": "blue" }"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(message, (await Json(response)).GetProperty("errors").GetProperty("colour")[0].GetString());
        Assert.Equal(0, await DocumentsOfAsync(account));
    }

    [Fact]
    public async Task An_unknown_field_inside_a_nested_object_or_a_list_is_named_by_its_path()
    {
        var (api, account) = await CustomerAsync("en-GB");

        var address = await api.PostAsync("/api/v1/customers",
            Body($$"""{ "accountNumber": "{{NewAccount()}}", "name": "Client", "billingAddress": { "city": "Lyon", "floor": 3 } }"""));
        var line = await api.PostAsync("/api/v1/invoices", Body($$"""
            { "customerAccountNumber": "{{account}}", "invoiceDate": "2026-03-02",
              "lines": [ { "description": "Farine", "quantity": 1, "unitPrice": 10, "vatRate": 20, "discount": 5 } ] }
            """));

        Assert.Equal(HttpStatusCode.BadRequest, address.StatusCode);
        Assert.True((await Json(address)).GetProperty("errors").TryGetProperty("billingAddress.floor", out _), await address.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, line.StatusCode);
        Assert.True((await Json(line)).GetProperty("errors").TryGetProperty("lines[0].discount", out _), await line.Content.ReadAsStringAsync());
        Assert.Equal(0, await DocumentsOfAsync(account));
    }

    [Theory]
    [InlineData("/api/v1/payments", """{ "customerAccountNumber": "{account}", "amount": 10, "receivedOn": "2026-03-02", "currency": "{currency}" }""")]
    [InlineData("/api/v1/invoices", """{ "customerAccountNumber": "{account}", "invoiceDate": "2026-03-02", "netAmount": 10, "vatAmount": 2, "currency": "{currency}" }""")]
    [InlineData("/api/v1/credit-notes", """{ "customerAccountNumber": "{account}", "creditNoteDate": "2026-03-02", "netAmount": 10, "vatAmount": 2, "currency": "{currency}" }""")]
    public async Task A_currency_other_than_the_customers_is_a_422_and_the_customers_own_is_booked(string path, string template)
    {
        var (api, account) = await CustomerAsync("en-GB");
        string Filled(string currency) => template.Replace("{account}", account, StringComparison.Ordinal).Replace("{currency}", currency, StringComparison.Ordinal);

        var dollars = await api.PostAsync(path, Body(Filled("USD")));
        var notACode = await api.PostAsync(path, Body(Filled("XYZ")));
        var unchanged = await DocumentsOfAsync(account);
        var euros = await api.PostAsync(path, Body(Filled("EUR")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, dollars.StatusCode);
        Assert.Equal("The customer's currency is EUR, not USD.", (await Json(dollars)).GetProperty("errors").GetProperty("currency")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, notACode.StatusCode);
        Assert.True((await Json(notACode)).GetProperty("errors").TryGetProperty("currency", out _));
        Assert.Equal(0, unchanged);
        Assert.Equal(HttpStatusCode.Created, euros.StatusCode);
        Assert.Equal("EUR", (await Json(euros)).GetProperty("currency").GetString());
    }
}
