using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ArLedger.Identity;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Web.Tests.Api;

/// <summary>Allocations made inside a payment come back with their ids, and each can be reversed through the API as
/// of a chosen day: not before the allocation's, not after today.</summary>
public sealed class AllocationApiTests(ArLedgerAppFactory app) : IClassFixture<ArLedgerAppFactory>
{
    static Task<JsonElement> Json(HttpResponseMessage r) => r.OkAsync();

    /// <summary>A customer with two invoices and a payment of 2026-03-05 allocated to both.</summary>
    async Task<(HttpClient Api, string[] Invoices, JsonElement Payment)> PaidAsync()
    {
        var api = await app.ApiClientAsync(Roles.Clerk);
        api.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB");
        var account = await ApiCalls.CustomerAsync(api, "AL");
        var invoices = new string[2];
        for (var n = 0; n < 2; n++)
            invoices[n] = (await Json(await api.PostAsJsonAsync("/api/v1/invoices",
                new { customerAccountNumber = account, invoiceDate = "2026-03-01", netAmount = 100m, vatAmount = 0m }))).GetProperty("number").GetString()!;
        var payment = await Json(await api.PostAsJsonAsync("/api/v1/payments", new
        {
            customerAccountNumber = account, amount = 200m, receivedOn = "2026-03-05",
            allocations = new[] { new { invoiceNumber = invoices[0], amount = 100m }, new { invoiceNumber = invoices[1], amount = 60m } },
        }));
        return (api, invoices, payment);
    }

    [Fact]
    public async Task A_payments_response_lists_its_allocations_with_ids_and_one_is_reversed_as_of_a_chosen_day()
    {
        var (api, invoices, payment) = await PaidAsync();
        var made = payment.GetProperty("allocations").EnumerateArray().ToList();
        Assert.Equal([(invoices[0], 100m), (invoices[1], 60m)],
            made.Select(a => (a.GetProperty("otherNumber").GetString(), a.GetProperty("amount").GetDecimal())));
        var second = made[1].GetProperty("id").GetInt64();

        var reversed = await Json(await api.PostAsJsonAsync($"/api/v1/allocations/{second}/reverse", new { reason = "wrong invoice", date = "2026-03-09" }));

        Assert.Equal((-60m, "2026-03-09", second), (reversed.GetProperty("amount").GetDecimal(), reversed.GetProperty("allocationDate").GetString(),
            reversed.GetProperty("reversesAllocationId").GetInt64()));
        var read = await Json(await api.GetAsync($"/api/v1/allocations/{second}"));
        Assert.Equal((reversed.GetProperty("id").GetInt64(), invoices[1], "Invoice", "Payment"),
            (read.GetProperty("reversedByAllocationId").GetInt64(), read.GetProperty("debitNumber").GetString(),
                read.GetProperty("debitKind").GetString(), read.GetProperty("creditKind").GetString()));
        Assert.Equal(100m, (await Json(await api.GetAsync($"/api/v1/invoices/{invoices[1]}"))).GetProperty("openAmount").GetDecimal());
        // Open items as of a day before the reversal still see the allocation; a day on, they do not.
        var before = await Json(await api.GetAsync($"/api/v1/customers/{payment.GetProperty("customerAccountNumber").GetString()}/open-items?asOf=2026-03-08"));
        var after = await Json(await api.GetAsync($"/api/v1/customers/{payment.GetProperty("customerAccountNumber").GetString()}/open-items?asOf=2026-03-09"));
        Assert.Equal(40m, before.EnumerateArray().Single(i => i.GetProperty("number").GetString() == invoices[1]).GetProperty("open").GetDecimal());
        Assert.Equal(100m, after.EnumerateArray().Single(i => i.GetProperty("number").GetString() == invoices[1]).GetProperty("open").GetDecimal());
    }

    [Theory]
    [InlineData("2026-03-04", "A reversal is dated on or after the allocation's date")]
    [InlineData("2026-03-17", "A reversal cannot be dated after today")]
    public async Task A_reversal_dated_before_its_allocation_or_after_today_is_a_422_at_the_date_and_changes_nothing(string date, string message)
    {
        var (api, invoices, payment) = await PaidAsync();
        var first = payment.GetProperty("allocations")[0].GetProperty("id").GetInt64();

        var response = await api.PostAsJsonAsync($"/api/v1/allocations/{first}/reverse", new { reason = "wrong invoice", date });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.StartsWith(message, errors.GetProperty("date")[0].GetString(), StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.Allocations.AnyAsync(a => a.ReversesAllocationId == first));
        Assert.Equal(0m, (await Json(await api.GetAsync($"/api/v1/invoices/{invoices[0]}"))).GetProperty("openAmount").GetDecimal());
    }
}
