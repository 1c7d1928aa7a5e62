using ArLedger.Invoices;
using ArLedger.Web.Auth;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.CreditNotes;

/// <summary>
/// Credit notes waiting for a manager: those a clerk asked for that give more than a clerk may give alone. Managers
/// approve (the credit note is posted, as they approve it) or reject them; clerks follow their own.
/// </summary>
public sealed class ProposalsModel(CreditNoteProposalQueue queue, CreditNoteProposals proposals, IAuthorizationService authorization,
    IStringLocalizer<Texts> t) : PageModel
{
    public IReadOnlyList<CreditNoteProposalLine> Lines { get; private set; } = [];
    public bool CanDecide { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        CanDecide = await CanDecideAsync();
        Lines = await queue.ListAsync(CanDecide ? null : User.Identity!.Name, ct);
    }

    public Task<IActionResult> OnPostApproveAsync(long id, string? note, CancellationToken ct) => DecideAsync(id, true, note, ct);

    public Task<IActionResult> OnPostRejectAsync(long id, string? note, CancellationToken ct) => DecideAsync(id, false, note, ct);

    async Task<IActionResult> DecideAsync(long id, bool approve, string? note, CancellationToken ct)
    {
        // Razor Pages cannot put a policy on one handler, so the decision handlers ask for it here.
        if (!await CanDecideAsync())
            return Forbid();
        var outcome = await proposals.DecideAsync(new DecideCreditNote(id, approve, string.IsNullOrWhiteSpace(note) ? null : note.Trim()), ct);
        if (outcome.Succeeded)
            TempData["Flash"] = approve
                ? t["Credit note approved and posted: {0}.", Display.Money(outcome.Value!.Amount, outcome.Value.Currency)].Value
                : t["Credit note of {0} rejected: nothing was posted.", Display.Money(outcome.Value!.Amount, outcome.Value.Currency)].Value;
        else
            TempData["FlashError"] = t.Say(outcome.Problem!);
        return RedirectToPage();
    }

    async Task<bool> CanDecideAsync() => (await authorization.AuthorizeAsync(User, Policies.CanManage)).Succeeded;
}
