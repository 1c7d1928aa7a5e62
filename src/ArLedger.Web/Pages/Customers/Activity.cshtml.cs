using ArLedger.Activities;
using ArLedger.Customers;
using ArLedger.Persistence;
using ArLedger.Web.Collections;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Customers;

/// <summary>The customer's activity timeline (historique des actions): notes, calls and every system event, newest first,
/// with a keyboard-first form to add a note or log a call.</summary>
public sealed class ActivityModel(BusinessCalendar calendar, ArLedgerDbContext db, LogActivityHandler log, CustomerTimeline timeline, IStringLocalizer<Texts> t) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string AccountNumber { get; set; } = "";

    [BindProperty(SupportsGet = true, Name = "show")]
    public TimelineFilter Show { get; set; } = TimelineFilter.All;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>Also read from the address, so a link (the worklist's "Log a call") can open the form on a call.</summary>
    [BindProperty(SupportsGet = true)]
    public ActivityKind Kind { get; set; } = ActivityKind.Note;

    [BindProperty]
    public CallOutcome? Outcome { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    /// <summary>Where to go back after saving (the worklist); followed only when it is a path of this site.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public CustomerHeader Header { get; private set; } = null!;
    public Customer Customer => Header.Customer;
    public Page<TimelineItem> Timeline { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        // Only notes and calls are typed here; emails, letters and statements are logged by what sends them.
        var kind = Kind == ActivityKind.Call ? ActivityKind.Call : ActivityKind.Note;
        var outcome = await log.HandleAsync(new LogActivity(AccountNumber, kind, Body, kind == ActivityKind.Call ? Outcome : null), ct);
        if (!outcome.Succeeded)
        {
            if (outcome.Problem!.Kind == ProblemKind.NotFound)
                return NotFound();
            outcome.Problem.AddTo(ModelState, t);
            return await LoadAsync(ct) ? Page() : NotFound();
        }
        TempData["Flash"] = kind == ActivityKind.Call ? t["Call logged."].Value : t["Note added."].Value;
        if (Url.IsLocalUrl(ReturnUrl))
            return LocalRedirect(ReturnUrl);
        return RedirectToPage(new { AccountNumber, show = Show == TimelineFilter.All ? null : Show.ToString() });
    }

    public string? Link(int page) => Url.Page("/Customers/Activity",
        new { AccountNumber, show = Show == TimelineFilter.All ? null : Show.ToString(), p = page == 1 ? (int?)null : page });

    public string? FilterLink(TimelineFilter show) => Url.Page("/Customers/Activity",
        new { AccountNumber, show = show == TimelineFilter.All ? null : show.ToString() });

    async Task<bool> LoadAsync(CancellationToken ct)
    {
        var header = await CustomerHeader.LoadAsync(db, calendar, AccountNumber, CustomerTab.Activity, ct);
        if (header is null)
            return false;
        Header = header;
        Timeline = await timeline.ReadAsync(Customer.Id, Show, PageNumber, ct: ct);
        return true;
    }
}
