using System.Globalization;
using ArLedger.Disputes;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Invoices;

public enum InvoiceSort
{
    Date,
    DueDate,
    Amount,
}

/// <summary>
/// What the invoice list asks for. <paramref name="After"/> and <paramref name="Before"/> are cursors from a previous
/// answer (keyset paging: a far page costs what the first one does).
/// </summary>
public sealed record InvoiceQuery(
    string? Search = null,
    InvoiceFilter? Status = null,
    DateOnly? From = null,
    DateOnly? To = null,
    InvoiceSort Sort = InvoiceSort.Date,
    bool Descending = true,
    string? After = null,
    string? Before = null,
    int PageSize = InvoiceSearch.DefaultPageSize,
    string? CustomerAccountNumber = null,
    DateOnly? DueBefore = null);

/// <summary>An invoice in the list, with what is still open on it and what is disputed.</summary>
public sealed record InvoiceRow(long Id, string Number, DateOnly Date, DateOnly DueDate, string CustomerAccountNumber,
    string CustomerName, string Currency, decimal Amount, decimal Open, decimal Disputed, string? Reference, InvoiceStatus Status,
    int DaysOverdue);

/// <summary>One page of invoices; <see cref="Count"/> stops counting at <see cref="InvoiceSearch.CountLimit"/>.</summary>
public sealed record InvoiceList(IReadOnlyList<InvoiceRow> Items, string? PreviousCursor, string? NextCursor, int Count)
{
    public bool CountIsCapped => Count > InvoiceSearch.CountLimit;
}

/// <summary>Finds invoices by number, reference or customer, filtered by status and dates, sorted, a page at a time.</summary>
public sealed class InvoiceSearch(ArLedgerDbContext db, BusinessCalendar calendar)
{
    public const int DefaultPageSize = 50;
    public const int CountLimit = 1000;
    /// <summary>Past this many matching customers the search leaves it to the planner rather than sending a list of ids.</summary>
    const int CustomerIdLimit = 2000;

    /// <summary>True when <paramref name="text"/> is a cursor this list gave (or none).</summary>
    public static bool IsCursor(string? text) => text is null || InvoiceCursor.Parse(text) is not null;

    public async Task<InvoiceList> SearchAsync(InvoiceQuery query, CancellationToken ct = default)
    {
        var today = calendar.Today;
        var size = Math.Clamp(query.PageSize, 1, 200);
        var q = await FilterAsync(query, today, ct);
        var count = await q.Take(CountLimit + 1).CountAsync(ct);

        var after = InvoiceCursor.Parse(query.After);
        var before = after is null ? InvoiceCursor.Parse(query.Before) : null;
        // Going back reads the page in the opposite order, then turns it round.
        var forward = before is null;
        var ascending = forward != query.Descending;
        var cursor = after ?? before;
        if (cursor is not null)
            q = InvoiceCursor.Beyond(q, query.Sort, ascending, cursor);
        var fetched = await InvoiceCursor.Order(q, query.Sort, ascending)
            .Take(size + 1)
            .Join(db.Customers, i => i.CustomerId, c => c.Id, (i, c) => new Fetched(
                i.Id, i.Number, i.DocumentDate, i.DueDate, c.AccountNumber, c.Name, i.Currency, i.Amount,
                i.AllocatedAmount, i.WrittenOffAmount, i.ReversedAt, i.Reference))
            .ToListAsync(ct);
        // The join need not keep the order of the limited subquery, so the page is put in order here.
        IEnumerable<Fetched> ordered = query.Sort switch
        {
            InvoiceSort.Date => fetched.OrderBy(r => r.DocumentDate),
            InvoiceSort.DueDate => fetched.OrderBy(r => r.DueDate),
            InvoiceSort.Amount => fetched.OrderBy(r => r.Amount),
        };
        var rows = ((IOrderedEnumerable<Fetched>)ordered).ThenBy(r => r.Id).ToList();
        if (!ascending)
            rows.Reverse();
        var more = rows.Count > size;
        if (more)
            rows.RemoveAt(size);
        if (!forward)
            rows.Reverse();

        var ids = rows.Select(r => r.Id).ToList();
        var disputed = await db.Disputes.AsNoTracking()
            .Where(d => ids.Contains(d.InvoiceId) && d.Status == DisputeStatus.Open)
            .GroupBy(d => d.InvoiceId)
            .Select(g => new { g.Key, Amount = g.Sum(d => d.Amount) })
            .ToDictionaryAsync(x => x.Key, x => x.Amount, ct);
        var items = rows.Select(r =>
        {
            var open = r.ReversedAt is null ? r.Amount - r.AllocatedAmount - r.WrittenOffAmount : 0m;
            return new InvoiceRow(r.Id, r.Number, r.DocumentDate, r.DueDate, r.AccountNumber, r.Name, r.Currency, r.Amount, open,
                disputed.GetValueOrDefault(r.Id), r.Reference,
                InvoiceStatuses.Of(r.Amount, r.AllocatedAmount, r.WrittenOffAmount, r.ReversedAt is not null),
                InvoiceStatuses.DaysOverdue(r.DueDate, open, today));
        }).ToList();

        string? CursorOf(int index) => InvoiceCursor.Format(query.Sort, items[index].Date, items[index].DueDate, items[index].Amount, items[index].Id);
        var hasPrevious = forward ? cursor is not null : more;
        var hasNext = forward ? more : true;
        return new InvoiceList(items,
            items.Count > 0 && hasPrevious ? CursorOf(0) : null,
            items.Count > 0 && hasNext ? CursorOf(items.Count - 1) : null,
            count);
    }

