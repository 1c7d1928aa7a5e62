using ArLedger.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace ArLedger.Web.Auth;

/// <summary>
/// The named authorization policies, each named after what it allows.
/// Page policies accept only the sign-in cookie; API policies accept only an API key. Each policy names its
/// scheme, so a browser's cookie never authorizes an /api call and an X-Api-Key header never opens a page.
/// </summary>
public static class Policies
{
    /// <summary>Day-to-day AR work: invoices, payments, matching, disputes, dunning, calls.</summary>
    public const string CanRecord = nameof(CanRecord);
    /// <summary>Approve write-offs, set credit limits and the dunning policy.</summary>
    public const string CanManage = nameof(CanManage);
    /// <summary>Users, API keys, company settings, SMTP, schedules.</summary>
    public const string CanAdminister = nameof(CanAdminister);

    /// <summary>The API counterparts: same roles, API-key scheme.</summary>
    public const string ApiRecord = nameof(ApiRecord);
    public const string ApiManage = nameof(ApiManage);
    public const string ApiAdminister = nameof(ApiAdminister);

    public static readonly string[] ForApi = [ApiRecord, ApiManage, ApiAdminister];

    static readonly string[] Recorders = [Roles.Clerk, Roles.Manager, Roles.Admin];
    static readonly string[] Managers = [Roles.Manager, Roles.Admin];
    static readonly string[] Administrators = [Roles.Admin];

    /// <summary>The cookie scheme of pages.</summary>
    public static string PageScheme => IdentityConstants.ApplicationScheme;

    internal static void Add(AuthorizationBuilder auth)
    {
        // Default deny: an endpoint that declares nothing still needs a signed-in user. An /api endpoint
        // mapped without RequireApiKey therefore answers with the sign-in redirect, never with data.
        auth.SetFallbackPolicy(Require(PageScheme).Build());
        // [Authorize] without a policy name means the same.
        auth.SetDefaultPolicy(Require(PageScheme).Build());

        auth.AddPolicy(CanRecord, Require(PageScheme).RequireRole(Recorders).Build());
        auth.AddPolicy(CanManage, Require(PageScheme).RequireRole(Managers).Build());
        auth.AddPolicy(CanAdminister, Require(PageScheme).RequireRole(Administrators).Build());

        auth.AddPolicy(ApiRecord, Require(ApiKeyAuthentication.SchemeName).RequireRole(Recorders).Build());
        auth.AddPolicy(ApiManage, Require(ApiKeyAuthentication.SchemeName).RequireRole(Managers).Build());
        auth.AddPolicy(ApiAdminister, Require(ApiKeyAuthentication.SchemeName).RequireRole(Administrators).Build());
    }

    static AuthorizationPolicyBuilder Require(string scheme) =>
        new AuthorizationPolicyBuilder(scheme).RequireAuthenticatedUser();
}
