using System.Text;

namespace ArLedger.Payments;

/// <summary>An open debit document a credit could be applied to.</summary>
public sealed record OpenDebit(long Id, string Number, DateOnly DocumentDate, DateOnly DueDate, decimal Open);

/// <summary>One row of a proposal: the debit and the amount proposed for it (zero when the credit runs out first).</summary>
public sealed record ProposedAllocation(OpenDebit Debit, decimal Amount, bool NamedInReference);

/// <summary>
/// How a clerk would spread a payment or credit over open invoices: first the invoices the payment reference names
/// ("VIR FA-000123 FA-000130"), in the order named, then the rest oldest due first. Each gets what is left, up to its
/// open amount, so the proposal never exceeds an invoice's open amount nor the credit.
/// </summary>
public static class AllocationProposal
{
    static readonly char[] Separators = [' ', '\t', '\n', '\r', ',', ';', '/', '+', '&', ':', '(', ')'];

    /// <summary>Every open debit, in the order to apply the credit, with the amount proposed for each.</summary>
    public static IReadOnlyList<ProposedAllocation> Propose(decimal amount, IEnumerable<OpenDebit> debits, string? reference = null)
    {
        var named = NamedKeys(reference);
        var ordered = debits
            .Where(d => d.Open > 0)
            .Select(d => (Debit: d, Rank: named.IndexOf(Key(d.Number))))
            .OrderBy(x => x.Rank < 0 ? int.MaxValue : x.Rank)
            .ThenBy(x => x.Debit.DueDate).ThenBy(x => x.Debit.DocumentDate).ThenBy(x => x.Debit.Id)
            .ToList();
        var left = Math.Max(0m, amount);
        var proposal = new List<ProposedAllocation>(ordered.Count);
        foreach (var (debit, rank) in ordered)
        {
            var share = Math.Min(left, debit.Open);
            left -= share;
            proposal.Add(new ProposedAllocation(debit, share, rank >= 0));
        }
        return proposal;
    }

    /// <summary>The document numbers a bank reference names, as comparison keys in the order they appear.</summary>
    static List<string> NamedKeys(string? reference)
    {
        var keys = new List<string>();
        if (string.IsNullOrWhiteSpace(reference))
            return keys;
        foreach (var token in reference.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            var key = Key(token);
            if (key.Length > 0 && !keys.Contains(key))
                keys.Add(key);
        }
        return keys;
    }

    /// <summary>
    /// A number as banks pass it on: letters and digits only, upper case, leading zeros dropped, so "FA-000123",
    /// "fa000123" and "FA123" are the same invoice.
    /// </summary>
    internal static string Key(string number)
    {
        var sb = new StringBuilder(number.Length);
        foreach (var c in number.ToUpperInvariant())
        {
            if (!char.IsAsciiLetterOrDigit(c))
                continue;
            // A zero that starts a run of digits carries no meaning.
            if (c == '0' && (sb.Length == 0 || !char.IsAsciiDigit(sb[^1])))
                continue;
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>The part of <paramref name="amount"/> a proposal leaves unapplied.</summary>
    public static decimal Remainder(decimal amount, IEnumerable<ProposedAllocation> proposal) =>
        amount - proposal.Sum(p => p.Amount);
}
