using System.Globalization;

namespace ArLedger.Aging;

/// <summary>
/// Which customers an aging table shows: those whose account number or name contains a text (whatever the case and
/// accents), and those of one collector. Every condition given must hold.
/// </summary>
public sealed record AgingFilter(string? Customer = null, long? CollectorId = null)
{
    public bool IsEmpty => string.IsNullOrWhiteSpace(Customer) && CollectorId is null;

    public bool Matches(AgingLine line) =>
        (CollectorId is null || line.CollectorId == CollectorId)
        && (string.IsNullOrWhiteSpace(Customer) || Contains(line.AccountNumber) || Contains(line.CustomerName));

    /// <summary>The report's customers that match, with their own totals per currency; the report itself when nothing is asked.</summary>
    public AgingResult Apply(AgingResult aging)
    {
        if (IsEmpty)
            return aging;
        var lines = aging.Customers.Where(Matches).ToList();
        return aging with { Customers = lines, Totals = TotalsOf(lines, aging.Query.Buckets.Count) };
    }

    bool Contains(string? text) => text is not null
        && CultureInfo.InvariantCulture.CompareInfo.IndexOf(text, Customer!.Trim(), CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace) >= 0;

    static List<AgingLine> TotalsOf(List<AgingLine> lines, int buckets) =>
        lines.GroupBy(l => l.Currency)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new AgingLine(null, null, null, g.Key, [.. Enumerable.Range(0, buckets).Select(i => g.Sum(l => l.Buckets[i]))],
                g.Sum(l => l.Unapplied), g.Sum(l => l.Balance), g.Sum(l => l.OpenItems)))
            .ToList();
}
