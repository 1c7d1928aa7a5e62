using System.Net;
using System.Text.RegularExpressions;
using ArLedger.Dunning;
using ArLedger.Identity;
using ArLedger.Jobs;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArLedger.Web.Tests.Dunning;

/// <summary>The dunning pages over HTTP: who may open them, forms that save, and what the next run makes of them.</summary>
public sealed class DunningPagesTests(ArLedgerAppFactory app) : IClassFixture<ArLedgerAppFactory>
{
    [Fact]
    public async Task A_clerk_reviews_letters_but_only_a_manager_opens_the_policy_and_the_ECB_rates()
    {
        var clerk = await app.SignedInClientAsync(Roles.Clerk);
        var manager = await app.SignedInClientAsync(Roles.Manager);

        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync("/Dunning/Review")).StatusCode);
        foreach (var path in new[] { "/Dunning/Policy", "/Dunning/Rates" })
        {
            var refused = await clerk.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Contains("/Account/AccessDenied", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
        Assert.Contains("Mise en demeure", await manager.GetStringAsync("/Dunning/Policy"), StringComparison.Ordinal);
        Assert.Contains("2025-H2", await manager.GetStringAsync("/Dunning/Rates"), StringComparison.Ordinal);
        // Running the dunning from the review page is a manager's button too.
        var run = await ArLedgerAppFactory.PostFormAsync(clerk, "/Dunning/Review", [], "Run");
        Assert.Contains("/Account/AccessDenied", run.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manager_saves_a_level_with_amounts_typed_the_French_way_and_a_typo_in_a_placeholder_is_shown_at_the_letter()
    {
        var manager = await app.SignedInClientAsync(Roles.Manager);
        await using var ctx = app.Database.CreateContext();
        var second = await ctx.DunningLevels.Include(l => l.Templates).SingleAsync(l => l.LevelNo == 2);
        Dictionary<string, string> Form(string bodyFr) => new()
        {
            ["Input.Id"] = second.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Name"] = second.Name,
            ["Input.DaysAfterDue"] = "21",
            ["Input.MinDaysSincePrevious"] = "14",
            ["Input.MinOverdueAmount"] = "1 234,50",
            ["Input.FixedFee"] = "7,5",
            ["Input.PaymentDeadlineDays"] = "0",
            ["Input.Channel"] = "Email",
            ["Input.FinalAction"] = "None",
            ["Input.SubjectFr"] = second.Templates.Single(t => t.Language == "fr").Subject,
            ["Input.BodyFr"] = bodyFr,
            ["Input.SubjectEn"] = second.Templates.Single(t => t.Language == "en").Subject,
            ["Input.BodyEn"] = second.Templates.Single(t => t.Language == "en").Body,
        };

        var typo = await ArLedgerAppFactory.PostFormAsync(manager, "/Dunning/Policy", Form("Madame,\n\n{invoice_table}\n\n{totla_due}"), "Save");
        var saved = await ArLedgerAppFactory.PostFormAsync(manager, "/Dunning/Policy", Form(second.Templates.Single(t => t.Language == "fr").Body), "Save");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, typo.StatusCode);
        var page = WebUtility.HtmlDecode(await typo.Content.ReadAsStringAsync());
        Assert.Contains("{totla_due}", page, StringComparison.Ordinal);
        Assert.Contains("is-invalid", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using var after = app.Database.CreateContext();
        var level = await after.DunningLevels.SingleAsync(l => l.Id == second.Id);
        Assert.Equal((1234.50m, 7.50m), (level.MinOverdueAmount, level.FixedFee));
        Assert.False(level.NeedsApproval);
    }

    [Fact]
    public async Task A_stale_level_edit_is_refused_and_shows_the_colleagues_saved_value_beside_the_one_typed()
    {
        var first = await app.SignedInClientAsync(Roles.Manager);
        var second = await app.SignedInClientAsync(Roles.Manager);
        await using var ctx = app.Database.CreateContext();
        var level = await ctx.DunningLevels.AsNoTracking().Include(l => l.Templates).SingleAsync(l => l.LevelNo == 1);
        static string VersionOf(string page) =>
            Regex.Match(page, "id=\"level-1\".*?name=\"Input.Version\" value=\"([0-9a-f]{16})\"", RegexOptions.Singleline).Groups[1].Value;
        Dictionary<string, string> Form(string name, string version) => new()
        {
            ["Input.Id"] = level.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Version"] = version,
            ["Input.Name"] = name,
            ["Input.DaysAfterDue"] = level.DaysAfterDue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.MinDaysSincePrevious"] = level.MinDaysSincePrevious.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.MinOverdueAmount"] = level.MinOverdueAmount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.FixedFee"] = level.FixedFee.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.PaymentDeadlineDays"] = level.PaymentDeadlineDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Channel"] = level.Channel.ToString(),
            ["Input.FinalAction"] = level.FinalAction.ToString(),
            ["Input.SubjectFr"] = level.Templates.Single(t => t.Language == "fr").Subject,
            ["Input.BodyFr"] = level.Templates.Single(t => t.Language == "fr").Body,
            ["Input.SubjectEn"] = level.Templates.Single(t => t.Language == "en").Subject,
            ["Input.BodyEn"] = level.Templates.Single(t => t.Language == "en").Body,
        };
        var opened = VersionOf(await first.GetStringAsync("/Dunning/Policy"));
        Assert.Equal(opened, VersionOf(await second.GetStringAsync("/Dunning/Policy")));

        var saved = await ArLedgerAppFactory.PostFormAsync(second, "/Dunning/Policy", Form("Rappel du collègue", opened), "Save");
        var stale = await ArLedgerAppFactory.PostFormAsync(first, "/Dunning/Policy", Form("Mon rappel", opened), "Save");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stale.StatusCode);
        var html = WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync());
        Assert.Contains("Quelqu'un a enregistré ce niveau de relance après que vous l'avez ouvert", html, StringComparison.Ordinal);
        Assert.Equal(("Rappel du collègue", "Mon rappel"), StaleEditPage.Difference(html, "Name"));
        await using (var db = app.Database.CreateContext())
            Assert.Equal("Rappel du collègue", (await db.DunningLevels.SingleAsync(l => l.Id == level.Id)).Name);

        // Having seen both, saving again keeps the value typed.
        var again = await ArLedgerAppFactory.PostFormAsync(first, "/Dunning/Policy", Form("Mon rappel", VersionOf(html)), "Save");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        await using (var db = app.Database.CreateContext())
            Assert.Equal("Mon rappel", (await db.DunningLevels.SingleAsync(l => l.Id == level.Id)).Name);
    }

    [Fact]
    public async Task A_stale_change_of_the_always_start_at_level_1_switch_is_refused_and_shows_both_values()
    {
        var first = await app.SignedInClientAsync(Roles.Manager);
        var second = await app.SignedInClientAsync(Roles.Manager);
        static string VersionOf(string page) => Regex.Match(page, "name=\"settingsVersion\" value=\"(\\d+)\"").Groups[1].Value;
        static Dictionary<string, string> Form(bool always, string version) => always
            ? new() { ["alwaysStartAtFirstLevel"] = "true", ["settingsVersion"] = version }
            : new() { ["settingsVersion"] = version };
        Task<bool> StoredAsync() => new Book(app.Database, app.Clock).RunAsync((ctx, _) => ctx.DunningSettings.Select(x => x.AlwaysStartAtFirstLevel).SingleAsync());
        var opened = VersionOf(await first.GetStringAsync("/Dunning/Policy"));
        Assert.NotEqual("", opened);

        var saved = await ArLedgerAppFactory.PostFormAsync(second, "/Dunning/Policy", Form(true, opened), "Settings");
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var stale = await ArLedgerAppFactory.PostFormAsync(first, "/Dunning/Policy", Form(false, opened), "Settings");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stale.StatusCode);
        var html = WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync());
        Assert.Contains("Quelqu'un a modifié ce réglage après que vous avez ouvert la page", html, StringComparison.Ordinal);
        Assert.Equal(("✓", "—"), StaleEditPage.Difference(html, "AlwaysStartAtFirstLevel"));
        Assert.True(await StoredAsync());

        // Having seen both, saving again keeps this one's choice.
        var again = await ArLedgerAppFactory.PostFormAsync(first, "/Dunning/Policy", Form(false, VersionOf(html)), "Settings");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.False(await StoredAsync());
    }

    [Fact]
    public async Task A_clerk_pauses_a_customers_dunning_with_a_reason_and_the_next_run_leaves_the_customer_out_with_it()
    {
        var book = new Book(app.Database, app.Clock);
        var customer = await book.CustomerAsync("PAUSEWEB");
        await book.InvoiceAsync("PAUSEWEB", 480m, app.Clock.Today.AddDays(-60));
        var clerk = await app.SignedInClientAsync(Roles.Clerk);
        var until = app.Clock.Today.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var noReason = await ArLedgerAppFactory.PostFormAsync(clerk, "/Customers/PAUSEWEB/Dunning", new() { ["until"] = until, ["reason"] = "" }, "Pause");
        Assert.Contains("Indiquez pourquoi", await clerk.GetStringAsync(noReason.Headers.Location!.OriginalString), StringComparison.Ordinal);
        var paused = await ArLedgerAppFactory.PostFormAsync(clerk, "/Customers/PAUSEWEB/Dunning",
            new() { ["until"] = until, ["reason"] = "Le client change de banque" }, "Pause");
        Assert.Equal(HttpStatusCode.Redirect, paused.StatusCode);
        var tab = await clerk.GetStringAsync("/Customers/PAUSEWEB/Dunning");
        Assert.Contains("Les relances sont suspendues jusqu", WebUtility.HtmlDecode(tab), StringComparison.Ordinal);

        var today = app.Clock.Today;
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<IDunningRun>().RunAsync(today, "test", CancellationToken.None);

        await using var ctx = app.Database.CreateContext();
        var exclusion = await ctx.DunningExclusions.SingleAsync(e => e.CustomerId == customer.Id && e.AsOf == today);
        Assert.Equal((ExclusionReason.Paused, "Le client change de banque"), (exclusion.Reason, exclusion.Note));
        Assert.False(await ctx.DunningProposals.AnyAsync(p => p.CustomerId == customer.Id));
        Assert.Contains("Relances suspendues", WebUtility.HtmlDecode(await clerk.GetStringAsync(
            $"/Dunning/Review?asOf={app.Clock.Today:yyyy-MM-dd}&view=left-out&q=PAUSEWEB")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clerk_cannot_approve_a_formal_notice_on_the_review_page_and_a_manager_can()
    {
        // A run of its own, as of a past date no other test of the class runs.
        var asOf = app.Clock.Today.AddDays(-200);
        var (_, id) = await FormalNotices.ProposedAsync(app, "NOTICEWEB", asOf);
        var review = $"/Dunning/Review?asOf={asOf:yyyy-MM-dd}&q=NOTICEWEB";
        var form = new Dictionary<string, string> { ["asOf"] = $"{asOf:yyyy-MM-dd}", ["ids"] = $"{id}" };

        var clerk = await app.SignedInClientAsync(Roles.Clerk);
        var page = await clerk.GetStringAsync(review);
        Assert.Contains("data-manager-only", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"name=\"ids\" value=\"{id}\"", page, StringComparison.Ordinal);
        var byClerk = await ArLedgerAppFactory.PostFormAsync(clerk, review, new(form), "Approve");
        Assert.Equal(HttpStatusCode.Redirect, byClerk.StatusCode);
        Assert.Contains("Seul un responsable peut approuver", WebUtility.HtmlDecode(await clerk.GetStringAsync(byClerk.Headers.Location!.OriginalString)),
            StringComparison.Ordinal);
        Assert.Equal(ProposalStatus.Proposed, await StatusAsync(id));

        var manager = await app.SignedInClientAsync(Roles.Manager);
        Assert.Contains($"name=\"ids\" value=\"{id}\"", await manager.GetStringAsync(review), StringComparison.Ordinal);
        await ArLedgerAppFactory.PostFormAsync(manager, review, new(form), "Approve");
        Assert.Equal(ProposalStatus.Sent, await StatusAsync(id));
    }

    async Task<ProposalStatus> StatusAsync(long proposalId)
    {
        await using var ctx = app.Database.CreateContext();
        return await ctx.DunningProposals.Where(p => p.Id == proposalId).Select(p => p.Status).SingleAsync();
    }
}
