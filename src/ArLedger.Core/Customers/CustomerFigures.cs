using ArLedger.Disputes;
using ArLedger.Ledger;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Customers;

/// <summary>What a customer owes today: balance, the overdue part, the disputed part, and cash not yet applied.</summary>
public sealed record CustomerFigures(decimal Balance, decimal Overdue, decimal Disputed, decimal UnappliedCash, decimal? CreditLimit)
{
    /// <summary>Share of the credit limit in use (1 = 100 %), or null without a limit.</summary>
    public decimal? CreditUsage => CreditLimit is > 0 ? Balance / CreditLimit : null;
    public bool OverCreditLimit => CreditLimit is { } l && Balance > l;
}

public sealed class CustomerFiguresQuery(ArLedgerDbContext db, TimeProvider clock)
{
    public async Task<CustomerFigures> ReadAsync(long customerId, CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var limit = await db.Customers.Where(c => c.Id == customerId).Select(c => c.CreditLimit).SingleAsync(ct);
        var balance = await db.LedgerEntries.Where(e => e.CustomerId == customerId).SumAsync(e => e.Debit - e.Credit, ct);
        var overdue = await db.Documents.OfType<DebitDocument>()
            .Where(d => d.CustomerId == customerId && d.ReversedAt == null && d.DueDate < today)
            .SumAsync(d => d.Amount - d.AllocatedAmount - d.WrittenOffAmount, ct);
        var unapplied = await db.Documents
            .Where(d => d.CustomerId == customerId && d.ReversedAt == null && (d.Kind == DocumentKind.Payment || d.Kind == DocumentKind.CreditNote))
            .SumAsync(d => d.Amount - d.AllocatedAmount, ct);
        var disputed = await db.Disputes.Where(d => d.CustomerId == customerId && d.Status == DisputeStatus.Open).SumAsync(d => d.Amount, ct);
        return new CustomerFigures(balance, overdue, disputed, unapplied, limit);
    }
}
