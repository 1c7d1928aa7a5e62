using Quartz;

namespace ArLedger.Jobs;

/// <summary>A job ArLedger schedules: its name (in configuration, on the Jobs page, for run-job), class and schedule.</summary>
public sealed record JobDefinition(string Name, Type JobType, Func<JobsOptions, JobSchedule> Schedule)
{
    public JobKey Key => new(Name, ScheduledJob.Group);
    public TriggerKey ScheduleTrigger => new($"{Name}.schedule", ScheduledJob.Group);
    public TriggerKey MonthEndTrigger => new($"{Name}.month-end", ScheduledJob.Group);
}

public static class JobCatalog
{
    public static readonly IReadOnlyList<JobDefinition> All =
    [
        new(DunningJob.Name, typeof(DunningJob), o => o.Dunning),
        new(StatementsJob.Name, typeof(StatementsJob), o => o.Statements),
        new(AgingSnapshotJob.Name, typeof(AgingSnapshotJob), o => o.AgingSnapshot),
        new(OutboxDispatchJob.Name, typeof(OutboxDispatchJob), o => o.OutboxDispatch),
        new(PromiseReviewJob.Name, typeof(PromiseReviewJob), o => o.PromiseReview),
    ];

    public static JobDefinition? Find(string name) =>
        All.FirstOrDefault(j => string.Equals(j.Name, name, StringComparison.OrdinalIgnoreCase));
}
