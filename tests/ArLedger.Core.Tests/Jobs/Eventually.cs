using System.Globalization;
using Npgsql;

namespace ArLedger.Core.Tests.Jobs;

/// <summary>Waits on a condition read from the database, asking again after a short pause, and fails at its deadline.</summary>
static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, int minutes = 5)
    {
        var deadline = DateTime.UtcNow.AddMinutes(minutes);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(200);
        }
    }

    public static async Task<long> ScalarAsync(this NpgsqlDataSource db, string sql)
    {
        await using var cmd = db.CreateCommand(sql);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Hangfire has nothing left to do: no job enqueued, scheduled for a retry, or being processed.</summary>
    public static async Task<bool> HangfireIdleAsync(this NpgsqlDataSource db) =>
        await db.ScalarAsync("select count(*) from hangfire.job where statename in ('Enqueued', 'Processing', 'Scheduled', 'Awaiting')") == 0;
}
