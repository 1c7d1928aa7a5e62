using System.Globalization;
using Quartz;

namespace ArLedger.Jobs;

/// <summary>What a job is asked to do: its as-of date and who asked ("scheduler", a user, or the command line).</summary>
public sealed record JobRequest(DateOnly AsOf, string RequestedBy);

/// <summary>
/// The shape every ArLedger job shares: Quartz calls <see cref="Execute"/>, which reads the as-of date passed by
/// "run as of a date" (the company's today otherwise) and calls <see cref="RunAsync"/>, which is also
/// what the run-job verb calls, so a scheduled run and a manual one are the same code.
/// </summary>
public abstract class ScheduledJob(BusinessCalendar calendar) : IJob
{
    public const string Group = "arledger";
    public const string AsOfKey = "asOf";
    public const string RequestedByKey = "requestedBy";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var data = context.MergedJobDataMap;
        var manual = data.TryGetValue(RequestedByKey, out var b) && b is string;
        // A scheduled firing is for the date it was scheduled on, even if it fires late (after a restart).
        var asOf = data.TryGetValue(AsOfKey, out var a) && a is string s
            && DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : calendar.DateOf(manual ? calendar.Now : context.ScheduledFireTimeUtc ?? calendar.Now);
        await RunAsync(new JobRequest(asOf, manual ? (string)b! : "scheduler"), cancellationToken);
    }

    /// <summary>Does the job's work; returns its run, or null for a job that keeps no runs (outbox dispatch).</summary>
    public abstract Task<JobRun?> RunAsync(JobRequest request, CancellationToken ct);

    public static JobDataMap Data(DateOnly? asOf, string requestedBy)
    {
        var data = new JobDataMap { [RequestedByKey] = requestedBy };
        if (asOf is { } date)
            data[AsOfKey] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return data;
    }
}
