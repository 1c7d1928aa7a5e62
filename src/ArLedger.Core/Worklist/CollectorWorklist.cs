using ArLedger.Activities;
using ArLedger.Customers;
using ArLedger.Ledger;
using ArLedger.Persistence;
using Npgsql;

namespace ArLedger.Worklist;

/// <summary>
/// The collector's worklist (liste d'appels): the customers to call on a date, each with why, most urgent first
/// (a broken promise, a formal notice's deadline passed, a late payment plan, a promise due, a large overdue), ties
/// broken by the overdue amount. Overdue that the customer's own unapplied cash covers is applied, not chased: it
/// counts for no large overdue, and a customer whose overdue it covers entirely is not listed. Customers on hold or in
/// litigation are handed over and never listed; those whose overdue is all disputed have nothing to chase.
/// </summary>
public sealed class CollectorWorklist(ArLedgerDbContext db, WorklistOptions options)
{
    public const int DefaultPageSize = 25;

    /// <summary>A page of the list on <paramref name="today"/> for one collector's customers, or everyone's when null.</summary>
    public async Task<WorklistPage> ReadAsync(DateOnly today, long? collectorId, int pageNumber = 1, int pageSize = DefaultPageSize,
        CancellationToken ct = default)
    {
        pageNumber = Math.Max(1, pageNumber);
        await CustomerBalances.RefreshOverdueAsync(db, today, ct);
        var due = await ReasonsAsync(today, collectorId, ct);
        var toCall = due.Where(c => !c.ContactedToday)
            .OrderBy(c => c.Facts[0].Reason).ThenByDescending(c => c.Overdue).ThenBy(c => c.CustomerId)
            .ToList();
        var page = toCall.Skip((pageNumber - 1) * pageSize).Take(pageSize).ToList();
        var rows = await RowsAsync(page, today, ct);
        return new WorklistPage(new Page<WorklistRow>(rows, pageNumber, pageSize, toCall.Count), due.Count(c => c.ContactedToday));
    }

    /// <summary>A customer's reasons, most urgent first.</summary>
    sealed record Due(long CustomerId, decimal Overdue, bool ContactedToday, List<WorklistFact> Facts);

    async Task<List<Due>> ReasonsAsync(DateOnly today, long? collectorId, CancellationToken ct)
    {
        await using var connection = await ContextConnection.OpenAsync(db, ct);
        await using var tx = await connection.Connection.BeginTransactionAsync(ct);
        // The per-customer subqueries make the planner's estimate high enough to compile the query (JIT), which took
        // seconds on the large book for a query that runs in about 100 ms without it.
        await using (var noJit = new NpgsqlCommand("set local jit = off", connection.Connection, tx))
            await noJit.ExecuteNonQueryAsync(ct);
        await using var cmd = new NpgsqlCommand(WorklistSql.Reasons, connection.Connection, tx);
        cmd.Parameters.AddWithValue(today);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)collectorId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        // Business dates are UTC days, as everywhere the clock gives "today".
        cmd.Parameters.AddWithValue(new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        cmd.Parameters.AddWithValue(options.LargeOverdue);
        cmd.Parameters.AddWithValue(options.TopOverdue);
        cmd.Parameters.AddWithValue(options.QuietDays);
        cmd.Parameters.AddWithValue(options.MinimumOverdue);
        var byCustomer = new Dictionary<long, Due>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                var id = r.GetInt64(0);
                if (!byCustomer.TryGetValue(id, out var due))
                    byCustomer[id] = due = new Due(id, r.GetDecimal(5), r.GetBoolean(6), []);
                due.Facts.Add(new WorklistFact(Enum.Parse<WorklistReason>(r.GetString(1)),
                    r.IsDBNull(2) ? null : r.GetFieldValue<DateOnly>(2), r.GetDecimal(3), r.IsDBNull(4) ? null : r.GetDecimal(4)));
            }
        }
        await tx.CommitAsync(ct);
        foreach (var due in byCustomer.Values)
            due.Facts.Sort((a, b) => a.Reason.CompareTo(b.Reason));
        return byCustomer.Values.ToList();
    }

    async Task<List<WorklistRow>> RowsAsync(List<Due> page, DateOnly today, CancellationToken ct)
    {
        if (page.Count == 0)
            return [];
        await using var connection = await ContextConnection.OpenAsync(db, ct);
        await using var cmd = new NpgsqlCommand(WorklistSql.Customers, connection.Connection);
        cmd.Parameters.AddWithValue(page.Select(d => d.CustomerId).ToArray());
        cmd.Parameters.AddWithValue(today);
        var rows = new Dictionary<long, WorklistRow>(page.Count);
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                var id = r.GetInt64(0);
                var last = r.IsDBNull(8) ? null : new LastContact(r.GetFieldValue<DateTimeOffset>(8), Enum.Parse<ActivityKind>(r.GetString(9)),
                    r.IsDBNull(10) ? null : Enum.Parse<CallOutcome>(r.GetString(10)));
                rows[id] = new WorklistRow(id, r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4),
                    r.GetDecimal(5), r.IsDBNull(7) ? null : today.DayNumber - r.GetFieldValue<DateOnly>(7).DayNumber, last, [])
                    {
                        Unapplied = r.GetDecimal(6),
                        Oldest = r.IsDBNull(11) ? null : new OldestOverdue(r.GetString(11), Enum.Parse<DocumentKind>(r.GetString(12))),
                    };
            }
        }
        return page.Select(d => rows[d.CustomerId] with { Reasons = d.Facts }).ToList();
    }
}
