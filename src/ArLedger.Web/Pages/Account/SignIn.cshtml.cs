using System.ComponentModel.DataAnnotations;
using ArLedger.Audit;
using ArLedger.Identity;
using ArLedger.Persistence;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using IdentitySignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace ArLedger.Web.Pages.Account;

/// <summary>User name and password sign-in. Every attempt, good or bad, leaves an audit event, so repeated
/// guessing shows in the audit trail and not only as a locked account.</summary>
public sealed class SignInModel(SignInManager<User> signIn, ArLedgerDbContext db, TimeProvider clock, IStringLocalizer<Texts> t) : PageModel
{
    // Attempted names are attacker-chosen; a bound keeps the audit trail readable.
    const int MaxAuditedNameLength = 100;

    // A hash no password matches, made once with the configured hasher (same algorithm and iterations as real ones).
    static string? nobodysHash;

    [BindProperty, Required]
    public string UserName { get; set; } = "";

    [BindProperty, Required, DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            Error = t["Enter your user name and password."];
            return Page();
        }

        var name = UserName.Trim();
        var user = await signIn.UserManager.FindByNameAsync(name);
        var result = user is null ? IdentitySignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
        // An unknown name, and a disabled user (refused before the password is looked at), pay for the same password
        // check as a known one, so the time of the answer tells neither which names exist nor which are disabled.
        if (user is null || result.IsNotAllowed)
        {
            var hasher = signIn.UserManager.PasswordHasher;
            var nobody = new User();
            hasher.VerifyHashedPassword(nobody, nobodysHash ??= hasher.HashPassword(nobody, Guid.NewGuid().ToString("N")), Password);
        }
        if (result.Succeeded)
            user!.LastSignInAt = clock.GetUtcNow();
        await AuditAsync(name, user, result, ct);

        if (result.Succeeded)
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        // A disabled user reads the same answer as a wrong password: the page does not tell who is disabled.
        Error = result.IsLockedOut
            ? t["Account locked after too many attempts. Try again in 15 minutes."]
            : t["Wrong user name or password."];
        return Page();
    }

    /// <summary>Saves the audit event, and with it the user's last sign-in (the user row is tracked by the same context).</summary>
    async Task AuditAsync(string attemptedName, User? user, IdentitySignInResult result, CancellationToken ct)
    {
        var action = result.Succeeded ? "sign-in.succeeded"
            : result.IsLockedOut ? "sign-in.locked-out"
            : result.IsNotAllowed ? "sign-in.disabled"
            : "sign-in.failed";
        var actor = new Actor
        {
            Name = attemptedName.Length > MaxAuditedNameLength ? attemptedName[..MaxAuditedNameLength] : attemptedName,
            RemoteAddress = HttpContext.Connection.RemoteIpAddress?.ToString(),
        };
        AuditTrail.Record(db, actor, clock.GetUtcNow(), action, nameof(User), user?.Id);
        await db.SaveChangesAsync(ct);
    }
}
