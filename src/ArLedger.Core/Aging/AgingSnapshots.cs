using System.Globalization;
using ArLedger.Jobs;
using ArLedger.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace ArLedger.Aging;

/// <summary>The book's aging at one snapshot date, in one currency, for the chart of buckets over time.</summary>
public sealed record AgingSnapshotPoint(DateOnly Date, int[] BucketBounds, decimal[] Buckets, decimal Unapplied, decimal Balance);

/// <summary>A stored snapshot: its day, its buckets (due-date basis) and who took it when.</summary>
public sealed record AgingSnapshotTaken(DateOnly Date, AgingBuckets Buckets, DateTimeOffset TakenAt, string TakenBy);

/// <summary>
/// The items behind a cell of a stored snapshot and when they were recorded. <see cref="Kept"/> is false for a snapshot
/// that kept its totals only (a day other than a month end, or one taken before snapshots kept items).
/// </summary>
public sealed record SnapshotItems(DateTimeOffset TakenAt, AgingQuery Query, bool Kept, IReadOnlyList<AgedItem> Items);

/// <summary>
/// Takes and reads aging snapshots. A snapshot is the aging report of its date as known when taken, stored per
/// customer and for the book, with the open items behind each cell at month ends; one per date and basis, taken
/// once: taking it again finds it and changes nothing.
/// </summary>
public sealed class AgingSnapshots(NpgsqlDataSource db, RunEngine engine, AgingBuckets buckets, TimeProvider clock)
{
    public const string JobName = "AgingSnapshot";

