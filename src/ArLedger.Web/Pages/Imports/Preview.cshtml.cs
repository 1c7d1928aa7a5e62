using System.Globalization;
using ArLedger.Imports;
using ArLedger.Jobs;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Imports;

/// <summary>
/// One uploaded file as checked: what it would create, what is already in the book, and every error by row and
/// column. Confirming imports the stored file, never anything the browser sends back.
/// </summary>
public sealed class PreviewModel(Importer importer, ImportRuns runs, BackgroundRuns background, ImportBatches batches,
    IStringLocalizer<Texts> T) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    /// <summary>The run the page followed to its end, whose outcome it tells.</summary>
    [BindProperty(SupportsGet = true)]
    public long? Run { get; set; }

    /// <summary>Which rows to list: those to create or those already imported.</summary>
    [BindProperty(SupportsGet = true, Name = "rows")]
    public ImportRowStatus Rows { get; set; } = ImportRowStatus.Create;

    [TempData]
    public string? Notice { get; set; }

    [TempData]
    public bool NoticeIsError { get; set; }

    public ImportBatchDetails Details { get; private set; } = null!;
    public ImportBatchSummary Batch => Details.Batch;
    public ImportReport Report => Details.Report;

    /// <summary>What the run the page followed came to, told once when the page shows its result.</summary>
    public string? Ended { get; private set; }
    public bool EndedIsError { get; private set; }

    /// <summary>The check or import of this batch still running; the page then shows its progress instead of the report.</summary>
    public ImportRun? Going { get; private set; }

    public bool CanConfirm => Batch.Status == ImportStatus.Previewed && Batch.ErrorCount == 0 && Batch.RowCount > 0;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var details = await batches.FindAsync(Id, ct);
        if (details is null)
            return NotFound();
        Details = details;
        if (await runs.LatestAsync(Id, ct) is { } latest)
        {
            // A run whose process stopped is taken up by the sweep for open runs once its lease runs out.
            if (latest.Going)
                Going = latest;
            else if (latest.Run.Id == Run)
            {
                TellOutcome(latest);
            }
        }
        // With nothing to create, the rows worth showing are those already imported.
        if (Rows == ImportRowStatus.Create && Batch.CreateCount == 0 && Batch.SkipCount > 0)
            Rows = ImportRowStatus.Skip;
        return Page();
    }

    /// <summary>How far the batch's run has got, as JSON, polled by the page while it runs.</summary>
    public async Task<IActionResult> OnGetProgressAsync(CancellationToken ct)
    {
        if (await runs.LatestAsync(Id, ct) is not { } latest)
            return NotFound();
        return new JsonResult(new { latest.Going, latest.Count?.Done, latest.Count?.Total, latest.Percent });
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct)
    {
        if (await StartAsync(ImportStep.Import, ct) is { } followed)
            return followed;
        var outcome = await importer.ConfirmAsync(Id, ct);
        if (outcome.Problem?.Kind == ProblemKind.NotFound)
            return NotFound();
        var batch = await batches.FindAsync(Id, ct);
        NoticeIsError = !outcome.Succeeded;
        Notice = outcome switch
        {
            { Succeeded: false } => T["Nothing was imported: {0} errors. Correct the file and check it again.", Display.Number(batch!.Batch.ErrorCount)],
            { Replayed: true } => T["This file was already imported."],
            _ => T["Imported: {0} new, {1} already in the book.", Display.Number(batch!.Batch.CreateCount), Display.Number(batch.Batch.SkipCount)],
        };
        return RedirectToPage(new { Id });
    }

    public async Task<IActionResult> OnPostRecheckAsync(CancellationToken ct)
    {
        if (await StartAsync(ImportStep.Check, ct) is { } followed)
            return followed;
        var outcome = await importer.RecheckAsync(Id, ct);
        if (outcome.Problem?.Kind == ProblemKind.NotFound)
            return NotFound();
        Notice = T["Checked again against the book as it is now."];
        return RedirectToPage(new { Id });
    }

    /// <summary>A large batch's step as a run the page follows (or the one already going); null when the request does it.</summary>
    async Task<IActionResult?> StartAsync(ImportStep step, CancellationToken ct)
    {
        if (await runs.StartAsync(Id, step, ct) is not { } run)
            return null;
        background.Process(run.Id);
        return RedirectToPage(new { Id, run = run.Id });
    }

    /// <summary>What a run that ended said, worded as the request that imports a small file words it.</summary>
    void TellOutcome(ImportRun ended)
    {
        if (ended.Run.Status == RunStatus.Failed)
        {
            EndedIsError = true;
            Ended = T["The work on this file stopped before the end: {0}. Start it again.", ended.Run.Error ?? ""];
        }
        else if (ended.Step == ImportStep.Import)
        {
            EndedIsError = Batch.Status != ImportStatus.Imported;
            Ended = EndedIsError
                ? T["Nothing was imported: {0} errors. Correct the file and check it again.", Display.Number(Batch.ErrorCount)]
                : T["Imported: {0} new, {1} already in the book.", Display.Number(Batch.CreateCount), Display.Number(Batch.SkipCount)];
        }
    }

    public string Bytes(long count) => count < 1024
        ? T["{0} B", count.ToString("N0", CultureInfo.CurrentCulture)]
        : T["{0} KB", (count / 1024d).ToString("N0", CultureInfo.CurrentCulture)];

    public static string DelimiterName(char? delimiter) => delimiter switch
    {
        ';' => "semicolon",
        ',' => "comma",
        '\t' => "tab",
        _ => "unknown separator",
    };
}
