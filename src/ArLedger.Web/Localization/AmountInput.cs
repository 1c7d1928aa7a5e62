using System.Globalization;

namespace ArLedger.Web.Localization;

/// <summary>
/// Reads an amount as people type it: "1 234,56" and "1234.56" in French, "1,234.56" and "1234,56" in English.
/// The last comma or point followed by one or two digits is the decimal mark; spaces and the other marks group
/// thousands. Only "1,234" or "1.234" (three digits after a single mark) are ambiguous: the culture decides.
/// </summary>
public static class AmountInput
{
    public static bool TryParse(string? text, CultureInfo culture, out decimal amount)
    {
        amount = 0m;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var s = new string(text.Where(ch => !char.IsWhiteSpace(ch) && ch != '\u00A0' && ch != '\u202F' && ch != '\'').ToArray());
        s = s.TrimEnd('€').TrimStart('€');
        var marks = s.Count(ch => ch is ',' or '.');
        if (marks > 0)
        {
            var last = Math.Max(s.LastIndexOf(','), s.LastIndexOf('.'));
            var mark = s[last];
            var digitsAfter = s.Length - last - 1;
            var bothKinds = s.Contains(',') && s.Contains('.');
            bool isDecimal;
            if (bothKinds)
                isDecimal = s.Count(ch => ch == mark) == 1;
            else if (marks > 1)
                isDecimal = false;
            else
                isDecimal = digitsAfter != 3 || culture.NumberFormat.NumberDecimalSeparator == mark.ToString();
            if (!isDecimal && digitsAfter != 3)
                return false;
            var whole = (isDecimal ? s[..last] : s).Replace(",", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal);
            s = isDecimal ? whole + "." + s[(last + 1)..] : whole;
        }
        return decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount);
    }

    /// <summary>An amount for an input's value, in the culture, without grouping so it reads back unchanged.</summary>
    public static string Format(decimal? amount, CultureInfo culture) => amount?.ToString("0.00", culture) ?? "";
}
