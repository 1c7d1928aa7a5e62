using ArLedger.Documents;
using ArLedger.Dunning;
using ArLedger.Jobs;
using ArLedger.Web.Auth;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ArLedger.Web.Pages.Dunning;

/// <summary>
/// The week's dunning for review: the letters proposed with their reasons, a preview of each, what was left out and
/// why; a clerk excludes a customer or an invoice with a reason and approves all letters or a selection.
/// </summary>
public sealed class ReviewModel(DunningReview review, DunningLetters letters, DunningApproval approval, ArLedger.Company.CompanyDetails company,
    RunEngine engine, BusinessCalendar calendar, IAuthorizationService auth, IStringLocalizer<Localization.Texts> t) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public DateOnly? AsOf { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }
    [BindProperty(SupportsGet = true)] public int? Level { get; set; }
    [BindProperty(SupportsGet = true)] public ProposalStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public DunningChannel? Channel { get; set; }
    [BindProperty(SupportsGet = true)] public ExclusionReason? Reason { get; set; }
    /// <summary>"letters" or "left-out": which list the page shows.</summary>
    [BindProperty(SupportsGet = true)] public string? View { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    /// <summary>The proposal shown in the preview panel.</summary>
    [BindProperty(SupportsGet = true)] public long? Id { get; set; }
    /// <summary>The approval run whose progress, then result, the page shows.</summary>
    [BindProperty(SupportsGet = true)] public long? Approval { get; set; }
    [TempData] public string? Flash { get; set; }
    [TempData] public string? Refusals { get; set; }

    public IReadOnlyList<DateOnly> Dates { get; private set; } = [];
    public DateOnly Date { get; private set; }
    public ReviewSummary Summary { get; private set; } = null!;
    public Page<ProposalRow> Letters { get; private set; } = null!;
    public Page<ExclusionRow> LeftOut { get; private set; } = null!;
    public ProposalRow? Selected { get; private set; }
    public IReadOnlyList<DunningProposalItem> SelectedItems { get; private set; } = [];
    public DocumentContent? SelectedLetter { get; private set; }
    /// <summary>The approval run asked for, or one of this date still sending.</summary>
    public ApprovalProgress? Approving { get; private set; }
    public bool ShowsLeftOut => View == "left-out";
    public bool IsManager => User.IsInRole(Identity.Roles.Manager) || User.IsInRole(Identity.Roles.Admin);
    public DateOnly Today => calendar.Today;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Dates = await review.DatesAsync(ct: ct);
        Date = AsOf ?? (Dates.Count > 0 ? Dates[0] : Today);
        Summary = await review.SummaryAsync(Date, ct);
        if (await engine.FindAsync(DunningJob.Name, DunningRun.KeyOf(Date), ct) is { Status: RunStatus.Pending or RunStatus.Running } running)
            Running = running;
        if ((Approval ?? await approval.GoingAsync(Date, ct)) is { } runId && await approval.ProgressAsync(runId, ct) is { } progress
            && progress.Run.AsOf == Date)
        {
            // A run whose process stopped is taken up by the sweep for open runs once its lease runs out.
            Approving = progress;
        }
        // Waiting letters first: they are what a clerk comes for; other statuses are one click away.
        if (!Request.Query.ContainsKey(nameof(Status)) && Summary.Proposed > 0)
            Status = ProposalStatus.Proposed;
        if (ShowsLeftOut)
            LeftOut = await review.ExclusionsAsync(Date, Search, Reason, PageNumber, PageSize, ct);
        else
            Letters = await review.ProposalsAsync(new ReviewQuery(Date, Search, Level, Status, Channel, PageNumber, PageSize), ct);
        if (Id is { } id && await review.ProposalAsync(id, ct) is { } selected)
        {
            Selected = selected;
            SelectedItems = await review.ItemsAsync(id, ct);
            if (await letters.BuildAsync(id, ct) is { } built)
                SelectedLetter = LetterLayout.Compose(built.Letter, built.Template, await company.CurrentAsync(ct));
        }
    }

    /// <summary>The letter's PDF: the archived bytes once sent, else as it would be sent today.</summary>
    public async Task<IActionResult> OnGetPdfAsync(long id, bool download, CancellationToken ct)
    {
        var pdf = await letters.PdfAsync(id, ct);
        if (pdf is null)
            return NotFound();
        return download ? File(pdf.Value.Pdf, "application/pdf", pdf.Value.FileName) : File(pdf.Value.Pdf, "application/pdf");
    }

    public async Task<IActionResult> OnPostApproveAsync(DateOnly asOf, long[] ids, bool all, [FromServices] BackgroundRuns background,
        CancellationToken ct)
    {
        var (chosen, forManager) = await review.ApprovableAsync(all ? await review.WaitingAsync(asOf, ct) : ids, ct);
        if (chosen.Count == 0)
        {
            Flash = forManager > 0 ? t["Only a manager can approve a letter of a level that needs approval (formal notice, litigation)."]
                : t["Tick the letters to approve, or approve them all."];
            return Back(asOf);
        }
        if (forManager > 0)
            Refusals = t.Count(forManager, "{0} letter of a level that needs approval is left for a manager.", "{0} letters of levels that need approval are left for a manager.", forManager);
        if (chosen.Count > DunningApproval.InlineLimit)
        {
            // Recorded now, sent after the answer: the page shows the progress, and a closed browser stops nothing.
            var run = await approval.StartAsync(asOf, chosen, User.Identity?.Name ?? "anonymous", ct);
            background.Process(run.Id);
            return Back(asOf, approval: run.Id);
        }
        var result = await review.ApproveAsync(chosen, ct);
        Flash = t.Count(result.Sent, "{0} letter sent.", "{0} letters sent.", result.Sent);
        Refusals = result.Refused.Count == 0 ? Refusals
            : string.Join("\n", result.Refused.Select(r => t.Say(r.Problem)).Distinct().Prepend(Refusals).OfType<string>());
        return Back(asOf);
    }

    /// <summary>An approval run's progress as JSON, polled by the page while the letters go.</summary>
    public async Task<IActionResult> OnGetApprovalAsync(CancellationToken ct)
    {
        if (Approval is not { } runId || await approval.ProgressAsync(runId, ct) is not { } progress)
            return NotFound();
        var run = progress.Run;
        return new JsonResult(new { progress.Going, run.Done, run.Failed, run.Total, Percent = Jobs.IndexModel.Percent(run) });
    }

    public async Task<IActionResult> OnPostExcludeCustomerAsync(DateOnly asOf, long customerId, string? reason, CancellationToken ct)
    {
        var outcome = await review.ExcludeCustomerAsync(asOf, customerId, reason ?? "", ct);
        Flash = outcome.Succeeded ? t["The customer is taken out of this run."] : t.Say(outcome.Problem!);
        return Back(asOf);
    }

    public async Task<IActionResult> OnPostExcludeInvoiceAsync(DateOnly asOf, long itemId, long proposalId, string? reason, CancellationToken ct)
    {
        var outcome = await review.ExcludeInvoiceAsync(itemId, reason ?? "", ct);
        Flash = outcome.Succeeded ? t["The invoice is taken out of the letter."] : t.Say(outcome.Problem!);
        return Back(asOf, proposalId);
    }

    /// <summary>
    /// Starts the dunning run as of a date (today by default) for a manager, after payments or a new ECB rate changed
    /// the picture: enqueued for any instance's worker, so the page answers at once and shows the run going. A date
    /// after today is refused and nothing is started.
    /// </summary>
    public async Task<IActionResult> OnPostRunAsync(DateOnly? runAsOf, [FromServices] JobBoard board, CancellationToken ct)
    {
        if (!(await auth.AuthorizeAsync(User, Policies.CanManage)).Succeeded)
            return Forbid();
        var date = runAsOf ?? Today;
        if (board.Request(DunningJob.Name, date, User.Identity?.Name ?? "manager") is { } refusal)
        {
            Refusals = t.Say(refusal);
            return Back(AsOf ?? Today);
        }
        Flash = t["The dunning run as of {0} has started; its letters appear here as it goes.", Localization.Display.Date(date)];
        return Back(date);
    }

    /// <summary>The dunning run of the date shown, while it goes, so the page follows it.</summary>
    public JobRun? Running { get; private set; }

    /// <summary>The dunning run's progress as JSON, polled by the page while it goes.</summary>
    public async Task<IActionResult> OnGetDunningRunAsync([FromServices] RunEngine engine, CancellationToken ct)
    {
        if (AsOf is not { } date || await engine.FindAsync(DunningJob.Name, DunningRun.KeyOf(date), ct) is not { } run)
            return NotFound();
        return new JsonResult(new { Going = run.Status is RunStatus.Pending or RunStatus.Running, run.Done, run.Failed, run.Total, Percent = Jobs.IndexModel.Percent(run) });
    }

    IActionResult Back(DateOnly asOf, long? id = null, long? approval = null) =>
        RedirectToPage(new { asOf = DunningText.Iso(asOf), q = Search, Level, Status, Channel, View, id, approval });

    /// <summary>A handler of this page, posted with the current filters so the page comes back as it was.</summary>
    public string? Action(string handler) => Url.Page("/Dunning/Review", handler, new { asOf = DunningText.Iso(Date), q = Search, Level, Status, Channel, View, id = Id });

    /// <summary>The link to this page with the current filters and one thing changed.</summary>
    public string? Link(int? page = null, long? id = null, string? view = null, bool keepId = false) => Url.Page("/Dunning/Review", new
    {
        asOf = DunningText.Iso(Date),
        q = Search,
        Level,
        Status,
        Channel,
        Reason,
        View = view ?? View,
        p = page is > 1 ? page : null,
        id = id ?? (keepId ? Id : null),
    });
}
