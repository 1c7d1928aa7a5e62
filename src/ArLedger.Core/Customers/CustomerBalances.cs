using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ArLedger.Customers;

/// <summary>
/// What one customer owes, kept by database triggers as documents, entries and disputes change (migration 0007),
/// so lists can filter and sort on it and the home page can total it. <see cref="Overdue"/> holds as of
/// <see cref="OverdueAsOf"/> only.
/// </summary>
public class CustomerBalance
{
    public long CustomerId { get; set; }
    public decimal Balance { get; set; }
    public decimal Overdue { get; set; }
    public DateOnly OverdueAsOf { get; set; }
    public decimal Unapplied { get; set; }
    public decimal Disputed { get; set; }

    /// <summary>Invoices with an open amount (migration 0011).</summary>
    public int OpenInvoices { get; set; }
}

/// <summary>Brings the overdue figures of <see cref="CustomerBalance"/> to a date before they are read.</summary>
public static class CustomerBalances
{
    // Rows of new customers carry '-infinity'; after midnight every row is stale once.
    const string StaleSql = "select exists (select 1 from customer_balances where overdue_as_of < $1 or overdue_as_of > $1)";

    // The table lock conflicts with the triggers' row-exclusive lock: no delta lands between this statement's
    // snapshot and its commit, and none is computed against a date this statement is changing.
    const string RefreshSql = """
        lock table customer_balances in share row exclusive mode;
        with stale as (
            select customer_id from customer_balances where overdue_as_of < $1 or overdue_as_of > $1
        ), sums as (
            select d.customer_id, sum(d.amount - d.allocated_amount - d.written_off_amount) as overdue
            from documents d join stale s on s.customer_id = d.customer_id
            where d.reversed_at is null and d.kind in ('Invoice', 'Fee', 'Interest', 'Refund')
              and d.allocated_amount + d.written_off_amount < d.amount and d.due_date < $1
            group by d.customer_id
        )
        update customer_balances b set overdue = coalesce(sums.overdue, 0), overdue_as_of = $1
        from stale left join sums on sums.customer_id = stale.customer_id
        where b.customer_id = stale.customer_id
        """;

    /// <summary>
    /// A customer's figures from the kept row: one indexed read instead of summing the account. The customer page
    /// and the API read them here, so they always agree.
    /// </summary>
    public static async Task<CustomerFigures> FiguresAsync(ArLedgerDbContext db, long customerId, decimal? creditLimit, DateOnly today,
        CancellationToken ct = default)
    {
        var kept = await db.CustomerBalances.AsNoTracking().SingleAsync(b => b.CustomerId == customerId, ct);
        if (kept.OverdueAsOf != today)
        {
            await RefreshOverdueAsync(db, today, ct);
            kept = await db.CustomerBalances.AsNoTracking().SingleAsync(b => b.CustomerId == customerId, ct);
        }
        return new CustomerFigures(kept.Balance, kept.Overdue, kept.Disputed, kept.Unapplied, creditLimit);
    }

    /// <summary>Recomputes the overdue figure of every row not already as of <paramref name="today"/>; usually nothing to do.</summary>
    public static async Task RefreshOverdueAsync(ArLedgerDbContext db, DateOnly today, CancellationToken ct = default)
    {
        await using var connection = await ContextConnection.OpenAsync(db, ct);
        await using (var check = new NpgsqlCommand(StaleSql, connection.Connection))
        {
            check.Parameters.AddWithValue(today);
            if (await check.ExecuteScalarAsync(ct) is not true)
                return;
        }
        await using var tx = await connection.Connection.BeginTransactionAsync(ct);
        await using (var refresh = new NpgsqlBatch(connection.Connection, tx))
        {
            var statements = RefreshSql.Split(';', 2);
            refresh.BatchCommands.Add(new NpgsqlBatchCommand(statements[0]));
            var update = new NpgsqlBatchCommand(statements[1]);
            update.Parameters.AddWithValue(today);
            refresh.BatchCommands.Add(update);
            await refresh.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }
}
