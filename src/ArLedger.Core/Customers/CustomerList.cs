using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using ArLedger.Persistence;
using Npgsql;

namespace ArLedger.Customers;

public enum CustomerSort
{
    Name,
    Account,
    Balance,
    Overdue,
}

/// <summary>Which customers a list shows; every condition given must hold.</summary>
public sealed record CustomerFilter(
    string? Search = null,
    long? CollectorId = null,
    bool Overdue = false,
    bool OnHold = false,
    bool OverCreditLimit = false,
    bool InDispute = false,
    bool WithUnapplied = false);

/// <summary>A place in a sorted list: the sort value and id of a row. A page starts after it or ends before it.</summary>
public sealed record ListCursor(string Value, long Id)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Id}:{Value}");

    public static ListCursor? Parse(string? text)
    {
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon > 0 && long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? new ListCursor(text![(colon + 1)..], id)
            : null;
    }
}

/// <summary>A customer in a list, with what they owe today.</summary>
public sealed record CustomerRow(long Id, string AccountNumber, string Name, string? City, string Currency, bool OnHold,
    decimal? CreditLimit, string? Collector, decimal Balance, decimal Overdue, decimal Disputed, decimal Unapplied)
{
    public bool OverCreditLimit => CreditLimit is { } limit && Balance > limit;
}

/// <summary>One page of the customer list and the cursors of its neighbours (null where there is none).</summary>
public sealed record CustomerListPage(IReadOnlyList<CustomerRow> Rows, int TotalCount, ListCursor? Previous, ListCursor? Next);

