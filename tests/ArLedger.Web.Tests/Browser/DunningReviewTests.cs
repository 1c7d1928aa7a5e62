using ArLedger.Dunning;
using ArLedger.Identity;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ArLedger.Web.Tests.Browser;

/// <summary>A manager's Monday with the demo book: the policy, the ECB rates, the review of the run, and a customer's dunning.</summary>
public sealed class DunningReviewTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_manager_reviews_the_proposals_previews_a_letter_excludes_one_customer_with_a_reason_and_approves_the_rest()
    {
        var page = await app.SignedInPageAsync(Roles.Manager);

        // This company approves every letter, the reminders included (a first letter can be at level 2 when the invoice is late enough).
        await page.GotoAsync("/Dunning/Policy");
        foreach (var level in new[] { 1, 2 })
        {
            var form = page.Locator($"#level-{level}");
            await form.Locator("input[name='Input.NeedsApproval']").CheckAsync();
            await form.Locator("button[type=submit]").ClickAsync();
            await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync($"Le niveau {level} est enregistré");
        }
        await Assertions.Expect(page.Locator("#settings")).ToContainTextAsync("Toujours commencer au niveau 1");
        await BrowserApp.ScreenshotAsync(page, "40-dunning-policy");

        // The rate of the next half-year, typed the French way.
        await page.GotoAsync("/Dunning/Rates");
        await page.SelectOptionAsync("#HalfYear", "2026-H2");
        await page.FillAsync("#Rate", "2,15");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("12,15");
        await Assertions.Expect(page.Locator("#rates tbody tr")).ToHaveCountAsync(4);
        await BrowserApp.ScreenshotAsync(page, "41-dunning-ecb-rates");

        await page.GotoAsync("/Dunning/Review");
        await page.ClickAsync("button:has-text('Lancer la relance')");
        // The run is enqueued and the page answers at once; a worker does it, then the page shows its letters.
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("est lancée");
        await Eventually.UntilAsync(async () =>
        {
            await using var cmd = app.Database.DataSource.CreateCommand(
                $"select count(*) from job_runs where job_name = 'Dunning' and as_of = '{app.Clock.Today:yyyy-MM-dd}' and status = 'Completed'");
            return (long)(await cmd.ExecuteScalarAsync())!;
        }, n => n == 1, "the dunning run");
        await page.ReloadAsync();
        var rows = page.Locator("#letters tbody tr");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        int waiting;
        var today = app.Clock.Today;
        await using (var counting = app.Database.CreateContext())
            waiting = await counting.DunningProposals.CountAsync(p => p.AsOf == today && p.Status == ProposalStatus.Proposed);
        Assert.True(waiting >= 10, $"only {waiting} letters proposed");
        await BrowserApp.ScreenshotAsync(page, "42-dunning-review");
        await ScreenAsync(page, "42-dunning-review-screen");

        // Preview the first letter: the invoices and the letter as it will read.
        var excluded = (await rows.First.GetAttributeAsync("data-account"))!;
        await rows.First.Locator("a:has-text('Aperçu')").ClickAsync();
        var preview = page.Locator("#preview");
        await Assertions.Expect(preview.Locator("article.letter-paper")).ToContainTextAsync("Sauf erreur ou omission");
        await Assertions.Expect(preview.Locator("article.letter-paper")).ToContainTextAsync("Total dû");
        // Each invoice says why it is at the letter's level.
        await Assertions.Expect(preview.Locator("td[data-why]").First).ToContainTextAsync("Première relance");
        var pdf = await page.APIRequest.GetAsync((await preview.Locator("a:has-text('PDF')").GetAttributeAsync("href"))!);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        await ScreenAsync(page, "43-dunning-letter-preview");

        // Leave that customer out, with a reason.
        var row = page.Locator($"#letters tbody tr[data-account='{excluded}']");
        await row.Locator("summary:has-text('Écarter')").ClickAsync();
        await row.Locator("input[name=reason]").FillAsync("Accord de règlement en cours avec la direction");
        await row.Locator("button:has-text('Écarter ce client')").ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("Le client est écarté de ce traitement.");
        await Assertions.Expect(page.Locator($"#letters tbody tr[data-account='{excluded}']")).ToHaveCountAsync(0);

        // Well over a hundred letters: the approval is recorded at once and the letters go in the background, with a
        // progress bar until the run ends and the page shows its result.
        Assert.True(waiting - 1 > DunningApproval.InlineLimit, $"only {waiting - 1} letters to approve");
        await page.ClickAsync("button:has-text('Approuver toutes les lettres en attente')");
        var approval = page.Locator("#approval");
        await Assertions.Expect(approval).ToBeVisibleAsync();
        await ScreenAsync(page, "44-dunning-approval-progress");
        await Assertions.Expect(approval.Locator(".alert-success"))
            .ToContainTextAsync($"{waiting - 1} lettres envoyées, 0 mise de côté.", new() { Timeout = 300_000 });
        await Assertions.Expect(approval.Locator(".alert-danger")).ToHaveCountAsync(0);
        await ScreenAsync(page, "44-dunning-approval-done");
        await page.GotoAsync("/Dunning/Review?status=");
        await ScreenAsync(page, "44-dunning-after-approval");

        await using var db = app.Database.CreateContext();
        var statuses = await db.DunningProposals.Where(p => p.AsOf == today).GroupBy(p => p.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count);
        Assert.Equal(waiting - 1, statuses[ProposalStatus.Sent]);
        Assert.Equal(1, statuses[ProposalStatus.Excluded]);
        Assert.False(statuses.ContainsKey(ProposalStatus.Proposed));
        var customer = await db.Customers.SingleAsync(c => c.AccountNumber == excluded);
        Assert.Equal("Accord de règlement en cours avec la direction",
            await db.DunningProposals.Where(p => p.CustomerId == customer.Id).Select(p => p.ExcludedReason).SingleAsync());
        Assert.Equal(waiting - 1, await db.AuditEvents.CountAsync(e => e.Action == "dunning.letter"));

        // A customer who got a letter: the dunning tab shows it, and a clerk can pause with a reason.
        var dunned = await db.DunningProposals.Where(p => p.AsOf == today && p.Status == ProposalStatus.Sent)
            .Join(db.Customers, p => p.CustomerId, c => c.Id, (p, c) => c.AccountNumber).OrderBy(a => a).FirstAsync();
        await page.GotoAsync($"/Customers/{dunned}/Dunning");
        await Assertions.Expect(page.Locator("#dunning-letters tbody tr")).ToHaveCountAsync(1);
        await page.FillAsync("#pause-reason", "Changement de banque annoncé par le client");
        await page.ClickAsync("button:has-text('Suspendre les relances')");
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("suspendues jusqu");
        await page.Locator("a.btn.font-monospace").First.ClickAsync();
        await Assertions.Expect(page.Locator("#invoice .invoice-dunning")).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "45-customer-dunning-tab");

        // An English-speaking clerk reads why the run left customers out.
        var english = await app.SignedInPageAsync(Roles.Clerk, "en-GB");
        await english.GotoAsync("/Dunning/Review?view=left-out");
        await Assertions.Expect(english.Locator("#left-out tbody tr").First).ToBeVisibleAsync();
        await Assertions.Expect(english.Locator("h1")).ToHaveTextAsync("Dunning");
        await ScreenAsync(english, "46-dunning-left-out-en");
    }

    /// <summary>What the screen shows, without scrolling: a long list makes a full-page picture too small to read.</summary>
    static Task ScreenAsync(IPage page, string name) => BrowserApp.ScreenshotAsync(page, name, fullPage: false);
}
