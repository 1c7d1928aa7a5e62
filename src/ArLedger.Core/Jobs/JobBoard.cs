using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace ArLedger.Jobs;

/// <summary>A job as the Jobs page shows it: its schedule, and when Quartz last fired it and will fire it next.</summary>
public sealed record JobState(JobDefinition Job, JobSchedule Schedule, DateTimeOffset? LastFire, DateTimeOffset? NextFire);

/// <summary>
/// What the Jobs page reads and does: each job's schedule and fire times from the clustered scheduler, recent runs
/// from the runs table, and "run now" / "run as of a date", which ask the scheduler to fire the job once so that it
/// runs on whichever instance is free, like a scheduled firing.
/// </summary>
public sealed class JobBoard(ArLedgerDbContext db, JobsOptions options, IServiceProvider services)
{
    /// <summary>False when this process runs no scheduler (Jobs:Enabled is false).</summary>
    public bool SchedulerEnabled => options.Enabled;

    public async Task<IReadOnlyList<JobState>> JobsAsync(CancellationToken ct = default)
    {
        var scheduler = await SchedulerAsync(ct);
        var states = new List<JobState>();
        foreach (var job in JobCatalog.All)
        {
            var schedule = job.Schedule(options);
            DateTimeOffset? last = null, next = null;
            if (scheduler is not null)
            {
                foreach (var key in new[] { job.ScheduleTrigger, job.MonthEndTrigger })
                {
                    var trigger = await scheduler.GetTrigger(key, ct);
                    if (trigger is null)
                        continue;
                    last = Max(last, trigger.PreviousFireTimeUtc);
                    next = Min(next, trigger.NextFireTimeUtc);
                }
            }
            states.Add(new JobState(job, schedule, last, next));
        }
        return states;
    }

    public async Task<IReadOnlyList<JobRun>> RecentRunsAsync(int count, CancellationToken ct = default) =>
        await db.Set<JobRun>().AsNoTracking().OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).Take(count).ToListAsync(ct);

    public Task<JobRun?> RunAsync(long id, CancellationToken ct = default) =>
        db.Set<JobRun>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);

    /// <summary>Fires the job once now, as of today or the given date. False if there is no such job or no scheduler.</summary>
    public async Task<bool> TriggerAsync(string jobName, DateOnly? asOf, string requestedBy, CancellationToken ct = default)
    {
        var job = JobCatalog.Find(jobName);
        var scheduler = await SchedulerAsync(ct);
        if (job is null || scheduler is null)
            return false;
        await scheduler.TriggerJob(job.Key, ScheduledJob.Data(asOf, requestedBy), ct);
        return true;
    }

    async Task<IScheduler?> SchedulerAsync(CancellationToken ct) =>
        options.Enabled && services.GetService(typeof(ISchedulerFactory)) is ISchedulerFactory factory
            ? await factory.GetScheduler(ct)
            : null;

    static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
    static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;
}
