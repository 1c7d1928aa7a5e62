using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Promises;

/// <summary>One instalment and how much of it the payments made so far cover, oldest instalment first.</summary>
public sealed record InstalmentProgress(DateOnly DueDate, decimal Amount, decimal Covered, bool Late)
{
    public bool Paid => Covered >= Amount;
}

/// <summary>A payment plan as it stands on a date.</summary>
public sealed record PlanView(PaymentPlan Plan, IReadOnlyList<string> InvoiceNumbers, PlanStatus Status, decimal Planned, decimal Paid,
    decimal OpenNow, IReadOnlyList<InstalmentProgress> Instalments);

/// <summary>
/// Where a payment plan stands: completed once its invoices are fully paid, late when the payments allocated to its
/// invoices since it started do not cover the instalments already due, on track otherwise.
/// </summary>
public sealed class PlanProgress(ArLedgerDbContext db, BusinessCalendar calendar)
{
    /// <summary>The rule itself, on figures already read.</summary>
    public static PlanStatus Decide(PlanStatus stored, IEnumerable<PlanInstalment> instalments, decimal paid, decimal openNow, DateOnly asOf) =>
        stored == PlanStatus.Cancelled ? PlanStatus.Cancelled
        : openNow <= 0 ? PlanStatus.Completed
        : instalments.Where(i => i.DueDate < asOf).Sum(i => i.Amount) > paid ? PlanStatus.Late
        : PlanStatus.OnTrack;

    /// <summary>The word of the plan's audit event when its status changes to <paramref name="status"/>.</summary>
    public static string EventName(PlanStatus status) => status switch
    {
        PlanStatus.OnTrack => "on-track",
        PlanStatus.Late => "late",
        PlanStatus.Completed => "completed",
        PlanStatus.Cancelled => "cancelled",
    };

    public async Task<IReadOnlyList<PlanView>> ForCustomerAsync(long customerId, CancellationToken ct = default)
    {
        var today = calendar.Today;
        var plans = await db.PaymentPlans.AsNoTracking().Where(p => p.CustomerId == customerId)
            .OrderByDescending(p => p.StartsOn).ThenByDescending(p => p.Id).ToListAsync(ct);
        var views = new List<PlanView>(plans.Count);
        foreach (var plan in plans)
            views.Add(await ReadAsync(plan, today, ct));
        return views;
    }

    /// <summary>The plan as of <paramref name="asOf"/>: payments count from the day it started up to that day.</summary>
    public async Task<PlanView> ReadAsync(PaymentPlan plan, DateOnly asOf, CancellationToken ct = default)
    {
        var instalments = await db.PlanInstalments.AsNoTracking().Where(i => i.PaymentPlanId == plan.Id)
            .OrderBy(i => i.DueDate).ThenBy(i => i.Id).ToListAsync(ct);
        var invoiceIds = db.PaymentPlanInvoices.Where(l => l.PaymentPlanId == plan.Id).Select(l => l.InvoiceId);
        var invoices = await db.Invoices.AsNoTracking().Where(i => invoiceIds.Contains(i.Id))
            .Select(i => new { i.Number, Open = i.ReversedAt == null ? i.Amount - i.AllocatedAmount - i.WrittenOffAmount : 0m })
            .ToListAsync(ct);
        var paid = await db.Allocations
            .Where(a => invoiceIds.Contains(a.DebitDocumentId) && a.AllocationDate >= plan.StartsOn && a.AllocationDate <= asOf
                && db.Payments.Any(p => p.Id == a.CreditDocumentId))
            .SumAsync(a => a.Amount, ct);
        var openNow = invoices.Sum(i => i.Open);

        // Payments cover the instalments in date order, as a clerk would tick them off.
        var left = paid;
        var progress = new List<InstalmentProgress>(instalments.Count);
        foreach (var i in instalments)
        {
            var covered = Math.Clamp(left, 0m, i.Amount);
            left -= covered;
            progress.Add(new InstalmentProgress(i.DueDate, i.Amount, covered, covered < i.Amount && i.DueDate < asOf));
        }
        var status = Decide(plan.Status, instalments, paid, openNow, asOf);
        return new PlanView(plan, invoices.Select(i => i.Number).Order(StringComparer.Ordinal).ToList(), status,
            instalments.Sum(i => i.Amount), paid, openNow, progress);
    }
}
