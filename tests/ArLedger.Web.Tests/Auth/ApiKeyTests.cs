using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using ArLedger.Audit;
using ArLedger.Identity;
using ArLedger.Web.Auth;
using ArLedger.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ArLedger.Web.Tests.Auth;

/// <summary>
/// The API-key scheme end to end. The app maps its /api endpoints elsewhere, so these tests host a probe
/// group protected exactly as the API's is (<c>MapGroup("/api/v1").RequireApiKey(...)</c>) with the app's
/// own auth and data setup, over the same database as the app factory.
/// </summary>
public sealed class ApiKeyTests(ArLedgerAppFactory app) : IClassFixture<ArLedgerAppFactory>, IAsyncLifetime
{
    WebApplication probe = null!;

    public record Caller(string? Name, string? Role, string Actor);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.Configuration["ConnectionStrings:ArLedger"] = app.Database.ConnectionString;
        builder.AddArLedgerData();
        builder.AddArLedgerAuth();
        builder.Services.RemoveAll<TimeProvider>();
        builder.Services.AddSingleton<TimeProvider>(app.Clock);
        probe = builder.Build();
        probe.UseRouting();
        probe.UseAuthentication();
        probe.UseAuthorization();
        var api = probe.MapGroup("/api/v1").RequireApiKey(Policies.ApiRecord);
        api.MapGet("/caller", (ClaimsPrincipal user, Actor actor) =>
            new Caller(user.Identity?.Name, user.FindFirstValue(ClaimTypes.Role), actor.Name));
        api.MapPost("/write-offs/{id:long}/approve", (long id) => Results.NoContent()).RequireApiKey(Policies.ApiManage);
        await probe.StartAsync();
    }

    public async Task DisposeAsync() => await probe.DisposeAsync();

    HttpClient Client(string? key = null)
    {
        var client = probe.GetTestClient();
        if (key is not null)
            client.DefaultRequestHeaders.Add(ApiKeyAuthentication.Header, key);
        return client;
    }

    async Task<ApiKey> RowAsync(string key)
    {
        await using var db = app.Database.CreateContext();
        return await db.ApiKeys.SingleAsync(k => k.Prefix == key.Substring(0, 12));
    }

    [Fact]
    public async Task A_valid_key_authenticates_as_api_and_its_name_with_its_role()
    {
        var key = await app.CreateApiKeyAsync(Roles.Manager, name: "ERP export");

        var caller = await Client(key).GetFromJsonAsync<Caller>("/api/v1/caller");

        Assert.Equal(new Caller("api:ERP export", Roles.Manager, "api:ERP export"), caller);
    }

    [Fact]
    public async Task A_missing_malformed_unknown_or_revoked_key_gets_401()
    {
        var revoked = await app.CreateApiKeyAsync(Roles.Admin);
        await using (var scope = app.Services.CreateAsyncScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<ApiKeys>().RevokeAsync((await RowAsync(revoked)).Id));
        var unknown = ApiKeys.KeyPrefix + new string('A', 43);

        foreach (var key in new[] { null, "not-a-key", unknown, revoked })
        {
            var response = await Client(key).GetAsync("/api/v1/caller");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.StartsWith("ApiKey", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_database_holds_the_keys_hash_and_prefix_never_the_key()
    {
        var key = await app.CreateApiKeyAsync(Roles.Clerk);

        var row = await RowAsync(key);

        Assert.Matches("^ark_[A-Za-z0-9_-]{43}$", key);
        Assert.Equal(ApiKeys.Hash(key), row.KeyHash);
        Assert.Matches("^[0-9a-f]{64}$", row.KeyHash);
        Assert.Equal(key[..12], row.Prefix);
        await using var db = app.Database.CreateContext();
        var everything = string.Join("|", await db.ApiKeys.Select(k => k.Name + k.Prefix + k.KeyHash + k.Role).ToListAsync())
            + string.Join("|", await db.AuditEvents.Where(e => e.After != null).Select(e => e.After!).ToListAsync());
        Assert.DoesNotContain(key, everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sign_in_cookie_does_not_open_the_api()
    {
        // The app and the probe share the database and so the key ring: the cookie is valid, just not here.
        var cookies = new CookieContainer();
        var browser = await app.SignedInClientAsync(Roles.Admin, cookies);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        var cookie = cookies.GetCookieHeader(app.Server.BaseAddress);
        Assert.Contains("ArLedger.SignIn=", cookie, StringComparison.Ordinal);

        var client = Client();
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        var response = await client.GetAsync("/api/v1/caller");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_clerk_key_is_forbidden_where_a_manager_is_needed()
    {
        var clerk = await app.CreateApiKeyAsync(Roles.Clerk);
        var manager = await app.CreateApiKeyAsync(Roles.Manager);

        Assert.Equal(HttpStatusCode.Forbidden, (await Client(clerk).PostAsync("/api/v1/write-offs/1/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Client(manager).PostAsync("/api/v1/write-offs/1/approve", null)).StatusCode);
    }

    [Fact]
    public async Task Use_is_recorded_at_most_once_a_minute()
    {
        var key = await app.CreateApiKeyAsync(Roles.Clerk);
        var first = app.Clock.GetUtcNow();

        await Client(key).GetAsync("/api/v1/caller");
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        await Client(key).GetAsync("/api/v1/caller");
        var afterHalfAMinute = (await RowAsync(key)).LastUsedAt;
        app.Clock.Advance(TimeSpan.FromSeconds(31));
        await Client(key).GetAsync("/api/v1/caller");

        Assert.Equal(first, afterHalfAMinute);
        Assert.Equal(app.Clock.GetUtcNow(), (await RowAsync(key)).LastUsedAt);
    }
}
