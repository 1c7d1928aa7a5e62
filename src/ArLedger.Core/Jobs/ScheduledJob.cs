namespace ArLedger.Jobs;

/// <summary>What a job is asked to do: its as-of date and who asked ("scheduler", a user, or the command line).</summary>
public sealed record JobRequest(DateOnly AsOf, string RequestedBy);

/// <summary>
/// The shape every ArLedger job shares: <see cref="JobRunner"/> (what Hangfire calls) and the run-job verb both call
/// <see cref="RunAsync"/>, so a scheduled run and a manual one are the same code.
/// </summary>
public abstract class ScheduledJob
{
    /// <summary>Does the job's work; returns its run, or null for a job that keeps no runs (outbox dispatch).</summary>
    public abstract Task<JobRun?> RunAsync(JobRequest request, CancellationToken ct);
}
