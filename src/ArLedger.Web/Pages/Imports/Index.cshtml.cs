using System.Globalization;
using ArLedger.Imports;
using ArLedger.Jobs;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Imports;

/// <summary>Imports: choose a kind, upload a file to check it, download the templates, and find earlier imports.</summary>
// Files up to Kestrel's own limit are read, so one over the import limit gets a clear message rather than an error page.
[RequestSizeLimit(UploadLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadLimit)]
public sealed class IndexModel(ImportRuns runs, BackgroundRuns background, ImportBatches batches, IStringLocalizer<Texts> T) : PageModel
{
    const long UploadLimit = 30 * 1024 * 1024;

    [BindProperty]
    public ImportKind Kind { get; set; } = ImportKind.Customers;

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty(SupportsGet = true, Name = "show")]
    public ImportKind? KindFilter { get; set; }

    [BindProperty(SupportsGet = true)]
    public ImportStatus? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Page<ImportBatchSummary> Recent { get; private set; } = new([], 1, ImportBatches.DefaultPageSize, 0);

    public static bool French => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr";

    public async Task OnGetAsync(CancellationToken ct)
    {
        // The upload form starts on the kind last looked at in the list, which is usually the next one to import.
        Kind = KindFilter ?? Kind;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0)
            ModelState.AddModelError(nameof(Upload), T["Choose a CSV file."]);
        else if (Upload.Length > Importer.MaxBytes)
            ModelState.AddModelError(nameof(Upload), T["The file is {0} MB; an import takes {1} MB at most. Split it into several files.",
                (Upload.Length / 1024d / 1024d).ToString("N1", CultureInfo.CurrentCulture), Importer.MaxBytes / 1024 / 1024]);
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        using var buffer = new MemoryStream((int)Upload!.Length);
        await Upload.CopyToAsync(buffer, ct);
        var outcome = await runs.UploadAsync(Kind, Upload.FileName, buffer.ToArray(), ct);
        if (!outcome.Succeeded)
        {
            ModelState.AddModelError(nameof(Upload), T.Say(outcome.Problem!));
            await LoadAsync(ct);
            return Page();
        }
        // A large file is checked after the answer: the preview page follows the run until its result is there.
        if (outcome.Value!.Run is { } run)
            background.Process(run.Id);
        return RedirectToPage("/Imports/Preview", new { id = outcome.Value.BatchId });
    }

    /// <summary>The template of a kind, in the conventions of the clerk's language.</summary>
    public IActionResult OnGetTemplate(ImportKind kind) =>
        File(ImportTemplates.Csv(kind, French), "text/csv; charset=utf-8", ImportTemplates.FileName(kind, French));

    async Task LoadAsync(CancellationToken ct) =>
        Recent = await batches.ListAsync(KindFilter, Status, Query, PageNumber, ImportBatches.DefaultPageSize, ct);

    public string? Link(int page) =>
        Url.Page("/Imports/Index", new { show = KindFilter, Status, q = Query, p = page == 1 ? (int?)null : page });

    public static IReadOnlyList<ImportColumn> Columns(ImportKind kind) => ImportFormat.ColumnsOf(kind);
}
