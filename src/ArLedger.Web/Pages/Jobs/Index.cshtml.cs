using System.Globalization;
using ArLedger.Jobs;
using ArLedger.Web.Collections;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Jobs;

/// <summary>
/// The scheduled jobs (for managers and administrators), as the business sees them: each job's schedule in words,
/// its latest run and next firing, the periods missed, recent runs with live progress, and "run now" / "run as of a
/// date", which enqueue the run for any instance's worker. Hangfire's own dashboard is one link away.
/// </summary>
public sealed class IndexModel(JobBoard board, Moments moments, IStringLocalizer<Texts> t) : PageModel
{
    public const int RecentRuns = 30;
    /// <summary>Polls of the runs after "run now", while the run is not there yet.</summary>
    const int PollsForNewRun = 5;

    public IReadOnlyList<JobState> Jobs { get; private set; } = [];
    public IReadOnlyList<JobRun> Runs { get; private set; } = [];
    public IReadOnlyList<MissedPeriod> Missed { get; private set; } = [];
    public bool ServerEnabled => board.ServerEnabled;
    public DateOnly Today => board.Today;
    [TempData] public string? Message { get; set; }
    [TempData] public string? Refusal { get; set; }
    /// <summary>Set after "run now", so the runs are watched for the new one to appear.</summary>
    [TempData] public bool Triggered { get; set; }
    /// <summary>Polls left before the runs stop being watched when none is going.</summary>
    public int Watch { get; private set; }

    // These return the English text, which is also the key of the French text in Texts.fr.resx.
    public static string Title(string job) => job switch
    {
        DunningJob.Name => "Weekly dunning",
        StatementsJob.Name => "Monthly statements",
        AgingSnapshotJob.Name => "Aging snapshot",
        OutboxDispatchJob.Name => "Outbox dispatch",
        PromiseReviewJob.Name => "Promises due and payment plans",
        ArLedger.Dunning.DunningApproval.Name => "Approved dunning letters",
        ArLedger.Imports.ImportRuns.Name => "CSV file import",
        _ => job,
    };

    public static string StatusLabel(RunStatus status) => status switch
    {
        RunStatus.Pending => "Pending",
        RunStatus.Running => "Running",
        RunStatus.Completed => "Finished",
        RunStatus.Failed => "Failed",
    };

    public async Task OnGetAsync(CancellationToken ct)
    {
        Jobs = await board.JobsAsync(ct);
        Missed = await board.MissedAsync(ct);
        Runs = await board.RecentRunsAsync(RecentRuns, ct: ct);
        Watch = Triggered ? PollsForNewRun : 0;
    }

    public IActionResult OnPostRun(string job, DateOnly? asOf)
    {
        var refusal = board.Request(job, asOf, User.Identity?.Name ?? "anonymous");
        if (refusal is not null)
        {
            Refusal = t.Say(refusal);
            return RedirectToPage();
        }
        Message = asOf is { } date ? t["Run requested: {0}, as of {1}.", t[Title(job)], Display.Date(date)] : t["Run requested: {0}.", t[Title(job)]];
        Triggered = true;
        return RedirectToPage();
    }

    /// <summary>The recent runs, drawn again; htmx asks for them every 2 s while a run goes (or one is awaited).</summary>
    public async Task<IActionResult> OnGetRunsAsync(int watch, CancellationToken ct)
    {
        Runs = await board.RecentRunsAsync(RecentRuns, ct: ct);
        Watch = Math.Max(0, watch - 1);
        return Partial("_Runs", this);
    }

    public bool Going => Watch > 0 || Runs.Any(r => r.Status is RunStatus.Running or RunStatus.Pending);

    public string Schedule(string cron) => ScheduleWords.Describe(cron, t);

    /// <summary>A moment in the company's time zone, in the reader's culture.</summary>
    public string When(DateTimeOffset? instant) =>
        instant is { } at ? moments.Show(at) : "—";

    public static int Percent(JobRun run) => run.Total == 0
        ? (run.Status == RunStatus.Completed ? 100 : 0)
        : (int)Math.Round(100.0 * (run.Done + run.Failed) / run.Total);

    public static string Duration(JobRun run) => run.Duration is { } d
        ? d.TotalSeconds < 60 ? d.TotalSeconds.ToString("0.0 's'", CultureInfo.CurrentCulture) : d.ToString(@"h\:mm\:ss", CultureInfo.CurrentCulture)
        : "";

    public static string Badge(RunStatus status) => status switch
    {
        RunStatus.Pending => "text-bg-secondary",
        RunStatus.Running => "text-bg-primary",
        RunStatus.Completed => "text-bg-success",
        RunStatus.Failed => "text-bg-danger",
    };
}
