using ArLedger.Identity;
using ArLedger.Web.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ArLedger.Web.Pages.Account;

/// <summary>Signs out on POST only (with its antiforgery token), so a link or image on another site cannot sign a user out.</summary>
public sealed class SignOutModel(SignInManager<User> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return LocalRedirect(AuthSetup.SignInPath);
    }
}
