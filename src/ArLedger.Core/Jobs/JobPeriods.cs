using System.Globalization;
using ArLedger.Statements;
using Cronos;

namespace ArLedger.Jobs;

/// <summary>
/// The periods jobs run for, read with our <see cref="TimeProvider"/> rather than Hangfire's clock, so that catch-up
/// and the refusal of the future follow the same time as the rest of the book (and tests can drive it):
/// which period a job's schedule last became due for, the run key of a period, and whether a period has ended.
/// </summary>
public sealed class JobPeriods(JobsOptions options, BusinessCalendar calendar)
{
    // Far enough back to find the last firing of a monthly schedule, near enough to stay cheap for a daily one.
    static readonly TimeSpan LookBack = TimeSpan.FromDays(63);

    public TimeZoneInfo Zone => calendar.Zone;

    /// <summary>The company's business date (<see cref="BusinessCalendar.Today"/>).</summary>
    public DateOnly Today => calendar.Today;

    public DateTimeOffset Now => calendar.Now;

    /// <summary>
    /// The latest firing of the job's schedules at or before now: its date is the period a firing now, or a catch-up
    /// after the app was down, must see done. Null for a job that keeps no periods or fires by itself no more.
    /// </summary>
    public DateTimeOffset? LastFiring(JobDefinition job)
    {
        if (!job.HasPeriods)
            return null;
        var now = calendar.Now;
        DateTimeOffset? latest = null;
        foreach (var cron in job.Schedule(options).Crons())
        {
            var last = Parse(cron).GetOccurrences(now - LookBack, now, Zone, fromInclusive: true, toInclusive: true).LastOrDefault();
            if (last != default && (latest is null || last > latest))
                latest = last;
        }
        return latest;
    }

    /// <summary>The as-of date of <see cref="LastFiring"/>: the date it had in the company's zone.</summary>
    public DateOnly? DueAsOf(JobDefinition job) => LastFiring(job) is { } at ? DateOf(at) : null;

    public DateOnly DateOf(DateTimeOffset at) => calendar.DateOf(at);

    /// <summary>The next firing after now of any of the job's schedules.</summary>
    public DateTimeOffset? NextFire(JobDefinition job)
    {
        var now = calendar.Now;
        return job.Schedule(options).Crons().Select(c => Parse(c).GetNextOccurrence(now, Zone)).Where(n => n is not null).Min();
    }

    /// <summary>The key of the job's run for an as-of date: the month for statements, the date otherwise.</summary>
    public static string KeyOf(string jobName, DateOnly asOf) => jobName == StatementsJob.Name
        ? StatementMonth.EndingOnOrBefore(asOf).Key
        : asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// Why a run as of that date cannot start yet, or null if it can: a date after today, or statements for a month
    /// that is not over (a December run before December ends would state a month still moving, and the real run
    /// would then find its key done and send nothing).
    /// </summary>
    public Problem? Refusal(string jobName, DateOnly asOf)
    {
        var today = Today;
        if (asOf > today)
            return Problem.Refused("asOf", $"The run as of {Iso(asOf)} cannot start before that date: today is {Iso(today)}.");
        if (jobName == StatementsJob.Name && StatementMonth.EndingOnOrBefore(asOf) is var month && month.To >= today)
            return Problem.Refused("asOf", $"The statements of {month.Key} can run once the month is over, from {Iso(month.To.AddDays(1))}.");
        return null;
    }

    static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static CronExpression Parse(string cron) => CronExpression.Parse(cron, CronFormat.Standard);
}
