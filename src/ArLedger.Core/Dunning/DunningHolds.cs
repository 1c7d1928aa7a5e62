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
    /// <summary>In litigation or paused: no letter at all. A credit hold is not among them: it stops new credit, not the chasing.</summary>
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
/// Every check that holds amounts out of dunning, in one place: the customer's dunning state (in litigation, paused
/// with its reason and end date), open disputes, pending promises to pay and payment plans on track, all as of the run's date.
/// A promise holds while it is pending and its date has not passed; once the date passes the invoices are chased
/// again even before the daily review marks it broken. A plan holds its invoices while its instalments due by the
/// date are paid; a late plan no longer does.
/// </summary>
public sealed class DunningHolds(ArLedgerDbContext db, PlanProgress plans)
{
    /// <summary>The holds of each customer, read for the whole group at once.</summary>
    public async Task<IReadOnlyDictionary<long, CustomerHolds>> ReadAsync(IReadOnlyCollection<Customer> customers,
        IReadOnlyDictionary<long, CustomerDunningState> states, DateOnly asOf, CancellationToken ct = default)
    {
        var holds = new Dictionary<long, CustomerHolds>();
        var open = new List<long>();
        foreach (var c in customers)
        {
            if (CustomerHold(states.GetValueOrDefault(c.Id), asOf) is { } hold)
                holds[c.Id] = new CustomerHolds { Customer = hold };
            else
                open.Add(c.Id);
        }
        if (open.Count == 0)
            return holds;

        var invoices = open.ToDictionary(id => id, _ => new Dictionary<long, DunningHold>());
        var onAccount = new Dictionary<long, DunningHold>();
        foreach (var promise in await PendingPromisesAsync(open, asOf, ct))
        {
            var hold = new DunningHold(ExclusionReason.PromiseToPay, promise.Amount, promise.PromisedDate, promise.Note);
            if (promise.Invoices.Count == 0)
                onAccount.TryAdd(promise.CustomerId, hold);
            foreach (var link in promise.Invoices)
                invoices[promise.CustomerId].TryAdd(link.InvoiceId, hold);
        }
        foreach (var (plan, nextDue) in await PlansOnTrackAsync(open, asOf, ct))
        {
            var hold = new DunningHold(ExclusionReason.PaymentPlan, nextDue?.Amount, nextDue?.DueDate, plan.Note);
            foreach (var link in plan.Invoices)
                invoices[plan.CustomerId].TryAdd(link.InvoiceId, hold);
        }
        var disputed = await DisputedAsync(open, asOf, ct);
        foreach (var id in open)
        {
            holds[id] = new CustomerHolds
            {
                OnAccount = onAccount.GetValueOrDefault(id),
                Invoices = invoices[id],
                Disputed = disputed.GetValueOrDefault(id) ?? [],
            };
        }
        return holds;
    }

    /// <summary>
    /// The hold on the whole account, if any; litigation first, as it outlasts a pause. A customer on credit hold
    /// (no new credit) is still chased: holding the account is exactly when what it owes matters most.
    /// </summary>
    public static DunningHold? CustomerHold(CustomerDunningState? state, DateOnly asOf) =>
        state is { InLitigation: true } ? new DunningHold(ExclusionReason.InLitigation, Until: state.LitigationSince)
        : state is not null && state.IsPausedOn(asOf) ? new DunningHold(ExclusionReason.Paused, Until: state.PausedUntil, Note: state.PauseReason)
        : null;

    async Task<List<Promise>> PendingPromisesAsync(List<long> customerIds, DateOnly asOf, CancellationToken ct) =>
        await db.Promises.AsNoTracking().Include(p => p.Invoices)
            .Where(p => customerIds.Contains(p.CustomerId) && p.Status == PromiseStatus.Pending && p.MadeOn <= asOf && p.PromisedDate >= asOf)
            .OrderBy(p => p.PromisedDate).ThenBy(p => p.Id)
            .ToListAsync(ct);

    async Task<List<(PaymentPlan Plan, InstalmentProgress? NextDue)>> PlansOnTrackAsync(List<long> customerIds, DateOnly asOf, CancellationToken ct)
    {
        var followed = await db.PaymentPlans.AsNoTracking().Include(p => p.Invoices)
            .Where(p => customerIds.Contains(p.CustomerId) && (p.Status == PlanStatus.OnTrack || p.Status == PlanStatus.Late) && p.StartsOn <= asOf)
            .ToListAsync(ct);
        var onTrack = new List<(PaymentPlan, InstalmentProgress?)>();
        foreach (var plan in followed)
        {
            // The stored status is as of the last daily review; the run decides afresh for its own date.
            var view = await plans.ReadAsync(plan, asOf, ct);
            if (view.Status == PlanStatus.OnTrack)
                onTrack.Add((plan, view.Instalments.FirstOrDefault(i => !i.Paid)));
        }
        return onTrack;
    }

    /// <summary>Disputes open on the date, by customer and invoice: opened by then and not resolved by then.</summary>
    async Task<Dictionary<long, Dictionary<long, decimal>>> DisputedAsync(List<long> customerIds, DateOnly asOf, CancellationToken ct)
    {
        var endOfDay = new DateTimeOffset(asOf.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var rows = await db.Disputes.AsNoTracking()
            .Where(d => customerIds.Contains(d.CustomerId) && d.OpenedAt < endOfDay
                && (d.Status == DisputeStatus.Open || (d.ResolvedAt != null && d.ResolvedAt >= endOfDay)))
            .GroupBy(d => new { d.CustomerId, d.InvoiceId })
            .Select(g => new { g.Key.CustomerId, g.Key.InvoiceId, Amount = g.Sum(d => d.Amount) })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.CustomerId).ToDictionary(g => g.Key, g => g.ToDictionary(r => r.InvoiceId, r => r.Amount));
    }
}
