using ArLedger.Disputes;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Web.Collections;

/// <summary>An open invoice a clerk can pick for a dispute, a promise or a payment plan.</summary>
public sealed record OpenInvoice(long Id, string Number, DateOnly InvoiceDate, DateOnly DueDate, decimal Amount, decimal Open, decimal Disputed);

public static class OpenInvoices
{
    /// <summary>The customer's open invoices, oldest due first (the order a collector works in).</summary>
    public static async Task<IReadOnlyList<OpenInvoice>> OfAsync(ArLedgerDbContext db, long customerId, CancellationToken ct) =>
        await db.Invoices.AsNoTracking()
            .Where(i => i.CustomerId == customerId && i.ReversedAt == null && i.Amount - i.AllocatedAmount - i.WrittenOffAmount > 0)
            .OrderBy(i => i.DueDate).ThenBy(i => i.Id)
            .Select(i => new OpenInvoice(i.Id, i.Number, i.DocumentDate, i.DueDate, i.Amount, i.Amount - i.AllocatedAmount - i.WrittenOffAmount,
                db.Disputes.Where(d => d.InvoiceId == i.Id && d.Status == DisputeStatus.Open).Sum(d => d.Amount)))
            .ToListAsync(ct);
}
