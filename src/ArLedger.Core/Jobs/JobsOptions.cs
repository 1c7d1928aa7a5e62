namespace ArLedger.Jobs;

/// <summary>The "Jobs" configuration section: whether this instance runs a Hangfire server, and each job's schedule.</summary>
public sealed class JobsOptions
{
    /// <summary>
    /// False runs no Hangfire server in this process (command-line verbs, an instance kept for pages only): it still
    /// enqueues work, which the instances that run a server do.
    /// </summary>
    public bool Enabled { get; set; } = true;
    /// <summary>Hangfire workers on this instance: how many jobs (or shares of a large run) it does at once.</summary>
    public int WorkerCount { get; set; } = 4;
    /// <summary>Items an instance claims at a time from a run.</summary>
    public int BatchSize { get; set; } = 50;
    /// <summary>How long a claim holds before another instance may take the items over.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    // Hangfire cron: five fields, minutes first.
    public JobSchedule Dunning { get; set; } = new() { Cron = "0 6 * * MON" };
    public JobSchedule Statements { get; set; } = new() { Cron = "0 7 1 * *" };
    public JobSchedule AgingSnapshot { get; set; } = new() { Cron = "0 22 * * *", MonthEndCron = "55 23 L * *" };
    public JobSchedule OutboxDispatch { get; set; } = new() { Cron = "* * * * *" };
    public JobSchedule PromiseReview { get; set; } = new() { Cron = "30 5 * * *" };
}

/// <summary>When a job fires. A disabled job fires by itself no more but can still be run from the Jobs page or the command line.</summary>
public sealed class JobSchedule
{
    public bool Enabled { get; set; } = true;
    /// <summary>A cron expression of five fields (minute, hour, day of month, month, day of week), in the company's time zone (<see cref="BusinessCalendar"/>).</summary>
    public string Cron { get; set; } = "";
    /// <summary>A second schedule for the last day of the month, so a month-end snapshot exists whatever the daily time.</summary>
    public string? MonthEndCron { get; set; }

    /// <summary>The expressions in force: none when disabled.</summary>
    public IEnumerable<string> Crons()
    {
        if (!Enabled)
            yield break;
        yield return Cron;
        if (!string.IsNullOrWhiteSpace(MonthEndCron))
            yield return MonthEndCron;
    }
}
