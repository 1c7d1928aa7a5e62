using System.Globalization;
using System.Text.Json;
using ArLedger.Aging;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ArLedger.Web.Pages.Aging;

/// <summary>
/// The aging report (balance âgée) as of any date, recomputed or as stored in that day's snapshot, with drill-down,
/// CSV and XLSX export, and a chart of the book's buckets over stored snapshots.
/// </summary>
public sealed class IndexModel(AgingReport report, AgingSnapshots snapshots, TimeProvider clock, AgingBuckets configuredBuckets) : PageModel
{
    /// <summary>Rows shown on the page; the exports carry them all.</summary>
    public const int PageRows = 500;

    [BindProperty(SupportsGet = true)] public DateOnly? AsOf { get; set; }
    [BindProperty(SupportsGet = true)] public AgingBasis Basis { get; set; } = AgingBasis.DueDate;
    [BindProperty(SupportsGet = true)] public string? Buckets { get; set; }
    /// <summary>"oldest" sorts by the last (oldest) bucket, largest first; anything else by account.</summary>
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    /// <summary>True to show the stored snapshot of the date rather than recompute it.</summary>
    [BindProperty(SupportsGet = true)] public bool Stored { get; set; }
    /// <summary>True for the last 30 daily snapshots in the chart rather than month ends.</summary>
    [BindProperty(SupportsGet = true)] public bool Daily { get; set; }

    public AgingResult Aging { get; private set; } = null!;
    public IReadOnlyList<AgingLine> Shown { get; private set; } = [];
    public IReadOnlyList<string> Labels { get; private set; } = [];
    public bool StoredMissing { get; private set; }
    public string ChartJson { get; private set; } = "null";
    public static bool French => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr";
    public static string T(string fr, string en) => French ? fr : en;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var sorted = Sort == "oldest"
            ? Aging.Customers.OrderByDescending(c => c.Oldest).ThenBy(c => c.AccountNumber, StringComparer.Ordinal)
            : Aging.Customers.OrderBy(c => c.AccountNumber, StringComparer.Ordinal).AsEnumerable();
        Shown = sorted.Take(PageRows).ToList();
        Labels = Aging.Query.Buckets.Labels(Aging.Query.Basis, CultureInfo.CurrentUICulture);
        await LoadChartAsync(ct);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return File(AgingExport.Csv(Aging, CultureInfo.CurrentUICulture), "text/csv; charset=utf-8", $"aging-{Aging.Query.AsOf:yyyy-MM-dd}.csv");
    }

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return File(AgingExport.Workbook(Aging, CultureInfo.CurrentUICulture),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"aging-{Aging.Query.AsOf:yyyy-MM-dd}.xlsx");
    }

    /// <summary>The query string of this report with one value changed, for links.</summary>
    public Dictionary<string, string?> Route(string? sort = null, bool? stored = null, bool? daily = null) => new()
    {
        ["asOf"] = Aging.Query.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["basis"] = Aging.Query.Basis.ToString(),
        ["buckets"] = Aging.Query.Buckets.ToString(),
        ["sort"] = sort ?? Sort,
        ["stored"] = (stored ?? Stored) ? "true" : null,
        ["daily"] = (daily ?? Daily) ? "true" : null,
    };

    async Task LoadAsync(CancellationToken ct)
    {
        var asOf = AsOf ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var query = new AgingQuery(asOf, Basis, string.IsNullOrWhiteSpace(Buckets) ? configuredBuckets : AgingBuckets.Parse(Buckets));
        if (Stored)
        {
            var snapshot = await snapshots.ReadAsync(asOf, ct);
            if (snapshot is not null)
            {
                Aging = snapshot;
                return;
            }
            StoredMissing = true;
            Stored = false;
        }
        Aging = await report.ReadAsync(query, ct: ct);
    }

    async Task LoadChartAsync(CancellationToken ct)
    {
        var currency = Aging.Totals.Count > 0 ? Aging.Totals[0].Currency : "EUR";
        var points = await snapshots.BookHistoryAsync(currency, monthEndsOnly: !Daily, count: Daily ? 30 : 13, ct);
        if (points.Count == 0)
            return;
        // Snapshots taken with other buckets than the latest cannot share its columns; they are left out.
        var bounds = points[^1].BucketBounds;
        var same = points.Where(p => p.BucketBounds.SequenceEqual(bounds)).ToList();
        var labels = new AgingBuckets(bounds).Labels(AgingBasis.DueDate, CultureInfo.CurrentUICulture);
        ChartJson = JsonSerializer.Serialize(new
        {
            currency,
            dates = same.Select(p => p.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            series = labels.Select((label, i) => new { label, data = same.Select(p => p.Buckets[i]) }),
        });
    }
}
