using ArLedger.Identity;
using ArLedger.Web.Auth;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Admin.Users;

/// <summary>The people who sign in (Admin only, as every page under /Admin): their roles, collector name, state and last
/// sign-in, and the form that creates one. Changes to a person are on <see cref="EditModel"/>.</summary>
public sealed class IndexModel(UserAccounts accounts, TimeProvider clock, IStringLocalizer<Texts> t) : PageModel
{
    public IReadOnlyList<UserAccounts.Account> Accounts { get; private set; } = [];
    public DateTimeOffset Now => clock.GetUtcNow();
    public string? Error { get; private set; }

    [BindProperty]
    public NewUser Input { get; set; } = new();

    public sealed class NewUser
    {
        public string UserName { get; set; } = "";
        public string? DisplayName { get; set; }
        public string? CollectorName { get; set; }
        public string Role { get; set; } = Roles.Clerk;
        public string Password { get; set; } = "";
    }

    public async Task OnGetAsync(CancellationToken ct) => Accounts = await accounts.ListAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var i = Input;
        if (string.IsNullOrWhiteSpace(i.UserName) || i.UserName.Trim().Length > UserAccounts.MaxNameLength)
            Error = t["The user name has 1 to {0} characters.", UserAccounts.MaxNameLength];
        else if (!Roles.All.Contains(i.Role))
            Error = t["Choose a role."];
        else if (string.IsNullOrEmpty(i.Password))
            Error = t["Enter a password."];
        else
        {
            var result = await accounts.CreateAsync(i.UserName, i.Password, i.Role, i.DisplayName, i.CollectorName, ct);
            if (result.Succeeded)
            {
                TempData["Flash"] = t["User {0} created.", i.UserName.Trim()].Value;
                return RedirectToPage();
            }
            Error = AccountWording.Refusals(result, t);
        }
        // The password is never sent back into the form.
        ModelState.Remove("Input.Password");
        Input.Password = "";
        Accounts = await accounts.ListAsync(ct);
        return Page();
    }
}
