using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Ledger;

/// <summary>A line of a customer's account with the balance after it.</summary>
public sealed record LedgerLine(long Id, DateOnly EntryDate, EntryKind Kind, string? DocumentNumber, string Description,
    decimal Debit, decimal Credit, decimal Balance);

/// <summary>A customer's account between two dates: the balance brought forward, then each entry with its running balance.</summary>
public sealed record LedgerView(decimal OpeningBalance, IReadOnlyList<LedgerLine> Lines, decimal ClosingBalance);

public sealed class CustomerLedger(ArLedgerDbContext db)
{
    public async Task<LedgerView> ReadAsync(long customerId, DateOnly? from = null, DateOnly? to = null, CancellationToken ct = default)
    {
        var entries = db.LedgerEntries.AsNoTracking().Where(e => e.CustomerId == customerId);
        var opening = from is { } f ? await entries.Where(e => e.EntryDate < f).SumAsync(e => e.Debit - e.Credit, ct) : 0m;
        var rows = await entries
            .Where(e => (from == null || e.EntryDate >= from) && (to == null || e.EntryDate <= to))
            .OrderBy(e => e.EntryDate).ThenBy(e => e.Id)
            .Select(e => new
            {
                e.Id, e.EntryDate, e.Kind, e.Description, e.Debit, e.Credit,
                Number = db.Documents.Where(d => d.Id == e.DocumentId).Select(d => d.Number).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var balance = opening;
        var lines = new List<LedgerLine>(rows.Count);
        foreach (var r in rows)
        {
            balance += r.Debit - r.Credit;
            lines.Add(new LedgerLine(r.Id, r.EntryDate, r.Kind, r.Number, r.Description, r.Debit, r.Credit, balance));
        }
        return new LedgerView(opening, lines, balance);
    }
}
