using ArLedger.Disputes;
using ArLedger.Persistence;
using ArLedger.Web.Collections;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Disputes;

/// <summary>One dispute: the invoice, what the customer says, comments, who owns it, and its resolution.</summary>
public sealed class DetailsModel(ArLedgerDbContext db, ArLedger.Disputes.Disputes disputes, DisputeFollowUp followUp, DisputeList list,
    IStringLocalizer<Texts> t) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    [BindProperty]
    public long? OwnerId { get; set; }

    [BindProperty]
    public string? CreditAmount { get; set; }

    [BindProperty]
    public string? Resolution { get; set; }

    public Dispute Dispute { get; private set; } = null!;
    public InvoiceFacts Invoice { get; private set; } = null!;
    public string? OwnerName { get; private set; }
    public string? CreditNoteNumber { get; private set; }
    public IReadOnlyList<DisputeComment> Comments { get; private set; } = [];
    public IReadOnlyList<DisputeOwner> Owners { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
            return NotFound();
        CreditAmount = AmountField.Format(Dispute.Amount);
        OwnerId = Dispute.OwnerId;
        return Page();
    }

    public async Task<IActionResult> OnPostCommentAsync(CancellationToken ct)
    {
        var outcome = await followUp.CommentAsync(new CommentOnDispute(Id, Comment ?? ""), ct);
        if (outcome.Succeeded)
            return Done(t["Comment added."], focus: "comment");
        return await AgainAsync(outcome.Problem!, new() { [nameof(CommentOnDispute.Body)] = nameof(Comment) }, ct);
    }

    public async Task<IActionResult> OnPostAssignAsync(CancellationToken ct)
    {
        var outcome = await followUp.AssignAsync(new AssignDispute(Id, OwnerId), ct);
        if (outcome.Succeeded)
            return Done(t["Owner changed."]);
        return await AgainAsync(outcome.Problem!, null, ct);
    }

    /// <summary>One form, two buttons: the decision comes from the button pressed.</summary>
    public async Task<IActionResult> OnPostResolveAsync(DisputeDecision decision, CancellationToken ct)
    {
        ModelState.Clear();
        decimal? credit = null;
        if (decision == DisputeDecision.CreditNote)
        {
            if (AmountField.TryParse(CreditAmount, out var amount))
                credit = amount;
            else
                ModelState.AddModelError(nameof(CreditAmount), t["Type an amount, such as 1 234,56."]);
        }
        if (string.IsNullOrWhiteSpace(Resolution))
            ModelState.AddModelError(nameof(Resolution), t["Say how the dispute was resolved."]);
        if (!ModelState.IsValid)
            return await AgainAsync(null, null, ct);

        var outcome = await disputes.ResolveAsync(new ResolveDispute(Id, decision, Resolution!.Trim(), credit), ct);
        if (!outcome.Succeeded)
            return await AgainAsync(outcome.Problem!, null, ct);
        if (outcome.Value!.PendingCreditNoteProposalId is not null)
            return Done(t["The credit note is more than a clerk may give: it waits for a manager's approval, and the dispute stays open until then."]);
        return Done(decision == DisputeDecision.CreditNote ? t["Dispute resolved: a credit note was posted against the invoice."] : t["Dispute rejected: the invoice stands."]);
    }

    /// <summary>Where the cursor goes after a redirect: back to the comment box after a comment, so the next one can follow.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Focus { get; set; }

    IActionResult Done(string message, string? focus = null)
    {
        TempData["Flash"] = message;
        return RedirectToPage(new { Id, focus });
    }

    async Task<IActionResult> AgainAsync(Problem? problem, Dictionary<string, string>? fields, CancellationToken ct)
    {
        problem?.AddTo(ModelState, t, fields);
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    async Task<bool> LoadAsync(CancellationToken ct)
    {
        var dispute = await db.Disputes.AsNoTracking().SingleOrDefaultAsync(d => d.Id == Id, ct);
        if (dispute is null)
            return false;
        Dispute = dispute;
        var number = await db.Invoices.Where(i => i.Id == dispute.InvoiceId).Select(i => i.Number).SingleAsync(ct);
        Invoice = (await InvoiceFacts.FindAsync(db, number, ct))!;
        Comments = await db.DisputeComments.AsNoTracking().Where(c => c.DisputeId == Id).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToListAsync(ct);
        Owners = await list.OwnersAsync(ct);
        OwnerName = Owners.FirstOrDefault(o => o.Id == dispute.OwnerId)?.Name;
        if (dispute.CreditNoteId is { } noteId)
            CreditNoteNumber = await db.CreditNotes.Where(c => c.Id == noteId).Select(c => c.Number).SingleOrDefaultAsync(ct);
        return true;
    }
}
