using ArLedger.Identity;
using ArLedger.Web.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ArLedger.Web.Pages.Account;

/// <summary>Signs out on POST only (with its antiforgery token), so a link or image on another site cannot sign a user out.
/// Signing out renews the user's security stamp, so a copy of the cookie taken before stops working at its next
/// check (<see cref="AuthSetup.StampValidationInterval"/>), as do the user's other sessions.</summary>
public sealed class SignOutModel(SignInManager<User> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is { } user)
            await signIn.UserManager.UpdateSecurityStampAsync(user);
        await signIn.SignOutAsync();
        return LocalRedirect(AuthSetup.SignInPath);
    }
}
