using System.Text.Json;
using ArLedger.Aging;
using ArLedger.Identity;
using ArLedger.Reporting;
using ArLedger.Web.Collections;
using ArLedger.Web.Localization;
using ArLedger.Web.Pages.Aging;
using ArLedger.Worklist;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages;

/// <summary>The home page: the book at a glance, and for managers DSO, the latest aging and the month's collections.</summary>
public sealed class IndexModel(BookTotalsQuery totals, CollectorWorklist worklist, ArLedger.Customers.Portfolios portfolios, DaysSalesOutstanding dso,
    MonthCollections month,
    AgingSnapshots snapshots, ArLedger.Jobs.JobBoard jobs, ArLedger.Company.CompanyDetails company, BusinessCalendar calendar,
    IStringLocalizer<Texts> t) : PageModel
{
    /// <summary>The book's totals add up every customer; books are kept in euros.</summary>
    public const string BookCurrency = "EUR";

    public BookTotals Totals { get; private set; } = null!;
    public DateOnly Today { get; } = calendar.Today;

    /// <summary>The signed-in user's customers to call today, as the worklist counts them.</summary>
    public int ToCall { get; private set; }

    /// <summary>The managers' dashboard; null for clerks, whose home page stays as cheap as it was.</summary>
    public ManagerDashboard? Dashboard { get; private set; }

    /// <summary>Scheduled periods with no run yet (statements not sent, a Monday without dunning), for managers.</summary>
    public IReadOnlyList<ArLedger.Jobs.MissedPeriod> Missed { get; private set; } = [];

    /// <summary>For administrators: the company details documents would print as a dash ("IBAN", "SIREN"), to fill in on the settings page.</summary>
    public IReadOnlyList<string> CompanyGaps { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (User.IsInRole(Roles.Admin))
            CompanyGaps = Gaps(await company.CurrentAsync(ct));
        Totals = await totals.ReadAsync(ct);
        // As the worklist counts them: a user who collects no customer sees everyone's calls.
        var everyone = await Worklist.IndexModel.ShowsEveryoneForLackOfPortfolioAsync(false, null, User.UserId(), portfolios, ct);
        ToCall = (await worklist.ReadAsync(Today, everyone ? null : User.UserId(), pageSize: 1, ct: ct)).Rows.TotalCount;
        if (User.IsInRole(Roles.Manager) || User.IsInRole(Roles.Admin))
        {
            Dashboard = await ReadDashboardAsync(ct);
            Missed = await jobs.MissedAsync(ct);
        }
    }

    static IReadOnlyList<string> Gaps(ArLedger.Documents.CompanyProfile p) =>
        new[] { ("SIREN", p.Siren), ("IBAN", p.Iban), ("BIC", p.Bic) }.Where(f => string.IsNullOrWhiteSpace(f.Item2)).Select(f => f.Item1).ToList();

    async Task<ManagerDashboard> ReadDashboardAsync(CancellationToken ct)
    {
        var trend = await dso.ReadAsync(ct: ct);
        var latest = (await snapshots.BookHistoryAsync(BookCurrency, monthEndsOnly: false, count: 1, ct)).SingleOrDefault();
        var chart = JsonSerializer.Serialize(new
        {
            label = t["DSO (days)"].Value,
            dates = trend.MonthEnds.Select(p => Display.Date(p.Date)),
            days = trend.MonthEnds.Select(p => p.Days),
        });
        return new ManagerDashboard(trend, chart, latest,
            latest is null ? [] : AgingWording.Labels(new AgingBuckets(latest.BucketBounds), AgingBasis.DueDate, t),
            await month.ReadAsync(ct));
    }
}

/// <summary>What the managers' part of the home page shows; <see cref="Aging"/> is null until a snapshot is stored.</summary>
public sealed record ManagerDashboard(DsoTrend Dso, string DsoChartJson, AgingSnapshotPoint? Aging, IReadOnlyList<string> AgingLabels,
    MonthCollectionsFigures Month);
