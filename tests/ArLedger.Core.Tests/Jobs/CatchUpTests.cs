using Microsoft.Extensions.Time.Testing;
using ArLedger.Jobs;
using ArLedger.Seeding;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArLedger.Core.Tests.Jobs;

/// <summary>The app was down on the 1st at 07:00: when it starts, last month's statements are issued, once.</summary>
public sealed class CatchUpTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    // Thursday 2 April 2026, 10:00 in Paris: March's statements were due yesterday at 07:00.
    static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 4, 2, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_statements_month_missed_while_the_app_was_down_is_issued_once_when_it_starts()
    {
        await new Seeder(db.DataSource, new BusinessCalendar(Clock)).SeedDemoAsync();
        await using var plain = Statements.StatementScenario.Services(db, Clock);
        await using (var scope = plain.CreateAsyncScope())
        {
            var missed = await scope.ServiceProvider.GetRequiredService<JobBoard>().MissedAsync();
            Assert.Contains(missed, m => m.Job.Name == StatementsJob.Name && m.RunKey == "2026-03");
        }

        await using (await JobsNode.StartAsync(db, Clock, StatementsJob.Name))
            await Eventually.TrueAsync(async () =>
                await db.DataSource.ScalarAsync("select count(*) from job_runs where job_name = 'Statements' and run_key = '2026-03' and status = 'Completed'") == 1
                && await db.DataSource.HangfireIdleAsync(), "March's statements issued at start");
        // Started again (another restart the same day): the month is found done.
        await using (await JobsNode.StartAsync(db, Clock, StatementsJob.Name))
            await Eventually.TrueAsync(() => db.DataSource.HangfireIdleAsync(), "the catch-up of the second start");

        Assert.Equal(1, await db.DataSource.ScalarAsync("select count(*) from job_runs where job_name = 'Statements'"));
        Assert.Equal(0, await db.DataSource.ScalarAsync("select count(*) from job_run_items where attempts <> 1"));
        await using var ctx = db.CreateContext();
        var perCustomer = await ctx.ArchivedDocuments.Where(d => d.PeriodKey == "2026-03").GroupBy(d => d.CustomerId).Select(g => g.Count()).ToListAsync();
        Assert.NotEmpty(perCustomer);
        Assert.All(perCustomer, n => Assert.Equal(1, n));
        await using var after = plain.CreateAsyncScope();
        Assert.DoesNotContain(await after.ServiceProvider.GetRequiredService<JobBoard>().MissedAsync(), m => m.Job.Name == StatementsJob.Name);
    }

    [Fact]
    public async Task Mondays_missed_while_the_app_was_down_run_the_dunning_once_for_the_latest()
    {
        // Three Mondays passed (16, 23 and 30 March) with the app down; it starts on Wednesday 1 April.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 4, 1, 12, 0, 0, TimeSpan.Zero));
        await using var services = Statements.StatementScenario.Services(db, clock);
        var job = JobCatalog.Find(DunningJob.Name)!;

        Assert.Equal(new DateOnly(2026, 3, 30), services.GetRequiredService<JobPeriods>().DueAsOf(job));
    }
}
