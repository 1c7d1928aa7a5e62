using Hangfire;

namespace ArLedger.Jobs;

/// <summary>
/// How a page starts long work: it enqueues a Hangfire job, stored in the database, and answers at once; whichever
/// instance's worker is free does it, and work lost with a stopped process is done again from the runs table
/// (a run is resumed, never repeated).
/// </summary>
public sealed class BackgroundRuns(IBackgroundJobClient jobs)
{
    /// <summary>Processes what is left of a recorded run (approved letters, an import).</summary>
    public void Process(long runId) => jobs.Enqueue<JobRunner>(r => r.ProcessAsync(runId, CancellationToken.None));

    /// <summary>Runs a job as of a date (today when null), as asked by a person; the caller checked the date with <see cref="JobPeriods.Refusal"/>.</summary>
    public void Run(string jobName, DateOnly? asOf, string requestedBy) =>
        jobs.Enqueue<JobRunner>(r => r.RunAsync(jobName, asOf, requestedBy, CancellationToken.None));

    /// <summary>Lets <paramref name="shares"/> more workers, on any instance, take batches of a large run.</summary>
    public void Share(long runId, int shares)
    {
        for (var i = 0; i < shares; i++)
            Process(runId);
    }
}
