using System.Globalization;
using ArLedger.Aging;
using ArLedger.Identity;
using ArLedger.Reporting;
using ArLedger.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ArLedger.Web.Tests.Browser;

/// <summary>The managers' dashboard on the home page: DSO and its trend, the latest aging, the month's collections.</summary>
public sealed class DashboardBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Theory]
    [InlineData("fr-FR", "DSO (délai moyen de paiement clients)", "jours", "Balance âgée en bref", "Recouvrement de", "Encaissements")]
    [InlineData("en-US", "DSO (days sales outstanding)", "days", "Aging at a glance", "Collections in", "Cash received")]
    public async Task A_managers_home_page_shows_the_dso_the_aging_at_a_glance_and_the_months_collections(string locale, string dsoTitle,
        string days, string agingTitle, string collectionsTitle, string cashTitle)
    {
        var lastMonthEnd = new DateOnly(app.Clock.Today.Year, app.Clock.Today.Month, 1).AddDays(-1);
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<AgingSnapshots>().StoreAsync(lastMonthEnd, "test");
        DsoTrend dso;
        MonthCollectionsFigures month;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            dso = await scope.ServiceProvider.GetRequiredService<DaysSalesOutstanding>().ReadAsync();
            month = await scope.ServiceProvider.GetRequiredService<MonthCollections>().ReadAsync();
        }
        Assert.NotNull(dso.Today.Days);
        Assert.True(month.CashReceived > 0, "the demo book has payments this month");
        var culture = CultureInfo.GetCultureInfo(locale);
        var page = await app.SignedInPageAsync(Roles.Manager, locale);

        await page.GotoAsync("/");

        var dsoCard = page.Locator("#dso");
        await Assertions.Expect(dsoCard).ToContainTextAsync(dsoTitle);
        await Assertions.Expect(dsoCard.Locator("[data-dso]")).ToHaveTextAsync($"{dso.Today.Days!.Value.ToString("N1", culture)} {days}");
        // The month end just snapshotted has a value; the eleven before it are named as having none.
        Assert.NotNull(dso.MonthEnds[^1].Days);
        await Assertions.Expect(dsoCard.Locator("[data-no-snapshot]")).ToHaveAttributeAsync("data-no-snapshot", "11");
        await Assertions.Expect(dsoCard.Locator("canvas#dso-chart")).ToBeVisibleAsync();
        var glance = page.Locator("#aging-glance");
        await Assertions.Expect(glance).ToContainTextAsync(agingTitle);
        await Assertions.Expect(glance).ToContainTextAsync(lastMonthEnd.ToString("d", culture));
        await Assertions.Expect(glance.Locator("tr[data-bucket]")).ToHaveCountAsync(AgingBuckets.Standard.Count);
        // The buckets and the unapplied credits add up to the balance shown under them.
        async Task<decimal> AmountAsync(ILocator row) =>
            decimal.Parse((await row.GetAttributeAsync("data-amount"))!, CultureInfo.InvariantCulture);
        var buckets = 0m;
        foreach (var row in await glance.Locator("tr[data-bucket]").AllAsync())
            buckets += await AmountAsync(row);
        var unapplied = await AmountAsync(glance.Locator("tr[data-glance=unapplied]"));
        Assert.True(unapplied <= 0, "unapplied credits lower the balance");
        Assert.Equal(await AmountAsync(glance.Locator("tr[data-glance=balance]")), buckets + unapplied);
        await Assertions.Expect(glance.Locator("a[href='/Aging']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#dashboard h2").Last).ToContainTextAsync($"{collectionsTitle} {app.Clock.Today.ToString("Y", culture)}");
        var cash = page.Locator("[data-figure=cash]");
        await Assertions.Expect(cash).ToContainTextAsync(cashTitle);
        await Assertions.Expect(cash.Locator(".value")).ToContainTextAsync(month.CashReceived.ToString("N2", culture));
        await Assertions.Expect(page.Locator("[data-figure=disputes] .value")).ToHaveTextAsync(month.OpenDisputes.ToString("N0", culture));
        await BrowserApp.ScreenshotAsync(page, $"60-manager-dashboard-{locale}");
    }

    [Fact]
    public async Task A_clerks_home_page_keeps_the_book_totals_without_the_managers_dashboard()
    {
        var page = await app.SignedInPageAsync(Roles.Clerk);

        await page.GotoAsync("/");

        await Assertions.Expect(page.Locator(".figure-card").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#dashboard")).ToHaveCountAsync(0);
    }
}
