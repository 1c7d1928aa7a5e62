using ArLedger.Bank;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Bank;

/// <summary>Bank reconciliation: import a bank file, and the latest statements with the lines still waiting.</summary>
public sealed class IndexModel(BankAccounts accounts, BankStatements statements, BankImport import, IStringLocalizer<Texts> t) : PageModel
{
    /// <summary>Bigger than any day's statement; a larger upload is refused before it is read.</summary>
    const long MaxFileBytes = 50 * 1024 * 1024;

    public IReadOnlyList<BankAccount> Accounts { get; private set; } = [];
    public IReadOnlyList<(BankStatement Statement, int Waiting)> Statements { get; private set; } = [];
    public IReadOnlyList<ImportedStatement> Imported { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public long? Account { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is not { Length: > 0 })
            ModelState.AddModelError("file", t["Choose the bank's file."]);
        else if (file.Length > MaxFileBytes)
            ModelState.AddModelError("file", t["The file is over {0} MB.", MaxFileBytes / 1024 / 1024]);
        else
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            var outcome = await import.ImportAsync(file.FileName, buffer.ToArray(), Account, ct);
            if (outcome.Succeeded)
                Imported = outcome.Value!;
            else
                FormErrors.Add(ModelState, outcome.Problem!, t, key => key == "account" ? "Account" : "file");
        }
        await LoadAsync(ct);
        return Page();
    }

    async Task LoadAsync(CancellationToken ct)
    {
        Accounts = await accounts.ListAsync(ct);
        Statements = await statements.RecentAsync(Account, 30, ct);
    }
}
