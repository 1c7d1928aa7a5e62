using System.Globalization;
using ArLedger.Jobs;

namespace ArLedger.Web.Hosting;

/// <summary>
/// <c>run-job NAME [--as-of yyyy-mm-dd]</c>: runs a job's work in this process and waits for it, without starting
/// a Hangfire server. It is the same code a recurring firing runs, so a run it starts is resumed, not repeated, by a later firing.
/// </summary>
public static class RunJobVerb
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter errors, CancellationToken ct = default)
    {
        var names = string.Join(", ", JobCatalog.All.Select(j => j.Name));
        var job = args.Length > 0 ? JobCatalog.Find(args[0]) : null;
        if (job is null)
        {
            errors.WriteLine($"Usage: run-job NAME [--as-of yyyy-mm-dd]. Jobs: {names}.");
            return 2;
        }
        DateOnly? asOf = null;
        var at = Array.IndexOf(args, "--as-of");
        if (at >= 0)
        {
            if (at + 1 >= args.Length || !DateOnly.TryParseExact(args[at + 1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors.WriteLine("--as-of takes a date written yyyy-mm-dd.");
                return 2;
            }
            asOf = date;
        }

        using var scope = services.CreateScope();
        var periods = scope.ServiceProvider.GetRequiredService<JobPeriods>();
        var day = asOf ?? periods.Today;
        if (job.HasPeriods && periods.Refusal(job.Name, day) is { } refusal)
        {
            errors.WriteLine(refusal.Message);
            return 2;
        }
        var instance = (ScheduledJob)scope.ServiceProvider.GetRequiredService(job.JobType);
        var request = new JobRequest(day, $"run-job ({Environment.UserName})");
        var run = await instance.RunAsync(request, ct);
        if (run is null)
        {
            output.WriteLine($"{job.Name}: done.");
            return 0;
        }
        var seconds = (run.Duration ?? TimeSpan.Zero).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        output.WriteLine($"{run.JobName} {run.RunKey}: {run.Status}, {run.Done}/{run.Total} done, {run.Failed} failed, {seconds} s.");
        if (run.Error is not null)
            output.WriteLine(run.Error);
        return run.Status == RunStatus.Completed ? 0 : 1;
    }
}
