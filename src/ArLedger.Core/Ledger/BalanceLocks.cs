using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Ledger;

/// <summary>
/// The one order in which a ledger transaction takes its locks: the customer's kept balance row first, then the
/// documents in id order. Every write to a document or an entry also updates that balance row (the triggers of
/// customer_balances), so a transaction that locked documents first and another that posted a document first (a
/// payment, then its allocations; an allocation reversed meanwhile) would each hold what the other waits for.
/// Taking the balance row before any document lock makes them queue instead of deadlocking.
/// </summary>
public static class BalanceLocks
{
    /// <summary>Locks the kept balances of the customers these documents belong to, in customer id order.</summary>
    public static Task ForDocumentsAsync(ArLedgerDbContext db, long[] documentIds, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            select 1 from customer_balances
            where customer_id in (select customer_id from documents where id = any({documentIds}))
            order by customer_id for update
            """, ct);

    /// <summary>Locks one customer's kept balance.</summary>
    public static Task ForCustomerAsync(ArLedgerDbContext db, long customerId, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"select 1 from customer_balances where customer_id = {customerId} for update", ct);
}
