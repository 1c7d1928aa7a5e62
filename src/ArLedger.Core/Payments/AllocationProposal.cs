using System.Text;
using ArLedger.Ledger;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Payments;

/// <summary>An open debit document (invoice, fee or interest) a credit could be applied to.</summary>
public sealed record OpenDebit(long Id, DocumentKind Kind, string Number, DateOnly DocumentDate, DateOnly DueDate, decimal Open);

/// <summary>One row of a proposal: the debit and the amount proposed for it (zero when the credit runs out first).</summary>
public sealed record ProposedAllocation(OpenDebit Debit, decimal Amount, bool NamedInReference);

/// <summary>The parts of what a customer owes, which a partial payment settles in the order Dunning:PaymentOrder sets.</summary>
public enum PaymentPart
{
    /// <summary>Fees: the recovery compensation and dunning fees.</summary>
    Fees,
    Interest,
    /// <summary>The invoices themselves.</summary>
    Principal,
}

/// <summary>
/// The one rule for spreading a payment or credit over a customer's open debits, used wherever cash is applied: by
/// part first in the configured order (by default fees, then interest, then the invoices: costs, then interest, then
/// principal, as the Civil Code reads), then within a part the documents the payment reference names
/// ("VIR FA-000123 FA-000130"), in the order named, then the oldest due. Each debit gets what is left, up to its open
/// amount, so the proposal never exceeds a debit's open amount nor the credit.
/// </summary>
public static class AllocationProposal
{
    static readonly char[] Separators = [' ', '\t', '\n', '\r', ',', ';', '/', '+', '&', ':', '(', ')'];

    /// <summary>Every open debit, in the order to apply the credit, with the amount proposed for each.</summary>
    public static IReadOnlyList<ProposedAllocation> Propose(decimal amount, IEnumerable<OpenDebit> debits, IReadOnlyList<PaymentPart> order,
        string? reference = null)
    {
        var named = NamedKeys(reference);
        var ordered = debits
            .Where(d => d.Open > 0)
            .Select(d => (Debit: d, Rank: named.IndexOf(Key(d.Number))))
            .OrderBy(x => Position(order, PartOf(x.Debit.Kind)))
            .ThenBy(x => x.Rank < 0 ? int.MaxValue : x.Rank)
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

    /// <summary>The customer's open debits, as a proposal takes them (oldest due first, as a table lists them).</summary>
    public static Task<List<OpenDebit>> OpenDebitsAsync(ArLedgerDbContext db, long customerId, CancellationToken ct) =>
        db.Documents.OfType<DebitDocument>().AsNoTracking()
            .Where(d => d.CustomerId == customerId && d.ReversedAt == null && d.Amount - d.AllocatedAmount - d.WrittenOffAmount > 0)
            .OrderBy(d => d.DueDate).ThenBy(d => d.DocumentDate).ThenBy(d => d.Id)
            .Select(d => new OpenDebit(d.Id, d.Kind, d.Number, d.DocumentDate, d.DueDate, d.Amount - d.AllocatedAmount - d.WrittenOffAmount))
            .ToListAsync(ct);

    static PaymentPart PartOf(DocumentKind kind) => kind switch
    {
        DocumentKind.Fee => PaymentPart.Fees,
        DocumentKind.Interest => PaymentPart.Interest,
        DocumentKind.Invoice or DocumentKind.Refund => PaymentPart.Principal,
        DocumentKind.CreditNote or DocumentKind.Payment => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a debit."),
    };

    /// <summary>Where a part comes in the order; a part the order leaves out comes last.</summary>
    static int Position(IReadOnlyList<PaymentPart> order, PaymentPart part)
    {
        for (var i = 0; i < order.Count; i++)
        {
            if (order[i] == part)
                return i;
        }
        return order.Count;
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
