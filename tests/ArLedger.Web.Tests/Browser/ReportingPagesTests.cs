using System.Text.RegularExpressions;
using ArLedger.Identity;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;
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

        await page.GotoAsync($"/Statements/Customer/{customer.AccountNumber}?from=2026-02-01&to=2026-02-28");
        var pdf = await page.APIRequest.GetAsync($"/Statements/Customer/{customer.AccountNumber}?handler=Pdf&from=2026-02-01&to=2026-02-28");
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(await pdf.BodyAsync())[..4], StringComparison.Ordinal);
        await BrowserApp.ScreenshotAsync(page, "20-statement-preview");

        await page.ClickAsync("button:has-text('Envoyer à')");
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync(customer.StatementEmail!);
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
}
