using ArLedger.Customers;
using ArLedger.Dunning;
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

/// <summary>
/// Records a payment received and allocates it in the same step: the customer's open invoices, fees and interest with
/// a proposal in the configured order that the clerk edits; one post records the payment and its allocations, all or
/// nothing; the rest stays unapplied cash.
/// </summary>
public sealed class RecordModel(ArLedgerDbContext db, RecordPaymentHandler record, BusinessCalendar calendar, IOptions<DunningOptions> dunning,
    IStringLocalizer<Texts> t) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "customer")]
    public string? CustomerAccountNumber { get; set; }

    [BindProperty(SupportsGet = true)]
    [ModelBinder(typeof(AmountBinder))]
    public decimal? Amount { get; set; }

    [BindProperty]
    public DateOnly? ReceivedOn { get; set; }

    [BindProperty]
    public DateOnly? ValueDate { get; set; }

    [BindProperty]
    public PaymentMethod Method { get; set; } = PaymentMethod.Transfer;

    [BindProperty(SupportsGet = true)]
    public string? Reference { get; set; }

    [BindProperty]
    public List<AllocationForm> Allocations { get; set; } = [];

    /// <summary>The form's one-time key (<see cref="Pages.FormKey"/>): the same form posted again records nothing more.</summary>
    [BindProperty]
    public string? FormKey { get; set; }

    public Customer? Customer { get; private set; }
    public AllocationEditor Editor { get; private set; } = null!;

    DateOnly Today => calendar.Today;
    string ProposalUrl => Url.Page("/Payments/Record", "Proposal")!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ReceivedOn = Today;
        FormKey = Pages.FormKey.New();
        Customer = await CustomerChoice.FindAsync(db, CustomerAccountNumber, ct);
        if (Customer is not null)
        {
            var debits = await AllocationEditor.OpenDebitsAsync(db, Customer.Id, Today, ct);
            Editor = AllocationEditor.Proposed(debits, Customer.Currency, Amount, Reference, useReference: true, dunning.Value.Order(), ProposalUrl);
        }
        else if (CustomerAccountNumber is not null)
        {
            ModelState.AddModelError("customer", t["No customer has the account number {0}.", CustomerAccountNumber]);
        }
        return Page();
    }

    public Task<JsonResult> OnGetCustomersAsync(string? q, CancellationToken ct) => CustomerChoice.MatchingAsync(db, q, ct);

    /// <summary>The allocation table proposed again for the amount and reference as they stand (htmx swaps it in).</summary>
    public async Task<IActionResult> OnPostProposalAsync(string? order, CancellationToken ct)
    {
        Customer = await CustomerChoice.FindAsync(db, CustomerAccountNumber, ct);
        if (Customer is null)
            return NotFound();
        // The same form sent again once its first send was recorded goes to that payment, before the page checks its
        // allocations against a book that first send has already changed. A form key is one person's one form.
        if (await RecordedUnderFormKeyAsync(ct) is { } recorded)
            return RedirectToPage("/Payments/Details", new { number = recorded });
        var debits = await AllocationEditor.OpenDebitsAsync(db, Customer.Id, Today, ct);
        // What was typed in the old table must not be put back into the new one.
        ModelState.Clear();
        return Partial("_AllocationEditor", AllocationEditor.Proposed(debits, Customer.Currency, Amount, Reference, order != "oldest", dunning.Value.Order(), ProposalUrl));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Customer = await CustomerChoice.FindAsync(db, CustomerAccountNumber, ct);
        if (Customer is null)
            return NotFound();
        // The same form sent again once its first send was recorded goes to that payment, before the page checks its
        // allocations against a book that first send has already changed. A form key is one person's one form.
        if (await RecordedUnderFormKeyAsync(ct) is { } recorded)
            return RedirectToPage("/Payments/Details", new { number = recorded });
        var debits = await AllocationEditor.OpenDebitsAsync(db, Customer.Id, Today, ct);
        Editor = AllocationEditor.AsPosted(debits, Allocations, Customer.Currency, Amount, ModelState, ProposalUrl);

        if (Amount is not > 0 && ModelState.ErrorFor(nameof(Amount)) is null)
            ModelState.AddModelError(nameof(Amount), t["Enter the amount received."]);
        else if (Amount is { } a && decimal.Round(a, 2) != a)
            ModelState.AddModelError(nameof(Amount), t["At most two decimals."]);
        if (ReceivedOn is null && ModelState.ErrorFor(nameof(ReceivedOn)) is null)
            ModelState.AddModelError(nameof(ReceivedOn), t["Enter the date the payment was received."]);
        var wanted = AllocationEditor.Check(Allocations, debits, Amount, Customer.Currency, ModelState, t);
        if (!ModelState.IsValid)
            return Page();

        var outcome = await record.HandleAsync(new RecordPayment(Customer.AccountNumber, Amount!.Value, ReceivedOn!.Value, ValueDate, Method,
            string.IsNullOrWhiteSpace(Reference) ? null : Reference.Trim(),
            Allocations: wanted.Select(w => new AllocationInput(w.Debit.Debit.Number, w.Amount, w.Debit.Debit.Kind)).ToList(),
            ExternalId: Pages.FormKey.ExternalId(FormKey)), ct);
        if (outcome.Problem is { Kind: ProblemKind.Conflict })
        {
            // A copy that passed the check above while the first send was still being recorded: the page worked out
            // its allocations from the book before that send, so the bodies differ.
            if (await RecordedUnderFormKeyAsync(ct) is { } first)
                return RedirectToPage("/Payments/Details", new { number = first });
            ModelState.AddModelError("", t[Pages.FormKey.AlreadyPosted]);
            FormKey = Pages.FormKey.New();
            return Page();
        }
        if (!outcome.Succeeded)
        {
            FormErrors.Add(ModelState, outcome.Problem!, t, key => key switch
            {
                "Amount" or "ReceivedOn" or "ValueDate" or "Method" or "Reference" => key,
                _ => AllocationEditor.FormKey(key, wanted),
            });
            return Page();
        }
        var payment = outcome.Value!;
        if (outcome.Replayed)
            return RedirectToPage("/Payments/Details", new { number = payment.Number });
        var applied = wanted.Sum(w => w.Amount);
        TempData["Flash"] = t.Count(wanted.Count, "Payment {0} of {1} recorded: {2} allocated to {3} document, {4} unapplied.",
            "Payment {0} of {1} recorded: {2} allocated to {3} documents, {4} unapplied.", payment.Number,
            Display.Money(payment.Amount, payment.Currency), Display.Money(applied, payment.Currency), wanted.Count,
            Display.Money(payment.Amount - applied, payment.Currency)).Value;
        return RedirectToPage("/Payments/Details", new { number = payment.Number });
    }

    /// <summary>The number of the payment this form's key already recorded, if any.</summary>
    async Task<string?> RecordedUnderFormKeyAsync(CancellationToken ct)
    {
        if (Pages.FormKey.ExternalId(FormKey) is not { } externalId)
            return null;
        return await db.Payments.AsNoTracking().Where(p => p.ExternalId == externalId && p.CustomerId == Customer!.Id)
            .Select(p => p.Number).FirstOrDefaultAsync(ct);
    }
}
