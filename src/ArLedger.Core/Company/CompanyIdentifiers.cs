using System.Globalization;
using System.Text.RegularExpressions;

namespace ArLedger.Company;

/// <summary>
/// The check rules of the identifiers a French company prints on its documents: SIREN and SIRET (Luhn), IBAN
/// (ISO 13616, mod 97), BIC (ISO 9362) and the intra-community VAT number (a French one carries its SIREN and a key).
/// Each takes the text as typed; spaces do not count.
/// </summary>
public static partial class CompanyIdentifiers
{
    /// <summary>La Poste's SIREN: its establishments' SIRETs follow their own rule (digit sum a multiple of 5).</summary>
    const string LaPosteSiren = "356000000";

    public static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();

    public static bool IsValidSiren(string siren)
    {
        var s = Compact(siren);
        return s.Length == 9 && s.All(char.IsAsciiDigit) && PassesLuhn(s);
    }

    public static bool IsValidSiret(string siret)
    {
        var s = Compact(siret);
        if (s.Length != 14 || !s.All(char.IsAsciiDigit))
            return false;
        return s.StartsWith(LaPosteSiren, StringComparison.Ordinal) ? s.Sum(c => c - '0') % 5 == 0 : PassesLuhn(s);
    }

    public static bool IsValidIban(string iban) => Bank.AccountIdentity.IsValidIban(Bank.AccountIdentity.NormalIban(iban));

    public static bool IsValidBic(string bic) => Bic().IsMatch(Compact(bic));

    /// <summary>Two letters of the country and 2 to 13 letters or digits; a French number is FR, its key and the SIREN the key is computed from.</summary>
    public static bool IsValidVatNumber(string vat)
    {
        var v = Compact(vat);
        if (!Vat().IsMatch(v))
            return false;
        if (!v.StartsWith("FR", StringComparison.Ordinal))
            return true;
        if (v.Length != 13 || !v[4..].All(char.IsAsciiDigit))
            return false;
        // Keys made of letters are the newer form, issued without a public formula.
        return !v[2..4].All(char.IsAsciiDigit) || FrenchVatNumber(v[4..]) == v;
    }

    /// <summary>The French intra-community VAT number of a SIREN: FR, a two-digit key, the SIREN.</summary>
    public static string FrenchVatNumber(string siren)
    {
        var key = (12 + 3 * (long.Parse(siren, CultureInfo.InvariantCulture) % 97)) % 97;
        return string.Create(CultureInfo.InvariantCulture, $"FR{key:00}{siren}");
    }

    /// <summary>True when the digits' Luhn sum is a multiple of 10 (the last digit being the check digit).</summary>
    public static bool PassesLuhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            sum += d;
        }
        return sum % 10 == 0;
    }

    [GeneratedRegex("^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$")]
    private static partial Regex Bic();

    [GeneratedRegex("^[A-Z]{2}[A-Z0-9]{2,13}$")]
    private static partial Regex Vat();
}
