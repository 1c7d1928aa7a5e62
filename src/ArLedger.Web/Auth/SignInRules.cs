using System.Security.Claims;
using ArLedger.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ArLedger.Web.Auth;

/// <summary>Identity's SignInManager, with one rule of ours: a disabled user cannot sign in (the answer is
/// Identity's "not allowed", whatever the password) and their cookie stops working.</summary>
public sealed class SignInRules(
    UserManager<User> users, IHttpContextAccessor contextAccessor, IUserClaimsPrincipalFactory<User> claimsFactory,
    IOptions<IdentityOptions> options, ILogger<SignInManager<User>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<User> confirmation)
    : SignInManager<User>(users, contextAccessor, claimsFactory, options, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(User user) =>
        user.DisabledAt is null && await base.CanSignInAsync(user);

    /// <summary>Disabling renews the stamp, which already ends the sessions; this refuses a disabled user's cookie
    /// at its next check even if the stamp were left alone.</summary>
    public override async Task<User?> ValidateSecurityStampAsync(ClaimsPrincipal? principal) =>
        await base.ValidateSecurityStampAsync(principal) is { DisabledAt: null } user ? user : null;
}
