using System.Globalization;

namespace ArLedger.Web.Collections;

/// <summary>
/// Reads an amount as people type it: "1 234,56" in French, "1,234.56" in English, or either separator alone
/// ("12,5" and "12.5" both mean twelve and a half), with or without a currency symbol.
/// </summary>
public static class AmountField
{
    public static bool TryParse(string? text, out decimal amount)
    {
        amount = 0m;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var s = new string(text.Where(c => !char.IsWhiteSpace(c) && c is not ('\u00A0' or '\u202F' or '€' or '$' or '£')).ToArray());
        var comma = s.LastIndexOf(',');
        var dot = s.LastIndexOf('.');
        // The separator that comes last is the decimal one; the other one groups thousands.
        if (comma >= 0 && dot >= 0)
            s = comma > dot ? s.Replace(".", "", StringComparison.Ordinal).Replace(',', '.') : s.Replace(",", "", StringComparison.Ordinal);
        else if (comma >= 0)
            s = s.Count(c => c == ',') == 1 ? s.Replace(',', '.') : s.Replace(",", "", StringComparison.Ordinal);
        return decimal.TryParse(s, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out amount);
    }

    /// <summary>An amount as an input's value, in the reader's culture without a currency symbol ("1234,56").</summary>
    public static string Format(decimal amount) => amount.ToString("0.00", CultureInfo.CurrentCulture);
}
