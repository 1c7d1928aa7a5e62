using System.Numerics;

namespace ArLedger.Bank;

/// <summary>
/// How a bank file names the account it is about: an IBAN (camt.053, most MT940), the French RIB parts (CFONB 120), or
/// the bank's own identifier (MT940 :25: "45050050/76198810"). Any one is enough to find the account.
/// </summary>
public sealed record AccountIdentity(string? Iban = null, string? BankCode = null, string? BranchCode = null, string? AccountNumber = null,
    string? Other = null)
{
    /// <summary>The identity in words, for the message that refuses a file for an unknown account.</summary>
    public override string ToString() =>
        Iban ?? (AccountNumber is not null ? $"bank {BankCode}, branch {BranchCode}, account {AccountNumber}" : Other ?? "no account");

    /// <summary>An IBAN as banks print it ("FR76 3000 …") in its electronic form: capitals, no spaces.</summary>
    public static string NormalIban(string iban) => string.Concat(iban.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();

    /// <summary>True when the IBAN has its country, its length and its ISO 13616 check digits right (mod 97 = 1).</summary>
    public static bool IsValidIban(string iban)
    {
        if (iban.Length is < 15 or > 34 || !char.IsAsciiLetterUpper(iban[0]) || !char.IsAsciiLetterUpper(iban[1])
            || !char.IsAsciiDigit(iban[2]) || !char.IsAsciiDigit(iban[3]) || !iban.All(char.IsAsciiLetterOrDigit))
            return false;
        var digits = string.Concat((iban[4..] + iban[..4]).Select(c => char.IsAsciiDigit(c) ? c.ToString() : (c - 'A' + 10).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return BigInteger.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) % 97 == 1;
    }

    /// <summary>The RIB parts inside a French (or Monaco) IBAN: FR76 BBBBB GGGGG CCCCCCCCCCC KK.</summary>
    public static (string Bank, string Branch, string Account)? RibOf(string iban) =>
        iban.Length == 27 && (iban.StartsWith("FR", StringComparison.Ordinal) || iban.StartsWith("MC", StringComparison.Ordinal))
            ? (iban[4..9], iban[9..14], iban[14..25])
            : null;
}
