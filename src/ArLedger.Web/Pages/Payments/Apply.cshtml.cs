using ArLedger.Customers;
using ArLedger.Dunning;
using ArLedger.Ledger;
using ArLedger.Payments;
using ArLedger.Persistence;
using ArLedger.Web.Localization;
using ArLedger.Web.Pages.Invoices;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ArLedger.Web.Pages.Payments;

/// <summary>An open credit of a customer: unapplied cash or a credit note not yet fully applied.</summary>
public sealed record OpenCredit(long Id, DocumentKind Kind, string Number, DateOnly Date, decimal Amount, decimal Open, string? Reference);

/// <summary>
/// Applies unapplied cash or a credit note to the customer's open invoices, fees and interest later: choose the
/// credit, edit the proposal (in the configured order), and one post makes every allocation or none.
/// </summary>
public sealed class ApplyModel(ArLedgerDbContext db, ApplyCreditHandler apply, BusinessCalendar calendar, IOptions<DunningOptions> dunning,
    IStringLocalizer<Texts> t) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "customer")]
    public string? CustomerAccountNumber { get; set; }

    /// <summary>The number of the credit being applied.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Credit { get; set; }

    [BindProperty]
    public List<AllocationForm> Allocations { get; set; } = [];

    public Customer Customer { get; private set; } = null!;
    public IReadOnlyList<OpenCredit> Credits { get; private set; } = [];
    public OpenCredit? Chosen { get; private set; }
    public AllocationEditor? Editor { get; private set; }
    public int OpenDebitCount { get; private set; }

    DateOnly Today => calendar.Today;
    string ProposalUrl => Url.Page("/Payments/Apply", "Proposal")!;

    public string ChooseLink(OpenCredit c) => Url.Page("/Payments/Apply", new { customer = Customer.AccountNumber, credit = c.Number })!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // Without a customer the clerk wants the queue of everyone's credits, to pick one from.
        if (string.IsNullOrWhiteSpace(CustomerAccountNumber))
            return RedirectToPage("/Payments/Unapplied");
        var debits = await LoadAsync(ct);
        if (debits is null)
            return NotFound();
        if (Chosen is not null)
            Editor = AllocationEditor.Proposed(debits, Customer.Currency, Chosen.Open, Chosen.Reference, useReference: true, dunning.Value.Order(), ProposalUrl);
        return Page();
    }

    public async Task<IActionResult> OnPostProposalAsync(string? order, CancellationToken ct)
    {
        var debits = await LoadAsync(ct);
        if (debits is null || Chosen is null)
            return NotFound();
        ModelState.Clear();
        return Partial("_AllocationEditor", AllocationEditor.Proposed(debits, Customer.Currency, Chosen.Open, Chosen.Reference, order != "oldest", dunning.Value.Order(), ProposalUrl));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var debits = await LoadAsync(ct);
        if (debits is null)
            return NotFound();
        if (Chosen is null)
        {
            ModelState.AddModelError("", t["Choose the payment or credit note to apply."]);
            return Page();
        }
        Editor = AllocationEditor.AsPosted(debits, Allocations, Customer.Currency, Chosen.Open, ModelState, ProposalUrl);
        var wanted = AllocationEditor.Check(Allocations, debits, Chosen.Open, Customer.Currency, ModelState, t);
        if (ModelState.IsValid && wanted.Count == 0)
            ModelState.AddModelError("Allocations", t["Enter an amount for at least one invoice."]);
        if (!ModelState.IsValid)
            return Page();

        var outcome = await apply.HandleAsync(new ApplyCredit(Chosen.Id, wanted.Select(w => new DebitShare(w.Debit.Debit.Id, w.Amount)).ToList(), Today), ct);
        if (!outcome.Succeeded)
        {
            FormErrors.Add(ModelState, outcome.Problem!, t, key => AllocationEditor.FormKey(key, wanted));
            return Page();
        }
        var applied = wanted.Sum(w => w.Amount);
        TempData["Flash"] = t.Count(wanted.Count, "{0} of {1} applied to {2} document; {3} left to apply.", "{0} of {1} applied to {2} documents; {3} left to apply.",
            Display.Money(applied, Customer.Currency), Chosen.Number,
            wanted.Count, Display.Money(Chosen.Open - applied, Customer.Currency)).Value;
        return Chosen.Kind == DocumentKind.Payment
            ? RedirectToPage("/Payments/Details", new { number = Chosen.Number })
            : RedirectToPage("/CreditNotes/Details", new { number = Chosen.Number });
    }

    /// <summary>The customer, its open credits (the chosen one, or the only one), and its open debits; null when the customer does not exist.</summary>
    async Task<List<DebitRow>?> LoadAsync(CancellationToken ct)
    {
        var customer = await CustomerChoice.FindAsync(db, CustomerAccountNumber, ct);
        if (customer is null)
            return null;
        Customer = customer;
        var credits = await db.Documents.AsNoTracking()
            .Where(d => (d.Kind == DocumentKind.Payment || d.Kind == DocumentKind.CreditNote)
                && d.CustomerId == customer.Id && d.ReversedAt == null && d.Amount - d.AllocatedAmount > 0)
            .OrderBy(d => d.DocumentDate).ThenBy(d => d.Id)
            .Select(d => new OpenCredit(d.Id, d.Kind, d.Number, d.DocumentDate, d.Amount, d.Amount - d.AllocatedAmount, d.Reference))
            .ToListAsync(ct);
        Credits = credits;
        Chosen = Credit is null ? (credits.Count == 1 ? credits[0] : null) : credits.FirstOrDefault(c => c.Number == Credit);
        var debits = await AllocationEditor.OpenDebitsAsync(db, customer.Id, Today, ct);
        OpenDebitCount = debits.Count;
        return debits;
    }
}
