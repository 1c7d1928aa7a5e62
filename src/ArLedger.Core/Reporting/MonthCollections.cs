using Npgsql;

namespace ArLedger.Reporting;

/// <summary>What collections brought in this month, and what is still contested today.</summary>
public sealed record MonthCollectionsFigures(DateOnly Month, decimal CashReceived, int PromisesKept, int PromisesBroken,
    int OpenDisputes, decimal Disputed, int LettersSent);

/// <summary>
/// The month's collections for the home page, in one round trip, each figure read through its own index
/// (0013_dashboard.sql). The month is today's calendar month in UTC; all currencies add up, as the home page's totals do.
/// </summary>
public sealed class MonthCollections(NpgsqlDataSource db, BusinessCalendar calendar)
{
    public async Task<MonthCollectionsFigures> ReadAsync(CancellationToken ct = default)
    {
        var today = calendar.Today;
        var first = new DateOnly(today.Year, today.Month, 1);
        // Cash counts by value date, as aging and statements do; a reversed payment was never received. Promises decided
        // count in the month they were due (a promise due on the 31st is decided on the 1st), letters in the month
        // they were sent.
        await using var cmd = db.CreateCommand("""
            select (select coalesce(sum(amount), 0) from documents
                    where kind = 'Payment' and reversed_at is null and value_date >= $1 and value_date < $2),
                   (select count(*)::int from promises where promised_date >= $1 and promised_date < $2 and status = 'Kept'),
                   (select count(*)::int from promises where promised_date >= $1 and promised_date < $2 and status = 'Broken'),
                   (select count(*)::int from disputes where status = 'Open'),
                   (select coalesce(sum(amount), 0) from disputes where status = 'Open'),
                   (select count(*)::int from dunning_proposals where status = 'Sent' and sent_at >= $3 and sent_at < $4)
            """);
        cmd.Parameters.AddWithValue(first);
        cmd.Parameters.AddWithValue(first.AddMonths(1));
        cmd.Parameters.AddWithValue(new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        cmd.Parameters.AddWithValue(new DateTimeOffset(first.AddMonths(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return new MonthCollectionsFigures(first, r.GetDecimal(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetDecimal(4), r.GetInt32(5));
    }
}
