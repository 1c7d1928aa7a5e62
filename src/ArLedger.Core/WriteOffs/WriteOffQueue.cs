using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.WriteOffs;

/// <summary>A write-off with its invoice and customer, as the queue shows it.</summary>
public sealed record WriteOffLine(long Id, string AccountNumber, string CustomerName, string InvoiceNumber, decimal InvoiceAmount,
    decimal InvoiceOpen, decimal Amount, string Currency, string Reason, WriteOffStatus Status, string ProposedBy, DateTimeOffset ProposedAt,
    string? DecidedBy, DateTimeOffset? DecidedAt, string? DecisionNote);

/// <summary>The write-offs waiting for a manager, and those decided, newest first.</summary>
public sealed class WriteOffQueue(ArLedgerDbContext db)
{
    public const int DefaultPageSize = 25;

    /// <param name="proposedBy">Only the proposals of this person (a clerk sees their own).</param>
    public async Task<Page<WriteOffLine>> ListAsync(WriteOffStatus? status, string? proposedBy, string? search, int pageNumber,
        int pageSize = DefaultPageSize, CancellationToken ct = default)
    {
        pageNumber = Math.Max(1, pageNumber);
        var rows =
            from w in db.WriteOffs
            join i in db.Invoices on w.InvoiceId equals i.Id
            join c in db.Customers on w.CustomerId equals c.Id
            select new { w, i.Number, i.Amount, Open = i.Amount - i.AllocatedAmount - i.WrittenOffAmount, c.AccountNumber, c.Name };
        if (status is { } s)
            rows = rows.Where(r => r.w.Status == s);
        if (proposedBy is not null)
            rows = rows.Where(r => r.w.ProposedBy == proposedBy);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = "%" + search.Trim().Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            rows = rows.Where(r => EF.Functions.ILike(r.Number, pattern) || EF.Functions.ILike(r.AccountNumber, pattern)
                || EF.Functions.ILike(r.Name, pattern));
        }
        var total = await rows.CountAsync(ct);
        var items = await rows.OrderByDescending(r => r.w.DecidedAt == null).ThenByDescending(r => r.w.ProposedAt).ThenByDescending(r => r.w.Id)
            .Skip((pageNumber - 1) * pageSize).Take(pageSize)
            .Select(r => new WriteOffLine(r.w.Id, r.AccountNumber, r.Name, r.Number, r.Amount, r.Open, r.w.Amount, r.w.Currency, r.w.Reason,
                r.w.Status, r.w.ProposedBy, r.w.ProposedAt, r.w.DecidedBy, r.w.DecidedAt, r.w.DecisionNote))
            .ToListAsync(ct);
        return new Page<WriteOffLine>(items, pageNumber, pageSize, total);
    }
}
