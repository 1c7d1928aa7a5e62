using System.ComponentModel.DataAnnotations;
using ArLedger.Audit;
using ArLedger.Identity;
using ArLedger.Persistence;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using ArLedger.Web.Auth;
using Microsoft.Extensions.Localization;
using IdentitySignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace ArLedger.Web.Pages.Account;

/// <summary>User name and password sign-in. Every attempt, good or bad, leaves an audit event, so repeated
/// guessing shows in the audit trail and not only as a locked account. Posts are rate-limited per address (the
/// policy) and per user name (here), before the user is looked up or a password hashed.</summary>
[EnableRateLimiting(SignInThrottle.Policy)]
public sealed class SignInModel(SignInManager<User> signIn, ArLedgerDbContext db, TimeProvider clock, UserNameThrottle throttle,
    IStringLocalizer<Texts> t) : PageModel
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
        if (throttle.Refuse(name) is { } wait)
        {
            SignInThrottle.SetRetryAfter(Response, wait);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Error = t["Too many attempts. Try again in a minute."];
            return Page();
        }
        var user = await signIn.UserManager.FindByNameAsync(name);
        // Failures lock a clerk's or a manager's account for a while, never an administrator's: anyone could
        // otherwise keep every administrator out by failing on purpose. The throttles above slow guessing for all.
        var result = user is null ? IdentitySignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Password, isPersistent: false,
                lockoutOnFailure: !await signIn.UserManager.IsInRoleAsync(user, Roles.Admin));
        // An unknown name, a disabled user (refused before the password is looked at) and a locked one pay for the
        // same password check as a known one, so the time of the answer tells none of them apart.
        if (user is null || result.IsNotAllowed || result.IsLockedOut)
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
        // Disabled, locked, unknown or a wrong password: one answer, so the page tells no one which names exist.
        Error = t["Wrong user name or password. After 5 failures in a row an account is locked for 15 minutes."];
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
