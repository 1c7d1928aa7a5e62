using ArLedger.Ledger;

namespace ArLedger.Dunning;

/// <summary>Late interest claimed on one invoice, and the half-years it could not be claimed for.</summary>
public sealed record InterestClaim(decimal Amount, DateOnly From, DateOnly Through, int Days, IReadOnlyList<HalfYear> MissingRates)
{
    public static InterestClaim None(DateOnly from, DateOnly through) => new(0m, from, through, 0, []);
}

/// <summary>
/// French late-payment interest (Code de commerce L441-10): unpaid amount including VAT x annual rate x days late
/// / 365, days counted from the day after the due date. The legal rate is the ECB main refinancing rate in force on
/// 1 January (first half-year) or 1 July (second half-year) plus 10 points, so a period across half-years is counted
/// in parts, each at its own rate; the sum is rounded to the cent once. A contractual rate replaces the legal one.
/// A half-year without a known ECB rate claims nothing for its days and is reported, never guessed.
/// </summary>
public static class LateInterest
{
    public const decimal LegalMargin = 10m;
    public const int DaysPerYear = 365;

    /// <param name="unpaid">The unpaid amount including VAT.</param>
    /// <param name="from">The first day counted: the day after the due date, or after the last day already claimed.</param>
    /// <param name="through">The last day counted (the as-of date), included.</param>
    /// <param name="ecbRate">The ECB rate in percent of a half-year, or null when it is not known.</param>
    /// <param name="contractualRate">An annual percentage agreed with the customer, used instead of ECB + 10.</param>
    public static InterestClaim Compute(decimal unpaid, DateOnly from, DateOnly through, Func<HalfYear, decimal?> ecbRate,
        decimal? contractualRate = null)
    {
        if (unpaid <= 0 || through < from)
            return InterestClaim.None(from, through);
        var missing = new List<HalfYear>();
        var exact = 0m;
        var days = 0;
        for (var half = HalfYear.Of(from); half.Start <= through; half = half.Next)
        {
            var start = half.Start > from ? half.Start : from;
            var end = half.End < through ? half.End : through;
            var n = end.DayNumber - start.DayNumber + 1;
            var rate = contractualRate ?? ecbRate(half) + LegalMargin;
            if (rate is not { } percent)
            {
                missing.Add(half);
                continue;
            }
            exact += unpaid * percent / 100m * n / DaysPerYear;
            days += n;
        }
        return new InterestClaim(Money.Round(exact), from, through, days, missing);
    }

    /// <summary>The rate of each half-year from the ECB table: the rate entered for the half-year's first day.</summary>
    public static Func<HalfYear, decimal?> FromTable(IEnumerable<EcbRate> rates)
    {
        var byStart = rates.ToDictionary(r => r.ValidFrom, r => r.Rate);
        return half => byStart.TryGetValue(half.Start, out var rate) ? rate : null;
    }
}
