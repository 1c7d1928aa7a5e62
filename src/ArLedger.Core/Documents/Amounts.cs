using System.Globalization;

namespace ArLedger.Documents;

/// <summary>Money and dates as printed on statements and letters, in the customer's language.</summary>
public static class Amounts
{
    static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static CultureInfo Culture(string language) => language == "en" ? English : French;

    /// <summary>"1 234,56 €" in French, "€1,234.56" in English; other currencies print their ISO code.</summary>
    public static string Format(decimal amount, string currency, string language)
    {
        var culture = Culture(language);
        var number = Math.Abs(amount).ToString("N2", culture);
        var sign = amount < 0 ? "-" : "";
        var symbol = Symbol(currency);
        if (language == "en")
            return symbol.Length == 1 ? $"{sign}{symbol}{number}" : $"{sign}{symbol}\u00A0{number}";
        return $"{sign}{number}\u00A0{symbol}";
    }

    /// <summary>"16/03/2026" in French, "16 Mar 2026" in English.</summary>
    public static string Format(DateOnly date, string language) =>
        language == "en" ? date.ToString("d MMM yyyy", English) : date.ToString("dd/MM/yyyy", French);

    static string Symbol(string currency) => currency switch
    {
        "EUR" => "€",
        "GBP" => "£",
        "USD" => "$",
        _ => currency,
    };
}
