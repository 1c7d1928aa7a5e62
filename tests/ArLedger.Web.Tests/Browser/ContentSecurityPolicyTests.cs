using ArLedger.Identity;
using ArLedger.Web.Hosting;
using ArLedger.Web.Tests.Auth;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Web.Tests.Browser;

/// <summary>
/// Under the app's Content-Security-Policy every page still works: an administrator opens every page the app maps
/// without a route parameter, a customer's pages, an invoice, a bank statement and Hangfire's dashboard, and the browser
/// reports no violation of the policy and no script error on any of them.
/// </summary>
public sealed class ContentSecurityPolicyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task An_administrator_walks_every_page_and_the_browser_reports_no_policy_violation_and_no_script_error()
    {
        string customer, invoice, payment;
        await using (var db = app.Database.CreateContext())
        {
            customer = await db.Customers.OrderBy(c => c.AccountNumber).Select(c => c.AccountNumber).FirstAsync();
            invoice = await FirstNumberAsync(db, ArLedger.Ledger.DocumentKind.Invoice);
            payment = await FirstNumberAsync(db, ArLedger.Ledger.DocumentKind.Payment);
        }
        // Every page route, with a demo customer, invoice or payment in its parameter; the PDF is no page.
        var paths = (await AppRoute.AllAsync(app.Services))
            .Where(r => r is { IsPage: true, Method: "GET" } && !r.Pattern.Contains("Pdf", StringComparison.Ordinal))
            .Select(r => r.Pattern.StartsWith('/') ? r.Pattern : "/" + r.Pattern)
            .Select(p => p.Replace("{accountNumber}", customer, StringComparison.Ordinal)
                .Replace("/Invoices/Details/{number}", "/Invoices/Details/" + invoice, StringComparison.Ordinal)
                .Replace("/Payments/Details/{number}", "/Payments/Details/" + payment, StringComparison.Ordinal))
            .Where(p => !p.Contains('{', StringComparison.Ordinal) && p != "/Account/SignOut")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        paths.AddRange([JobsDashboard.Path, JobsDashboard.Path + "/recurring", JobsDashboard.Path + "/jobs/succeeded"]);
        Assert.True(paths.Count > 25, $"only {paths.Count} pages to walk: {string.Join(", ", paths)}");

        var page = await app.SignedInPageAsync(Roles.Admin);
        var problems = new List<string>();
        var at = "";
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
                                            || message.Text.Contains("Refused to", StringComparison.Ordinal)))
                problems.Add($"{at}: {message.Text}");
        };
        page.PageError += (_, error) => problems.Add($"{at}: script error {error}");
        // The page's own record of violations too, read after each load: scripts added by Playwright are not subject to
        // the policy.
        await page.Context.AddInitScriptAsync("""
            window.cspViolations = [];
            document.addEventListener('securitypolicyviolation', function (e) {
                window.cspViolations.push(e.violatedDirective + ' blocked ' + e.blockedURI + ' at ' + e.sourceFile + ':' + e.lineNumber);
            });
            """);

        foreach (var path in paths)
        {
            at = path;
            var response = await page.GotoAsync(path);
            Assert.NotNull(response);
            Assert.True(response.Status < 500, $"{path} answered {response.Status}");
            Assert.Contains("frame-ancestors 'none'", (await response.AllHeadersAsync())["content-security-policy"], StringComparison.Ordinal);
            // Some pages poll (the jobs' progress, Hangfire's dashboard), so the network never goes quiet: the page's
            // own list is read once it has loaded.
            foreach (var violation in await page.EvaluateAsync<string[]>("window.cspViolations"))
                problems.Add($"{path}: {violation}");
        }
        await BrowserApp.ScreenshotAsync(page, "90-hangfire-under-csp");

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    static Task<string> FirstNumberAsync(ArLedger.Persistence.ArLedgerDbContext db, ArLedger.Ledger.DocumentKind kind) =>
        db.Documents.Where(d => d.Kind == kind).OrderBy(d => d.Number).Select(d => d.Number).FirstAsync();
}
