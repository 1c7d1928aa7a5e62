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

    [BindProperty]
    public CsvForm Csv { get; set; } = new();

    /// <summary>The layout of one account's online-banking CSV exports, by column header.</summary>
    public sealed class CsvForm
    {
        public long AccountId { get; set; }
        public string? DateColumn { get; set; }
        public string? ValueDateColumn { get; set; }
        public string? AmountColumn { get; set; }
        public string? DebitColumn { get; set; }
        public string? CreditColumn { get; set; }
        public string? LabelColumn { get; set; }
        public string? ReferenceColumn { get; set; }
        public string? BalanceColumn { get; set; }
        public string? DateFormat { get; set; } = "dd/MM/yyyy";
        public bool DecimalComma { get; set; } = true;
    }

    public async Task OnGetAsync(CancellationToken ct) => Accounts = await accounts.ListAsync(ct);

    public async Task<IActionResult> OnPostCsvAsync(CancellationToken ct)
    {
        var c = Csv;
        static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        var outcome = await accounts.SetCsvMappingAsync(c.AccountId, new CsvMapping(c.DateColumn?.Trim() ?? "", c.LabelColumn?.Trim() ?? "",
            Blank(c.AmountColumn), Blank(c.DebitColumn), Blank(c.CreditColumn), Blank(c.ValueDateColumn), Blank(c.ReferenceColumn),
            Blank(c.BalanceColumn), Blank(c.DateFormat) ?? "dd/MM/yyyy", c.DecimalComma), ct);
        if (outcome.Succeeded)
            return RedirectToPage();
        FormErrors.Add(ModelState, outcome.Problem!, t, key => $"Csv.{key}");
        Accounts = await accounts.ListAsync(ct);
        return Page();
    }

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
