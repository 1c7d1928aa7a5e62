using ArLedger.Invoices;
using ArLedger.Persistence;
using ArLedger.Web.Localization;
using ArLedger.Web.Pages.Invoices;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.CreditNotes;

/// <summary>
/// A new credit note (avoir) with lines: against an invoice (applied to it at once, up to its open amount) or on
/// account (left to apply later).
/// </summary>
public sealed class CreateModel(ArLedgerDbContext db, CreditNoteProposals creditNotes, BusinessCalendar calendar, IStringLocalizer<Texts> t)
    : DocumentFormPage(db, calendar)
{
    [BindProperty]
    public string? InvoiceNumber { get; set; }

    [BindProperty]
    public DateOnly? CreditNoteDate { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public Invoice? Invoice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? customer, string? invoice, CancellationToken ct)
    {
        CreditNoteDate = Today;
        InvoiceNumber = string.IsNullOrWhiteSpace(invoice) ? null : invoice.Trim();
        CustomerAccountNumber = customer;
        if (!await LoadAsync(ct))
            return NotFound();
        // A credit on an invoice usually carries the invoice's VAT rate.
        Lines = [new LineForm { VatRate = Invoice?.Lines.OrderBy(l => l.LineNo).FirstOrDefault()?.VatRate ?? 20m }];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Lines.Count == 0)
            Lines.Add(new LineForm());
        if (!await LoadAsync(ct))
            return NotFound();
        CustomerChoice.Check(Customer, CustomerAccountNumber, nameof(CustomerAccountNumber), ModelState, t);
        if (CreditNoteDate is null && ModelState.ErrorFor(nameof(CreditNoteDate)) is null)
            ModelState.AddModelError(nameof(CreditNoteDate), t["Enter the date of the credit note."]);
        if (string.IsNullOrWhiteSpace(Reason))
            ModelState.AddModelError(nameof(Reason), t["Say why the customer is credited."]);
        var lines = LineForm.Check(Lines, ModelState, t);
        if (!ModelState.IsValid)
            return Page();

        var outcome = await creditNotes.SubmitAsync(new PostCreditNote(Customer!.AccountNumber, CreditNoteDate!.Value, Invoice?.Number,
            lines.Select(l => l.Line).ToList(), Reason: Reason!.Trim()), ct: ct);
        if (!outcome.Succeeded)
        {
            FormErrors.Add(ModelState, outcome.Problem!, t, key => key switch
            {
                "CustomerAccountNumber" or "CreditNoteDate" or "Lines" => key,
                "Reason" or "Description" => nameof(Reason),
                _ when key.StartsWith("Lines[", StringComparison.Ordinal) => LineForm.FormKey(key, lines),
                _ => null,
            });
            return Page();
        }
        if (outcome.Value!.Proposal is { } proposal)
        {
            TempData["Flash"] = t["Credit note of {0} sent for a manager's approval: it is more than a clerk may give alone.",
                Display.Money(proposal.Amount, proposal.Currency)].Value;
            return RedirectToPage("/CreditNotes/Proposals");
        }
        var note = outcome.Value.Posted!;
        TempData["Flash"] = Invoice is null
            ? t["Credit note {0} created: {1}, to apply later.", note.Number, Display.Money(note.Amount, note.Currency)].Value
            : t["Credit note {0} created: {1}, applied to invoice {2}.", note.Number, Display.Money(note.Amount, note.Currency), Invoice.Number].Value;
        return RedirectToPage("/CreditNotes/Details", new { number = note.Number });
    }

    /// <summary>The invoice named, and its customer (or the customer named); false when the invoice does not exist.</summary>
    async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (InvoiceNumber is not null)
        {
            Invoice = await Db.Invoices.AsNoTracking().Include(i => i.Lines).SingleOrDefaultAsync(i => i.Number == InvoiceNumber, ct);
            if (Invoice is null)
                return false;
            Customer = await Db.Customers.AsNoTracking().Include(c => c.PaymentTerms).SingleAsync(c => c.Id == Invoice.CustomerId, ct);
            CustomerAccountNumber = Customer.AccountNumber;
            return true;
        }
        Customer = await CustomerChoice.FindAsync(Db, CustomerAccountNumber, ct);
        return true;
    }
}
