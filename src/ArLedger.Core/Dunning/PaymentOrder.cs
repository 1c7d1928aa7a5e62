using ArLedger.Audit;
using ArLedger.Ledger;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ArLedger.Dunning;

/// <summary>What a part of a payment settles first on a dunned account.</summary>
public enum PaymentPart
{
    /// <summary>Fees: the recovery compensation and dunning fees.</summary>
    Fees,
    Interest,
    /// <summary>The invoices themselves.</summary>
    Principal,
}

/// <summary>The "Dunning" configuration section.</summary>
public sealed class DunningOptions
{
    public const string Section = "Dunning";

    /// <summary>"Fees,Interest,Principal" (costs, then interest, then principal, as the Civil Code reads) by default.</summary>
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

/// <summary>An open debit of the account and the part of the payment proposed for it (zero once the payment is used up).</summary>
public sealed record OrderedAllocation(long DebitDocumentId, string Number, DocumentKind Kind, DateOnly DueDate, decimal Open, decimal Amount);

/// <summary>
/// Applies a partial payment on a dunned account in the configured order (Dunning:PaymentOrder, by default the
/// recovery fees, then interest, then the invoices), oldest due first within each part, never more than a debit's
/// open amount nor than the payment. The payment page can show <see cref="ProposeAsync"/> and let the clerk apply it
/// with <see cref="ApplyAsync"/>, which allocates a recorded payment's unapplied amount that way.
/// </summary>
public sealed class PaymentOrder(ArLedgerDbContext db, Allocations allocations, IOptions<DunningOptions> options)
{
    /// <summary>The rule itself, on figures already read.</summary>
    public static IReadOnlyList<OrderedAllocation> Propose(decimal amount, IEnumerable<OrderedAllocation> openDebits, IReadOnlyList<PaymentPart> order)
    {
        var left = Math.Max(0m, amount);
        var proposal = new List<OrderedAllocation>();
        foreach (var debit in openDebits.Where(d => d.Open > 0)
                     .OrderBy(d => IndexOf(order, PartOf(d.Kind))).ThenBy(d => d.DueDate).ThenBy(d => d.DebitDocumentId))
        {
            var share = Math.Min(left, debit.Open);
            left -= share;
            proposal.Add(debit with { Amount = share });
        }
        return proposal;
    }

    /// <summary>How <paramref name="amount"/> would be spread over the customer's open invoices, fees and interest.</summary>
    public async Task<IReadOnlyList<OrderedAllocation>> ProposeAsync(long customerId, decimal amount, CancellationToken ct = default) =>
        Propose(amount, await OpenDebitsAsync(customerId, ct), options.Value.Order());

    /// <summary>Allocates what is unapplied of a payment (or credit note) in the configured order; returns the allocations made.</summary>
    public async Task<Outcome<IReadOnlyList<Allocation>>> ApplyAsync(long creditDocumentId, CancellationToken ct = default)
    {
        return await db.InTransactionAsync(async () =>
        {
            var credit = await db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.Id == creditDocumentId, ct);
            if (credit is null || credit.IsDebit)
                return Problem.NotFound($"No payment or credit note with id {creditDocumentId}.");
            var made = new List<Allocation>();
            foreach (var share in (await ProposeAsync(credit.CustomerId, credit.OpenAmount, ct)).Where(s => s.Amount > 0))
            {
                var allocated = await allocations.AllocateAsync(new Allocate(share.DebitDocumentId, credit.Id, share.Amount), ct);
                if (!allocated.Succeeded)
                    return allocated.Problem!;
                made.Add(allocated.Value!);
            }
            return Outcome<IReadOnlyList<Allocation>>.Done(made);
        }, ct);
    }

    async Task<List<OrderedAllocation>> OpenDebitsAsync(long customerId, CancellationToken ct) =>
        await db.Documents.AsNoTracking().OfType<DebitDocument>()
            .Where(d => d.CustomerId == customerId && d.ReversedAt == null && d.Amount - d.AllocatedAmount - d.WrittenOffAmount > 0)
            .Select(d => new OrderedAllocation(d.Id, d.Number, d.Kind, d.DueDate, d.Amount - d.AllocatedAmount - d.WrittenOffAmount, 0m))
            .ToListAsync(ct);

    static PaymentPart PartOf(DocumentKind kind) => kind switch
    {
        DocumentKind.Fee => PaymentPart.Fees,
        DocumentKind.Interest => PaymentPart.Interest,
        DocumentKind.Invoice => PaymentPart.Principal,
        DocumentKind.CreditNote or DocumentKind.Payment => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a debit."),
    };

    static int IndexOf(IReadOnlyList<PaymentPart> order, PaymentPart part)
    {
        for (var i = 0; i < order.Count; i++)
        {
            if (order[i] == part)
                return i;
        }
        return order.Count;
    }
}
