using ArLedger.Jobs;
using ArLedger.Testing;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ArLedger.Core.Tests.Jobs;

/// <summary>
/// Hangfire keeps some of its configuration in statics, set by the last host that configured it. A process that runs
/// several hosts, one stopping while another goes on (the test suite, a host restarted in place), must leave each
/// host's workers running its own jobs.
/// </summary>
public sealed class HostsInOneProcessTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 3, 16, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_host_goes_on_running_its_jobs_after_a_host_started_later_in_the_process_stopped()
    {
        await using var first = await JobsNode.StartAsync(db, Clock);
        var second = await JobsNode.StartAsync(db, Clock);
        await second.DisposeAsync();

        var id = first.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<JobRunner>(r => r.ShareOpenRunsAsync(CancellationToken.None));

        await Eventually.TrueAsync(async () =>
            await db.DataSource.ScalarAsync($"select count(*) from hangfire.job where id = {long.Parse(id, System.Globalization.CultureInfo.InvariantCulture)} and statename = 'Succeeded'") == 1,
            "the job enqueued on the first host to succeed");
    }
}
