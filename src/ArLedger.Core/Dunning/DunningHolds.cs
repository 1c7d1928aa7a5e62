using ArLedger.Customers;
using ArLedger.Disputes;
using ArLedger.Persistence;
using ArLedger.Promises;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Dunning;

/// <summary>A reason to chase nobody, or not an invoice, with the figure a clerk wants to see beside it.</summary>
public sealed record DunningHold(ExclusionReason Reason, decimal? Amount = null, DateOnly? Until = null, string? Note = null);

/// <summary>What holds a customer's invoices out of dunning on a date.</summary>
public sealed class CustomerHolds
{
    /// <summary>On hold, in litigation or paused: no letter at all.</summary>
    public DunningHold? Customer { get; init; }
    /// <summary>A pending promise to pay on account (naming no invoice) holds every invoice.</summary>
    public DunningHold? OnAccount { get; init; }
    /// <summary>Pending promises and payment plans on track, by invoice.</summary>
    public IReadOnlyDictionary<long, DunningHold> Invoices { get; init; } = new Dictionary<long, DunningHold>();
    /// <summary>Amounts under open dispute, by invoice; they are held out of letters.</summary>
    public IReadOnlyDictionary<long, decimal> Disputed { get; init; } = new Dictionary<long, decimal>();

    public DunningHold? For(long invoiceId) => Invoices.TryGetValue(invoiceId, out var hold) ? hold : OnAccount;
    public decimal DisputedOn(long invoiceId) => Disputed.TryGetValue(invoiceId, out var amount) ? amount : 0m;
}

/// <summary>
/// Every check that holds amounts out of dunning, in one place: the customer's own state (on hold, in litigation,
/// paused), open disputes, pending promises to pay and payment plans on track, all as of the run's date.
/// A promise holds while it is pending and its date has not passed; once the date passes the invoices are chased
/// again even before the daily review marks it broken. A plan holds its invoices while its instalments due by the
/// date are paid; a late plan no longer does.
/// </summary>
public sealed class DunningHolds(ArLedgerDbContext db, PlanProgress plans)
{
    public async Task<CustomerHolds> ReadAsync(Customer customer, CustomerDunningState? state, DateOnly asOf, CancellationToken ct = default)
    {
        var customerHold = CustomerHold(customer, state, asOf);
        if (customerHold is not null)
            return new CustomerHolds { Customer = customerHold };

        var invoices = new Dictionary<long, DunningHold>();
        DunningHold? onAccount = null;
        foreach (var promise in await PendingPromisesAsync(customer.Id, asOf, ct))
        {
            var hold = new DunningHold(ExclusionReason.PromiseToPay, promise.Amount, promise.PromisedDate, promise.Note);
            if (promise.Invoices.Count == 0)
                onAccount ??= hold;
            foreach (var link in promise.Invoices)
                invoices.TryAdd(link.InvoiceId, hold);
        }
        foreach (var (plan, invoiceIds, nextDue) in await PlansOnTrackAsync(customer.Id, asOf, ct))
        {
            var hold = new DunningHold(ExclusionReason.PaymentPlan, nextDue?.Amount, nextDue?.DueDate, plan.Note);
            foreach (var id in invoiceIds)
                invoices.TryAdd(id, hold);
        }
        return new CustomerHolds { OnAccount = onAccount, Invoices = invoices, Disputed = await DisputedAsync(customer.Id, asOf, ct) };
    }

    /// <summary>The hold on the whole account, if any; litigation first, as it outlasts a pause or a credit hold.</summary>
    public static DunningHold? CustomerHold(Customer customer, CustomerDunningState? state, DateOnly asOf) =>
        state is { InLitigation: true } ? new DunningHold(ExclusionReason.InLitigation, Until: state.LitigationSince)
        : state is not null && state.IsPausedOn(asOf) ? new DunningHold(ExclusionReason.Paused, Until: state.PausedUntil, Note: state.PauseReason)
        : customer.OnHold ? new DunningHold(ExclusionReason.OnHold, Note: customer.OnHoldReason)
        : null;

    async Task<List<Promise>> PendingPromisesAsync(long customerId, DateOnly asOf, CancellationToken ct) =>
        await db.Promises.AsNoTracking().Include(p => p.Invoices)
            .Where(p => p.CustomerId == customerId && p.Status == PromiseStatus.Pending && p.MadeOn <= asOf && p.PromisedDate >= asOf)
            .OrderBy(p => p.PromisedDate).ThenBy(p => p.Id)
            .ToListAsync(ct);

    async Task<List<(PaymentPlan Plan, List<long> InvoiceIds, InstalmentProgress? NextDue)>> PlansOnTrackAsync(long customerId, DateOnly asOf,
        CancellationToken ct)
    {
        var followed = await db.PaymentPlans.AsNoTracking().Include(p => p.Invoices)
            .Where(p => p.CustomerId == customerId && (p.Status == PlanStatus.OnTrack || p.Status == PlanStatus.Late) && p.StartsOn <= asOf)
            .ToListAsync(ct);
        var onTrack = new List<(PaymentPlan, List<long>, InstalmentProgress?)>();
        foreach (var plan in followed)
        {
            // The stored status is as of the last daily review; the run decides afresh for its own date.
            var view = await plans.ReadAsync(plan, asOf, ct);
            if (view.Status == PlanStatus.OnTrack)
                onTrack.Add((plan, plan.Invoices.Select(i => i.InvoiceId).ToList(), view.Instalments.FirstOrDefault(i => !i.Paid)));
        }
        return onTrack;
    }

    /// <summary>Disputes open on the date: opened by then and not resolved by then.</summary>
    async Task<Dictionary<long, decimal>> DisputedAsync(long customerId, DateOnly asOf, CancellationToken ct)
    {
        var endOfDay = new DateTimeOffset(asOf.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return await db.Disputes.AsNoTracking()
            .Where(d => d.CustomerId == customerId && d.OpenedAt < endOfDay
                && (d.Status == DisputeStatus.Open || (d.ResolvedAt != null && d.ResolvedAt >= endOfDay)))
            .GroupBy(d => d.InvoiceId)
            .Select(g => new { g.Key, Amount = g.Sum(d => d.Amount) })
            .ToDictionaryAsync(x => x.Key, x => x.Amount, ct);
    }
}
