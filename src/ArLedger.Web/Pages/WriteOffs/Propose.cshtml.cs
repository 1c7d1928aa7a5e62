using ArLedger.Persistence;
using ArLedger.Web.Collections;
using ArLedger.Web.Localization;
using ArLedger.WriteOffs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.WriteOffs;

/// <summary>A clerk proposes to write off (passer en perte) what will not be paid on an invoice; a manager decides.</summary>
public sealed class ProposeModel(ArLedgerDbContext db, ArLedger.WriteOffs.WriteOffs writeOffs, IStringLocalizer<Texts> t) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "invoice")]
    public string? InvoiceNumber { get; set; }

    [BindProperty]
    public string? Amount { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public InvoiceFacts? Invoice { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Invoice = await InvoiceFacts.FindAsync(db, InvoiceNumber, ct);
        if (Invoice is not null)
            Amount = AmountField.Format(Invoice.Open);
        else if (!string.IsNullOrWhiteSpace(InvoiceNumber))
            ModelState.AddModelError("invoice", t["No invoice with this number."]);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        Invoice = await InvoiceFacts.FindAsync(db, InvoiceNumber, ct);
        if (Invoice is null)
            ModelState.AddModelError("invoice", t["No invoice with this number."]);
        if (!AmountField.TryParse(Amount, out var amount))
            ModelState.AddModelError(nameof(Amount), t["Type an amount, such as 1 234,56."]);
        else if (Invoice is not null && amount > Invoice.Open)
            ModelState.AddModelError(nameof(Amount), t["At most the open amount of the invoice, {0}.", Display.Money(Invoice.Open, Invoice.Currency)]);
        if (string.IsNullOrWhiteSpace(Reason))
            ModelState.AddModelError(nameof(Reason), t["Say why it will not be paid."]);
        if (!ModelState.IsValid)
            return Page();

        var outcome = await writeOffs.ProposeAsync(new ProposeWriteOff(Invoice!.Number, amount, Reason!.Trim()), ct);
        if (!outcome.Succeeded)
        {
            outcome.Problem!.AddTo(ModelState, t, new Dictionary<string, string> { [nameof(ProposeWriteOff.InvoiceNumber)] = "invoice" });
            return Page();
        }
        TempData["Flash"] = t["Write-off of {0} on {1} proposed: a manager will approve or reject it.", Display.Money(amount, Invoice.Currency), Invoice.Number].Value;
        return RedirectToPage("/WriteOffs/Index");
    }
}
