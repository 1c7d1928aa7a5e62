using ArLedger.Disputes;
using ArLedger.Web.Collections;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ArLedger.Web.Pages.Disputes;

/// <summary>Every dispute of the book, unresolved first by default: filter by status, reason and owner, search, page.</summary>
public sealed class IndexModel(DisputeList list, BusinessCalendar calendar) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    /// <summary>"all" shows every status; no value shows the unresolved ones, which is what a clerk works on.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public DisputeReason? Reason { get; set; }

    /// <summary>0 stands for "nobody".</summary>
    [BindProperty(SupportsGet = true)]
    public long? Owner { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public DisputePage Results { get; private set; } = null!;
    public IReadOnlyList<DisputeOwner> Owners { get; private set; } = [];
    public DateOnly Today { get; } = calendar.Today;

    public DisputeStatus? StatusFilter => Status is null ? DisputeStatus.Open : Enum.TryParse<DisputeStatus>(Status, out var s) ? s : null;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Results = await list.SearchAsync(new DisputeFilter(Query, StatusFilter, Reason, Owner), PageNumber, ct: ct);
        Owners = await list.OwnersAsync(ct);
    }

    public string? Link(int page) => Url.Page("/Disputes/Index", new { q = Query, Status, Reason, Owner, p = page == 1 ? (int?)null : page });
}
