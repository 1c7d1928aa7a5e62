using Microsoft.Extensions.Time.Testing;
using ArLedger.Core.Tests.Statements;
using ArLedger.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ArLedger.Core.Tests.Jobs;

/// <summary>
/// An app instance's jobs: the app's registration with a Hangfire server on the test database, its hosted services
/// started (recurring jobs written, catch-up enqueued, server running) and stopped on dispose. Two nodes on one
/// database are two instances of the app.
/// </summary>
sealed class JobsNode : IAsyncDisposable
{
    public required ServiceProvider Services { get; init; }
    readonly List<IHostedService> started = [];

    /// <summary>Schedules off unless named: a node then does only what the test asks (and the sweep for open runs).</summary>
    public static async Task<JobsNode> StartAsync(TestDatabase db, FakeTimeProvider clock, params string[] scheduled)
    {
        var settings = new Dictionary<string, string?> { ["Jobs:Enabled"] = "true", ["Jobs:WorkerCount"] = "2" };
        foreach (var job in ArLedger.Jobs.JobCatalog.All.Where(j => !scheduled.Contains(j.Name)))
            settings[$"Jobs:{job.Name}:Enabled"] = "false";
        var node = new JobsNode { Services = StatementScenario.Services(db, clock, settings: settings) };
        foreach (var hosted in node.Services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
            node.started.Add(hosted);
        }
        return node;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var hosted in Enumerable.Reverse(started))
            await hosted.StopAsync(CancellationToken.None);
        await Services.DisposeAsync();
    }
}
