using System.Globalization;
using ArLedger.Jobs;
using ArLedger.Web.Collections;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Jobs;

/// <summary>
/// The scheduled jobs (for managers and administrators): schedules, last and next firing, recent runs with live
/// progress, and "run now" / "run as of a date", which fire the job once through the clustered scheduler.
/// </summary>
public sealed class IndexModel(JobBoard board, Moments moments, IStringLocalizer<Texts> t) : PageModel
{
    public const int RecentRuns = 30;

    public IReadOnlyList<JobState> Jobs { get; private set; } = [];
    public IReadOnlyList<JobRun> Runs { get; private set; } = [];
    public bool SchedulerEnabled => board.SchedulerEnabled;
    [TempData] public string? Message { get; set; }
    /// <summary>Set after "run now", so the page watches for the run to appear.</summary>
    [TempData] public bool Triggered { get; set; }

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
        Runs = await board.RecentRunsAsync(RecentRuns, ct);
    }

    public async Task<IActionResult> OnPostRunAsync(string job, DateOnly? asOf, CancellationToken ct)
    {
        var requestedBy = User.Identity?.Name ?? "anonymous";
        var fired = await board.TriggerAsync(job, asOf, requestedBy, ct);
        Message = !fired ? t["The scheduler is not running on this instance."]
            : asOf is { } date ? t["Run requested: {0}, as of {1}.", t[Title(job)], Display.Date(date)]
            : t["Run requested: {0}.", t[Title(job)]];
        Triggered = fired;
        return RedirectToPage();
    }

    /// <summary>The recent runs as JSON, polled by the page every 2 s while a run goes.</summary>
    public async Task<IActionResult> OnGetProgressAsync(CancellationToken ct)
    {
        var runs = await board.RecentRunsAsync(RecentRuns, ct);
        return new JsonResult(runs.Select(r => new
        {
            r.Id,
            Status = r.Status.ToString(),
            Label = t[StatusLabel(r.Status)].Value,
            r.Done,
            r.Total,
            r.Failed,
            r.Error,
            Percent = Percent(r),
            Duration = Duration(r),
        }));
    }

    /// <summary>A moment in the company's time zone (the one schedules are written in), in the reader's culture.</summary>
    public string When(DateTimeOffset? instant) => instant is { } at ? moments.Show(at) : "—";

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
