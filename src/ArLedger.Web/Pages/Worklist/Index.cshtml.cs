using ArLedger.Customers;
using ArLedger.Identity;
using ArLedger.Persistence;
using ArLedger.Web.Collections;
using ArLedger.Worklist;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Web.Pages.Worklist;

/// <summary>
/// Today's calls (à relancer aujourd'hui): the customers a collector should contact today and why, most urgent first.
/// A clerk sees their own customers or everyone's; a manager can also pick a collector.
/// </summary>
public sealed class IndexModel(CollectorWorklist worklist, WorklistOptions options, Portfolios portfolios, ArLedgerDbContext db,
    BusinessCalendar calendar) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public bool All { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Collector { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public WorklistPage List { get; private set; } = null!;
    public IReadOnlyList<(long Id, string Name)> Collectors { get; private set; } = [];
    public bool CanPickCollector => User.IsInRole(Roles.Manager) || User.IsInRole(Roles.Admin);
    public int QuietDays => options.QuietDays;
    public DateOnly Today { get; } = calendar.Today;

    /// <summary>The collector whose customers are shown, or null for everyone's.</summary>
    public long? ShownCollector => All || NoPortfolio ? null : CanPickCollector && Collector is not null ? Collector : User.UserId();

    /// <summary>The user asked for their own customers but collects none: the list shows everyone's, and says so.</summary>
    public bool NoPortfolio { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        NoPortfolio = await ShowsEveryoneForLackOfPortfolioAsync(All, CanPickCollector ? Collector : null, User.UserId(), portfolios, ct);
        List = await worklist.ReadAsync(Today, ShownCollector, PageNumber, ct: ct);
        if (CanPickCollector)
        {
            Collectors = await ArLedger.Customers.Collectors.ListAsync(db, ct: ct);
        }
    }

    /// <summary>Whether "my customers" must fall back to everyone's: the user has no portfolio, and a list of nobody
    /// would hide the day's calls from someone who has not been given customers yet.</summary>
    public static async Task<bool> ShowsEveryoneForLackOfPortfolioAsync(bool all, long? pickedCollector, long? userId, Portfolios portfolios,
        CancellationToken ct) => !all && pickedCollector is null && userId is { } id && !await portfolios.HasPortfolioAsync(id, ct);

    /// <summary>The list's address with the current choice of customers, on page <paramref name="page"/>.</summary>
    public string? Link(int page = 1, bool? all = null) => Url.Page("/Worklist/Index", new
    {
        all = (all ?? All) ? "true" : null,
        collector = (all ?? All) ? null : Collector,
        p = page == 1 ? (int?)null : page,
    });

    /// <summary>The activity tab opened on a call, coming back to this very page of the list once saved.</summary>
    public string? LogCallLink(string accountNumber) =>
        Url.Page("/Customers/Activity", new { accountNumber, kind = "Call", returnUrl = Link(PageNumber) });
}
