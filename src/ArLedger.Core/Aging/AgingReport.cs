using ArLedger.Ledger;
using Npgsql;
using NpgsqlTypes;

namespace ArLedger.Aging;

public sealed record AgingQuery(DateOnly AsOf, AgingBasis Basis, AgingBuckets Buckets);

/// <summary>
/// A customer's aging (or, with no customer, the book's for one currency): open debits per bucket, unapplied
/// credits as a negative amount of their own, and the balance, which is their sum. The collector is the customer's
/// today, for filtering.
/// </summary>
public sealed record AgingLine(long? CustomerId, string? AccountNumber, string? CustomerName, string Currency,
    decimal[] Buckets, decimal Unapplied, decimal Balance, int OpenItems, long? CollectorId = null)
{
    public decimal Oldest => Buckets[^1];
}

public sealed record AgingResult(AgingQuery Query, IReadOnlyList<AgingLine> Customers, IReadOnlyList<AgingLine> Totals);

/// <summary>An open item behind a cell of the report; <see cref="Bucket"/> is -1 for an unapplied credit.</summary>
public sealed record AgedItem(long DocumentId, DocumentKind Kind, string Number, DateOnly DocumentDate, DateOnly? DueDate,
    decimal Amount, decimal Open, int? Days, int Bucket);

/// <summary>
/// The aging report as of any date, rebuilt from effective dates: a document counts from its date (a payment
/// from its value date), an allocation or write-off from its own date, a reversal from the day it was made.
/// <para>
/// Rather than summing every allocation ever made, it starts from today's cached open amounts (invariant 3
/// keeps them equal to amount - allocations - write-offs) and adds back what is dated after the as-of date.
/// So it reads the open documents and the recent allocations only, through partial indexes, and a fully
/// settled history costs nothing. Grouping happens in the database. A test checks this against a plain
/// computation over the EF model.
/// </para>
/// </summary>
public sealed class AgingReport(NpgsqlDataSource db)
{
    // $1 as-of date, $2 basis, $3 bucket thresholds, $4 customer or null.
    const string AgedItems = """
        with later as (
            select debit_document_id as document_id, amount from allocations where allocation_date > $1
            union all
            select credit_document_id, amount from allocations where allocation_date > $1
            union all
            select invoice_id, amount from write_offs where status = 'Approved' and write_off_date > $1
        ),
        later_by_document as (
            select document_id, sum(amount) as amount from later group by document_id
        ),
        -- Each document counting on the as-of date comes from exactly one branch, each read through an index.
        counting as (
            -- Open today.
            select id, customer_id, kind, number, document_date, due_date, value_date, amount, amount - allocated_amount - written_off_amount as open_today
            from documents
            where reversed_at is null and amount - allocated_amount - written_off_amount <> 0
            union all
            -- Reversed after the as-of date: it still counted then.
            select id, customer_id, kind, number, document_date, due_date, value_date, amount, amount - allocated_amount - written_off_amount
            from documents
            where reversed_at >= ($1 + 1)::timestamp at time zone 'UTC'
            union all
            -- Settled by today, not yet on the as-of date.
            select d.id, d.customer_id, d.kind, d.number, d.document_date, d.due_date, d.value_date, d.amount, 0
            from later_by_document l join documents d on d.id = l.document_id
            where d.reversed_at is null and d.amount - d.allocated_amount - d.written_off_amount = 0
        ),
        aged as (
            select k.id, k.customer_id, c.currency, k.kind, k.number, k.document_date, k.due_date, k.amount,
                   k.kind in ('Invoice', 'Fee', 'Interest', 'Refund') as is_debit,
                   k.open_today + coalesce(l.amount, 0) as open,
                   $1 - case when $2 = 'InvoiceDate' then k.document_date else k.due_date end as days
            from counting k
            join customers c on c.id = k.customer_id
            left join later_by_document l on l.document_id = k.id
            where coalesce(k.value_date, k.document_date) <= $1
              and ($4::bigint is null or k.customer_id = $4)
        ),
        bucketed as (
            select aged.*,
                   case when is_debit then width_bucket(days, $3::integer[]) else -1 end as bucket,
                   case when is_debit then open else -open end as signed_open
            from aged
            where open <> 0
        )
        """;

    // A null bucket is the customer's (or the book's) balance; a null customer is the book's.
    const string Sums = """
        select g.customer_id, cu.account_number, cu.name, g.currency, g.bucket, g.amount, g.items, cu.collector_id
        from (select customer_id, currency, bucket, sum(signed_open) as amount, count(*)::int as items
              from bucketed
              group by grouping sets ((currency, customer_id, bucket), (currency, customer_id), (currency, bucket), (currency))) g
        left join customers cu on cu.id = g.customer_id
        order by cu.account_number nulls last, g.currency
        """;

    const string Summary = AgedItems + Sums;

    // $5 the snapshot. The items are written by the statement that sums them, so a stored cell and the items kept
    // behind it are one reading of the book.
    const string SummaryKeepingItems = AgedItems + """
        ,
        kept as (
            insert into aging_snapshot_items (snapshot_id, customer_id, document_id, bucket, open_amount)
            select $5, customer_id, id, bucket, signed_open from bucketed
        )
        """ + Sums;

