using ArLedger.Ledger;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Customers;

/// <summary>A customer in a list: who, and what they owe today.</summary>
public sealed record CustomerSummary(long Id, string AccountNumber, string Name, string? City, string Currency,
    decimal Balance, decimal Overdue, bool OnHold);

/// <summary>Finds customers by name, account number, legal id or email, a page at a time.</summary>
public sealed class CustomerSearch(ArLedgerDbContext db, TimeProvider clock)
{
    public const int DefaultPageSize = 25;

    public async Task<Page<CustomerSummary>> SearchAsync(string? search, int page = 1, int pageSize = DefaultPageSize, CancellationToken ct = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 200);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var q = db.Customers.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = "%" + search.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            q = q.Where(c => EF.Functions.ILike(c.Name, pattern) || EF.Functions.ILike(c.AccountNumber, pattern)
                || (c.LegalId != null && EF.Functions.ILike(c.LegalId, pattern))
                || (c.StatementEmail != null && EF.Functions.ILike(c.StatementEmail, pattern))
                || (c.DunningEmail != null && EF.Functions.ILike(c.DunningEmail, pattern)));
        }
        var total = await q.CountAsync(ct);
        // The page's customers first, then the sums for just those: with the sums in the same statement,
        // PostgreSQL computes them for every row that OFFSET skips too (seconds on a far page of a large book).
        var rows = await q.OrderBy(c => c.Name).ThenBy(c => c.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(c => new { c.Id, c.AccountNumber, c.Name, c.BillingAddress.City, c.Currency, c.OnHold })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var balances = await db.LedgerEntries.Where(e => ids.Contains(e.CustomerId))
            .GroupBy(e => e.CustomerId)
            .Select(g => new { g.Key, Balance = g.Sum(e => e.Debit - e.Credit) })
            .ToDictionaryAsync(x => x.Key, x => x.Balance, ct);
        var overdue = await db.Documents.OfType<DebitDocument>()
            .Where(d => ids.Contains(d.CustomerId) && d.ReversedAt == null && d.DueDate < today)
            .GroupBy(d => d.CustomerId)
            .Select(g => new { g.Key, Overdue = g.Sum(d => d.Amount - d.AllocatedAmount - d.WrittenOffAmount) })
            .ToDictionaryAsync(x => x.Key, x => x.Overdue, ct);
        var items = rows.Select(r => new CustomerSummary(r.Id, r.AccountNumber, r.Name, r.City, r.Currency,
            balances.GetValueOrDefault(r.Id), overdue.GetValueOrDefault(r.Id), r.OnHold)).ToList();
        return new Page<CustomerSummary>(items, page, pageSize, total);
    }
}
