using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ArLedger.Aging;
using ArLedger.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ArLedger.Web.Tests.Api;

/// <summary>GET /api/v1/aging gives the Aging page's figures, unapplied credits included, and the stored snapshots.</summary>
public sealed class AgingApiTests(ArLedgerAppFactory app) : IClassFixture<ArLedgerAppFactory>
{
    static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>Three customers with invoices of several ages, part-paid, a payment left unapplied and a credit note on account.</summary>
    async Task<HttpClient> BookAsync()
    {
        var api = await app.ApiClientAsync(Roles.Clerk);
        for (var n = 0; n < 3; n++)
        {
            var account = await ApiCalls.CustomerAsync(api, $"AG{n}");
            var invoices = new List<string>();
            foreach (var (date, amount) in new[] { ("2025-11-05", 300m), ("2025-12-20", 200m + n), ("2026-01-25", 150m), ("2026-03-01", 90m * (n + 1)) })
                invoices.Add((await (await api.PostAsJsonAsync("/api/v1/invoices",
                    new { customerAccountNumber = account, invoiceDate = date, netAmount = amount, vatAmount = 0m })).OkAsync()).GetProperty("number").GetString()!);
            await (await api.PostAsJsonAsync("/api/v1/payments", new
            {
                customerAccountNumber = account, amount = 250m, receivedOn = "2026-02-10",
                allocations = new[] { new { invoiceNumber = invoices[0], amount = 200m } },
            })).OkAsync();
            if (n > 0)
                await (await api.PostAsJsonAsync("/api/v1/credit-notes",
                    new { customerAccountNumber = account, creditNoteDate = "2026-01-31", netAmount = 20m * n, vatAmount = 0m })).OkAsync();
        }
        return api;
    }

    /// <summary>The page's CSV export as rows of (account, currency, buckets..., unapplied, balance), totals with a null account.</summary>
    static List<(string? Account, string Currency, decimal[] Amounts)> CsvRows(string csv) =>
        csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => line.Split(';'))
            .Select(f => (f[1].Length == 0 ? null : f[0], f[2], f[3..].Select(a => decimal.Parse(a, French)).ToArray()))
            .ToList();

    static List<(string? Account, string Currency, decimal[] Amounts)> ApiRows(JsonElement aging) =>
        aging.GetProperty("customers").EnumerateArray().Concat(aging.GetProperty("totals").EnumerateArray())
            .Select(l => (l.GetProperty("accountNumber").GetString(), l.GetProperty("currency").GetString()!,
                l.GetProperty("buckets").EnumerateArray().Select(b => b.GetDecimal())
                    .Append(l.GetProperty("unapplied").GetDecimal()).Append(l.GetProperty("balance").GetDecimal()).ToArray()))
            .ToList();

    [Fact]
    public async Task The_aging_endpoint_gives_the_aging_pages_export_for_three_dates_and_both_bases()
    {
        var api = await BookAsync();
        var page = await app.SignedInClientAsync(Roles.Clerk);
        var compared = 0;

        foreach (var asOf in new[] { "2026-01-31", "2026-02-15", "2026-03-16" })
        {
            foreach (var (basis, pageBasis) in new[] { ("due", "DueDate"), ("invoice", "InvoiceDate") })
            {
                var fromApi = ApiRows(await (await api.GetAsync($"/api/v1/aging?asOf={asOf}&basis={basis}&buckets=0,30,60,90")).OkAsync());
                var fromPage = CsvRows(await page.GetStringAsync($"/Aging?handler=Csv&asOf={asOf}&basis={pageBasis}&buckets=0,30,60,90"));

                Assert.Equal(fromPage.Count, fromApi.Count);
                for (var i = 0; i < fromPage.Count; i++)
                {
                    Assert.Equal((fromPage[i].Account, fromPage[i].Currency), (fromApi[i].Account, fromApi[i].Currency));
                    Assert.Equal(fromPage[i].Amounts, fromApi[i].Amounts);
                }
                compared += fromPage.Count;
            }
        }

        Assert.True(compared >= 6 * 4, $"only {compared} lines compared");
        // Unapplied credits count on their own: on 2026-03-16 every customer has 50 of the payment left, two a credit note too.
        var today = await (await api.GetAsync("/api/v1/aging?asOf=2026-03-16&basis=due")).OkAsync();
        Assert.Equal(-(3 * 50m + 20m + 40m), today.GetProperty("totals")[0].GetProperty("unapplied").GetDecimal());
    }

    [Fact]
    public async Task The_customer_filter_gives_that_customers_line_and_a_bad_query_is_a_400_naming_the_parameter()
    {
        var api = await BookAsync();
        var book = await (await api.GetAsync("/api/v1/aging?asOf=2026-03-16")).OkAsync();
        var line = book.GetProperty("customers")[1];
        var account = line.GetProperty("accountNumber").GetString();

        var one = await (await api.GetAsync($"/api/v1/aging?asOf=2026-03-16&customer={account}")).OkAsync();

        Assert.Equal(line.GetRawText(), one.GetProperty("customers").EnumerateArray().Single().GetRawText());
        Assert.Equal(line.GetProperty("balance").GetDecimal(), one.GetProperty("totals")[0].GetProperty("balance").GetDecimal());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/aging?customer=NOPE-404")).StatusCode);
        foreach (var (query, parameter) in new[] { ("basis=weekly", "basis"), ("buckets=30,0", "buckets"), ("buckets=a,b", "buckets"), ("asOf=tomorrow", "asOf"), ("collector=x", "collector") })
            await ApiCalls.AssertRefusedQueryAsync(api, $"/api/v1/aging?{query}", parameter);
    }

    [Fact]
    public async Task A_stored_snapshot_is_listed_and_read_as_it_was_taken()
    {
        var api = await BookAsync();
        var day = new DateOnly(2026, 2, 28);
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<AgingSnapshots>().StoreAsync(day, "test");

        var list = await (await api.GetAsync("/api/v1/aging/snapshots")).OkAsync();
        var listed = list.EnumerateArray().Single(s => s.GetProperty("date").GetString() == "2026-02-28");
        var stored = await (await api.GetAsync(listed.GetProperty("link").GetString())).OkAsync();
        var recomputed = await (await api.GetAsync($"/api/v1/aging?asOf=2026-02-28&basis=due&buckets={listed.GetProperty("buckets").GetString()}")).OkAsync();

        Assert.Equal(ApiRows(recomputed).Select(r => (r.Account, r.Amounts.Sum())), ApiRows(stored).Select(r => (r.Account, r.Amounts.Sum())));
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/aging/snapshots/2026-01-01")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync("/api/v1/aging/snapshots/yesterday")).StatusCode);
    }
}
