using ArLedger.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;

namespace ArLedger.Web.Auth;

/// <summary>Sign-in cookie for pages, API keys for the API, role policies; the default is deny.</summary>
public static class AuthSetup
{
    /// <summary>PBKDF2-HMAC-SHA512 rounds per password hash: OWASP's 2023 figure; Identity's default is 100,000.
    /// Hashes made with fewer rounds are upgraded at the user's next sign-in.</summary>
    public const int PasswordIterations = 210_000;

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
            .AddUserStore<UserStore>()
            .AddRoleStore<RoleStore>()
            .AddSignInManager();
        services.Configure<PasswordHasherOptions>(o =>
        {
            o.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
            o.IterationCount = PasswordIterations;
        });

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
                // A changed password or role (new security stamp) ends the other sessions of that user.
                o.Events.OnValidatePrincipal = SecurityStampValidator.ValidatePrincipalAsync;
            })
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

        services.AddDataProtection().SetApplicationName("ArLedger");
        services.AddOptions<KeyManagementOptions>()
            .Configure<NpgsqlDataSource>((o, db) => o.XmlRepository = new DataProtectionKeyRepository(db));

        services.AddScoped<UserAccounts>();
        services.AddScoped<ApiKeys>();
        return builder;
    }
}
