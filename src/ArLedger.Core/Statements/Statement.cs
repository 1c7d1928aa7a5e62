using System.Globalization;
using ArLedger.Ledger;

namespace ArLedger.Statements;

/// <summary>A period of a customer's account, as printed on a statement (relevé de compte).</summary>
public sealed record Statement(
    StatementCustomer Customer,
    DateOnly From,
    DateOnly To,
    decimal OpeningBalance,
    IReadOnlyList<LedgerLine> Entries,
    decimal ClosingBalance,
    IReadOnlyList<OpenItem> OpenItems,
    StatementAging Aging)
{
    public decimal Debits => Entries.Sum(e => e.Debit);
    public decimal Credits => Entries.Sum(e => e.Credit);
    public bool HasActivity => Entries.Count > 0;
}

public sealed record StatementCustomer(long Id, string AccountNumber, string Name, IReadOnlyList<string> Address,
    string Language, string Currency, string? StatementEmail);

/// <summary>The open items at the end of the period by how late they are; credits are not aged but shown apart.</summary>
public sealed record StatementAging(decimal Current, decimal Days1To30, decimal Days31To60, decimal Days61To90, decimal Over90, decimal UnappliedCredits)
{
    public decimal Total => Current + Days1To30 + Days31To60 + Days61To90 + Over90 + UnappliedCredits;

    public static StatementAging Of(IEnumerable<OpenItem> items)
    {
        decimal[] b = new decimal[5];
        var credits = 0m;
        foreach (var i in items)
        {
            if (i.Open < 0)
                credits += i.Open;
            else
                b[i.DaysOverdue switch { <= 0 => 0, <= 30 => 1, <= 60 => 2, <= 90 => 3, _ => 4 }] += i.Open;
        }
        return new StatementAging(b[0], b[1], b[2], b[3], b[4], credits);
    }
}

/// <summary>The month a statement covers, and the key its run and its archive use ("2026-10").</summary>
public readonly record struct StatementMonth(int Year, int Month)
{
    public DateOnly From => new(Year, Month, 1);
    public DateOnly To => From.AddMonths(1).AddDays(-1);
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-{Month:00}");

    /// <summary>
    /// The last complete month on the as-of date: the run on 1 November states October; a run as of
    /// 31 October states October too.
    /// </summary>
    public static StatementMonth EndingOnOrBefore(DateOnly asOf)
    {
        var end = asOf.AddDays(1).Day == 1 ? asOf : new DateOnly(asOf.Year, asOf.Month, 1).AddDays(-1);
        return new StatementMonth(end.Year, end.Month);
    }

    public static bool TryParse(string? key, out StatementMonth month)
    {
        month = default;
        return DateOnly.TryParseExact(key + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            && (month = new StatementMonth(d.Year, d.Month)) != default;
    }
}
