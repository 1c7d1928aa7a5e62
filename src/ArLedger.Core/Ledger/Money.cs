using System.Globalization;

namespace ArLedger.Ledger;

/// <summary>Rounding and checks for amounts: two decimals, away from zero, done once where an amount is created.</summary>
public static class Money
{
    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    public static bool HasAtMostTwoDecimals(decimal amount) => amount == Round(amount);

    /// <summary>The largest amount a numeric(14,2) column holds: a document or total above it cannot be stored.</summary>
    public const decimal Max = 999_999_999_999.99m;

    /// <summary>An ISO 4217 code of a currency some country uses (EUR, CHF, USD…); XXX, XTS and made-up codes are not.</summary>
    public static bool IsCurrencyCode(string? code) => code is { Length: 3 } && Iso.Currencies.Contains(code);

    public const string StatedCurrencyDescription =
        "The currency the sender books the document in; when given it must be the customer's (one currency per customer), else the request is refused.";

    /// <summary>A currency a body states for a customer's document is the customer's own (one currency per customer):
    /// null when none is stated or it is that one, else the refusal at <paramref name="field"/>.</summary>
    public static Problem? StatedCurrencyRefusal(string field, string? stated, string customerCurrency) =>
        stated is null || string.Equals(stated, customerCurrency, StringComparison.Ordinal) ? null
            : Problem.Refused(field, $"The customer's currency is {customerCurrency}, not {stated}.");

    public static string Format(decimal amount, string currency, CultureInfo culture) =>
        string.Create(culture, $"{amount:N2} {currency}");
}
