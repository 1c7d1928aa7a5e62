using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ArLedger.Jobs;

/// <summary>
/// What Hangfire calls: a recurring firing, a run asked for by a person, a share of a run, and the sweep for runs
/// left open. Periods are read with our clock (<see cref="JobPeriods"/>), not Hangfire's, so a firing that comes
/// late, or the catch-up at start, runs the period that was due, once.
/// </summary>
public sealed class JobRunner(IServiceProvider services, JobPeriods periods, RunSharing sharing, BackgroundRuns background,
    ILogger<JobRunner> log)
{
    /// <summary>
    /// A firing of the job's schedule, and the catch-up at start: runs the latest period the schedule became due for.
    /// A completed period is found done and nothing is written, so firing twice, on two instances, or after a restart
    /// is harmless, and weeks missed while the app was down run once, for the latest one.
    /// </summary>
    [AutomaticRetry(Attempts = 3)]
    public async Task FireAsync(string jobName, CancellationToken ct)
    {
        var job = JobCatalog.Find(jobName) ?? throw new ArgumentException($"No job is named {jobName}.", nameof(jobName));
        var asOf = job.HasPeriods ? periods.DueAsOf(job) : periods.Today;
        if (asOf is null)
            return;
        await Job(job).RunAsync(new JobRequest(asOf.Value, "scheduler"), ct);
    }

    /// <summary>"Run now" or "run as of a date" from a page. A date whose period has not ended is refused, as it was when asked.</summary>
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(string jobName, DateOnly? asOf, string requestedBy, CancellationToken ct)
    {
        var job = JobCatalog.Find(jobName) ?? throw new ArgumentException($"No job is named {jobName}.", nameof(jobName));
        var date = asOf ?? periods.Today;
        if (job.HasPeriods && periods.Refusal(job.Name, date) is { } refusal)
        {
            log.LogWarning("{Job} as of {AsOf} refused: {Reason}", job.Name, date, refusal.Message);
            return;
        }
        await Job(job).RunAsync(new JobRequest(date, requestedBy), ct);
    }

    /// <summary>A share of a run: claims batches of its items until none is left.</summary>
    [AutomaticRetry(Attempts = 3)]
    public Task ProcessAsync(long runId, CancellationToken ct) => sharing.JoinAsync(runId, ct);

    /// <summary>Hands each run left open (an instance stopped mid-way, a lease ran out) to a worker.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task ShareOpenRunsAsync(CancellationToken ct)
    {
        foreach (var runId in await sharing.OpenRunsAsync(ct))
            background.Process(runId);
    }

    ScheduledJob Job(JobDefinition job) => (ScheduledJob)services.GetRequiredService(job.JobType);
}