    const string Drilldown = AgedItems + """
        select id, kind, number, document_date, due_date, amount, signed_open, days, bucket
        from bucketed
        where $5::integer is null or bucket = $5
        order by coalesce(due_date, document_date), id
        """;

    public async Task<AgingResult> ReadAsync(AgingQuery query, long? customerId = null, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await BeginWithoutJitAsync(conn, ct);
        await using var cmd = Command(conn, Summary, query, customerId);
        return await SumsAsync(cmd, query, ct);
    }

    /// <summary>
    /// The book's aging, as <see cref="ReadAsync"/>, in the caller's transaction; with <paramref name="keepItemsFor"/>,
    /// its open items are written to that snapshot for the snapshot's drill-down.
    /// </summary>
    internal static async Task<AgingResult> ReadForSnapshotAsync(AgingQuery query, long? keepItemsFor, NpgsqlConnection conn, NpgsqlTransaction tx,
        CancellationToken ct)
    {
        await using (var tune = new NpgsqlCommand(Tuning, conn, tx))
            await tune.ExecuteNonQueryAsync(ct);
        await using var cmd = Command(conn, keepItemsFor is null ? Summary : SummaryKeepingItems, query, customerId: null);
        cmd.Transaction = tx;
        if (keepItemsFor is { } snapshot)
            cmd.Parameters.AddWithValue(snapshot);
        return await SumsAsync(cmd, query, ct);
    }

    static async Task<AgingResult> SumsAsync(NpgsqlCommand cmd, AgingQuery query, CancellationToken ct)
    {
        var lines = new Dictionary<(long?, string), LineBuilder>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                long? customer = r.IsDBNull(0) ? null : r.GetInt64(0);
                var currency = r.GetString(3);
                if (!lines.TryGetValue((customer, currency), out var line))
                {
                    line = new LineBuilder(customer, r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
                        currency, new decimal[query.Buckets.Count], r.IsDBNull(7) ? null : r.GetInt64(7));
                    lines.Add((customer, currency), line);
                }
                var amount = r.GetDecimal(5);
                switch (r.IsDBNull(4) ? (int?)null : r.GetInt32(4))
                {
                    case null:
                        line.Balance = amount;
                        line.Items = r.GetInt32(6);
                        break;
                    case -1:
                        line.Unapplied = amount;
                        break;
                    case { } bucket:
                        line.Buckets[bucket] = amount;
                        break;
                }
            }
        }
        var built = lines.Values.Select(l => l.Build()).ToList();
        return new AgingResult(query, built.Where(l => l.CustomerId is not null).ToList(), built.Where(l => l.CustomerId is null).ToList());
    }

    /// <summary>The open items behind one cell: a customer's bucket, its unapplied credits (-1), or all (null).</summary>
    public async Task<IReadOnlyList<AgedItem>> ItemsAsync(AgingQuery query, long customerId, int? bucket, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await BeginWithoutJitAsync(conn, ct);
        await using var cmd = Command(conn, Drilldown, query, customerId);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)bucket ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        return await ReadItemsAsync(cmd, ct);
    }

    /// <summary>Reads items selected as id, kind, number, document date, due date, amount, signed open, days, bucket.</summary>
    internal static async Task<IReadOnlyList<AgedItem>> ReadItemsAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var items = new List<AgedItem>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            items.Add(new AgedItem(r.GetInt64(0), Enum.Parse<DocumentKind>(r.GetString(1)), r.GetString(2), r.GetFieldValue<DateOnly>(3),
                r.IsDBNull(4) ? null : r.GetFieldValue<DateOnly>(4), r.GetDecimal(5), r.GetDecimal(6),
                r.IsDBNull(7) ? null : r.GetInt32(7), r.GetInt32(8)));
        }
        return items;
    }

    // JIT compilation costs more than this query (0.7 s on a million invoices, against 0.3 s for the query), and the
    // default work_mem makes a past date's aggregates spill to disk; both are set for the query's transaction only.
    const string Tuning = "set local jit = off; set local work_mem = '64MB'";

    static async Task<NpgsqlTransaction> BeginWithoutJitAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var tx = await conn.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand("set transaction read only; " + Tuning, conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
        return tx;
    }

    static NpgsqlCommand Command(NpgsqlConnection conn, string sql, AgingQuery query, long? customerId)
    {
        var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue(query.AsOf);
        cmd.Parameters.AddWithValue(query.Basis.ToString());
        cmd.Parameters.Add(new NpgsqlParameter { Value = query.Buckets.Thresholds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)customerId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        return cmd;
    }

    sealed class LineBuilder(long? customerId, string? accountNumber, string? name, string currency, decimal[] buckets, long? collectorId)
    {
        public decimal[] Buckets { get; } = buckets;
        public decimal Unapplied { get; set; }
        public decimal Balance { get; set; }
        public int Items { get; set; }
        public AgingLine Build() => new(customerId, accountNumber, name, currency, Buckets, Unapplied, Balance, Items, collectorId);
    }
}
