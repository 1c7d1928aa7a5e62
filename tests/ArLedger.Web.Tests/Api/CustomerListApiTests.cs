using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ArLedger.Identity;
using ArLedger.Testing;
using ArLedger.Web.Pages.Customers;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Web.Tests.Api;

/// <summary>GET /api/v1/customers and /customers/{account}: the list page's search and keyset paging, the customer page's figures.</summary>
public sealed class CustomerListApiTests(ArLedgerAppFactory app) : IClassFixture<ArLedgerAppFactory>
{
    static async Task<JsonElement> Json(HttpResponseMessage r)
    {
        Assert.True(r.IsSuccessStatusCode, $"{(int)r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
    }

    /// <summary>Opens customers named "Minoterie {tag} 1" to "… {count}"; the n-th owes n hundred euros.</summary>
    static async Task<List<string>> CustomersAsync(HttpClient api, string tag, int count)
    {
        var accounts = new List<string>();
        for (var n = 1; n <= count; n++)
        {
            var account = $"L{Guid.NewGuid():N}"[..12].ToUpperInvariant();
            var created = await api.PostAsJsonAsync("/api/v1/customers", new
            {
                accountNumber = account,
                name = $"Minoterie {tag} {n}",
                paymentTerms = "NET30",
                currency = "EUR",
                billingAddress = new { line1 = "1 quai du Port", postalCode = "13002", city = "Marseille", country = "FR" },
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            await Json(await api.PostAsJsonAsync("/api/v1/invoices",
                new { customerAccountNumber = account, invoiceDate = "2026-03-10", netAmount = 100m * n, vatAmount = 0m }));
            accounts.Add(account);
        }
        return accounts;
    }

    /// <summary>Every page from <paramref name="first"/> on, following nextLink to the end.</summary>
    static async Task<List<JsonElement>> PagesAsync(HttpClient api, string first)
    {
        var pages = new List<JsonElement> { await Json(await api.GetAsync(first)) };
        while (pages[^1].GetProperty("nextLink").GetString() is { } next)
            pages.Add(await Json(await api.GetAsync(next)));
        return pages;
    }

    static IEnumerable<string> Names(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!);

    [Fact]
    public async Task Search_pages_by_cursor_through_every_match_once_in_order_and_back()
    {
        var api = await app.ApiClientAsync(Roles.Clerk);
        var tag = Guid.NewGuid().ToString("N")[..8];
        await CustomersAsync(api, tag, 7);

        var pages = await PagesAsync(api, $"/api/v1/customers?search={tag.ToUpperInvariant()}&pageSize=3");

        Assert.Equal([3, 3, 1], pages.Select(p => p.GetProperty("items").GetArrayLength()));
        Assert.All(pages, p => Assert.Equal(7, p.GetProperty("totalCount").GetInt32()));
        Assert.Equal(Enumerable.Range(1, 7).Select(n => $"Minoterie {tag} {n}"), pages.SelectMany(Names));
        Assert.Equal(JsonValueKind.Null, pages[0].GetProperty("previous").ValueKind);
        Assert.Equal(JsonValueKind.Null, pages[^1].GetProperty("next").ValueKind);

        // Back from the last page by previousLink, and by the bare cursor, each page is the one seen going forward.
        var back = await Json(await api.GetAsync(pages[2].GetProperty("previousLink").GetString()));
        Assert.Equal(Names(pages[1]), Names(back));
        var cursor = Uri.EscapeDataString(back.GetProperty("previous").GetString()!);
        Assert.Equal(Names(pages[0]), Names(await Json(await api.GetAsync($"/api/v1/customers?search={tag}&pageSize=3&before={cursor}"))));
    }

    [Fact]
    public async Task Sorted_by_balance_the_pages_go_from_the_largest_balance_down()
    {
        var api = await app.ApiClientAsync(Roles.Clerk);
        var tag = Guid.NewGuid().ToString("N")[..8];
        await CustomersAsync(api, tag, 5);

        var pages = await PagesAsync(api, $"/api/v1/customers?search={tag}&sort=Balance&descending=true&pageSize=2");

        Assert.Equal(3, pages.Count);
        Assert.Equal([500m, 400m, 300m, 200m, 100m],
            pages.SelectMany(p => p.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("balance").GetDecimal()));
        Assert.Contains("sort=Balance", pages[0].GetProperty("nextLink").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cursor_the_list_did_not_give_or_a_page_size_out_of_range_is_a_400_naming_the_parameter()
    {
        var api = await app.ApiClientAsync(Roles.Clerk);

        foreach (var (query, parameter) in new[] { ("after=page-2", "after"), ("before=x", "before"), ("sort=9", "sort"), ("pageSize=0", "pageSize"), ("pageSize=201", "pageSize") })
            await ApiCalls.AssertRefusedQueryAsync(api, $"/api/v1/customers?{query}", parameter);
    }

    [Fact]
    public async Task A_customers_figures_are_those_of_the_customer_page_the_list_and_the_book_on_every_day()
    {
        var api = await app.ApiClientAsync(Roles.Clerk);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var account = (await CustomersAsync(api, tag, 1))[0];
        var late = await Json(await api.PostAsJsonAsync("/api/v1/invoices",
            new { customerAccountNumber = account, invoiceDate = "2026-01-10", netAmount = 250m, vatAmount = 50m }));
        await Json(await api.PostAsJsonAsync("/api/v1/payments", new { customerAccountNumber = account, amount = 80m, receivedOn = "2026-03-12" }));
        await Json(await api.PostAsJsonAsync("/api/v1/disputes", new { invoiceNumber = late.GetProperty("number").GetString(), amount = 40m, reason = "Quality" }));

        await AssertFiguresAgreeAsync(api, account, tag, expectedOverdue: 300m);
        // 40 days on, the invoice of 2026-03-10 (due 2026-04-09) is overdue too, though nothing was written.
        app.Clock.Advance(TimeSpan.FromDays(40));
        await AssertFiguresAgreeAsync(api, account, tag, expectedOverdue: 400m);
    }

    async Task AssertFiguresAgreeAsync(HttpClient api, string account, string tag, decimal expectedOverdue)
    {
        var figures = (await Json(await api.GetAsync($"/api/v1/customers/{account}"))).GetProperty("figures");
        var listed = (await Json(await api.GetAsync($"/api/v1/customers?search={tag}"))).GetProperty("items").EnumerateArray().Single();
        await using var db = app.Database.CreateContext();
        var page = (await CustomerHeader.LoadAsync(db, app.Clock.Calendar, account, CustomerTab.OpenItems))!.Figures;
        var id = await db.Customers.Where(c => c.AccountNumber == account).Select(c => c.Id).SingleAsync();
        var summed = await BookSums.CustomerAsync(db, id, app.Clock.Today);

        var fromApi = (figures.GetProperty("balance").GetDecimal(), figures.GetProperty("overdue").GetDecimal(),
            figures.GetProperty("disputed").GetDecimal(), figures.GetProperty("unappliedCash").GetDecimal());
        Assert.Equal((400m - 80m, expectedOverdue, 40m, 80m), fromApi);
        Assert.Equal((page.Balance, page.Overdue, page.Disputed, page.UnappliedCash), fromApi);
        Assert.Equal((summed.Balance, summed.Overdue, summed.Disputed, summed.UnappliedCash), fromApi);
        Assert.Equal(fromApi, (listed.GetProperty("balance").GetDecimal(), listed.GetProperty("overdue").GetDecimal(),
            listed.GetProperty("disputed").GetDecimal(), listed.GetProperty("unappliedCash").GetDecimal()));
    }
}
