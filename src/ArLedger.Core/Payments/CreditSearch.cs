using ArLedger.Invoices;
using ArLedger.Ledger;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Payments;

/// <summary>What a list of payments or credit notes asks for: newest first, a page at a time by keyset cursors (as
/// the invoice list's, "date~id").</summary>
public sealed record CreditQuery(
    DocumentKind Kind,
    string? CustomerAccountNumber = null,
    CreditStatus? Status = null,
    DateOnly? From = null,
    DateOnly? To = null,
    string? After = null,
    string? Before = null,
    int PageSize = InvoiceSearch.DefaultPageSize);

/// <summary>A payment or credit note in a list, with what of it is still unapplied.</summary>
public sealed record CreditRow(long Id, string Number, DateOnly Date, string CustomerAccountNumber, string Currency, decimal Amount,
    decimal Unapplied, CreditStatus Status, string? Reference);

/// <summary>One page of payments or credit notes; <see cref="Count"/> stops counting past <see cref="InvoiceSearch.CountLimit"/>.</summary>
public sealed record CreditList(IReadOnlyList<CreditRow> Items, string? PreviousCursor, string? NextCursor, int Count)
{
    public bool CountIsCapped => Count > InvoiceSearch.CountLimit;
}

/// <summary>Lists the payments or the credit notes of the book, filtered by customer, status and dates.</summary>
public sealed class CreditSearch(ArLedgerDbContext db)
{
    public async Task<CreditList> SearchAsync(CreditQuery query, CancellationToken ct = default)
    {
        var size = Math.Clamp(query.PageSize, 1, 200);
        var q = Filter(query);
        var count = await q.Take(InvoiceSearch.CountLimit + 1).CountAsync(ct);

        var after = InvoiceCursor.Parse(query.After);
        var before = after is null ? InvoiceCursor.Parse(query.Before) : null;
        var forward = before is null;
        var cursor = after ?? before;
        if (cursor is { DateValue: var date, Id: var id })
            q = forward
                ? q.Where(d => EF.Functions.LessThan(ValueTuple.Create(d.DocumentDate, d.Id), ValueTuple.Create(date, id)))
                : q.Where(d => EF.Functions.GreaterThan(ValueTuple.Create(d.DocumentDate, d.Id), ValueTuple.Create(date, id)));
        var ordered = forward ? q.OrderByDescending(d => d.DocumentDate).ThenByDescending(d => d.Id) : q.OrderBy(d => d.DocumentDate).ThenBy(d => d.Id);
        var rows = await ordered.Take(size + 1)
            .Select(d => new { d.Id, d.Number, d.DocumentDate, Account = db.Customers.Where(c => c.Id == d.CustomerId).Select(c => c.AccountNumber).Single(),
                d.Currency, d.Amount, d.AllocatedAmount, d.WrittenOffAmount, d.ReversedAt, d.Reference })
            .ToListAsync(ct);
        var more = rows.Count > size;
        if (more)
            rows.RemoveAt(size);
        if (!forward)
            rows.Reverse();
        var items = rows.Select(r => new CreditRow(r.Id, r.Number, r.DocumentDate, r.Account, r.Currency, r.Amount,
            r.ReversedAt is null ? r.Amount - r.AllocatedAmount - r.WrittenOffAmount : 0m,
            CreditStatuses.Of(r.Amount, r.AllocatedAmount, r.ReversedAt is not null), r.Reference)).ToList();

        string CursorOf(CreditRow row) => InvoiceCursor.Format(InvoiceSort.Date, row.Date, row.Date, row.Amount, row.Id);
        var hasPrevious = forward ? cursor is not null : more;
        var hasNext = !forward || more;
        return new CreditList(items,
            items.Count > 0 && hasPrevious ? CursorOf(items[0]) : null,
            items.Count > 0 && hasNext ? CursorOf(items[^1]) : null,
            count);
    }

    IQueryable<Document> Filter(CreditQuery query)
    {
        var q = db.Documents.AsNoTracking().Where(d => d.Kind == query.Kind);
        if (!string.IsNullOrWhiteSpace(query.CustomerAccountNumber))
            q = q.Where(d => db.Customers.Any(c => c.Id == d.CustomerId && c.AccountNumber == query.CustomerAccountNumber));
        if (query.From is { } from)
            q = q.Where(d => d.DocumentDate >= from);
        if (query.To is { } to)
            q = q.Where(d => d.DocumentDate <= to);
        return query.Status switch
        {
            null => q,
            CreditStatus.Reversed => q.Where(d => d.ReversedAt != null),
            CreditStatus.Unapplied => q.Where(d => d.ReversedAt == null && d.AllocatedAmount <= 0),
            CreditStatus.PartiallyApplied => q.Where(d => d.ReversedAt == null && d.AllocatedAmount > 0 && d.AllocatedAmount < d.Amount),
            CreditStatus.Applied => q.Where(d => d.ReversedAt == null && d.AllocatedAmount >= d.Amount),
            _ => q.Where(d => false),
        };
    }
}