/// <summary>
/// The customer list: search, filters, sorting and keyset paging over customers and their maintained balances.
/// Keyset paging reads only the rows of the page it shows, so the last page of 20,000 customers costs what the first does.
/// </summary>
public sealed class CustomerList(ArLedgerDbContext db, BusinessCalendar calendar)
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 200;

    /// <summary>
    /// Up to this many matches, a search reads its matches first (trigram index) and sorts them; past it, walking the
    /// sort order and testing each row finds a page sooner. The planner cannot tell the two apart, since it cannot
    /// estimate how many rows a LIKE pattern matches; the count, read first anyway, can.
    /// </summary>
    const int FewMatches = 2000;

    const string Columns = """
        select c.id, c.account_number, c.name, c.billing_city, c.currency, c.on_hold, c.credit_limit,
               coalesce(u.collector_name, u.display_name, u.user_name), b.balance, b.overdue, b.disputed, b.unapplied
        from customers c
        join customer_balances b on b.customer_id = c.id
        left join users u on u.id = c.collector_id
        """;

    /// <summary>The page after <paramref name="after"/>, the page before <paramref name="before"/>, or the first page.</summary>
    public async Task<CustomerListPage> PageAsync(CustomerFilter filter, CustomerSort sort, bool descending,
        ListCursor? after = null, ListCursor? before = null, int pageSize = DefaultPageSize, CancellationToken ct = default)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        await CustomerBalances.RefreshOverdueAsync(db, Today, ct);
        var backward = before is not null;
        var total = await CountAsync(filter, ct);
        var rows = await ReadAsync(filter, sort, descending, before ?? after, backward, pageSize + 1, total <= FewMatches, ct);
        var more = rows.Count > pageSize;
        if (more)
            rows.RemoveAt(rows.Count - 1);
        if (backward)
        {
            // Back at the start: show the first page whole rather than a short one.
            if (!more)
                return await PageAsync(filter, sort, descending, pageSize: pageSize, ct: ct);
            rows.Reverse();
        }
        var hasPrevious = backward ? more : after is not null;
        var hasNext = backward || more;
        return new CustomerListPage(rows, total,
            hasPrevious && rows.Count > 0 ? CursorOf(rows[0], sort) : null,
            hasNext && rows.Count > 0 ? CursorOf(rows[^1], sort) : null);
    }

    /// <summary>Every row the filter and sort give, in order, read as they stream from the database.</summary>
    public async IAsyncEnumerable<CustomerRow> AllAsync(CustomerFilter filter, CustomerSort sort, bool descending,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        await CustomerBalances.RefreshOverdueAsync(db, Today, ct);
        await using var connection = await ContextConnection.OpenAsync(db, ct);
        await using var cmd = Command(connection.Connection, filter, sort, descending, null, false, null, matchesFirst: true);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            yield return Row(r);
    }

    public static ListCursor CursorOf(CustomerRow row, CustomerSort sort) => new(sort switch
    {
        CustomerSort.Name => row.Name,
        CustomerSort.Account => row.AccountNumber,
        CustomerSort.Balance => row.Balance.ToString(CultureInfo.InvariantCulture),
        CustomerSort.Overdue => row.Overdue.ToString(CultureInfo.InvariantCulture),
    }, row.Id);

    DateOnly Today => calendar.Today;

    async Task<List<CustomerRow>> ReadAsync(CustomerFilter filter, CustomerSort sort, bool descending, ListCursor? cursor,
        bool backward, int limit, bool matchesFirst, CancellationToken ct)
    {
        await using var connection = await ContextConnection.OpenAsync(db, ct);
        await using var cmd = Command(connection.Connection, filter, sort, descending, cursor, backward, limit, matchesFirst);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<CustomerRow>(limit);
        while (await r.ReadAsync(ct))
            rows.Add(Row(r));
        return rows;
    }

    async Task<int> CountAsync(CustomerFilter filter, CancellationToken ct)
    {
        await using var connection = await ContextConnection.OpenAsync(db, ct);
        var sql = new StringBuilder("select count(*) from customers c");
        // The balances join only when a filter reads it: counting customers alone is an index-only scan.
        if (filter.Overdue || filter.OverCreditLimit || filter.InDispute || filter.WithUnapplied)
            sql.Append(" join customer_balances b on b.customer_id = c.id");
        await using var cmd = new NpgsqlCommand { Connection = connection.Connection };
        AppendWhere(sql, cmd, filter, [], matchesFirst: false);
        cmd.CommandText = sql.ToString();
        return (int)(long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    static NpgsqlCommand Command(NpgsqlConnection conn, CustomerFilter filter, CustomerSort sort, bool descending,
        ListCursor? cursor, bool backward, int? limit, bool matchesFirst)
    {
        var cmd = new NpgsqlCommand { Connection = conn };
        var sql = new StringBuilder(Columns);
        var (key, id) = KeyColumns(sort);
        var conditions = new List<string>();
        if (cursor is not null)
        {
            // Row comparison: "(key, id) > (value, id)" walks the (key, id) index from the cursor on.
            var ascending = descending == backward;
            conditions.Add($"({key}, {id}) {(ascending ? ">" : "<")} (${Add(cmd, CursorValue(cursor, sort))}, ${Add(cmd, cursor.Id)})");
        }
        AppendWhere(sql, cmd, filter, conditions, matchesFirst);
        var direction = descending != backward ? "desc" : "asc";
        sql.Append(CultureInfo.InvariantCulture, $"\norder by {key} {direction}, {id} {direction}");
        if (limit is { } n)
            sql.Append(CultureInfo.InvariantCulture, $"\nlimit {n}");
        cmd.CommandText = sql.ToString();
        return cmd;
    }

    static (string Key, string Id) KeyColumns(CustomerSort sort) => sort switch
    {
        CustomerSort.Name => ("c.name collate \"und-x-icu\"", "c.id"),
        CustomerSort.Account => ("c.account_number", "c.id"),
        CustomerSort.Balance => ("b.balance", "b.customer_id"),
        CustomerSort.Overdue => ("b.overdue", "b.customer_id"),
    };

    static object CursorValue(ListCursor cursor, CustomerSort sort) => sort switch
    {
        CustomerSort.Name or CustomerSort.Account => cursor.Value,
        CustomerSort.Balance or CustomerSort.Overdue =>
            decimal.TryParse(cursor.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : 0m,
    };

    static void AppendWhere(StringBuilder sql, NpgsqlCommand cmd, CustomerFilter filter, List<string> conditions, bool matchesFirst)
    {
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            // The same expression as the trigram index of migration 0007, so the index serves it.
            var p = Add(cmd, "%" + EscapeLike(filter.Search.Trim().ToLowerInvariant()) + "%");
            var match = $"customer_search_text(c.name, c.account_number, c.legal_id, c.statement_email, c.dunning_email) like ${p}";
            if (matchesFirst)
            {
                sql.Insert(0, $"with matches as materialized (select c.id from customers c where {match})\n");
                conditions.Add("c.id in (select id from matches)");
            }
            else
            {
                conditions.Add(match);
            }
        }
        if (filter.CollectorId is { } collector)
            conditions.Add($"c.collector_id = ${Add(cmd, collector)}");
        if (filter.Overdue)
            conditions.Add("b.overdue > 0");
        if (filter.OnHold)
            conditions.Add("c.on_hold");
        if (filter.OverCreditLimit)
            conditions.Add("c.credit_limit is not null and b.balance > c.credit_limit");
        if (filter.InDispute)
            conditions.Add("b.disputed > 0");
        if (filter.WithUnapplied)
            conditions.Add("b.unapplied > 0");
        if (conditions.Count > 0)
            sql.Append("\nwhere ").AppendJoin("\n  and ", conditions);
    }

    static int Add(NpgsqlCommand cmd, object value)
    {
        cmd.Parameters.Add(new NpgsqlParameter { Value = value });
        return cmd.Parameters.Count;
    }

    internal static string EscapeLike(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    static CustomerRow Row(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4), r.GetBoolean(5),
        r.IsDBNull(6) ? null : r.GetDecimal(6), r.IsDBNull(7) ? null : r.GetString(7),
        r.GetDecimal(8), r.GetDecimal(9), r.GetDecimal(10), r.GetDecimal(11));
}
