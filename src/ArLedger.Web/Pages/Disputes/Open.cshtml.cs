using ArLedger.Disputes;
using ArLedger.Persistence;
using ArLedger.Web.Collections;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Disputes;

/// <summary>Opens a dispute (litige) on an invoice: how much the customer contests, why, and who works on it.</summary>
public sealed class OpenModel(ArLedgerDbContext db, ArLedger.Disputes.Disputes disputes, DisputeList list, IStringLocalizer<Texts> t) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "invoice")]
    public string? InvoiceNumber { get; set; }

    [BindProperty]
    public string? Amount { get; set; }

    [BindProperty]
    public DisputeReason? Reason { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public long? OwnerId { get; set; }

    public InvoiceFacts? Invoice { get; private set; }
    public IReadOnlyList<DisputeOwner> Owners { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Invoice is not null)
            Amount = AmountField.Format(Invoice.Undisputed);
        else if (!string.IsNullOrWhiteSpace(InvoiceNumber))
            ModelState.AddModelError("invoice", t["No invoice with this number."]);
        OwnerId = User.UserId();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        await LoadAsync(ct);
        if (Invoice is null)
            ModelState.AddModelError("invoice", t["No invoice with this number."]);
        if (!AmountField.TryParse(Amount, out var amount))
            ModelState.AddModelError(nameof(Amount), t["Type an amount, such as 1 234,56."]);
        else if (Invoice is not null && amount > Invoice.Undisputed)
            ModelState.AddModelError(nameof(Amount), t["At most the undisputed open amount, {0}.", Display.Money(Invoice.Undisputed, Invoice.Currency)]);
        if (Reason is null)
            ModelState.AddModelError(nameof(Reason), t["Pick the reason the customer gives."]);
        if (!ModelState.IsValid)
            return Page();

        var outcome = await disputes.OpenAsync(new OpenDispute(Invoice!.Number, amount, Reason!.Value, Description, OwnerId), ct);
        if (!outcome.Succeeded)
        {
            outcome.Problem!.AddTo(ModelState, t, new Dictionary<string, string> { [nameof(OpenDispute.InvoiceNumber)] = "invoice" });
            return Page();
        }
        TempData["Flash"] = t["Dispute opened on {0} for {1}.", Invoice.Number, Display.Money(amount, Invoice.Currency)].Value;
        return RedirectToPage("/Disputes/Details", new { id = outcome.Value!.Id });
    }

    async Task LoadAsync(CancellationToken ct)
    {
        Invoice = await InvoiceFacts.FindAsync(db, InvoiceNumber, ct);
        Owners = await list.OwnersAsync(ct);
    }
}
