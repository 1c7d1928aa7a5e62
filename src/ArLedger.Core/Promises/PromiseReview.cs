using ArLedger.Audit;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Promises;

/// <summary>A promise with the status it has today and what was paid towards it.</summary>
public sealed record PromiseView(Promise Promise, IReadOnlyList<string> InvoiceNumbers, PromiseStatus Status, decimal Paid);

/// <summary>What one review changed.</summary>
public sealed record ReviewResult(int Kept, int Broken, int PlansChanged);

/// <summary>
/// Decides promises once their date has passed: kept when the payments made since the promise cover its amount,
/// broken otherwise. A payment counts when it was allocated to one of the promise's invoices after the promise was
/// made (compared as instants, not days) and by the promised date, or when it was received in that window and is still unmatched (so a
/// clerk who has not reconciled the bank yet does not break the customer's promise). A promise on account, with no
/// invoices, counts every payment received in the window. Also refreshes the status of payment plans.
/// </summary>
public sealed class PromiseReview(ArLedgerDbContext db, BusinessCalendar calendar, Actor actor, PlanProgress plans)
{
    /// <summary>
    /// Decides every pending promise whose date is before <paramref name="asOf"/> and records the plans whose status
    /// changed. Safe to run again, and on several nodes at once: a decided promise is never decided again, rows are
    /// locked while deciding, and a plan event is written only when the status changes.
    /// </summary>
    public async Task<ReviewResult> EvaluateAsync(DateOnly asOf, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = calendar.Now;
        var due = await db.Promises
            .FromSqlInterpolated($"select * from promises where status = 'Pending' and promised_date < {asOf} order by id for update skip locked")
            .AsTracking().ToListAsync(ct);
        var invoicesOf = await InvoicesOfAsync(due.Select(p => p.Id).ToList(), ct);
        int kept = 0, broken = 0;
        foreach (var promise in due)
        {
            var paid = await PaidTowardsAsync(promise, invoicesOf[promise.Id], promise.PromisedDate, ct);
            promise.Status = paid >= promise.Amount ? PromiseStatus.Kept : PromiseStatus.Broken;
            promise.PaidAmount = paid;
            promise.DecidedAt = now;
            if (promise.Status == PromiseStatus.Kept) kept++; else broken++;
            AuditTrail.Record(db, actor, now, promise.Status == PromiseStatus.Kept ? "promise.kept" : "promise.broken", nameof(Promise),
                promise.Id, promise.CustomerId, before: new { Status = PromiseStatus.Pending }, after: new { promise.Status, Paid = paid, promise.Amount });
        }

        var followed = await db.PaymentPlans
            .FromSqlInterpolated($"select * from payment_plans where status in ('OnTrack', 'Late') order by id for update skip locked")
            .AsTracking().ToListAsync(ct);
        var changed = 0;
        foreach (var plan in followed)
        {
            var status = (await plans.ReadAsync(plan, asOf, ct)).Status;
            if (status == plan.Status)
                continue;
            AuditTrail.Record(db, actor, now, "payment-plan." + PlanProgress.EventName(status), nameof(PaymentPlan), plan.Id, plan.CustomerId,
                before: new { plan.Status }, after: new { Status = status });
            plan.Status = status;
            changed++;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new ReviewResult(kept, broken, changed);
    }

    /// <summary>A customer's promises, newest first, with today's status: a pending promise past its date shows as the
    /// review will decide it, so the page is right even before the daily review ran.</summary>
    public async Task<IReadOnlyList<PromiseView>> ForCustomerAsync(long customerId, CancellationToken ct = default)
    {
        var today = calendar.Today;
        var promises = await db.Promises.AsNoTracking().Where(p => p.CustomerId == customerId)
            .OrderByDescending(p => p.PromisedDate).ThenByDescending(p => p.Id).ToListAsync(ct);
        var invoicesOf = await InvoicesOfAsync(promises.Select(p => p.Id).ToList(), ct);
        var numbers = await NumbersAsync(invoicesOf.Values.SelectMany(v => v).Distinct().ToList(), ct);
        var views = new List<PromiseView>(promises.Count);
        foreach (var p in promises)
        {
            var invoices = invoicesOf[p.Id];
            var names = invoices.Select(id => numbers[id]).Order(StringComparer.Ordinal).ToList();
            if (p.Status != PromiseStatus.Pending)
            {
                views.Add(new PromiseView(p, names, p.Status, p.PaidAmount ?? 0m));
                continue;
            }
            var until = p.PromisedDate < today ? p.PromisedDate : today;
            var paid = await PaidTowardsAsync(p, invoices, until, ct);
            var status = !p.IsDueForDecision(today) ? PromiseStatus.Pending : paid >= p.Amount ? PromiseStatus.Kept : PromiseStatus.Broken;
            views.Add(new PromiseView(p, names, status, paid));
        }
        return views;
    }

    /// <summary>
    /// What was paid after the promise was made: recorded (or allocated) after the instant of the promise, so a payment
    /// allocated at 18:37 does not count towards a promise logged at 18:40 the same day, and dated by the promised day.
    /// </summary>
    async Task<decimal> PaidTowardsAsync(Promise promise, IReadOnlyList<long> invoiceIds, DateOnly until, CancellationToken ct)
    {
        var (from, since) = (promise.MadeOn, promise.CreatedAt);
        var received = db.Payments.Where(p => p.CustomerId == promise.CustomerId && p.ReversedAt == null
            && p.CreatedAt >= since && p.ValueDate >= from && p.ValueDate <= until);
        if (invoiceIds.Count == 0)
            return await received.SumAsync(p => p.Amount, ct);
        var allocated = await db.Allocations
            .Where(a => invoiceIds.Contains(a.DebitDocumentId) && a.CreatedAt >= since && a.AllocationDate >= from && a.AllocationDate <= until
                && db.Payments.Any(p => p.Id == a.CreditDocumentId))
            .SumAsync(a => a.Amount, ct);
        var unmatched = await received.SumAsync(p => p.Amount - p.AllocatedAmount, ct);
        return allocated + unmatched;
    }

    async Task<Dictionary<long, List<long>>> InvoicesOfAsync(List<long> promiseIds, CancellationToken ct)
    {
        var links = await db.PromiseInvoices.AsNoTracking().Where(l => promiseIds.Contains(l.PromiseId)).ToListAsync(ct);
        return promiseIds.ToDictionary(id => id, id => links.Where(l => l.PromiseId == id).Select(l => l.InvoiceId).ToList());
    }

    async Task<Dictionary<long, string>> NumbersAsync(List<long> ids, CancellationToken ct) =>
        await db.Documents.AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Number, ct);
}
