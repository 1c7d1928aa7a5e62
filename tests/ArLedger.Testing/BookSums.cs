using ArLedger.Customers;
using ArLedger.Disputes;
using ArLedger.Ledger;
using ArLedger.Persistence;
using ArLedger.Reporting;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Testing;

/// <summary>
/// Figures summed afresh from the book's entries, documents and disputes: the slow way that the kept
/// customer_balances rows replace, and what tests hold those rows, and every figure read from them, to.
/// </summary>
public static class BookSums
{
    /// <summary>What one customer owes as of <paramref name="today"/>.</summary>
    public static async Task<CustomerFigures> CustomerAsync(ArLedgerDbContext db, long customerId, DateOnly today)
    {
        var limit = await db.Customers.Where(c => c.Id == customerId).Select(c => c.CreditLimit).SingleAsync();
        var balance = await db.LedgerEntries.Where(e => e.CustomerId == customerId).SumAsync(e => e.Debit - e.Credit);
        var overdue = await OpenDebits(db).Where(d => d.CustomerId == customerId && d.DueDate < today)
            .SumAsync(d => d.Amount - d.AllocatedAmount - d.WrittenOffAmount);
        var unapplied = await Credits(db).Where(d => d.CustomerId == customerId).SumAsync(d => d.Amount - d.AllocatedAmount);
        var disputed = await db.Disputes.Where(d => d.CustomerId == customerId && d.Status == DisputeStatus.Open).SumAsync(d => d.Amount);
        return new CustomerFigures(balance, overdue, disputed, unapplied, limit);
    }

    /// <summary>The whole book's totals as of <paramref name="today"/>, from every document.</summary>
    public static async Task<BookTotals> TotalsAsync(ArLedgerDbContext db, DateOnly today) => new(
        Receivables: await OpenDebits(db).SumAsync(d => d.Amount - d.AllocatedAmount - d.WrittenOffAmount),
        Overdue: await OpenDebits(db).Where(d => d.DueDate < today).SumAsync(d => d.Amount - d.AllocatedAmount - d.WrittenOffAmount),
        Disputed: await db.Disputes.Where(d => d.Status == DisputeStatus.Open).SumAsync(d => d.Amount),
        UnappliedCash: await Credits(db).SumAsync(d => d.Amount - d.AllocatedAmount),
        Customers: await db.Customers.CountAsync(),
        OpenInvoices: await OpenDebits(db).CountAsync(d => d.Kind == DocumentKind.Invoice));

    /// <summary>How many of one customer's invoices are open.</summary>
    public static Task<int> OpenInvoicesAsync(ArLedgerDbContext db, long customerId) =>
        OpenDebits(db).CountAsync(d => d.CustomerId == customerId && d.Kind == DocumentKind.Invoice);

    /// <summary>Invoices, fees and interest not reversed and not settled.</summary>
    static IQueryable<DebitDocument> OpenDebits(ArLedgerDbContext db) => db.Documents.OfType<DebitDocument>()
        .Where(d => d.ReversedAt == null && d.AllocatedAmount + d.WrittenOffAmount < d.Amount);

    static IQueryable<Document> Credits(ArLedgerDbContext db) => db.Documents
        .Where(d => d.ReversedAt == null && (d.Kind == DocumentKind.Payment || d.Kind == DocumentKind.CreditNote));
}
