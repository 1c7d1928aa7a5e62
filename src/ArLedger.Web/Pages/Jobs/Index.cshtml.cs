using System.Globalization;
using ArLedger.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ArLedger.Web.Pages.Jobs;

/// <summary>
/// The scheduled jobs (for managers and administrators): schedules, last and next firing, recent runs with live
/// progress, and "run now" / "run as of a date", which fire the job once through the clustered scheduler.
/// </summary>
public sealed class IndexModel(JobBoard board) : PageModel
{
    public const int RecentRuns = 30;

    public IReadOnlyList<JobState> Jobs { get; private set; } = [];
    public IReadOnlyList<JobRun> Runs { get; private set; } = [];
    public bool SchedulerEnabled => board.SchedulerEnabled;
    public TimeZoneInfo Zone => board.Zone;
    [TempData] public string? Message { get; set; }
    /// <summary>Set after "run now", so the page watches for the run to appear.</summary>
    [TempData] public bool Triggered { get; set; }

    public static bool French => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr";
    public static string T(string fr, string en) => French ? fr : en;

    public static string Title(string job) => job switch
    {
        DunningJob.Name => T("Relances hebdomadaires", "Weekly dunning"),
        StatementsJob.Name => T("Relevés de compte mensuels", "Monthly statements"),
        AgingSnapshotJob.Name => T("Photo de la balance âgée", "Aging snapshot"),
        OutboxDispatchJob.Name => T("Envoi des e-mails en attente", "Outbox dispatch"),
        PromiseReviewJob.Name => T("Promesses échues et échéanciers", "Promises due and payment plans"),
        _ => job,
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
        Message = fired
            ? T($"Lancement demandé : {Title(job)}{(asOf is { } d ? $", au {d:dd/MM/yyyy}" : "")}.", $"Run requested: {Title(job)}{(asOf is { } e ? $", as of {e:yyyy-MM-dd}" : "")}.")
            : T("Le planificateur n'est pas actif sur cette instance.", "The scheduler is not running on this instance.");
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
            Label = StatusLabel(r.Status),
            r.Done,
            r.Total,
            r.Failed,
            r.Error,
            Percent = Percent(r),
            Duration = Duration(r),
        }));
    }

    public static int Percent(JobRun run) => run.Total == 0
        ? (run.Status == RunStatus.Completed ? 100 : 0)
        : (int)Math.Round(100.0 * (run.Done + run.Failed) / run.Total);

    public static string Duration(JobRun run) => run.Duration is { } d
        ? d.TotalSeconds < 60 ? d.TotalSeconds.ToString("0.0 's'", CultureInfo.InvariantCulture) : d.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : "";

    public static string StatusLabel(RunStatus status) => status switch
    {
        RunStatus.Pending => T("En attente", "Pending"),
        RunStatus.Running => T("En cours", "Running"),
        RunStatus.Completed => T("Terminée", "Completed"),
        RunStatus.Failed => T("Échouée", "Failed"),
    };

    public static string Badge(RunStatus status) => status switch
    {
        RunStatus.Pending => "text-bg-secondary",
        RunStatus.Running => "text-bg-primary",
        RunStatus.Completed => "text-bg-success",
        RunStatus.Failed => "text-bg-danger",
    };
}
