using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Reporting;

/// <summary>The book at a glance: what is owed, how much of it is late, disputed, and cash not yet applied.</summary>
public sealed record BookTotals(decimal Receivables, decimal Overdue, decimal Disputed, decimal UnappliedCash, int Customers, int OpenInvoices);

public sealed class BookTotalsQuery(ArLedgerDbContext db, TimeProvider clock)
{
    public async Task<BookTotals> ReadAsync(CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var row = await db.Database.SqlQuery<BookTotalsRow>($"""
            select coalesce(sum(amount - allocated_amount - written_off_amount) filter (where kind in ('Invoice', 'Fee', 'Interest')), 0) as receivables,
                   coalesce(sum(amount - allocated_amount - written_off_amount) filter (where kind in ('Invoice', 'Fee', 'Interest') and due_date < {today}), 0) as overdue,
                   coalesce(sum(amount - allocated_amount) filter (where kind in ('Payment', 'CreditNote')), 0) as unapplied,
                   count(*) filter (where kind = 'Invoice' and amount - allocated_amount - written_off_amount > 0)::int as open_invoices,
                   (select count(*) from customers)::int as customers,
                   (select coalesce(sum(amount), 0) from disputes where status = 'Open') as disputed
            from documents where reversed_at is null
            """).SingleAsync(ct);
        return new BookTotals(row.receivables, row.overdue, row.disputed, row.unapplied, row.customers, row.open_invoices);
    }

#pragma warning disable IDE1006, CA1707 // column names
    sealed record BookTotalsRow(decimal receivables, decimal overdue, decimal unapplied, int open_invoices, int customers, decimal disputed);
#pragma warning restore IDE1006, CA1707
}
