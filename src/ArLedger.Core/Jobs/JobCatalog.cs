namespace ArLedger.Jobs;

/// <summary>
/// A job ArLedger schedules: its name (in configuration, on the Jobs page, for run-job, as Hangfire's recurring job
/// id), class and schedule. A job with periods keeps one run per period; the outbox dispatch is a sweep and keeps none.
/// </summary>
public sealed record JobDefinition(string Name, Type JobType, Func<JobsOptions, JobSchedule> Schedule, bool HasPeriods = true)
{
    /// <summary>Hangfire's recurring job ids: one per schedule of the job.</summary>
    public string ScheduleId => Name;
    public string MonthEndId => $"{Name}.month-end";
}

public static class JobCatalog
{
    public static readonly IReadOnlyList<JobDefinition> All =
    [
        new(DunningJob.Name, typeof(DunningJob), o => o.Dunning),
        new(StatementsJob.Name, typeof(StatementsJob), o => o.Statements),
        new(AgingSnapshotJob.Name, typeof(AgingSnapshotJob), o => o.AgingSnapshot),
        new(OutboxDispatchJob.Name, typeof(OutboxDispatchJob), o => o.OutboxDispatch, HasPeriods: false),
        new(PromiseReviewJob.Name, typeof(PromiseReviewJob), o => o.PromiseReview),
    ];

    public static JobDefinition? Find(string name) =>
        All.FirstOrDefault(j => string.Equals(j.Name, name, StringComparison.OrdinalIgnoreCase));
}
