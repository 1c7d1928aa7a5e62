using System.Text.RegularExpressions;
using ArLedger.Identity;
using ArLedger.Persistence;
using ArLedger.Statements;
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
