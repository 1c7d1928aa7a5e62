using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Ledger;

/// <summary>A line of a customer's account with the balance after it, and the kind of its document (to link to its page).</summary>
public sealed record LedgerLine(long Id, DateOnly EntryDate, EntryKind Kind, string? DocumentNumber, string Description,
    decimal Debit, decimal Credit, decimal Balance, DocumentKind? DocumentKind = null);

/// <summary>A customer's account between two dates: the balance brought forward, then each entry with its running balance.</summary>
public sealed record LedgerView(decimal OpeningBalance, IReadOnlyList<LedgerLine> Lines, decimal ClosingBalance);

public sealed class CustomerLedger(ArLedgerDbContext db)
{
    public async Task<LedgerView> ReadAsync(long customerId, DateOnly? from = null, DateOnly? to = null, CancellationToken ct = default) =>
        (await ReadAsync([customerId], from, to, ct))[customerId];

    /// <summary>The accounts of many customers in two queries (a statement run's batch); every id asked for has a view.</summary>
    public async Task<IReadOnlyDictionary<long, LedgerView>> ReadAsync(IReadOnlyCollection<long> customerIds, DateOnly? from = null,
        DateOnly? to = null, CancellationToken ct = default)
    {
        var entries = db.LedgerEntries.AsNoTracking().Where(e => customerIds.Contains(e.CustomerId));
        var openings = from is { } f
            ? await entries.Where(e => e.EntryDate < f).GroupBy(e => e.CustomerId)
                .Select(g => new { g.Key, Balance = g.Sum(e => e.Debit - e.Credit) })
                .ToDictionaryAsync(g => g.Key, g => g.Balance, ct)
            : [];
        var rows = await (
                from e in entries
                where (@from == null || e.EntryDate >= @from) && (to == null || e.EntryDate <= to)
                join d in db.Documents on e.DocumentId equals (long?)d.Id into documents
                from d in documents.DefaultIfEmpty()
                orderby e.CustomerId, e.EntryDate, e.Id
                select new
                {
                    e.CustomerId, e.Id, e.EntryDate, e.Kind, e.Description, e.Debit, e.Credit,
                    Number = d == null ? null : d.Number,
                    DocumentKind = d == null ? (DocumentKind?)null : d.Kind,
                })
            .ToListAsync(ct);
        var byCustomer = rows.ToLookup(r => r.CustomerId);
        var views = new Dictionary<long, LedgerView>(customerIds.Count);
        foreach (var id in customerIds)
        {
            var balance = openings.GetValueOrDefault(id);
            var opening = balance;
            var lines = new List<LedgerLine>();
            foreach (var r in byCustomer[id])
            {
                balance += r.Debit - r.Credit;
                lines.Add(new LedgerLine(r.Id, r.EntryDate, r.Kind, r.Number, r.Description, r.Debit, r.Credit, balance, r.DocumentKind));
            }
            views[id] = new LedgerView(opening, lines, balance);
        }
        return views;
    }
}
