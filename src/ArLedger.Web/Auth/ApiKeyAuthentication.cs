using System.Security.Claims;
using System.Text.Encodings.Web;
using ArLedger.Identity;
using ArLedger.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ArLedger.Web.Auth;

/// <summary>
/// The "ApiKey" scheme: the X-Api-Key header names a row of api_keys by its hash. Only API policies name
/// this scheme, so the header means nothing to pages.
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ArLedgerDbContext db, TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";
    /// <summary>The principal's name is this plus the key's name, so audit events tell keys from people.</summary>
    public const string NamePrefix = "api:";

    // Writing last_used_at on every call would turn each read into a write; a minute's precision is enough.
    static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values))
            return AuthenticateResult.NoResult();
        var presented = values.ToString();
        if (!presented.StartsWith(ApiKeys.KeyPrefix, StringComparison.Ordinal) || presented.Length > 200)
            return AuthenticateResult.Fail("Malformed API key.");

        var hash = ApiKeys.Hash(presented);
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.KeyHash == hash, Context.RequestAborted);
        if (key is null)
            return AuthenticateResult.Fail("Unknown API key.");
        if (key.RevokedAt is not null)
            return AuthenticateResult.Fail("Revoked API key.");

        var now = clock.GetUtcNow();
        if (key.LastUsedAt is null || now - key.LastUsedAt >= LastUsedPrecision)
        {
            await db.ApiKeys.Where(k => k.Id == key.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted);
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, NamePrefix + key.Id),
                new Claim(ClaimTypes.Name, NamePrefix + key.Name),
                new Claim(ClaimTypes.Role, key.Role),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{Header}\"";
        return Task.CompletedTask;
    }
}
