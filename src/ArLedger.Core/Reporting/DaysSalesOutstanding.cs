using Npgsql;

namespace ArLedger.Reporting;

/// <summary>
/// DSO at one date. <see cref="Receivables"/> is null for a month end with no stored aging snapshot, <see cref="Days"/>
/// when either part is missing or nothing was invoiced in the 90 days.
/// </summary>
public sealed record DsoPoint(DateOnly Date, decimal? Receivables, decimal Sales, decimal? Days);

/// <summary>DSO today and at each of the last month ends, oldest first.</summary>
public sealed record DsoTrend(DsoPoint Today, IReadOnlyList<DsoPoint> MonthEnds)
{
    public IReadOnlyList<DateOnly> MonthEndsWithoutSnapshot => [.. MonthEnds.Where(p => p.Receivables is null).Select(p => p.Date)];
}

/// <summary>
/// Days sales outstanding, the standard method:
/// <code>DSO(d) = receivables at d / credit sales of the 90 days up to d × 90</code>, rounded to one decimal.
/// <para>
/// Receivables are the book's balance (open invoices, fees and interest less unapplied cash): today's from the kept
/// customer balances, a past month end's from the book line of that day's stored aging snapshot, the book as it was
/// known then. A month end with no snapshot has no value: rebuilding the book as of a date costs a second or so, too
/// much for the home page.
/// </para>
/// <para>
/// Credit sales are the gross amounts of invoices dated d-89 to d that were not reversed by the end of d. All
/// currencies add up, as the home page's totals do: books are kept in euros.
/// </para>
/// </summary>
public sealed class DaysSalesOutstanding(NpgsqlDataSource db, BusinessCalendar calendar)
{
    public const int SalesDays = 90;

    public static decimal? Days(decimal? receivables, decimal sales) =>
        receivables is { } r && sales > 0 ? Math.Round(r / sales * SalesDays, 1, MidpointRounding.AwayFromZero) : null;

    /// <summary>The last <paramref name="months"/> month ends before today's month, oldest first.</summary>
    public static IReadOnlyList<DateOnly> MonthEndsBefore(DateOnly today, int months) =>
        [.. Enumerable.Range(0, months).Reverse().Select(i => new DateOnly(today.Year, today.Month, 1).AddMonths(-i).AddDays(-1))];

    public async Task<DsoTrend> ReadAsync(int months = 12, CancellationToken ct = default)
    {
        var today = calendar.Today;
        var monthEnds = MonthEndsBefore(today, months);
        await using var conn = await db.OpenConnectionAsync(ct);
        var sales = await DailySalesAsync(conn, monthEnds.Count > 0 ? monthEnds[0] : today, today, ct);
        var balances = await MonthEndBalancesAsync(conn, monthEnds, ct);

        DsoPoint Point(DateOnly date, decimal? receivables)
        {
            var sold = sales.Where(s => s.Date > date.AddDays(-SalesDays) && s.Date <= date && (s.ReversedOn is null || s.ReversedOn > date))
                .Sum(s => s.Amount);
            return new DsoPoint(date, receivables, sold, Days(receivables, sold));
        }

        return new DsoTrend(Point(today, await BalanceTodayAsync(conn, ct)),
            [.. monthEnds.Select(d => Point(d, balances.TryGetValue(d, out var b) ? b : null))]);
    }

    sealed record DaySales(DateOnly Date, DateOnly? ReversedOn, decimal Amount);

    // Invoices by day (and reversal day) from the oldest window's start to today: one index-only range read (see
    // 0013_dashboard.sql) serves every date of the trend. Reversed invoices are few and grouped apart, which halves the
    // grouping's cost on a big book.
    static async Task<List<DaySales>> DailySalesAsync(NpgsqlConnection conn, DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            select document_date, null::date, sum(amount)
            from documents
            where kind = 'Invoice' and reversed_at is null and document_date > $1 and document_date <= $2
            group by 1
            union all
            select document_date, (reversed_at at time zone 'UTC')::date, sum(amount)
            from documents
            where kind = 'Invoice' and reversed_at is not null and document_date > $1 and document_date <= $2
            group by 1, 2
            """, conn);
        cmd.Parameters.AddWithValue(from.AddDays(-SalesDays));
        cmd.Parameters.AddWithValue(to);
        var days = new List<DaySales>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            days.Add(new DaySales(r.GetFieldValue<DateOnly>(0), r.IsDBNull(1) ? null : r.GetFieldValue<DateOnly>(1), r.GetDecimal(2)));
        return days;
    }

    static async Task<decimal> BalanceTodayAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select coalesce(sum(balance), 0) from customer_balances", conn);
        return (decimal)(await cmd.ExecuteScalarAsync(ct))!;
    }

    static async Task<Dictionary<DateOnly, decimal>> MonthEndBalancesAsync(NpgsqlConnection conn, IReadOnlyList<DateOnly> monthEnds,
        CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            select s.snapshot_date, sum(l.balance)
            from aging_snapshots s
            join aging_snapshot_lines l on l.snapshot_id = s.id and l.customer_id is null
            where s.basis = 'DueDate' and s.snapshot_date = any($1)
            group by s.snapshot_date
            """, conn);
        cmd.Parameters.AddWithValue(monthEnds.ToArray());
        var balances = new Dictionary<DateOnly, decimal>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            balances[r.GetFieldValue<DateOnly>(0)] = r.GetDecimal(1);
        return balances;
    }
}
