using System.Globalization;

namespace ArLedger.Ledger;

/// <summary>Rounding and checks for amounts: two decimals, away from zero, done once where an amount is created.</summary>
public static class Money
{
    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    public static bool HasAtMostTwoDecimals(decimal amount) => amount == Round(amount);

    public static bool IsCurrencyCode(string? code) =>
        code is { Length: 3 } && code.All(c => c is >= 'A' and <= 'Z');

    public static string Format(decimal amount, string currency, CultureInfo culture) =>
        string.Create(culture, $"{amount:N2} {currency}");
}
