using System.Security.Cryptography.X509Certificates;
using ArLedger.Identity;
using ArLedger.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ArLedger.Web.Auth;

/// <summary>Sign-in cookie for pages, API keys for the API, role policies; the default is deny.</summary>
public static class AuthSetup
{
    /// <summary>PBKDF2-HMAC-SHA512 rounds per password hash: OWASP's 2023 figure; Identity's default is 100,000.
    /// Hashes made with fewer rounds are upgraded at the user's next sign-in.</summary>
    public const int PasswordIterations = 210_000;

    /// <summary>How long a sign-in cookie is trusted before its security stamp is checked against the user's again:
    /// signing out, being disabled or a change of roles renews the stamp, which ends every session within this time.</summary>
    public static readonly TimeSpan StampValidationInterval = TimeSpan.FromMinutes(1);

    public const string SignInPath = "/Account/SignIn";
    public const string SignOutPath = "/Account/SignOut";
    public const string AccessDeniedPath = "/Account/AccessDenied";

    /// <summary>Page folders and the policy each needs, on top of CanRecord for every page. A page model may add
    /// its own [Authorize(Policy = Policies.CanManage)] too; policies add up.</summary>
    static readonly (string Folder, string Policy)[] FolderPolicies =
    [
        ("/", Policies.CanRecord),
        ("/Admin", Policies.CanAdminister),
        ("/Outbox", Policies.CanManage),
        ("/Jobs", Policies.CanManage),
    ];

    /// <summary>The pages a person must reach before signing in.</summary>
    static readonly string[] AnonymousPages = [SignInPath, AccessDeniedPath, "/Error"];

    public static WebApplicationBuilder AddArLedgerAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddIdentityCore<User>(o =>
            {
                // Length over composition rules (NIST SP 800-63B): a long passphrase beats "Passw0rd!".
                o.Password.RequiredLength = 10;
                o.Password.RequiredUniqueChars = 4;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<Role>()
            .AddEntityFrameworkStores<ArLedgerDbContext>()
            .AddUserManager<ClockedUserManager>()
            .AddSignInManager<SignInRules>();
        services.Configure<PasswordHasherOptions>(o =>
        {
            o.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
            o.IterationCount = PasswordIterations;
        });
        // The cookie's issue time and the stamp check read the same clock, the container's (the test clock in tests).
        services.AddOptions<SecurityStampValidatorOptions>().Configure<TimeProvider>((o, clock) =>
        {
            o.ValidationInterval = StampValidationInterval;
            o.TimeProvider = clock;
        });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<TimeProvider>((o, clock) => o.TimeProvider = clock);

        services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                o.LoginPath = SignInPath;
                o.LogoutPath = SignOutPath;
                o.AccessDeniedPath = AccessDeniedPath;
                o.ReturnUrlParameter = "returnUrl";
                o.Cookie.Name = "ArLedger.SignIn";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                // A new security stamp (sign-out, password, roles, disabled) ends the user's sessions.
                o.Events.OnValidatePrincipal = SecurityStampValidator.ValidatePrincipalAsync;
                // The API speaks HTTP status codes: a sign-in page is of no use to a client program.
                o.Events.OnRedirectToLogin = c => ApiStatusOr(c, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = c => ApiStatusOr(c, StatusCodes.Status403Forbidden);
            })
            // Nothing issues this cookie (no two-factor yet), but Identity's stamp validator signs out of it when it
            // refuses a session, and fails if the scheme does not exist.
            .AddCookie(IdentityConstants.TwoFactorRememberMeScheme, o => o.Cookie.Name = "ArLedger.TwoFactor")
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        Policies.Add(services.AddAuthorizationBuilder());

        // PostConfigure: AddRazorPages' own setup resets the convention collection, so conventions
        // configured before it (AddArLedgerAuth runs first) would be lost.
        services.PostConfigure<RazorPagesOptions>(o =>
        {
            foreach (var (folder, policy) in FolderPolicies)
                o.Conventions.AuthorizeFolder(folder, policy);
            foreach (var page in AnonymousPages)
                o.Conventions.AllowAnonymousToPage(page);
        });

        AddKeyRing(builder);
        builder.AddSignInThrottle();

        services.AddScoped<UserAccounts>();
        services.AddScoped<ApiKeys>();
        return builder;
    }

    static Task ApiStatusOr(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
            context.Response.StatusCode = status;
        else
            context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The Data Protection key ring in data_protection_keys, so every instance behind the load balancer reads the
    /// cookies and antiforgery tokens the others wrote, and a restart signs nobody out. With a certificate
    /// configured the keys are encrypted with it before they are stored; without one they are stored as they are
    /// and Data Protection says so in a start-up warning (README, Configuration).
    /// </summary>
    static void AddKeyRing(WebApplicationBuilder builder)
    {
        var keys = builder.Services.AddDataProtection()
            .SetApplicationName("ArLedger")
            .PersistKeysToDbContext<ArLedgerDbContext>();
        var certificatePath = builder.Configuration["DataProtection:CertificatePath"];
        if (!string.IsNullOrWhiteSpace(certificatePath))
        {
            // Also registers the certificate for reading the keys back.
            keys.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(certificatePath,
                builder.Configuration["DataProtection:CertificatePassword"]));
        }
    }
}
