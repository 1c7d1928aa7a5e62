using ArLedger.Dunning;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArLedger.Core.Tests.Dunning;

/// <summary>When a run needs a half-year whose ECB rate nobody entered, it claims nothing for it and says so.</summary>
public sealed class MissingEcbRateTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_missing_ECB_rate_claims_no_interest_for_its_half_year_and_is_reported_until_a_manager_enters_it()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));
        await using var s = new DunningScenario(db, clock);
        var customer = await s.CustomerAsync("NORATE");
        await s.InvoiceAsync("NORATE", 10_000m, new DateOnly(2026, 6, 1));
        foreach (var monday in new[] { new DateOnly(2026, 6, 8), new DateOnly(2026, 6, 22), new DateOnly(2026, 7, 6) })
        {
            clock.SetUtcNow(new DateTimeOffset(monday.ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero));
            await s.RunAsync();
        }

        await using var ctx = db.CreateContext();
        var notice = await ctx.DunningProposals.Include(p => p.Items).SingleAsync(p => p.CustomerId == customer.Id && p.LevelNo == 3);
        // 2-30 June 2026: 29 days at 2.15 % + 10 = 12.15 %: 10,000 x 0.1215 x 29 / 365 = 96.5342... -> 96.53.
        // 1-6 July 2026: no rate for 1 July 2026 in the table, so nothing for those 6 days.
        Assert.Equal(96.53m, notice.Items.Single().Interest);
        Assert.Equal(["2026-H2"], notice.MissingRates);
        var summary = await s.WithAsync(sp => sp.GetRequiredService<DunningReview>().SummaryAsync(new DateOnly(2026, 7, 6)));
        Assert.Equal(["2026-H2"], summary.MissingRates);
        Assert.Equal([new HalfYear(2026, 2)], await s.WithAsync(sp => sp.GetRequiredService<EcbRates>().MissingAsync()));

        var entered = await s.WithAsync(sp => sp.GetRequiredService<EcbRates>().SetAsync(new SetEcbRate(new DateOnly(2026, 7, 1), 2.15m)));

        Assert.True(entered.Succeeded);
        Assert.Empty(await s.WithAsync(sp => sp.GetRequiredService<EcbRates>().MissingAsync()));
        Assert.Equal(1, await ctx.AuditEvents.CountAsync(e => e.Action == "ecb-rate.set"));
    }

    [Fact]
    public async Task A_rate_is_entered_for_1_January_or_1_July_only()
    {
        await using var s = new DunningScenario(db, new FakeTimeProvider(TestTime.Start));

        var refused = await s.WithAsync(sp => sp.GetRequiredService<EcbRates>().SetAsync(new SetEcbRate(new DateOnly(2026, 3, 1), 2m)));

        Assert.Equal(EcbRates.HalfYearStart, refused.Problem!.Errors![nameof(SetEcbRate.ValidFrom)][0]);
    }
}
