using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ArLedger.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ArLedger.Web.Tests.Api;

/// <summary>Whatever the API creates it reads back: by the Location it answered, with the same key, and in lists that
/// page through every document once.</summary>
public sealed class ReadBackApiTests(ArLedgerAppFactory app) : IClassFixture<ArLedgerAppFactory>
{
    static string NewAccount() => ApiCalls.NewAccount("RB");

    static Task<JsonElement> Json(HttpResponseMessage r) => r.OkAsync();

    static async Task<JsonElement> CreatedAsync(HttpClient api, string path, object body, Dictionary<string, string> locations)
    {
        var response = await api.PostAsJsonAsync(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.NotNull(response.Headers.Location);
        locations[path] = response.Headers.Location!.OriginalString;
        return await Json(response);
    }

    /// <summary>The create endpoints the app maps: every POST that can answer 201.</summary>
    List<string> CreateEndpoints()
    {
        app.AnonymousClient().Dispose();
        return app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("POST") == true
                        && e.Metadata.OfType<IProducesResponseTypeMetadata>().Any(p => p.StatusCode == StatusCodes.Status201Created))
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .ToList();
    }

    [Fact]
    public async Task Every_create_endpoint_answers_a_Location_that_the_same_key_reads_back()
    {
        var clerk = await app.ApiClientAsync(Roles.Clerk);
        var admin = await app.ApiClientAsync(Roles.Admin);
        var locations = new Dictionary<string, string>();
        var account = NewAccount();

        var customer = await CreatedAsync(clerk, "/api/v1/customers", new { accountNumber = account, name = "Client " + account, currency = "EUR" }, locations);
        var invoice = await CreatedAsync(clerk, "/api/v1/invoices", new { customerAccountNumber = account, invoiceDate = "2026-03-02", netAmount = 100m, vatAmount = 20m }, locations);
        var number = invoice.GetProperty("number").GetString();
        var note = await CreatedAsync(clerk, "/api/v1/credit-notes", new { customerAccountNumber = account, creditNoteDate = "2026-03-03", netAmount = 10m, vatAmount = 2m }, locations);
        var payment = await CreatedAsync(clerk, "/api/v1/payments", new { customerAccountNumber = account, amount = 50m, receivedOn = "2026-03-04" }, locations);
        var allocation = await CreatedAsync(clerk, "/api/v1/allocations",
            new { invoiceNumber = number, paymentNumber = payment.GetProperty("number").GetString(), amount = 30m }, locations);
        var dispute = await CreatedAsync(clerk, "/api/v1/disputes", new { invoiceNumber = number, amount = 5m, reason = "Price" }, locations);
        var bankAccount = await CreatedAsync(admin, "/api/v1/bank-accounts", new { name = "Compte " + account, currency = "EUR", otherIdentifier = account }, locations);

        Assert.Equal(CreateEndpoints().Order(), locations.Keys.Order());
        var expected = new Dictionary<string, (HttpClient Key, JsonElement Created, string Property)>
        {
            ["/api/v1/customers"] = (clerk, customer, "id"),
            ["/api/v1/invoices"] = (clerk, invoice, "id"),
            ["/api/v1/credit-notes"] = (clerk, note, "id"),
            ["/api/v1/payments"] = (clerk, payment, "id"),
            ["/api/v1/allocations"] = (clerk, allocation, "id"),
            ["/api/v1/disputes"] = (clerk, dispute, "id"),
            ["/api/v1/bank-accounts"] = (admin, bankAccount, "id"),
        };
        foreach (var (path, location) in locations)
        {
            var (key, created, property) = expected[path];
            var read = await Json(await key.GetAsync(location));
            // The customer's read has the customer inside, with its figures beside it.
            var body = read.TryGetProperty("customer", out var inner) ? inner : read;
            Assert.Equal(created.GetProperty(property).GetInt64(), body.GetProperty(property).GetInt64());
        }
        // A credit note a clerk may not give alone is accepted (202) as a proposal, read back at its own Location.
        var waiting = await clerk.PostAsJsonAsync("/api/v1/credit-notes",
            new { customerAccountNumber = account, creditNoteDate = "2026-03-03", invoiceNumber = number, netAmount = 99_999_999m, vatAmount = 0m });
        Assert.Equal(HttpStatusCode.Accepted, waiting.StatusCode);
        Assert.Equal((await Json(waiting)).GetProperty("id").GetInt64(), (await Json(await clerk.GetAsync(waiting.Headers.Location))).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task An_invoice_and_a_payment_read_back_with_their_open_amount_status_and_allocations()
    {
        var api = await app.ApiClientAsync(Roles.Clerk);
        var account = await ApiCalls.CustomerAsync(api, "RB");
        var invoice = (await Json(await api.PostAsJsonAsync("/api/v1/invoices",
            new { customerAccountNumber = account, invoiceDate = "2026-03-02", netAmount = 100m, vatAmount = 20m }))).GetProperty("number").GetString()!;
        var payment = await Json(await api.PostAsJsonAsync("/api/v1/payments", new
        {
            customerAccountNumber = account, amount = 150m, receivedOn = "2026-03-10", allocations = new[] { new { invoiceNumber = invoice, amount = 120m } },
        }));

        var readInvoice = await Json(await api.GetAsync($"/api/v1/invoices/{invoice}"));
        var readPayment = await Json(await api.GetAsync($"/api/v1/payments/{payment.GetProperty("number").GetString()}"));
        var missing = await api.GetAsync("/api/v1/invoices/NOPE-404");

        Assert.Equal((0m, "Paid", account), (readInvoice.GetProperty("openAmount").GetDecimal(), readInvoice.GetProperty("status").GetString(),
            readInvoice.GetProperty("customerAccountNumber").GetString()));
        var paidBy = readInvoice.GetProperty("allocations").EnumerateArray().Single();
        Assert.Equal((payment.GetProperty("number").GetString(), 120m), (paidBy.GetProperty("otherNumber").GetString(), paidBy.GetProperty("amount").GetDecimal()));
        Assert.Equal((30m, "PartiallyApplied"), (readPayment.GetProperty("unappliedAmount").GetDecimal(), readPayment.GetProperty("status").GetString()));
        Assert.Equal(paidBy.GetProperty("id").GetInt64(), readPayment.GetProperty("allocations").EnumerateArray().Single().GetProperty("id").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Every page from <paramref name="first"/> on, following nextLink to the end.</summary>
    static async Task<List<JsonElement>> PagesAsync(HttpClient api, string first)
    {
        var pages = new List<JsonElement> { await Json(await api.GetAsync(first)) };
        while (pages[^1].GetProperty("nextLink").GetString() is { } next)
            pages.Add(await Json(await api.GetAsync(next)));
        return pages;
    }

    static List<string> Numbers(IEnumerable<JsonElement> pages) =>
        pages.SelectMany(p => p.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("number").GetString()!).ToList();

    [Theory]
    [InlineData("invoices")]
    [InlineData("credit-notes")]
    [InlineData("payments")]
    public async Task Each_list_pages_through_a_book_larger_than_a_page_exactly_once_newest_first_and_back(string collection)
    {
        var api = await app.ApiClientAsync(Roles.Clerk);
        var account = await ApiCalls.CustomerAsync(api, "RB");
        var created = new List<string>();
        for (var n = 1; n <= 7; n++)
        {
            // Two documents a day, so the cursor has to break ties by id.
            var date = $"2026-03-0{(n + 1) / 2}";
            object body = collection switch
            {
                "invoices" => new { customerAccountNumber = account, invoiceDate = date, netAmount = 10m * n, vatAmount = 0m },
                "credit-notes" => new { customerAccountNumber = account, creditNoteDate = date, netAmount = 1m * n, vatAmount = 0m },
                _ => new { customerAccountNumber = account, amount = 1m * n, receivedOn = date },
            };
            created.Add((await Json(await api.PostAsJsonAsync($"/api/v1/{collection}", body))).GetProperty("number").GetString()!);
        }

        var pages = await PagesAsync(api, $"/api/v1/{collection}?customer={account}&pageSize=3");

        Assert.Equal([3, 3, 1], pages.Select(p => p.GetProperty("items").GetArrayLength()));
        Assert.All(pages, p => Assert.Equal(7, p.GetProperty("count").GetInt32()));
        Assert.Equal(Enumerable.Reverse(created), Numbers(pages));
        Assert.Equal(JsonValueKind.Null, pages[0].GetProperty("previous").ValueKind);
        Assert.Equal(JsonValueKind.Null, pages[^1].GetProperty("next").ValueKind);
        var back = await Json(await api.GetAsync(pages[2].GetProperty("previousLink").GetString()));
        Assert.Equal(Numbers([pages[1]]), Numbers([back]));
        var first = await Json(await api.GetAsync(back.GetProperty("previousLink").GetString()));
        Assert.Equal(Numbers([pages[0]]), Numbers([first]));
    }

    [Fact]
    public async Task The_invoice_list_filters_by_status_dates_and_due_date_as_the_invoice_page_does()
    {
        var api = await app.ApiClientAsync(Roles.Clerk);
        var account = await ApiCalls.CustomerAsync(api, "RB");
        async Task<string> InvoiceAsync(string date) => (await Json(await api.PostAsJsonAsync("/api/v1/invoices",
            new { customerAccountNumber = account, invoiceDate = date, netAmount = 100m, vatAmount = 0m }))).GetProperty("number").GetString()!;
        var january = await InvoiceAsync("2026-01-15");
        var february = await InvoiceAsync("2026-02-15");
        var march = await InvoiceAsync("2026-03-10");
        await Json(await api.PostAsJsonAsync("/api/v1/payments", new
        {
            customerAccountNumber = account, amount = 100m, receivedOn = "2026-03-12", allocations = new[] { new { invoiceNumber = february, amount = 100m } },
        }));

        async Task<List<string>> ListAsync(string filter) => Numbers([await Json(await api.GetAsync($"/api/v1/invoices?customer={account}&{filter}"))]);

        Assert.Equal([february], await ListAsync("status=Paid"));
        Assert.Equal([january], await ListAsync("status=Overdue"));
        Assert.Equal([march, january], await ListAsync("status=Open"));
        Assert.Equal([february, january], await ListAsync("dueBefore=2026-03-20"));
        Assert.Equal([february], await ListAsync("from=2026-02-01&to=2026-02-28"));
    }

    [Theory]
    [InlineData("/api/v1/invoices?status=Nope", "status")]
    [InlineData("/api/v1/invoices?status=42", "status")]
    [InlineData("/api/v1/invoices?from=yesterday", "from")]
    [InlineData("/api/v1/invoices?dueBefore=2026-02-30", "dueBefore")]
    [InlineData("/api/v1/invoices?pageSize=0", "pageSize")]
    [InlineData("/api/v1/invoices?after=page-2", "after")]
    [InlineData("/api/v1/payments?status=Lost", "status")]
    [InlineData("/api/v1/payments?before=x", "before")]
    [InlineData("/api/v1/credit-notes?from=2026-03-10&to=2026-03-01", "to")]
    [InlineData("/api/v1/credit-notes?pageSize=201", "pageSize")]
    public async Task A_list_query_that_does_not_read_is_a_400_naming_the_parameter(string query, string parameter)
    {
        await ApiCalls.AssertRefusedQueryAsync(await app.ApiClientAsync(Roles.Clerk), query, parameter);
    }
}
