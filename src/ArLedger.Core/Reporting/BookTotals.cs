using ArLedger.Customers;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Reporting;

/// <summary>The book at a glance: what is owed, how much of it is late, disputed, and cash not yet applied.</summary>
public sealed record BookTotals(decimal Receivables, decimal Overdue, decimal Disputed, decimal UnappliedCash, int Customers, int OpenInvoices);

/// <summary>
/// Totals the kept <see cref="CustomerBalance"/> rows, one per customer, instead of every document of the book: the
/// home page shows them on every visit, and summing a million documents took most of a second.
/// </summary>
public sealed class BookTotalsQuery(ArLedgerDbContext db, BusinessCalendar calendar)
{
    public async Task<BookTotals> ReadAsync(CancellationToken ct = default)
    {
        await CustomerBalances.RefreshOverdueAsync(db, calendar.Today, ct);
        // Receivables are the open amounts of invoices, fees and interest; by invariant 2 each customer's are its
        // balance plus its unapplied cash.
        var row = await db.Database.SqlQuery<BookTotalsRow>($"""
            select coalesce(sum(balance + unapplied), 0) as receivables,
                   coalesce(sum(overdue), 0) as overdue,
                   coalesce(sum(unapplied), 0) as unapplied,
                   coalesce(sum(open_invoices), 0)::int as open_invoices,
                   count(*)::int as customers,
                   coalesce(sum(disputed), 0) as disputed
            from customer_balances
            """).SingleAsync(ct);
        return new BookTotals(row.receivables, row.overdue, row.disputed, row.unapplied, row.customers, row.open_invoices);
    }

#pragma warning disable IDE1006, CA1707 // column names
    sealed record BookTotalsRow(decimal receivables, decimal overdue, decimal unapplied, int open_invoices, int customers, decimal disputed);
#pragma warning restore IDE1006, CA1707
}