    /// <summary>The snapshot of a date as a run of the job, so the Jobs page shows it like any other run.</summary>
    public Task<JobRun> TakeAsync(DateOnly date, string requestedBy, CancellationToken ct = default) =>
        engine.RunOnceAsync(new RunRequest(JobName, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), date, requestedBy),
            c => StoreAsync(date, requestedBy, c), ct);

    /// <summary>Stores the snapshot of the date on the due-date basis unless it exists, and returns its id.</summary>
    public async Task<long> StoreAsync(DateOnly date, string takenBy, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        long id;
        // A concurrent taker waits here on the unique index, then finds the committed snapshot.
        await using (var insert = new NpgsqlCommand("""
            insert into aging_snapshots (snapshot_date, basis, bucket_bounds, taken_at, taken_by)
            values ($1, 'DueDate', $2, $3, $4)
            on conflict (snapshot_date, basis) do nothing
            returning id
            """, conn, tx))
        {
            insert.Parameters.AddWithValue(date);
            insert.Parameters.Add(new NpgsqlParameter { Value = buckets.Bounds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
            insert.Parameters.AddWithValue(clock.GetUtcNow());
            insert.Parameters.AddWithValue(takenBy);
            var inserted = await insert.ExecuteScalarAsync(ct);
            if (inserted is not long newId)
                return await ExistingAsync(date, ct);
            id = newId;
        }

        // Month ends keep their items: those are the reports that must be reproducible to the invoice. A daily snapshot
        // keeps its totals only, as one row per open item every day would outgrow the book itself (about 380,000 rows,
        // some 40 MB, a day on a book of a million invoices).
        var aging = await AgingReport.ReadForSnapshotAsync(new AgingQuery(date, AgingBasis.DueDate, buckets), IsMonthEnd(date) ? id : null,
            conn, tx, ct);
        await using (var copy = await conn.BeginBinaryImportAsync(
            "copy aging_snapshot_lines (snapshot_id, customer_id, currency, bucket_amounts, unapplied, balance) from stdin (format binary)", ct))
        {
            foreach (var line in aging.Totals.Concat(aging.Customers))
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(id, NpgsqlDbType.Bigint, ct);
                await copy.WriteOrNullAsync(line.CustomerId, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(line.Currency, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(line.Buckets, NpgsqlDbType.Array | NpgsqlDbType.Numeric, ct);
                await copy.WriteAsync(line.Unapplied, NpgsqlDbType.Numeric, ct);
                await copy.WriteAsync(line.Balance, NpgsqlDbType.Numeric, ct);
            }
            await copy.CompleteAsync(ct);
        }
        await tx.CommitAsync(ct);
        return id;
    }

    public static bool IsMonthEnd(DateOnly date) => date.AddDays(1).Day == 1;

    /// <summary>A stored snapshot as a report, exactly as it was taken; null if none was taken that day.</summary>
    public async Task<AgingResult?> ReadAsync(DateOnly date, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            select s.bucket_bounds, l.customer_id, c.account_number, c.name, l.currency, l.bucket_amounts, l.unapplied, l.balance, c.collector_id
            from aging_snapshots s
            join aging_snapshot_lines l on l.snapshot_id = s.id
            left join customers c on c.id = l.customer_id
            where s.snapshot_date = $1 and s.basis = 'DueDate'
            order by c.account_number nulls last, l.currency
            """);
        cmd.Parameters.AddWithValue(date);
        var lines = new List<AgingLine>();
        int[]? bounds = null;
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                bounds ??= r.GetFieldValue<int[]>(0);
                lines.Add(new AgingLine(r.IsDBNull(1) ? null : r.GetInt64(1), r.IsDBNull(2) ? null : r.GetString(2),
                    r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4), r.GetFieldValue<decimal[]>(5), r.GetDecimal(6), r.GetDecimal(7), 0,
                    r.IsDBNull(8) ? null : r.GetInt64(8)));
            }
        }
        if (bounds is null)
            return await ExistsAsync(date, ct) ? new AgingResult(new AgingQuery(date, AgingBasis.DueDate, buckets), [], []) : null;
        return new AgingResult(new AgingQuery(date, AgingBasis.DueDate, new AgingBuckets(bounds)),
            lines.Where(l => l.CustomerId is not null).ToList(), lines.Where(l => l.CustomerId is null).ToList());
    }

    /// <summary>
    /// The open items behind one cell of the stored snapshot of a date, as kept when it was taken: a customer's bucket,
    /// its unapplied credits (-1), or all (null). Null if no snapshot was taken that day.
    /// </summary>
    public async Task<SnapshotItems?> ItemsAsync(DateOnly date, long customerId, int? bucket, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        long id;
        SnapshotItems found;
        await using (var cmd = new NpgsqlCommand("""
            select s.id, s.taken_at, s.basis, s.bucket_bounds, exists (select 1 from aging_snapshot_items i where i.snapshot_id = s.id)
            from aging_snapshots s
            where s.snapshot_date = $1 and s.basis = 'DueDate'
            """, conn))
        {
            cmd.Parameters.AddWithValue(date);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct))
                return null;
            id = r.GetInt64(0);
            found = new SnapshotItems(r.GetFieldValue<DateTimeOffset>(1),
                new AgingQuery(date, Enum.Parse<AgingBasis>(r.GetString(2)), new AgingBuckets(r.GetFieldValue<int[]>(3))), r.GetBoolean(4), []);
        }
        if (!found.Kept)
            return found;
        await using var items = new NpgsqlCommand("""
            select d.id, d.kind, d.number, d.document_date, d.due_date, d.amount, i.open_amount,
                   $2 - case when $3 = 'InvoiceDate' then d.document_date else d.due_date end, i.bucket::integer
            from aging_snapshot_items i
            join documents d on d.id = i.document_id
            where i.snapshot_id = $1 and i.customer_id = $4 and ($5::integer is null or i.bucket = $5)
            order by coalesce(d.due_date, d.document_date), d.id
            """, conn);
        items.Parameters.AddWithValue(id);
        items.Parameters.AddWithValue(date);
        items.Parameters.AddWithValue(found.Query.Basis.ToString());
        items.Parameters.AddWithValue(customerId);
        items.Parameters.Add(new NpgsqlParameter { Value = (object?)bucket ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        return found with { Items = await AgingReport.ReadItemsAsync(items, ct) };
    }

    /// <summary>The stored snapshots, newest first: the day, the buckets and who took it when.</summary>
    public async Task<IReadOnlyList<AgingSnapshotTaken>> ListAsync(int count, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            select snapshot_date, bucket_bounds, taken_at, taken_by
            from aging_snapshots
            where basis = 'DueDate'
            order by snapshot_date desc
            limit $1
            """);
        cmd.Parameters.AddWithValue(count);
        var taken = new List<AgingSnapshotTaken>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            taken.Add(new AgingSnapshotTaken(r.GetFieldValue<DateOnly>(0), new AgingBuckets(r.GetFieldValue<int[]>(1)), r.GetFieldValue<DateTimeOffset>(2), r.GetString(3)));
        return taken;
    }

    /// <summary>The book's line of the latest snapshots in a currency, oldest first; month ends only if asked.</summary>
    public async Task<IReadOnlyList<AgingSnapshotPoint>> BookHistoryAsync(string currency, bool monthEndsOnly, int count, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            select s.snapshot_date, s.bucket_bounds, l.bucket_amounts, l.unapplied, l.balance
            from aging_snapshots s
            join aging_snapshot_lines l on l.snapshot_id = s.id and l.customer_id is null and l.currency = $1
            where s.basis = 'DueDate'
              and (not $2 or s.snapshot_date = (date_trunc('month', s.snapshot_date) + interval '1 month - 1 day')::date)
            order by s.snapshot_date desc
            limit $3
            """);
        cmd.Parameters.AddWithValue(currency);
        cmd.Parameters.AddWithValue(monthEndsOnly);
        cmd.Parameters.AddWithValue(count);
        var points = new List<AgingSnapshotPoint>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            points.Add(new AgingSnapshotPoint(r.GetFieldValue<DateOnly>(0), r.GetFieldValue<int[]>(1), r.GetFieldValue<decimal[]>(2),
                r.GetDecimal(3), r.GetDecimal(4)));
        }
        points.Reverse();
        return points;
    }

    async Task<long> ExistingAsync(DateOnly date, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select id from aging_snapshots where snapshot_date = $1 and basis = 'DueDate'");
        cmd.Parameters.AddWithValue(date);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    async Task<bool> ExistsAsync(DateOnly date, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select exists (select 1 from aging_snapshots where snapshot_date = $1 and basis = 'DueDate')");
        cmd.Parameters.AddWithValue(date);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
