using ArLedger.Identity;
using ArLedger.Web.Auth;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Admin.Users;

/// <summary>One person: roles, collector name, disable or enable, a new password. Each form posts one change, audited
/// by <see cref="UserAccounts"/>; roles, disabling and a new password end the person's sessions within a minute.</summary>
public sealed class EditModel(UserAccounts accounts, TimeProvider clock, IStringLocalizer<Texts> t) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    public UserAccounts.Account Account { get; private set; } = null!;
    public DateTimeOffset Now => clock.GetUtcNow();
    public string? Error { get; private set; }

    [BindProperty]
    public List<string> Roles { get; set; } = [];

    [BindProperty]
    public string? CollectorName { get; set; }

    [BindProperty]
    public string NewPassword { get; set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
            return NotFound();
        ShowStored();
        return Page();
    }

    public Task<IActionResult> OnPostRolesAsync(CancellationToken ct) =>
        ChangeAsync(a => accounts.SetRolesAsync(a.User, Roles, ct), "Roles saved; the user's sessions end within a minute.", ct);

    public Task<IActionResult> OnPostCollectorAsync(CancellationToken ct) =>
        ChangeAsync(a => accounts.SetCollectorNameAsync(a.User, CollectorName, ct), "Collector name saved.", ct);

    public Task<IActionResult> OnPostDisableAsync(CancellationToken ct) =>
        ChangeAsync(a => accounts.SetDisabledAsync(a.User, true, ct), "User disabled; their sessions end within a minute.", ct);

    public Task<IActionResult> OnPostEnableAsync(CancellationToken ct) =>
        ChangeAsync(a => accounts.SetDisabledAsync(a.User, false, ct), "User enabled.", ct);

    public Task<IActionResult> OnPostPasswordAsync(CancellationToken ct) => string.IsNullOrEmpty(NewPassword)
        ? RefuseAsync(t["Enter a password."], ct)
        : ChangeAsync(a => accounts.ResetPasswordAsync(a.User, NewPassword, ct), "Password changed; the user's sessions end within a minute.", ct);

    async Task<IActionResult> ChangeAsync(Func<UserAccounts.Account, Task<IdentityResult>> change, string done, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
            return NotFound();
        var result = await change(Account);
        if (!result.Succeeded)
            return await RefuseAsync(AccountWording.Refusals(result, t), ct);
        TempData["Flash"] = t[done].Value;
        return RedirectToPage(new { Id });
    }

    /// <summary>The page again with the refusal and the person as stored (nothing of the refused change kept).</summary>
    async Task<IActionResult> RefuseAsync(string error, CancellationToken ct)
    {
        ModelState.Clear();
        NewPassword = "";
        if (!await LoadAsync(ct))
            return NotFound();
        ShowStored();
        Error = error;
        return Page();
    }

    void ShowStored()
    {
        Roles = Account.Roles.ToList();
        CollectorName = Account.User.CollectorName;
    }

    async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await accounts.FindAsync(Id, ct) is not { } account)
            return false;
        Account = account;
        return true;
    }
}
