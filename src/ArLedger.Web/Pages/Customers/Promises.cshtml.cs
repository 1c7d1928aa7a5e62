using ArLedger.Customers;
using ArLedger.Persistence;
using ArLedger.Promises;
using ArLedger.Web.Collections;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Customers;

/// <summary>The customer's promises to pay and payment plans, each with the status it has today, and the form to log a promise.</summary>
public sealed class PromisesModel(ArLedgerDbContext db, PromisesToPay promises, PromiseReview review, PaymentPlans plans, PlanProgress progress,
    BusinessCalendar calendar, IStringLocalizer<Texts> t) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string AccountNumber { get; set; } = "";

    [BindProperty]
    public string? Amount { get; set; }

    [BindProperty]
    public DateOnly? PromisedDate { get; set; }

    [BindProperty]
    public List<string> InvoiceNumbers { get; set; } = [];

    [BindProperty]
    public string? Note { get; set; }

    public CustomerHeader Header { get; private set; } = null!;
    public Customer Customer => Header.Customer;
    public IReadOnlyList<PromiseView> Promises { get; private set; } = [];
    public IReadOnlyList<PlanView> Plans { get; private set; } = [];
    public IReadOnlyList<OpenInvoice> OpenInvoices { get; private set; } = [];
    public DateOnly Today { get; } = calendar.Today;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
            return NotFound();
        PromisedDate = Today.AddDays(7);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        if (!await LoadAsync(ct))
            return NotFound();
        decimal amount;
        if (string.IsNullOrWhiteSpace(Amount) && InvoiceNumbers.Count > 0)
            amount = OpenInvoices.Where(i => InvoiceNumbers.Contains(i.Number)).Sum(i => i.Open);
        else if (!AmountField.TryParse(Amount, out amount))
            ModelState.AddModelError(nameof(Amount), t["Type an amount, such as 1 234,56."]);
        if (PromisedDate is null)
            ModelState.AddModelError(nameof(PromisedDate), t["Give the date the customer promised."]);
        if (!ModelState.IsValid)
            return Page();

        var outcome = await promises.LogAsync(new LogPromise(AccountNumber, amount, PromisedDate!.Value, InvoiceNumbers, Note), ct);
        if (!outcome.Succeeded)
        {
            outcome.Problem!.AddTo(ModelState, t);
            return Page();
        }
        TempData["Flash"] = t["Promise of {0} by {1} logged.", Display.Money(amount, Customer.Currency), Display.Date(PromisedDate.Value)].Value;
        return RedirectToPage(new { AccountNumber });
    }

    public async Task<IActionResult> OnPostCancelPromiseAsync(long id, string? reason, CancellationToken ct)
    {
        var outcome = await promises.CancelAsync(new CancelPromise(id, reason ?? ""), ct);
        return await AfterAsync(outcome.Problem, t["Promise withdrawn."], ct);
    }

    public async Task<IActionResult> OnPostCancelPlanAsync(long id, string? reason, CancellationToken ct)
    {
        var outcome = await plans.CancelAsync(new CancelPaymentPlan(id, reason ?? ""), ct);
        return await AfterAsync(outcome.Problem, t["Payment plan cancelled."], ct);
    }

    async Task<IActionResult> AfterAsync(Problem? problem, string done, CancellationToken ct)
    {
        if (problem is null)
        {
            TempData["Flash"] = done;
            return RedirectToPage(new { AccountNumber });
        }
        ModelState.Clear();
        ModelState.AddModelError("", t.Say(problem));
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    async Task<bool> LoadAsync(CancellationToken ct)
    {
        var header = await CustomerHeader.LoadAsync(db, calendar, AccountNumber, CustomerTab.Promises, ct);
        if (header is null)
            return false;
        Header = header;
        Promises = await review.ForCustomerAsync(Customer.Id, ct);
        Plans = await progress.ForCustomerAsync(Customer.Id, ct);
        OpenInvoices = await Collections.OpenInvoices.OfAsync(db, Customer.Id, ct);
        return true;
    }
}
