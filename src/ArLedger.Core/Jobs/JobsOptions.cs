namespace ArLedger.Jobs;

/// <summary>The "Jobs" configuration section: whether this instance runs the scheduler, and each job's schedule.</summary>
public sealed class JobsOptions
{
    /// <summary>False keeps the scheduler off in this process (tests, command-line verbs); runs still work when called.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>This instance's name in the cluster; blank to let Quartz make one up (host name and start time).</summary>
    public string? InstanceId { get; set; }
    /// <summary>How often an instance tells the cluster it is alive; another takes over its jobs some time after it stops.</summary>
    public TimeSpan CheckinInterval { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>Items an instance claims at a time from a run.</summary>
    public int BatchSize { get; set; } = 50;
    /// <summary>How long a claim holds before another instance may take the items over.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>How often each instance looks for open runs to take a share of (see RunSharing).</summary>
    public TimeSpan ShareInterval { get; set; } = TimeSpan.FromSeconds(30);

    public JobSchedule Dunning { get; set; } = new() { Cron = "0 0 6 ? * MON" };
    public JobSchedule Statements { get; set; } = new() { Cron = "0 0 7 1 * ?" };
    public JobSchedule AgingSnapshot { get; set; } = new() { Cron = "0 0 22 * * ?", MonthEndCron = "0 55 23 L * ?" };
    public JobSchedule OutboxDispatch { get; set; } = new() { Cron = "0 * * ? * *" };
    public JobSchedule PromiseReview { get; set; } = new() { Cron = "0 30 5 * * ?" };
}

/// <summary>When a job fires. A disabled job keeps no trigger but can still be run from the Jobs page or the command line.</summary>
public sealed class JobSchedule
{
    public bool Enabled { get; set; } = true;
    /// <summary>A Quartz cron expression (seconds first).</summary>
    public string Cron { get; set; } = "";
    /// <summary>A second trigger for the last day of the month, so a month-end snapshot exists whatever the daily time.</summary>
    public string? MonthEndCron { get; set; }
}
