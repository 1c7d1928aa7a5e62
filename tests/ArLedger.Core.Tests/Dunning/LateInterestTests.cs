using ArLedger.Dunning;

namespace ArLedger.Core.Tests.Dunning;

/// <summary>Late interest as Code de commerce L441-10 counts it: ECB rate of the half-year + 10 points, days / 365.</summary>
public sealed class LateInterestTests
{
    // The seeded table: 1 Jan 2025 3.15 %, 1 Jul 2025 2.15 %, 1 Jan 2026 2.15 %.
    static readonly Func<HalfYear, decimal?> Ecb = LateInterest.FromTable(
    [
        new EcbRate { ValidFrom = new(2025, 1, 1), Rate = 3.15m, UpdatedBy = "t" },
        new EcbRate { ValidFrom = new(2025, 7, 1), Rate = 2.15m, UpdatedBy = "t" },
        new EcbRate { ValidFrom = new(2026, 1, 1), Rate = 2.15m, UpdatedBy = "t" },
    ]);

    [Fact]
    public void Interest_runs_from_the_day_after_the_due_date_at_the_ECB_rate_plus_ten_points_over_365_days()
    {
        // 12,000.00 incl. VAT due 31 March 2025, unpaid on 20 May 2025.
        // Days: 1 April .. 20 May = 30 + 20 = 50. Rate: 3.15 % (1 January 2025) + 10 = 13.15 %.
        // 12,000.00 x 0.1315 x 50 / 365 = 78,900 / 365 = 216.164383... -> 216.16
        var claim = LateInterest.Compute(12_000m, new DateOnly(2025, 4, 1), new DateOnly(2025, 5, 20), Ecb);

        Assert.Equal(216.16m, claim.Amount);
        Assert.Equal(50, claim.Days);
        Assert.Empty(claim.MissingRates);
    }

    [Fact]
    public void A_period_across_half_years_counts_each_part_at_its_own_rate_and_rounds_once()
    {
        // 5,000.00 due 15 June 2025, unpaid on 20 July 2025.
        // 16-30 June: 15 days at 3.15 + 10 = 13.15 %: 5,000 x 0.1315 x 15 / 365 = 27.0205479...
        // 1-20 July: 20 days at 2.15 + 10 = 12.15 %: 5,000 x 0.1215 x 20 / 365 = 33.2876712...
        // Sum 60.3082191... -> 60.31 (rounded once, not 27.02 + 33.29 part by part).
        var claim = LateInterest.Compute(5_000m, new DateOnly(2025, 6, 16), new DateOnly(2025, 7, 20), Ecb);

        Assert.Equal(60.31m, claim.Amount);
        Assert.Equal(35, claim.Days);
    }

    [Fact]
    public void Rounding_happens_once_on_the_sum_half_away_from_zero()
    {
        // 20.00 late on 30 June and 1 July 2025: 20 x 0.1315 / 365 = 0.0072055 and 20 x 0.1215 / 365 = 0.0066575;
        // the sum 0.0138630 rounds to 0.01, where rounding each part would give 0.01 + 0.01 = 0.02.
        Assert.Equal(0.01m, LateInterest.Compute(20m, new DateOnly(2025, 6, 30), new DateOnly(2025, 7, 1), Ecb).Amount);
        // 5.00 at a contractual 36.5 % for one day: 5 x 0.365 / 365 = 0.005 exactly, which rounds away from zero to 0.01
        // (banker's rounding would give 0.00).
        Assert.Equal(0.01m, LateInterest.Compute(5m, new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 1), Ecb, contractualRate: 36.5m).Amount);
    }

    [Fact]
    public void A_contractual_rate_replaces_the_legal_rate_and_needs_no_ECB_rate()
    {
        // 10,000.00 at a contractual 12 % from 1 to 31 December 2026 (31 days), a half-year with no ECB rate:
        // 10,000 x 0.12 x 31 / 365 = 101.9178... -> 101.92
        var claim = LateInterest.Compute(10_000m, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31), Ecb, contractualRate: 12m);

        Assert.Equal(101.92m, claim.Amount);
        Assert.Empty(claim.MissingRates);
    }

    [Fact]
    public void A_half_year_without_an_ECB_rate_claims_nothing_for_its_days_and_is_reported()
    {
        // 2,000.00 from 1 June to 10 July 2026: June (30 days) at 2.15 + 10 = 12.15 %: 2,000 x 0.1215 x 30 / 365 = 19.972... -> 19.97;
        // 1-10 July 2026: no rate entered for 1 July 2026, so nothing is claimed for those 10 days.
        var claim = LateInterest.Compute(2_000m, new DateOnly(2026, 6, 1), new DateOnly(2026, 7, 10), Ecb);

        Assert.Equal(19.97m, claim.Amount);
        Assert.Equal(30, claim.Days);
        Assert.Equal([new HalfYear(2026, 2)], claim.MissingRates);
        Assert.Equal("2026-H2", claim.MissingRates[0].ToString());
    }
}
