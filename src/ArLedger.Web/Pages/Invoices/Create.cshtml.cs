using ArLedger.Invoices;
using ArLedger.Persistence;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Invoices;

/// <summary>
/// A new invoice with lines: customer, dates (the due date from the customer's terms, editable), lines with VAT.
/// The browser shows totals as the clerk types; the server computes them again, and its figures are the ones posted.
/// </summary>
public sealed class CreateModel(ArLedgerDbContext db, PostInvoiceHandler post, BusinessCalendar calendar, IStringLocalizer<Texts> t)
    : DocumentFormPage(db, calendar)
{
    [BindProperty]
    public DateOnly? InvoiceDate { get; set; }

    [BindProperty]
    public DateOnly? DueDate { get; set; }

    [BindProperty]
    public string? Reference { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    public async Task OnGetAsync(string? customer, CancellationToken ct)
    {
        InvoiceDate = Today;
        Lines = [new LineForm()];
        Customer = await CustomerChoice.FindAsync(Db, customer, ct);
        if (Customer is not null)
        {
            CustomerAccountNumber = Customer.AccountNumber;
            DueDate = Customer.PaymentTerms!.DueDate(Today);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Lines.Count == 0)
            Lines.Add(new LineForm());
        Customer = await CustomerChoice.FindAsync(Db, CustomerAccountNumber, ct);
        CustomerChoice.Check(Customer, CustomerAccountNumber, nameof(CustomerAccountNumber), ModelState, t);
        if (InvoiceDate is null && ModelState.ErrorFor(nameof(InvoiceDate)) is null)
            ModelState.AddModelError(nameof(InvoiceDate), t["Enter the invoice date."]);
        if (DueDate is { } due && InvoiceDate is { } date && due < date)
            ModelState.AddModelError(nameof(DueDate), t["The due date cannot be before the invoice date."]);
        var lines = LineForm.Check(Lines, ModelState, t);
        if (!ModelState.IsValid)
            return Page();

        var outcome = await post.HandleAsync(new PostInvoice(Customer!.AccountNumber, InvoiceDate!.Value, lines.Select(l => l.Line).ToList(),
            DueDate: DueDate, Reference: Blank(Reference), Description: Blank(Description)), ct);
        if (!outcome.Succeeded)
        {
            FormErrors.Add(ModelState, outcome.Problem!, t, key => key switch
            {
                "CustomerAccountNumber" or "InvoiceDate" or "DueDate" or "Reference" or "Description" or "Lines" => key,
                _ when key.StartsWith("Lines[", StringComparison.Ordinal) => LineForm.FormKey(key, lines),
                _ => null,
            });
            return Page();
        }
        var invoice = outcome.Value!;
        TempData["Flash"] = t["Invoice {0} created: {1}, due {2}.", invoice.Number, Display.Money(invoice.Amount, invoice.Currency), Display.Date(invoice.DueDate)].Value;
        return RedirectToPage("/Invoices/Details", new { number = invoice.Number });
    }

    static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
