using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ArLedger.Web.Pages.Account;

/// <summary>Where the sign-in cookie sends a signed-in user who lacks the role; answers 403 so tools and tests see a refusal.</summary>
public sealed class AccessDeniedModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
