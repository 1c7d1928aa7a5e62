using ArLedger.Ledger;
using ArLedger.Payments;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ArLedger.Dunning;

/// <summary>The "Dunning" configuration section.</summary>
public sealed class DunningOptions
{
    public const string Section = "Dunning";

    /// <summary>
    /// The order in which a partial payment settles the parts of what is owed, for <see cref="AllocationProposal"/>:
    /// "Fees,Interest,Principal" (costs, then interest, then principal, as the Civil Code reads) by default.
    /// </summary>
    public string PaymentOrder { get; set; } = "Fees,Interest,Principal";

    /// <summary>The parts in order; a part not named comes after those named, in the default order.</summary>
    public IReadOnlyList<PaymentPart> Order()
    {
        var named = PaymentOrder.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => Enum.TryParse<PaymentPart>(p, ignoreCase: true, out var part) ? part
                : throw new InvalidOperationException($"Dunning:PaymentOrder names '{p}'; use Fees, Interest and Principal."))
            .Distinct().ToList();
        return [.. named, .. Enum.GetValues<PaymentPart>().Except(named)];
    }
}

/// <summary>
/// Applies what is unapplied of a payment or credit note without a clerk editing it, exactly as
/// <see cref="AllocationProposal"/> proposes it on the payment pages: the configured part order, then within each part
/// the documents the credit's reference names, then the oldest due.
/// </summary>
public sealed class PaymentOrder(ArLedgerDbContext db, ApplyCreditHandler apply, IOptions<DunningOptions> options)
{
    /// <summary>Allocates what is unapplied of a payment (or credit note), all or nothing; returns the allocations made.</summary>
    public async Task<Outcome<IReadOnlyList<Allocation>>> ApplyAsync(long creditDocumentId, CancellationToken ct = default)
    {
        var credit = await db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.Id == creditDocumentId, ct);
        if (credit is null || credit.IsDebit)
            return Problem.NotFound($"No payment or credit note with id {creditDocumentId}.");
        var debits = await AllocationProposal.OpenDebitsAsync(db, credit.CustomerId, ct);
        var shares = AllocationProposal.Propose(credit.OpenAmount, debits, options.Value.Order(), credit.Reference)
            .Where(p => p.Amount > 0).Select(p => new DebitShare(p.Debit.Id, p.Amount)).ToList();
        // Nothing open, or nothing left to apply: there is nothing to do, which is not a mistake.
        if (shares.Count == 0)
            return Outcome<IReadOnlyList<Allocation>>.Done([]);
        return await apply.HandleAsync(new ApplyCredit(credit.Id, shares), ct);
    }
}
