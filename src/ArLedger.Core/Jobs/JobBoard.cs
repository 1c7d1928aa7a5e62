using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Jobs;

/// <summary>A job as the Jobs page shows it: its schedule, its latest run, and when it fires next.</summary>
public sealed record JobState(JobDefinition Job, JobSchedule Schedule, JobRun? LastRun, DateTimeOffset? NextFire);

/// <summary>A period whose time has passed with no run: the app was down, or the run failed to start.</summary>
public sealed record MissedPeriod(JobDefinition Job, DateOnly AsOf, string RunKey);

/// <summary>
/// What the Jobs page (and the home page's warning) reads and does: each job's schedule, latest run and next firing,
/// recent runs from the runs table, the periods missed, and "run now" / "run as of a date", which enqueue the run for
/// whichever instance's worker is free, after refusing a period that has not ended.
/// </summary>
public sealed class JobBoard(ArLedgerDbContext db, JobsOptions options, JobPeriods periods, BackgroundRuns background)
{
    /// <summary>A firing this recent may not have started its run yet: not a missed period.</summary>
    static readonly TimeSpan Grace = TimeSpan.FromMinutes(15);

    /// <summary>False when this process runs no Hangfire server (Jobs:Enabled is false); what it enqueues runs elsewhere.</summary>
    public bool ServerEnabled => options.Enabled;

    public TimeZoneInfo Zone => periods.Zone;

    public DateOnly Today => periods.Today;

    public async Task<IReadOnlyList<JobState>> JobsAsync(CancellationToken ct = default)
    {
        var names = JobCatalog.All.Select(j => j.Name).ToList();
        var latest = await db.Set<JobRun>().AsNoTracking().Where(r => names.Contains(r.JobName))
            .GroupBy(r => r.JobName).Select(g => g.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).First()).ToListAsync(ct);
        return JobCatalog.All.Select(job => new JobState(job, job.Schedule(options),
            latest.FirstOrDefault(r => r.JobName == job.Name), periods.NextFire(job))).ToList();
    }

    /// <summary>Each scheduled job whose latest due period has no run, or only a failed one.</summary>
    public async Task<IReadOnlyList<MissedPeriod>> MissedAsync(CancellationToken ct = default)
    {
        var due = new List<MissedPeriod>();
        foreach (var job in JobCatalog.All)
        {
            if (periods.LastFiring(job) is not { } at || periods.Now - at < Grace)
                continue;
            var asOf = periods.DateOf(at);
            due.Add(new MissedPeriod(job, asOf, JobPeriods.KeyOf(job.Name, asOf)));
        }
        var keys = due.Select(d => d.Job.Name + "/" + d.RunKey).ToList();
        var ran = await db.Set<JobRun>().AsNoTracking().Where(r => keys.Contains(r.JobName + "/" + r.RunKey) && r.Status != RunStatus.Failed)
            .Select(r => r.JobName + "/" + r.RunKey).ToListAsync(ct);
        return due.Where(d => !ran.Contains(d.Job.Name + "/" + d.RunKey)).ToList();
    }

    /// <summary>The latest runs, newest first: of every job, or of the one named.</summary>
    public async Task<IReadOnlyList<JobRun>> RecentRunsAsync(int count, string? job = null, CancellationToken ct = default) =>
        await db.Set<JobRun>().AsNoTracking().Where(r => job == null || r.JobName == job)
            .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).Take(count).ToListAsync(ct);

    /// <summary>The run of a job for a period key ("2026-03-16", "2026-02"), once a worker has started it.</summary>
    public Task<JobRun?> RunAsync(string job, string runKey, CancellationToken ct = default) =>
        db.Set<JobRun>().AsNoTracking().SingleOrDefaultAsync(r => r.JobName == job && r.RunKey == runKey, ct);

    /// <summary>The key of the run a request as of the date (today when null) makes: the period it is for.</summary>
    public string RunKeyOf(string job, DateOnly? asOf) => JobPeriods.KeyOf(job, asOf ?? periods.Today);

    /// <summary>
    /// Enqueues the job as of the date (today when null) for any instance's worker; null when enqueued, the reason
    /// otherwise (no such job, a period that has not ended), and then nothing is enqueued or written.
    /// </summary>
    public Problem? Request(string jobName, DateOnly? asOf, string requestedBy)
    {
        if (JobCatalog.Find(jobName) is not { } job)
            return Problem.NotFound($"There is no job named {jobName}.");
        if (job.HasPeriods && periods.Refusal(job.Name, asOf ?? periods.Today) is { } refusal)
            return refusal;
        background.Run(job.Name, asOf, requestedBy);
        return null;
    }
}
