using System.Text.RegularExpressions;
using ArLedger.Aging;
using ArLedger.Identity;
using ArLedger.Persistence;
using ArLedger.Statements;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ArLedger.Web.Tests.Browser;

/// <summary>Statements, aging and the scheduled jobs, as a manager sees them.</summary>
public sealed class ReportingPagesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_clerk_previews_a_customers_statement_and_sends_it_and_the_month_lists_it()
    {
        var page = await app.SignedInPageAsync(Roles.Clerk);
        await using var db = app.Database.CreateContext();
        var customer = await db.Customers.Where(c => c.StatementEmail != null).OrderBy(c => c.AccountNumber).FirstAsync();

        // Asked for by hand, a statement covers the month ending today unless the clerk picks a period.
        await page.GotoAsync($"/Statements/Customer/{customer.AccountNumber}");
        await Assertions.Expect(page.Locator("#To")).ToHaveValueAsync(app.Clock.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#From")).ToHaveValueAsync(app.Clock.Today.AddMonths(-1).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        await page.GotoAsync($"/Statements/Customer/{customer.AccountNumber}?from=2026-02-01&to=2026-02-28");
        var pdf = await page.APIRequest.GetAsync($"/Statements/Customer/{customer.AccountNumber}?handler=Pdf&from=2026-02-01&to=2026-02-28");
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(await pdf.BodyAsync())[..4], StringComparison.Ordinal);
        await BrowserApp.ScreenshotAsync(page, "20-statement-preview");

        await page.ClickAsync("button:has-text('Envoyer le relevé du 01/02/2026 au 28/02/2026 à')");
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync($"Le relevé du 01/02/2026 au 28/02/2026 est en file d'envoi pour {customer.StatementEmail}");
        await using var after = app.Database.CreateContext();
        Assert.Equal(1, await after.OutboxMessages.CountAsync(m => m.CustomerId == customer.Id && m.CorrelationKey.StartsWith("statement:2026-02-01..2026-02-28@")));
    }

    [Fact]
    public async Task A_manager_runs_the_monthly_statements_from_the_jobs_page_and_reads_the_aging()
    {
        var page = await app.SignedInPageAsync(Roles.Manager);
        await page.GotoAsync("/Jobs");
        await BrowserApp.ScreenshotAsync(page, "21-jobs");

        await page.GotoAsync("/Aging");
        await Assertions.Expect(page.Locator("table").First).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "22-aging");

        await page.GotoAsync("/Statements?month=2026-02");
        await BrowserApp.ScreenshotAsync(page, "23-statements");
    }

    [Fact]
    public async Task A_manager_pages_through_the_aging_and_filters_it_and_the_book_totals_stay_on_every_page()
    {
        // The demo book holds a few hundred customers: more than one page.
        var aging = await TodaysAgingAsync();
        var accounts = aging.Customers.Select(c => c.AccountNumber!).Order(StringComparer.Ordinal).ToList();
        Assert.True(accounts.Count > 2 * 100, $"{accounts.Count} customers with open items");
        var page = await app.SignedInPageAsync(Roles.Manager);
        var rows = page.Locator("#aging tbody tr[data-account]");
        // The amounts of the book's total rows; the label says "of the book" once a filter is on.
        var bookTotals = page.Locator("#aging tfoot tr[data-total=book] td.num");
        var shown = page.Locator("[data-rows]");

        await page.GotoAsync("/Aging");
        await Assertions.Expect(shown).ToHaveTextAsync($"1–100 sur {accounts.Count}");
        Assert.Equal(accounts.Take(100), await AccountsAsync(rows));
        var totals = await bookTotals.AllInnerTextsAsync();
        // Per currency: the currency, each bucket, the unapplied credits and the balance.
        Assert.Equal(aging.Totals.Count * (aging.Query.Buckets.Count + 3), totals.Count);

        await page.ClickAsync("a[rel=next]");
        await Assertions.Expect(shown).ToHaveTextAsync($"101–200 sur {accounts.Count}");
        Assert.Contains("p=2", page.Url, StringComparison.Ordinal);
        Assert.Equal(accounts.Skip(100).Take(100), await AccountsAsync(rows));
        Assert.Equal(totals, await bookTotals.AllInnerTextsAsync());

        // A word of a name, typed in lower case, selects the customers whose name holds it, with a total of theirs.
        var word = aging.Customers.Select(c => c.CustomerName!.Split(' ')[0]).GroupBy(w => w).OrderByDescending(g => g.Count()).First().Key;
        var named = aging.Customers.Where(new AgingFilter(word.ToLowerInvariant()).Matches).Select(c => c.AccountNumber!).Order(StringComparer.Ordinal).ToList();
        await page.FillAsync("#q", word.ToLowerInvariant());
        await page.ClickAsync("#aging-filters button[type=submit]");
        await Assertions.Expect(shown).ToHaveTextAsync($"1–{named.Count} sur {named.Count}");
        Assert.Equal(named, await AccountsAsync(rows));
        await Assertions.Expect(page.Locator("#aging tfoot tr[data-total=selection]").First).ToContainTextAsync("Total de la sélection");
        Assert.Equal(totals, await bookTotals.AllInnerTextsAsync());
        await BrowserApp.ScreenshotAsync(page, "22-aging-filtered");

        // The exports hold every customer of the filter, not only a page, and the whole book without one.
        var csv = await CsvLinesAsync(page, $"/Aging?handler=Csv&q={word.ToLowerInvariant()}");
        Assert.Equal(named, csv.Skip(1).Take(named.Count).Select(l => l.Split(';')[0]));
        Assert.Equal(1 + named.Count + aging.Totals.Count, csv.Count);
        Assert.Equal(1 + accounts.Count + aging.Totals.Count, (await CsvLinesAsync(page, "/Aging?handler=Csv")).Count);

        // A collector's customers, once some are given to one.
        var collector = await app.CreateUserAsync($"collector-{Guid.NewGuid():N}"[..20], ArLedgerAppFactory.Password, Roles.Clerk);
        var theirs = accounts.Skip(150).Take(3).ToList();
        await using (var db = app.Database.CreateContext())
            await db.Customers.Where(c => theirs.Contains(c.AccountNumber)).ExecuteUpdateAsync(u => u.SetProperty(c => c.CollectorId, collector.Id));
        await page.GotoAsync("/Aging");
        await page.SelectOptionAsync("#collector", collector.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickAsync("#aging-filters button[type=submit]");
        await Assertions.Expect(shown).ToHaveTextAsync("1–3 sur 3");
        Assert.Equal(theirs, await AccountsAsync(rows));
        Assert.Equal(totals, await bookTotals.AllInnerTextsAsync());
    }

    [Fact]
    public async Task The_drill_down_of_a_stored_aging_snapshot_shows_the_items_as_recorded_and_a_recomputed_one_says_so()
    {
        // Month-end snapshots keep their items.
        var monthEnd = new DateOnly(app.Clock.Today.Year, app.Clock.Today.Month, 1).AddDays(-1);
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<AgingSnapshots>().TakeAsync(monthEnd, "scheduler");
        var page = await app.SignedInPageAsync(Roles.Manager, locale: "en-GB");
        var asOf = monthEnd.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        await page.GotoAsync($"/Aging?asOf={asOf}&stored=true");
        await Assertions.Expect(page.Locator(".alert-info")).ToContainTextAsync("Stored snapshot: the aging as it was known that day.");
        await BrowserApp.ScreenshotAsync(page, "22-aging-en");
        var cell = page.Locator("#aging tbody td.num a").First;
        var amount = await cell.InnerTextAsync();
        await cell.ClickAsync();
        await Assertions.Expect(page.Locator("[data-items=recorded]")).ToContainTextAsync("As recorded at");
        await Assertions.Expect(page.Locator("[data-items-total]")).ToHaveTextAsync(amount);
        await BrowserApp.ScreenshotAsync(page, "24-aging-items-recorded-en");

        await page.ClickAsync("text=Back to the aging report");
        await Assertions.Expect(page.Locator(".alert-info")).ToContainTextAsync("Stored snapshot");
        await page.GotoAsync($"/Aging?asOf={asOf}");
        await page.Locator("#aging tbody td.num a").First.ClickAsync();
        await Assertions.Expect(page.Locator("[data-items=recomputed]")).ToContainTextAsync("Recomputed from the book as it stands now.");
        await BrowserApp.ScreenshotAsync(page, "24-aging-items-recomputed-en");
    }

    async Task<AgingResult> TodaysAgingAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AgingReport>()
            .ReadAsync(new AgingQuery(app.Clock.Today, AgingBasis.DueDate, scope.ServiceProvider.GetRequiredService<AgingBuckets>()));
    }

    static async Task<IReadOnlyList<string>> AccountsAsync(ILocator rows) =>
        await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.account)");

    static async Task<List<string>> CsvLinesAsync(IPage page, string url)
    {
        var response = await page.APIRequest.GetAsync(url);
        Assert.Equal(200, response.Status);
        return [.. (await response.TextAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    [Theory]
    [InlineData("fr-FR", "Courriels sortants", "Tâches planifiées", "Clés d'API", "Se connecter")]
    [InlineData("en-GB", "Outbox", "Scheduled jobs", "API keys", "Sign in")]
    public async Task An_administrator_reads_the_outbox_the_jobs_and_the_api_keys_in_their_language(
        string locale, string outbox, string jobs, string apiKeys, string signIn)
    {
        await QueueAStatementAsync();
        var page = await app.SignedInPageAsync(Roles.Admin, locale);
        var language = locale[..2];

        await page.GotoAsync("/Outbox");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(outbox);
        await Assertions.Expect(page.Locator("tbody tr").First).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, $"24-outbox-{language}");
        await page.GotoAsync("/Jobs");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(jobs);
        await BrowserApp.ScreenshotAsync(page, $"25-jobs-{language}");
        await page.GotoAsync("/Admin/ApiKeys");
        await page.FillAsync("input[name=Name]", "ERP");
        await page.ClickAsync("form[action*='handler=Create'] button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=new-api-key]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(apiKeys);
        await BrowserApp.ScreenshotAsync(page, $"26-api-keys-{language}");

        var anonymous = await app.NewPageAsync(locale);
        await anonymous.GotoAsync("/Account/SignIn");
        await anonymous.ClickAsync("button[type=submit]");
        await Assertions.Expect(anonymous.Locator(".alert-danger")).ToBeVisibleAsync();
        await Assertions.Expect(anonymous.Locator("h1")).ToHaveTextAsync(signIn);
        await BrowserApp.ScreenshotAsync(anonymous, $"27-sign-in-{language}");
    }

    /// <summary>A statement sent by hand, so the outbox has a message waiting.</summary>
    async Task QueueAStatementAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ArLedgerDbContext>();
        var customer = await db.Customers.Where(c => c.StatementEmail != null).OrderBy(c => c.AccountNumber).FirstAsync();
        var issued = await scope.ServiceProvider.GetRequiredService<StatementIssuer>()
            .IssueAsync(customer.Id, new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28), $"outbox-{Guid.NewGuid():N}");
        Assert.True(issued.Succeeded);
    }
}
