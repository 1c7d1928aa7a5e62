using System.Globalization;
using System.Text.RegularExpressions;

namespace ArLedger.Imports;

/// <summary>
/// Reads amounts and dates the way clerks' files write them, whatever the file's language: "1 234,56" (normal,
/// no-break or narrow no-break space), "1234.56", "1,234.56", "1.234,56"; "31/01/2026", "2026-01-31". A value
/// that could be read two ways ("12,3,4", "01/31/2026") is refused rather than guessed.
/// </summary>
public static partial class ImportValues
{
    static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy", "dd.MM.yyyy", "d.M.yyyy", "dd-MM-yyyy"];

    public static bool TryAmount(string text, out decimal amount)
    {
        amount = 0;
        var s = text.Trim();
        if (s.EndsWith('€'))
            s = s[..^1];
        s = s.Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal)
             .Replace("\u202F", "", StringComparison.Ordinal).Replace("\u2009", "", StringComparison.Ordinal);
        if (s.Length == 0)
            return false;

        var commas = s.Count(c => c == ',');
        var dots = s.Count(c => c == '.');
        if (commas > 0 && dots > 0)
        {
            // Both: the last one is the decimal separator and appears once; the other one groups thousands.
            var (decimalMark, grouping) = s.LastIndexOf(',') > s.LastIndexOf('.') ? (',', '.') : ('.', ',');
            if ((decimalMark == ',' ? commas : dots) != 1 || !Grouped(s[..s.LastIndexOf(decimalMark)], grouping))
                return false;
            s = s.Replace(grouping.ToString(), "", StringComparison.Ordinal).Replace(decimalMark, '.');
        }
        else if (commas > 1 || dots > 1)
        {
            return false;
        }
        else
        {
            s = s.Replace(',', '.');
        }
        return DigitsOnly().IsMatch(s)
            && decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount);
    }

    /// <summary>Money has cents at most: 12.5 and 12.50 are the same amount and must hash the same.</summary>
    public static bool TryMoney(string text, out decimal amount)
    {
        if (!TryAmount(text, out amount) || decimal.Round(amount, 2) != amount)
            return false;
        amount = decimal.Round(amount, 2) + 0.00m;
        return true;
    }

    public static bool TryDate(string text, out DateOnly date)
    {
        var s = text.Trim();
        // Spreadsheets export a date cell as "31/01/2026 00:00"; the time of day means nothing for a business date.
        var withTime = MidnightSuffix().Match(s);
        if (withTime.Success)
            s = withTime.Groups[1].Value;
        return DateOnly.TryParseExact(s, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>A header or a choice as compared: lower case, no accents, words joined by underscores.</summary>
    public static string Normalize(string text)
    {
        var decomposed = text.Trim().ToLowerInvariant().Normalize(System.Text.NormalizationForm.FormD);
        var kept = decomposed.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).ToArray();
        return Separators().Replace(new string(kept), "_").Trim('_');
    }

    static bool Grouped(string integerPart, char grouping)
    {
        var groups = integerPart.TrimStart('-', '+').Split(grouping);
        return groups[0].Length is >= 1 and <= 3 && groups.Skip(1).All(g => g.Length == 3);
    }

    [GeneratedRegex(@"^[-+]?(\d+(\.\d*)?|\.\d+)$")]
    private static partial Regex DigitsOnly();

    [GeneratedRegex(@"^(\S+)[ T]0?0:00(:00)?$")]
    private static partial Regex MidnightSuffix();

    [GeneratedRegex(@"[\s\-'’.]+")]
    private static partial Regex Separators();
}
