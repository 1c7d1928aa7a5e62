using System.Globalization;
using System.Text.Json;
using ArLedger.Aging;
using ArLedger.Persistence;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Aging;

/// <summary>
/// The aging report (balance âgée) as of any date, recomputed or as stored in that day's snapshot, a page of customers
/// at a time with the book's totals on every page, filtered by customer or collector, with drill-down, CSV and XLSX
/// export of every customer the filter selects, and a chart of the book's buckets over stored snapshots.
/// </summary>
public sealed class IndexModel(AgingReport report, AgingSnapshots snapshots, ArLedgerDbContext db, BusinessCalendar calendar,
    AgingBuckets configuredBuckets, IStringLocalizer<Texts> t) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true)] public DateOnly? AsOf { get; set; }
    [BindProperty(SupportsGet = true)] public AgingBasis Basis { get; set; } = AgingBasis.DueDate;
    [BindProperty(SupportsGet = true)] public string? Buckets { get; set; }
    /// <summary>"oldest" sorts by the last (oldest) bucket, largest first; anything else by account.</summary>
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    /// <summary>True to show the stored snapshot of the date rather than recompute it.</summary>
    [BindProperty(SupportsGet = true)] public bool Stored { get; set; }
    /// <summary>True for the last 30 daily snapshots in the chart rather than month ends.</summary>
    [BindProperty(SupportsGet = true)] public bool Daily { get; set; }
    /// <summary>Text the account number or name contains.</summary>
    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }
    [BindProperty(SupportsGet = true)] public long? Collector { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    /// <summary>The whole book: its totals stay on every page, whatever the filter.</summary>
    public AgingResult Aging { get; private set; } = null!;
    /// <summary>The customers the filter selects, with their own totals.</summary>
    public AgingResult Selected { get; private set; } = null!;
    public IReadOnlyList<AgingLine> Shown { get; private set; } = [];
    public int PageCount { get; private set; } = 1;
    public IReadOnlyList<string> Labels { get; private set; } = [];
    public IReadOnlyList<(long Id, string Name)> Collectors { get; private set; } = [];
    public bool StoredMissing { get; private set; }
    public string ChartJson { get; private set; } = "null";

    public AgingFilter Filter => new(Search, Collector);
    public int FirstRow => Shown.Count == 0 ? 0 : (PageNumber - 1) * PageSize + 1;
    public int LastRow => FirstRow == 0 ? 0 : FirstRow + Shown.Count - 1;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var rows = Sorted(Selected.Customers);
        PageCount = Math.Max(1, (rows.Count + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Shown = rows.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        Labels = AgingWording.Labels(Aging.Query.Buckets, Aging.Query.Basis, t);
        Collectors = (await db.Users.AsNoTracking()
                .Where(u => db.Customers.Any(c => c.CollectorId == u.Id))
                .OrderBy(u => u.DisplayName ?? u.UserName)
                .Select(u => new { u.Id, Name = u.DisplayName ?? u.UserName }).ToListAsync(ct))
            .Select(u => (u.Id, u.Name)).ToList();
        await LoadChartAsync(ct);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return File(AgingExport.Csv(Export(), t, CultureInfo.CurrentCulture), "text/csv; charset=utf-8", $"aging-{Aging.Query.AsOf:yyyy-MM-dd}.csv");
    }

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return File(AgingExport.Workbook(Export(), t),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"aging-{Aging.Query.AsOf:yyyy-MM-dd}.xlsx");
    }

    /// <summary>The query string of this report with one value changed, for links; a new filter or sort starts at page 1.</summary>
    public Dictionary<string, string?> Route(string? sort = null, bool? daily = null, int? page = null) => new()
    {
        ["asOf"] = Aging.Query.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["basis"] = Aging.Query.Basis.ToString(),
        ["buckets"] = Aging.Query.Buckets.ToString(),
        ["sort"] = sort ?? Sort,
        ["stored"] = Stored ? "true" : null,
        ["daily"] = (daily ?? Daily) ? "true" : null,
        ["q"] = string.IsNullOrWhiteSpace(Search) ? null : Search.Trim(),
        ["collector"] = Collector?.ToString(CultureInfo.InvariantCulture),
        ["p"] = page is > 1 ? page.Value.ToString(CultureInfo.InvariantCulture) : null,
    };

    /// <summary>The drill-down of a customer's bucket (-1 for unapplied credits), which leads back to this page.</summary>
    public Dictionary<string, string?> Cell(AgingLine line, int bucket)
    {
        var route = Route(page: PageNumber);
        route["customerId"] = line.CustomerId?.ToString(CultureInfo.InvariantCulture);
        route["bucket"] = bucket.ToString(CultureInfo.InvariantCulture);
        return route;
    }

    /// <summary>The pages to link: the first, the last and two either side of this one; null where pages are skipped.</summary>
    public IEnumerable<int?> PageLinks()
    {
        int? previous = null;
        for (var p = 1; p <= PageCount; p++)
        {
            if (p != 1 && p != PageCount && Math.Abs(p - PageNumber) > 2)
                continue;
            if (previous is { } before && p > before + 1)
                yield return null;
            yield return p;
            previous = p;
        }
    }

    List<AgingLine> Sorted(IEnumerable<AgingLine> lines) => (Sort == "oldest"
        ? lines.OrderByDescending(c => c.Oldest).ThenBy(c => c.AccountNumber, StringComparer.Ordinal)
        : lines.OrderBy(c => c.AccountNumber, StringComparer.Ordinal)).ToList();

    // Every customer the filter selects, in the page's order, with totals that add up to them.
    AgingResult Export() => Selected with { Customers = Sorted(Selected.Customers) };

    async Task LoadAsync(CancellationToken ct)
    {
        var asOf = AsOf ?? calendar.Today;
        var query = new AgingQuery(asOf, Basis, string.IsNullOrWhiteSpace(Buckets) ? configuredBuckets : AgingBuckets.Parse(Buckets));
        Aging = Stored ? await snapshots.ReadAsync(asOf, ct) ?? await RecomputedAsync(query, ct) : await report.ReadAsync(query, ct: ct);
        Selected = Filter.Apply(Aging);
    }

    async Task<AgingResult> RecomputedAsync(AgingQuery query, CancellationToken ct)
    {
        StoredMissing = true;
        Stored = false;
        return await report.ReadAsync(query, ct: ct);
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
        var labels = AgingWording.Labels(new AgingBuckets(bounds), AgingBasis.DueDate, t);
        ChartJson = JsonSerializer.Serialize(new
        {
            currency,
            dates = same.Select(p => p.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            series = labels.Select((label, i) => new { label, data = same.Select(p => p.Buckets[i]) }),
        });
    }
}
