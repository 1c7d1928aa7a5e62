using ArLedger.Web.Auth;
using ArLedger.Web.Localization;
using ArLedger.WriteOffs;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.WriteOffs;

/// <summary>
/// The write-off queue. Managers see every proposal and approve or reject it with a note; clerks see their own
/// proposals and how they were decided. Approving posts the write-off to the ledger.
/// </summary>
public sealed class IndexModel(WriteOffQueue queue, ArLedger.WriteOffs.WriteOffs writeOffs, IAuthorizationService authorization,
    IStringLocalizer<Texts> t) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    /// <summary>"all" shows every status; no value shows the proposals waiting for a decision.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Page<WriteOffLine> Results { get; private set; } = null!;
    public bool CanDecide { get; private set; }

    public WriteOffStatus? StatusFilter => Status is null ? WriteOffStatus.Proposed : Enum.TryParse<WriteOffStatus>(Status, out var s) ? s : null;

    public async Task OnGetAsync(CancellationToken ct)
    {
        CanDecide = await CanDecideAsync();
        Results = await queue.ListAsync(StatusFilter, CanDecide ? null : User.Identity!.Name, Query, PageNumber, ct: ct);
    }

    public Task<IActionResult> OnPostApproveAsync(long id, string? note, CancellationToken ct) => DecideAsync(id, true, note, ct);

    public Task<IActionResult> OnPostRejectAsync(long id, string? note, CancellationToken ct) => DecideAsync(id, false, note, ct);

    async Task<IActionResult> DecideAsync(long id, bool approve, string? note, CancellationToken ct)
    {
        // Razor Pages cannot put a policy on one handler, so the decision handlers ask for it here.
        if (!await CanDecideAsync())
            return Forbid();
        var outcome = await writeOffs.DecideAsync(new DecideWriteOff(id, approve, string.IsNullOrWhiteSpace(note) ? null : note.Trim()), ct);
        if (outcome.Succeeded)
            TempData["Flash"] = approve
                ? t["Write-off {0} approved and posted to the ledger.", id].Value
                : t["Write-off {0} rejected.", id].Value;
        else
            TempData["FlashError"] = t.Say(outcome.Problem!);
        return RedirectToPage(new { q = Query, Status, p = PageNumber == 1 ? (int?)null : PageNumber });
    }

    async Task<bool> CanDecideAsync() => (await authorization.AuthorizeAsync(User, Policies.CanManage)).Succeeded;

    public string? Link(int page) => Url.Page("/WriteOffs/Index", new { q = Query, Status, p = page == 1 ? (int?)null : page });
}
