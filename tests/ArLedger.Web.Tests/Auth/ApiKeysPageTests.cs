using System.Net;
using System.Text.RegularExpressions;
using ArLedger.Identity;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Web.Tests.Auth;

public sealed partial class ApiKeysPageTests(ArLedgerAppFactory app) : IClassFixture<ArLedgerAppFactory>
{
    const string Page = "/Admin/ApiKeys";

    [Fact]
    public async Task An_administrator_creates_a_key_that_is_shown_once_and_audited()
    {
        var admin = await app.SignedInClientAsync(Roles.Admin);
        var name = $"Bank feed {Guid.NewGuid():N}";

        var created = await ArLedgerAppFactory.PostFormAsync(admin, Page, new() { ["Name"] = name, ["Role"] = Roles.Manager }, "Create");

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("no-store", created.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var key = NewKey().Match(await created.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.StartsWith(ApiKeys.KeyPrefix, key, StringComparison.Ordinal);
        var list = await admin.GetStringAsync(Page);
        Assert.Contains(name, list, StringComparison.Ordinal);
        Assert.Contains(key[..12], list, StringComparison.Ordinal);
        Assert.DoesNotContain(key, list, StringComparison.Ordinal);

        await using var db = app.Database.CreateContext();
        var row = await db.ApiKeys.SingleAsync(k => k.Name == name);
        Assert.Equal(Roles.Manager, row.Role);
        Assert.StartsWith("admin-", row.CreatedBy, StringComparison.Ordinal);
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "api-key.created" && e.EntityId == row.Id.ToString()));
    }

    [Fact]
    public async Task An_administrator_revokes_a_key_and_the_revocation_is_audited()
    {
        var admin = await app.SignedInClientAsync(Roles.Admin);
        var key = await app.CreateApiKeyAsync(Roles.Clerk);
        await using var db = app.Database.CreateContext();
        var id = (await db.ApiKeys.SingleAsync(k => k.Prefix == key.Substring(0, 12))).Id;

        var response = await ArLedgerAppFactory.PostFormAsync(admin, Page, new() { ["id"] = id.ToString() }, "Revoke");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var row = await db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == id);
        Assert.Equal(app.Clock.GetUtcNow(), row.RevokedAt);
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == "api-key.revoked" && e.EntityId == id.ToString());
        Assert.StartsWith("admin-", audit.Actor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_a_key_without_the_antiforgery_token_is_refused()
    {
        var admin = await app.SignedInClientAsync(Roles.Admin);
        await admin.GetAsync(Page);

        var response = await admin.PostAsync($"{Page}?handler=Create",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Name"] = "forged", ["Role"] = Roles.Admin }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.ApiKeys.AnyAsync(k => k.Name == "forged"));
    }

    [GeneratedRegex("data-testid=\"new-api-key\">([^<]+)<")]
    private static partial Regex NewKey();
}
