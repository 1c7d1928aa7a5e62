using ArLedger.Disputes;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Web.Collections;

/// <summary>An invoice as the dispute and write-off forms show it: whose, how much, how much is still open or disputed.</summary>
public sealed record InvoiceFacts(long Id, string Number, string AccountNumber, string CustomerName, string Currency, DateOnly InvoiceDate,
    DateOnly DueDate, decimal Amount, decimal Open, decimal Disputed)
{
    public decimal Undisputed => Math.Max(0m, Open - Disputed);

    public static async Task<InvoiceFacts?> FindAsync(ArLedgerDbContext db, string? number, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(number))
            return null;
        number = number.Trim();
        return await (
            from i in db.Invoices
            join c in db.Customers on i.CustomerId equals c.Id
            where i.Number == number
            select new InvoiceFacts(i.Id, i.Number, c.AccountNumber, c.Name, i.Currency, i.DocumentDate, i.DueDate, i.Amount,
                i.ReversedAt == null ? i.Amount - i.AllocatedAmount - i.WrittenOffAmount : 0m,
                db.Disputes.Where(d => d.InvoiceId == i.Id && d.Status == DisputeStatus.Open).Sum(d => d.Amount)))
            .SingleOrDefaultAsync(ct);
    }
}
