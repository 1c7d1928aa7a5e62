using ArLedger.Customers;
using ArLedger.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ArLedger.Web.Pages.Invoices;

/// <summary>
/// What the invoice and credit note forms share (the same invoice-form script and line editor): the customer field
/// with the picker's answers, and the lines in the customer's currency.
/// </summary>
public abstract class DocumentFormPage(ArLedgerDbContext db, BusinessCalendar calendar) : PageModel
{
    [BindProperty]
    public string? CustomerAccountNumber { get; set; }

    [BindProperty]
    public List<LineForm> Lines { get; set; } = [];

    public Customer? Customer { get; protected set; }
    public string Currency => Customer?.Currency ?? "EUR";

    protected ArLedgerDbContext Db => db;
    protected DateOnly Today => calendar.Today;

    public Task<JsonResult> OnGetCustomersAsync(string? q, CancellationToken ct) => CustomerChoice.MatchingAsync(db, q, ct);

    public Task<IActionResult> OnGetTermsAsync(string? customer, DateOnly? date, CancellationToken ct) =>
        CustomerChoice.TermsAsync(db, customer, date ?? Today, ct);
}
