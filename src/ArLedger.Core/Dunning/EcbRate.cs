using System.Globalization;

namespace ArLedger.Dunning;

/// <summary>The ECB main refinancing rate in force on the first day of a half-year (1 January or 1 July).</summary>
public class EcbRate
{
    public long Id { get; set; }
    public DateOnly ValidFrom { get; set; }
    /// <summary>Percent, e.g. 2.15.</summary>
    public decimal Rate { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}

/// <summary>A half-year: the legal late-interest rate is fixed for each one (1 January to 30 June, 1 July to 31 December).</summary>
public readonly record struct HalfYear(int Year, int Half)
{
    public DateOnly Start => new(Year, Half == 1 ? 1 : 7, 1);
    public DateOnly End => Half == 1 ? new DateOnly(Year, 6, 30) : new DateOnly(Year, 12, 31);
    public HalfYear Next => Half == 1 ? new(Year, 2) : new(Year + 1, 1);

    public static HalfYear Of(DateOnly date) => new(date.Year, date.Month <= 6 ? 1 : 2);

    public static bool IsStart(DateOnly date) => date.Day == 1 && date.Month is 1 or 7;

    /// <summary>"2026-H2": how runs and pages name it.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-H{Half}");

    public static bool TryParse(string? text, out HalfYear halfYear)
    {
        halfYear = default;
        if (text is not { Length: 7 } || text[4] != '-' || text[5] != 'H' || text[6] is not ('1' or '2')
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year))
            return false;
        halfYear = new HalfYear(year, text[6] - '0');
        return true;
    }
}
