using ArLedger.Jobs;
using ArLedger.Persistence;
using ArLedger.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;

namespace ArLedger.Core.Tests.Jobs;

/// <summary>
/// Two scheduler instances configured by AddArLedgerJobs, as two app instances would be, sharing one database:
/// Quartz's clustered store must give each firing to one of them only.
/// </summary>
public sealed class ClusteredSchedulerTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await using var cmd = db.DataSource.CreateCommand("create table if not exists job_fired (job text not null, node text not null)");
        await cmd.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Each_trigger_fires_its_job_once_across_two_clustered_schedulers()
    {
        await using var a = await Node.StartAsync(db, "node-a");
        await using var b = await Node.StartAsync(db, "node-b");
        // Both have checked in to the cluster in the shared store.
        await Eventually(async () => await ScalarAsync("select count(*) from qrtz_scheduler_state where instance_name in ('node-a', 'node-b')") == 2);

        for (var i = 0; i < 6; i++)
        {
            var job = JobBuilder.Create<CountingJob>().WithIdentity($"count-{i}", "test").Build();
            var trigger = TriggerBuilder.Create().WithIdentity($"count-{i}", "test").StartNow().Build();
            await (i % 2 == 0 ? a : b).Scheduler.ScheduleJob(job, trigger);
        }

        // Done when every firing has run and nothing is left to fire or in flight on either node.
        await Eventually(async () => await ScalarAsync("select count(*) from job_fired") >= 6
            && await ScalarAsync("select count(*) from qrtz_triggers where trigger_group = 'test'") == 0
            && await ScalarAsync("select count(*) from qrtz_fired_triggers") == 0);

        Assert.Equal(6, await ScalarAsync("select count(*) from job_fired"));
        Assert.Equal(6, await ScalarAsync("select count(distinct job) from job_fired"));
    }

    [Fact]
    public async Task Run_as_of_a_date_fires_the_job_once_in_the_cluster_for_that_date()
    {
        await using var a = await Node.StartAsync(db, "node-a");
        await using var b = await Node.StartAsync(db, "node-b");

        using (var scope = a.Services.CreateScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<JobBoard>().TriggerAsync(AgingSnapshotJob.Name, new DateOnly(2026, 2, 28), "manager"));

        await Eventually(async () => await ScalarAsync(
            "select count(*) from job_runs where job_name = 'AgingSnapshot' and run_key = '2026-02-28' and status = 'Completed'") == 1);
        Assert.Equal(1, await ScalarAsync("select count(*) from aging_snapshots where snapshot_date = '2026-02-28'"));
        Assert.Equal(1, await ScalarAsync("select count(*) from job_runs where requested_by = 'manager'"));
    }

    async Task<long> ScalarAsync(string sql)
    {
        await using var cmd = db.DataSource.CreateCommand(sql);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the scheduler");
            await Task.Delay(100);
        }
    }

    /// <summary>An app instance's scheduler: the same registration as the web app, its own container and instance id.</summary>
    sealed class Node : IAsyncDisposable
    {
        public required ServiceProvider Services { get; init; }
        public required IScheduler Scheduler { get; init; }

        public static async Task<Node> StartAsync(TestDatabase db, string instanceId)
        {
            var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:ArLedger"] = db.ConnectionString,
                ["Jobs:InstanceId"] = instanceId,
                ["Jobs:CheckinInterval"] = "00:00:01",
                // Only what the test fires runs.
                ["Jobs:Dunning:Enabled"] = "false",
                ["Jobs:Statements:Enabled"] = "false",
                ["Jobs:AgingSnapshot:Enabled"] = "false",
                ["Jobs:OutboxDispatch:Enabled"] = "false",
            }).Build();
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddArLedgerData(db.ConnectionString);
            services.AddArLedgerJobs(config, q => q.AddJobType<CountingJob>());
            var provider = services.BuildServiceProvider();
            var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler();
            await scheduler.Start();
            return new Node { Services = provider, Scheduler = scheduler };
        }

        public async ValueTask DisposeAsync()
        {
            await Scheduler.Shutdown(waitForJobsToComplete: true);
            await Services.DisposeAsync();
        }
    }

    sealed class CountingJob(NpgsqlDataSource data) : IJob
    {
        public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
        {
            await using var cmd = data.CreateCommand("insert into job_fired (job, node) values ($1, $2)");
            cmd.Parameters.AddWithValue(context.JobDetail.Key.Name);
            cmd.Parameters.AddWithValue(context.Scheduler.SchedulerInstanceId);
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
