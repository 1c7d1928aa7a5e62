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

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
            return NotFound();
        Input = CustomerInput.From(Customer);
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
            i.Language, i.PaymentTerms, limit, i.Currency.Trim().ToUpperInvariant(), i.CollectorId, i.OnHold, i.OnHoldReason), ct);
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
