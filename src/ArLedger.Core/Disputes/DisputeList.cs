using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Disputes;

/// <summary>What the disputes list shows; every part is optional. Search matches an invoice number, an account number or a customer name.</summary>
public sealed record DisputeFilter(string? Search = null, DisputeStatus? Status = null, DisputeReason? Reason = null, long? OwnerId = null,
    long? CustomerId = null);

public sealed record DisputeSummary(long Id, string AccountNumber, string CustomerName, string InvoiceNumber, DateOnly InvoiceDueDate,
    decimal Amount, string Currency, DisputeReason Reason, DisputeStatus Status, long? OwnerId, string? OwnerName, DateTimeOffset OpenedAt,
    DateTimeOffset? ResolvedAt, string? Description);

/// <summary>A page of disputes and the total disputed amount of everything the filter matches.</summary>
public sealed record DisputePage(Page<DisputeSummary> Page, decimal TotalAmount);

/// <summary>A person a dispute can be given to.</summary>
public sealed record DisputeOwner(long Id, string Name);

/// <summary>Lists disputes, newest first, with the people who can own them.</summary>
public sealed class DisputeList(ArLedgerDbContext db)
{
    public const int DefaultPageSize = 25;

    public async Task<DisputePage> SearchAsync(DisputeFilter filter, int pageNumber, int pageSize = DefaultPageSize, CancellationToken ct = default)
    {
        pageNumber = Math.Max(1, pageNumber);
        var rows =
            from d in db.Disputes
            join i in db.Invoices on d.InvoiceId equals i.Id
            join c in db.Customers on d.CustomerId equals c.Id
            join u in db.Users on d.OwnerId equals u.Id into owners
            from u in owners.DefaultIfEmpty()
            select new { d, i.Number, i.DueDate, i.Currency, c.AccountNumber, c.Name, Owner = u == null ? null : u.DisplayName ?? u.UserName };
        if (filter.Status is { } status)
            rows = rows.Where(r => r.d.Status == status);
        if (filter.Reason is { } reason)
            rows = rows.Where(r => r.d.Reason == reason);
        if (filter.OwnerId is { } owner)
            rows = owner == 0 ? rows.Where(r => r.d.OwnerId == null) : rows.Where(r => r.d.OwnerId == owner);
        if (filter.CustomerId is { } customer)
            rows = rows.Where(r => r.d.CustomerId == customer);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var pattern = "%" + filter.Search.Trim().Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            rows = rows.Where(r => EF.Functions.ILike(r.Number, pattern) || EF.Functions.ILike(r.AccountNumber, pattern)
                || EF.Functions.ILike(r.Name, pattern));
        }

        var total = await rows.CountAsync(ct);
        var amount = await rows.SumAsync(r => r.d.Amount, ct);
        var items = await rows.OrderByDescending(r => r.d.OpenedAt).ThenByDescending(r => r.d.Id)
            .Skip((pageNumber - 1) * pageSize).Take(pageSize)
            .Select(r => new DisputeSummary(r.d.Id, r.AccountNumber, r.Name, r.Number, r.DueDate, r.d.Amount, r.Currency, r.d.Reason,
                r.d.Status, r.d.OwnerId, r.Owner, r.d.OpenedAt, r.d.ResolvedAt, r.d.Description))
            .ToListAsync(ct);
        return new DisputePage(new Page<DisputeSummary>(items, pageNumber, pageSize, total), amount);
    }

    /// <summary>The people who sign in, by name: anyone may own a dispute.</summary>
    public async Task<IReadOnlyList<DisputeOwner>> OwnersAsync(CancellationToken ct = default) =>
        await db.Users.AsNoTracking().OrderBy(u => u.DisplayName ?? u.UserName)
            .Select(u => new DisputeOwner(u.Id, u.DisplayName ?? u.UserName!)).ToListAsync(ct);
}
