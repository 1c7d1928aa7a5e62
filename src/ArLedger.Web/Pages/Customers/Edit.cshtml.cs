using ArLedger.Customers;
using ArLedger.Persistence;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Customers;

/// <summary>Changes a customer's details; the account number stays. Only a manager changes the credit limit.</summary>
public sealed class EditModel(ArLedgerDbContext db, UpdateCustomerHandler update, IAuthorizationService authorization,
    IStringLocalizer<Texts> t) : CustomerFormPage(db, authorization, t)
{
    [BindProperty(SupportsGet = true)]
    public string AccountNumber { get; set; } = "";

    public Customer Customer { get; private set; } = null!;
    public override bool IsNew => false;

    /// <summary>The version of the customer's details the form was opened on (optimistic concurrency).</summary>
    [BindProperty]
    public string? Version { get; set; }

    /// <summary>After a colleague saved first: each field where their saved value and the one typed here differ.</summary>
    public IReadOnlyList<FieldDifference> Differences { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
            return NotFound();
        Input = CustomerInput.From(Customer);
        Version = CustomerDetails.Of(Customer).Version();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
            return NotFound();
        var limit = ReadCreditLimit();
        if (limit != Customer.CreditLimit && !CanSetCreditLimit && ModelState.IsValid)
            RefuseCreditLimit();
        if (!ModelState.IsValid)
            return Page();

        var i = Input;
        var outcome = await update.HandleAsync(new UpdateCustomer(
            Customer.AccountNumber, i.Name ?? "", i.LegalId, i.VatNumber, i.Address, i.StatementEmail, i.DunningEmail, i.Phone,
            i.Language, i.PaymentTerms, limit, i.Currency.Trim().ToUpperInvariant(), i.CollectorId, i.OnHold, i.OnHoldReason, Version), ct);
        if (outcome.Problem is { Kind: ProblemKind.Conflict } stale)
        {
            // The page now stands on the colleague's save: saving again keeps what is typed here.
            Differences = StaleEdit.Compare(CustomerInput.From(Customer), Input);
            Version = CustomerDetails.Of(Customer).Version();
            Show(stale);
            return Page();
        }
        if (!outcome.Succeeded)
        {
            Show(outcome.Problem!);
            return Page();
        }
        TempData["Flash"] = T["Customer {0} saved.", Customer.AccountNumber].Value;
        return RedirectToPage("/Customers/Details", new { accountNumber = Customer.AccountNumber });
    }

    async Task<bool> LoadAsync(CancellationToken ct)
    {
        var customer = await Db.Customers.AsNoTracking().Include(c => c.PaymentTerms)
            .SingleOrDefaultAsync(c => c.AccountNumber == AccountNumber, ct);
        if (customer is null)
            return false;
        Customer = customer;
        await LoadChoicesAsync(ct);
        return true;
    }
}
