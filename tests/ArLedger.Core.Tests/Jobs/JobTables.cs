using System.Globalization;
using Npgsql;

namespace ArLedger.Core.Tests.Jobs;

/// <summary>What job tests ask the database while they wait.</summary>
static class JobTables
{
    public static async Task<long> ScalarAsync(this NpgsqlDataSource db, string sql)
    {
        await using var cmd = db.CreateCommand(sql);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Hangfire has nothing left to do: no job enqueued, scheduled for a retry, or being processed.</summary>
    public static async Task<bool> HangfireIdleAsync(this NpgsqlDataSource db) =>
        await db.ScalarAsync("select count(*) from hangfire.job where statename in ('Enqueued', 'Processing', 'Scheduled', 'Awaiting')") == 0;
}