    async Task<IQueryable<Invoice>> FilterAsync(InvoiceQuery query, DateOnly today, CancellationToken ct)
    {
        var q = db.Invoices.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.CustomerAccountNumber))
            q = q.Where(i => db.Customers.Any(c => c.Id == i.CustomerId && c.AccountNumber == query.CustomerAccountNumber));
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = "%" + Escape(query.Search.Trim()) + "%";
            var customers = db.Customers.Where(c => EF.Functions.ILike(c.Name, pattern) || EF.Functions.ILike(c.AccountNumber, pattern))
                .Select(c => c.Id);
            var customerIds = await customers.Take(CustomerIdLimit + 1).ToListAsync(ct);
            // A short list of ids lets PostgreSQL combine three index scans; a long one is better left as a join.
            q = customerIds.Count <= CustomerIdLimit
                ? q.Where(i => customerIds.Contains(i.CustomerId) || EF.Functions.ILike(i.Number, pattern)
                    || (i.Reference != null && EF.Functions.ILike(i.Reference, pattern)))
                : q.Where(i => customers.Contains(i.CustomerId) || EF.Functions.ILike(i.Number, pattern)
                    || (i.Reference != null && EF.Functions.ILike(i.Reference, pattern)));
        }
        if (query.From is { } from)
            q = q.Where(i => i.DocumentDate >= from);
        if (query.To is { } to)
            q = q.Where(i => i.DocumentDate <= to);
        if (query.DueBefore is { } dueBefore)
            q = q.Where(i => i.DueDate < dueBefore);
        if (query.Status is not { } status)
            return q;
        return status switch
        {
            InvoiceFilter.Open => q.Where(i => i.ReversedAt == null && i.Amount - i.AllocatedAmount - i.WrittenOffAmount > 0),
            InvoiceFilter.PartiallyPaid => q.Where(i => i.ReversedAt == null && i.AllocatedAmount > 0 && i.Amount - i.AllocatedAmount - i.WrittenOffAmount > 0),
            InvoiceFilter.Paid => q.Where(i => i.ReversedAt == null && i.WrittenOffAmount == 0 && i.AllocatedAmount == i.Amount),
            InvoiceFilter.Overdue => q.Where(i => i.ReversedAt == null && i.DueDate < today && i.Amount - i.AllocatedAmount - i.WrittenOffAmount > 0),
            InvoiceFilter.Disputed => q.Where(i => db.Disputes.Any(d => d.InvoiceId == i.Id && d.Status == DisputeStatus.Open)),
            InvoiceFilter.WrittenOff => q.Where(i => i.WrittenOffAmount > 0),
        };
    }

    sealed record Fetched(long Id, string Number, DateOnly DocumentDate, DateOnly DueDate, string AccountNumber, string Name,
        string Currency, decimal Amount, decimal AllocatedAmount, decimal WrittenOffAmount, DateTimeOffset? ReversedAt, string? Reference);

    static string Escape(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}

