using System.Globalization;
using ArLedger.Imports;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Imports;

/// <summary>
/// One uploaded file as checked: what it would create, what is already in the book, and every error by row and
/// column. Confirming imports the stored file, never anything the browser sends back.
/// </summary>
public sealed class PreviewModel(Importer importer, ImportBatches batches, IStringLocalizer<Texts> T) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

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

    public bool CanConfirm => Batch.Status == ImportStatus.Previewed && Batch.ErrorCount == 0 && Batch.RowCount > 0;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var details = await batches.FindAsync(Id, ct);
        if (details is null)
            return NotFound();
        Details = details;
        // With nothing to create, the rows worth showing are those already imported.
        if (Rows == ImportRowStatus.Create && Batch.CreateCount == 0 && Batch.SkipCount > 0)
            Rows = ImportRowStatus.Skip;
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct)
    {
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
        var outcome = await importer.RecheckAsync(Id, ct);
        if (outcome.Problem?.Kind == ProblemKind.NotFound)
            return NotFound();
        Notice = T["Checked again against the book as it is now."];
        return RedirectToPage(new { Id });
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
