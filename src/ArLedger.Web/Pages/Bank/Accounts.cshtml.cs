using ArLedger.Bank;
using ArLedger.Web.Auth;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Bank;

/// <summary>The company's bank accounts, which administrators open here; imported files are attached to them.</summary>
[Authorize(Policy = Policies.CanAdminister)]
public sealed class AccountsModel(BankAccounts accounts, IStringLocalizer<Texts> t) : PageModel
{
    public IReadOnlyList<BankAccount> Accounts { get; private set; } = [];

    [BindProperty]
    public AccountForm Form { get; set; } = new();

    public sealed class AccountForm
    {
        public string? Name { get; set; }
        public string? Currency { get; set; } = "EUR";
        public string? Iban { get; set; }
        public string? Bic { get; set; }
        public string? BankCode { get; set; }
        public string? BranchCode { get; set; }
        public string? AccountNumber { get; set; }
        public string? OtherIdentifier { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct) => Accounts = await accounts.ListAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var f = Form;
        var outcome = await accounts.CreateAsync(new CreateBankAccount(f.Name ?? "", f.Currency?.Trim().ToUpperInvariant() ?? "", f.Iban, f.Bic?.Trim().ToUpperInvariant(),
            f.BankCode, f.BranchCode, f.AccountNumber, f.OtherIdentifier), ct);
        if (outcome.Succeeded)
            return RedirectToPage();
        FormErrors.Add(ModelState, outcome.Problem!, t, key => $"Form.{key}");
        Accounts = await accounts.ListAsync(ct);
        return Page();
    }
}
