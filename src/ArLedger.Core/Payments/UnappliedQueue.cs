using ArLedger.Ledger;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Payments;

/// <summary>A credit of some customer still waiting to be applied: a payment's unapplied cash or a credit note's rest.</summary>
public sealed record UnappliedCredit(string AccountNumber, string CustomerName, string Currency, DocumentKind Kind, string Number,
    DateOnly Date, decimal Amount, decimal Open, string? Reference);

/// <summary>
/// The unapplied-cash work queue: every customer's payments and credit notes not yet fully applied, oldest first,
/// so the money that has waited longest to be matched is matched first.
/// </summary>
public sealed class UnappliedQueue(ArLedgerDbContext db)
{
    public const int DefaultPageSize = 50;

    public async Task<(Page<UnappliedCredit> Page, decimal Total)> ReadAsync(int pageNumber = 1, int pageSize = DefaultPageSize, CancellationToken ct = default)
    {
        pageNumber = Math.Max(1, pageNumber);
        var open = db.Documents.AsNoTracking()
            .Where(d => (d.Kind == DocumentKind.Payment || d.Kind == DocumentKind.CreditNote)
                && d.ReversedAt == null && d.Amount - d.AllocatedAmount > 0);
        var count = await open.CountAsync(ct);
        var total = await open.SumAsync(d => d.Amount - d.AllocatedAmount, ct);
        var items = await open
            .OrderBy(d => d.DocumentDate).ThenBy(d => d.Id)
            .Skip((pageNumber - 1) * pageSize).Take(pageSize)
            .Join(db.Customers, d => d.CustomerId, c => c.Id, (d, c) => new UnappliedCredit(c.AccountNumber, c.Name, d.Currency, d.Kind, d.Number,
                d.DocumentDate, d.Amount, d.Amount - d.AllocatedAmount, d.Reference))
            .ToListAsync(ct);
        return (new Page<UnappliedCredit>(items, pageNumber, pageSize, count), total);
    }
}
