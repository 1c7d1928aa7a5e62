using Microsoft.Extensions.Logging;

namespace ArLedger.Jobs;

// Seams to work that other features own. Each job calls one of these; the feature registers its own
// implementation, which replaces the placeholder (AddArLedgerJobs adds placeholders with TryAdd).

/// <summary>The weekly dunning run for an as-of date (proposals, letters): the dunning feature's.</summary>
public interface IDunningRun
{
    Task<JobRun> RunAsync(DateOnly asOf, string requestedBy, CancellationToken ct);
}

/// <summary>The monthly statement run for the month of an as-of date: the statements feature's.</summary>
public interface IStatementRun
{
    Task<JobRun> RunAsync(DateOnly asOf, string requestedBy, CancellationToken ct);
}

/// <summary>
/// A run whose items any instance can take a share of: <see cref="RunSharing"/> calls it from the Hangfire jobs of any instance for runs
/// of its job that still have unclaimed items, so a long run started on one node is finished by all of them.
/// </summary>
public interface IResumableRun
{
    string JobName { get; }
    Task ResumeAsync(JobRun run, CancellationToken ct);
}

/// <summary>Sends what the mail outbox holds (the mail feature's OutboxDispatcher).</summary>
public interface IOutboxDispatch
{
    Task DispatchAsync(CancellationToken ct);
}

/// <summary>Placeholder until the mail outbox is wired in: there is nothing to dispatch.</summary>
sealed class OutboxDispatchPlaceholder(ILogger<OutboxDispatchPlaceholder> log) : IOutboxDispatch
{
    public Task DispatchAsync(CancellationToken ct)
    {
        log.LogDebug("No outbox dispatcher is registered.");
        return Task.CompletedTask;
    }
}
