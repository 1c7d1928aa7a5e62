using ArLedger.Customers;
using ArLedger.Ledger;
using ArLedger.Persistence;
using ArLedger.Promises;
using ArLedger.Web.Collections;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Customers;

/// <summary>
/// Agrees a payment plan (échéancier): the clerk ticks the invoices, lets the page split what is open into monthly
/// instalments, adjusts dates or amounts, and creates the plan once the instalments add up to the open amount.
/// </summary>
public sealed class NewPaymentPlanModel(ArLedgerDbContext db, PaymentPlans plans, BusinessCalendar calendar, IStringLocalizer<Texts> t) : PageModel
{
    public sealed class InstalmentRow
    {
        public DateOnly? DueDate { get; set; }
        public string? Amount { get; set; }
    }

    [BindProperty(SupportsGet = true)]
    public string AccountNumber { get; set; } = "";

    [BindProperty]
    public List<string> InvoiceNumbers { get; set; } = [];

    [BindProperty]
    public List<InstalmentRow> Instalments { get; set; } = [];

    [BindProperty]
    public int Count { get; set; } = 3;

    [BindProperty]
    public DateOnly? FirstDueDate { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    public Customer Customer { get; private set; } = null!;
    public IReadOnlyList<OpenInvoice> OpenInvoices { get; private set; } = [];
    public DateOnly Today { get; } = calendar.Today;
    public decimal ChosenOpen => OpenInvoices.Where(i => InvoiceNumbers.Contains(i.Number)).Sum(i => i.Open);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
            return NotFound();
        FirstDueDate = Today.AddMonths(1);
        Instalments = Schedule(0m);
        return Page();
    }

    /// <summary>Splits the open amount of the ticked invoices into equal monthly instalments; the last one takes the cents left.</summary>
    public async Task<IActionResult> OnPostSplitAsync(CancellationToken ct)
    {
        ModelState.Clear();
        if (!await LoadAsync(ct))
            return NotFound();
        if (Count is < 1 or > 60)
            ModelState.AddModelError(nameof(Count), t["Between 1 and 60 instalments."]);
        if (InvoiceNumbers.Count == 0)
            ModelState.AddModelError(nameof(InvoiceNumbers), t[PaymentPlans.NoInvoice]);
        if (ModelState.IsValid)
            Instalments = Schedule(ChosenOpen);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        if (!await LoadAsync(ct))
            return NotFound();
        var inputs = new List<InstalmentInput>();
        for (var i = 0; i < Instalments.Count; i++)
        {
            var row = Instalments[i];
            if (row.DueDate is null && string.IsNullOrWhiteSpace(row.Amount))
                continue;
            if (row.DueDate is null)
                ModelState.AddModelError($"Instalments[{i}].DueDate", t["Give the due date."]);
            if (!AmountField.TryParse(row.Amount, out var amount))
                ModelState.AddModelError($"Instalments[{i}].Amount", t["Type an amount, such as 1 234,56."]);
            else if (row.DueDate is { } due)
                inputs.Add(new InstalmentInput(due, amount));
        }
        if (!ModelState.IsValid)
            return Page();

        var outcome = await plans.CreateAsync(new CreatePaymentPlan(AccountNumber, InvoiceNumbers, inputs, Note), ct);
        if (!outcome.Succeeded)
        {
            var total = inputs.Sum(i => i.Amount);
            // The difference is named in the reader's language and money format.
            if (outcome.Problem!.Errors?.ContainsKey(nameof(CreatePaymentPlan.Instalments)) == true && InvoiceNumbers.Count > 0 && inputs.Count > 0
                && total != ChosenOpen)
                ModelState.AddModelError(nameof(Instalments), Mismatch(total, ChosenOpen));
            else
                outcome.Problem.AddTo(ModelState, t);
            return Page();
        }
        TempData["Flash"] = t["Payment plan agreed: {0} instalments, {1} in all.", inputs.Count, Display.Money(inputs.Sum(i => i.Amount), Customer.Currency)].Value;
        return RedirectToPage("/Customers/Promises", new { AccountNumber });
    }

    public string Mismatch(decimal total, decimal open) => total < open
        ? t["The instalments add up to {0} but {1} is open on the chosen invoices: {2} missing.",
            Display.Money(total, Customer.Currency), Display.Money(open, Customer.Currency), Display.Money(open - total, Customer.Currency)]
        : t["The instalments add up to {0} but {1} is open on the chosen invoices: {2} too much.",
            Display.Money(total, Customer.Currency), Display.Money(open, Customer.Currency), Display.Money(total - open, Customer.Currency)];

    List<InstalmentRow> Schedule(decimal total)
    {
        var count = Math.Clamp(Count, 1, 60);
        var first = FirstDueDate ?? Today.AddMonths(1);
        var share = Money.Round(Math.Floor(total / count * 100m) / 100m);
        return Enumerable.Range(0, count).Select(i => new InstalmentRow
        {
            DueDate = first.AddMonths(i),
            Amount = total == 0m ? null : AmountField.Format(i == count - 1 ? total - share * (count - 1) : share),
        }).ToList();
    }

    async Task<bool> LoadAsync(CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.AccountNumber == AccountNumber, ct);
        if (customer is null)
            return false;
        Customer = customer;
        OpenInvoices = await Collections.OpenInvoices.OfAsync(db, customer.Id, ct);
        return true;
    }
}
