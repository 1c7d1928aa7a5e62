using ArLedger.Customers;
using ArLedger.Persistence;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Customers;

/// <summary>Opens a customer account from the form; on success, the new customer's page.</summary>
public sealed class CreateModel(ArLedgerDbContext db, CreateCustomerHandler create, IAuthorizationService authorization,
    IStringLocalizer<Texts> t) : CustomerFormPage(db, authorization, t)
{
    public override bool IsNew => true;

    public async Task OnGetAsync(CancellationToken ct) => await LoadChoicesAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        var limit = ReadCreditLimit();
        if (limit is not null && !CanSetCreditLimit)
            RefuseCreditLimit();
        if (!ModelState.IsValid)
            return Page();

        var i = Input;
        var outcome = await create.HandleAsync(new CreateCustomer(
            i.AccountNumber?.Trim() ?? "", i.Name ?? "", i.LegalId, i.VatNumber, i.Address, i.StatementEmail, i.DunningEmail, i.Phone,
            i.Language, i.PaymentTerms, limit, i.Currency.Trim().ToUpperInvariant(), null, i.CollectorId, i.OnHold, i.OnHoldReason), ct);
        if (!outcome.Succeeded)
        {
            Show(outcome.Problem!);
            return Page();
        }
        TempData["Flash"] = T["Customer {0} created.", outcome.Value!.AccountNumber].Value;
        return RedirectToPage("/Customers/Details", new { accountNumber = outcome.Value.AccountNumber });
    }
}
