using Microsoft.Extensions.Time.Testing;
using ArLedger.Jobs;
using ArLedger.Seeding;
using ArLedger.Testing;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArLedger.Core.Tests.Jobs;

/// <summary>
/// Two app instances (two Hangfire servers) on one database, each with every schedule: both enqueue the catch-up
/// at start and both fire every recurring job, yet each job's work is done once.
/// </summary>
public sealed class TwoInstancesTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    // Monday 16 March 2026, 10:00 in Paris: dunning (06:00) and promise review (05:30) are due today, the snapshot
    // of Sunday evening, and February's statements.
    static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 3, 16, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Two_instances_run_each_recurring_jobs_work_once()
    {
        await new Seeder(db.DataSource, new BusinessCalendar(Clock)).SeedDemoAsync();
        var names = JobCatalog.All.Select(j => j.Name).ToArray();
        await using var a = await JobsNode.StartAsync(db, Clock, names);
        await using var b = await JobsNode.StartAsync(db, Clock, names);
        foreach (var node in new[] { a, b })
        {
            var recurring = node.Services.GetRequiredService<IRecurringJobManager>();
            foreach (var job in JobCatalog.All)
                recurring.Trigger(job.ScheduleId);
            recurring.Trigger(JobCatalog.Find(AgingSnapshotJob.Name)!.MonthEndId);
        }

        var due = new[] { ("Dunning", "2026-03-16"), ("Statements", "2026-02"), ("AgingSnapshot", "2026-03-15"), ("PromiseReview", "2026-03-16") };
        await Eventually.TrueAsync(async () =>
        {
            foreach (var (job, key) in due)
            {
                if (await db.DataSource.ScalarAsync($"select count(*) from job_runs where job_name = '{job}' and run_key = '{key}' and status = 'Completed'") != 1)
                    return false;
            }
            return await db.DataSource.HangfireIdleAsync();
        }, "every due run completed and Hangfire idle");

        // One run per job: firings after the first found the period done.
        foreach (var (job, _) in due)
            Assert.Equal(1, await db.DataSource.ScalarAsync($"select count(*) from job_runs where job_name = '{job}' and requested_by = 'scheduler'"));
        // Every item claimed once: no customer's statement or letter group was done twice.
        Assert.Equal(0, await db.DataSource.ScalarAsync("select count(*) from job_run_items where status <> 'Done' or attempts <> 1"));
        await using var ctx = db.CreateContext();
        var statements = await ctx.ArchivedDocuments.Where(d => d.PeriodKey == "2026-02").GroupBy(d => d.CustomerId).Select(g => g.Count()).ToListAsync();
        Assert.NotEmpty(statements);
        Assert.All(statements, n => Assert.Equal(1, n));
        Assert.True(await db.DataSource.ScalarAsync("select count(*) from aging_snapshots where snapshot_date = '2026-03-15'") > 0);
        var mails = await ctx.OutboxMessages.GroupBy(m => m.CorrelationKey).Select(g => g.Count()).ToListAsync();
        Assert.All(mails, n => Assert.Equal(1, n));
        // Both instances did the work: the dashboard lists two servers.
        Assert.Equal(2, await db.DataSource.ScalarAsync("select count(*) from hangfire.server"));
    }
}