/// <summary>A position in the sorted list: the sort key and the id of the last (or first) invoice shown, as "value~id".</summary>
sealed record InvoiceCursor(string Value, long Id)
{
    public static InvoiceCursor? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        var cut = text.LastIndexOf('~');
        return cut > 0 && long.TryParse(text[(cut + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? new InvoiceCursor(text[..cut], id) : null;
    }

    public static string Format(InvoiceSort sort, DateOnly date, DateOnly due, decimal amount, long id) => sort switch
    {
        InvoiceSort.Date => Invariant(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), id),
        InvoiceSort.DueDate => Invariant(due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), id),
        InvoiceSort.Amount => Invariant(amount.ToString(CultureInfo.InvariantCulture), id),
    };

    static string Invariant(string value, long id) => string.Create(CultureInfo.InvariantCulture, $"{value}~{id}");

    internal DateOnly DateValue => DateOnly.TryParseExact(Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : DateOnly.MinValue;
    decimal AmountValue => decimal.TryParse(Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var a) ? a : 0m;

    /// <summary>The invoices after the cursor in the given order (row comparison, so PostgreSQL seeks the index).</summary>
    public static IQueryable<Invoice> Beyond(IQueryable<Invoice> q, InvoiceSort sort, bool ascending, InvoiceCursor c)
    {
        var (date, amount, id) = (c.DateValue, c.AmountValue, c.Id);
        return (sort, ascending) switch
        {
            (InvoiceSort.Date, true) => q.Where(i => EF.Functions.GreaterThan(ValueTuple.Create(i.DocumentDate, i.Id), ValueTuple.Create(date, id))),
            (InvoiceSort.Date, false) => q.Where(i => EF.Functions.LessThan(ValueTuple.Create(i.DocumentDate, i.Id), ValueTuple.Create(date, id))),
            (InvoiceSort.DueDate, true) => q.Where(i => EF.Functions.GreaterThan(ValueTuple.Create(i.DueDate, i.Id), ValueTuple.Create(date, id))),
            (InvoiceSort.DueDate, false) => q.Where(i => EF.Functions.LessThan(ValueTuple.Create(i.DueDate, i.Id), ValueTuple.Create(date, id))),
            (InvoiceSort.Amount, true) => q.Where(i => EF.Functions.GreaterThan(ValueTuple.Create(i.Amount, i.Id), ValueTuple.Create(amount, id))),
            (InvoiceSort.Amount, false) => q.Where(i => EF.Functions.LessThan(ValueTuple.Create(i.Amount, i.Id), ValueTuple.Create(amount, id))),
        };
    }

    public static IOrderedQueryable<Invoice> Order(IQueryable<Invoice> q, InvoiceSort sort, bool ascending) => (sort, ascending) switch
    {
        (InvoiceSort.Date, true) => q.OrderBy(i => i.DocumentDate).ThenBy(i => i.Id),
        (InvoiceSort.Date, false) => q.OrderByDescending(i => i.DocumentDate).ThenByDescending(i => i.Id),
        (InvoiceSort.DueDate, true) => q.OrderBy(i => i.DueDate).ThenBy(i => i.Id),
        (InvoiceSort.DueDate, false) => q.OrderByDescending(i => i.DueDate).ThenByDescending(i => i.Id),
        (InvoiceSort.Amount, true) => q.OrderBy(i => i.Amount).ThenBy(i => i.Id),
        (InvoiceSort.Amount, false) => q.OrderByDescending(i => i.Amount).ThenByDescending(i => i.Id),
    };
}
