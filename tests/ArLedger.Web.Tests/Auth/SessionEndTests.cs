using System.Globalization;
using System.Net;
using ArLedger.Identity;
using ArLedger.Web.Auth;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Web.Tests.Auth;

/// <summary>
/// A session ends when its user's security stamp changes: at sign-out, when an administrator disables the user or
/// changes their roles. The cookie is checked against the stamp once per <see cref="AuthSetup.StampValidationInterval"/>
/// of the injected clock, so these tests move the clock past it instead of waiting.
/// </summary>
public sealed class SessionEndTests(ArLedgerAppFactory app) : IClassFixture<ArLedgerAppFactory>
{
    /// <summary>A client that sends only the cookie header given, as someone who copied it would.</summary>
    HttpClient Replaying(string cookieHeader)
    {
        var client = app.AnonymousClient();
        client.DefaultRequestHeaders.Add("Cookie", cookieHeader);
        return client;
    }

    static void AssertSentToSignIn(HttpResponseMessage response) =>
        Assert.True(response.StatusCode == HttpStatusCode.Redirect
            && response.Headers.Location?.OriginalString.Contains(AuthSetup.SignInPath, StringComparison.Ordinal) == true,
            $"Expected the sign-in redirect, got {(int)response.StatusCode} {response.Headers.Location}");

    void PassTheValidationInterval() => app.Clock.Advance(AuthSetup.StampValidationInterval + TimeSpan.FromSeconds(1));

    async Task<(HttpClient Client, string Cookie, User User)> SignedInAsync(string role)
    {
        var cookies = new CookieContainer();
        var client = await app.SignedInClientAsync(role, cookies);
        var cookie = cookies.GetCookieHeader(app.Server.BaseAddress);
        await using var db = app.Database.CreateContext();
        var user = await db.Users.OrderByDescending(u => u.Id).FirstAsync();
        return (client, cookie, user);
    }

    static async Task<HttpResponseMessage> AdminPostsAsync(HttpClient admin, User user, string handler, Dictionary<string, string>? fields = null) =>
        await ArLedgerAppFactory.PostFormAsync(admin, $"/Admin/Users/Edit/{user.Id.ToString(CultureInfo.InvariantCulture)}", fields ?? [], handler);

    [Fact]
    public async Task A_cookie_captured_before_sign_out_is_refused_after_it()
    {
        var (client, cookie, _) = await SignedInAsync(Roles.Clerk);
        Assert.Equal(HttpStatusCode.OK, (await Replaying(cookie).GetAsync("/")).StatusCode);

        await ArLedgerAppFactory.PostFormAsync(client, AuthSetup.SignOutPath, []);
        PassTheValidationInterval();

        AssertSentToSignIn(await Replaying(cookie).GetAsync("/"));
    }

    [Fact]
    public async Task A_disabled_user_is_signed_out_within_the_interval_and_cannot_sign_in_again()
    {
        var (_, cookie, user) = await SignedInAsync(Roles.Clerk);
        var admin = await app.SignedInClientAsync(Roles.Admin);

        var disabled = await AdminPostsAsync(admin, user, "Disable");
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        PassTheValidationInterval();

        AssertSentToSignIn(await Replaying(cookie).GetAsync("/"));
        var again = await ArLedgerAppFactory.SignInAsync(app.AnonymousClient(), user.UserName!, ArLedgerAppFactory.Password);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("alert-danger", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        var actions = await db.AuditEvents.Where(e => e.EntityType == nameof(User) && e.EntityId == user.Id.ToString(CultureInfo.InvariantCulture))
            .OrderBy(e => e.Id).Select(e => e.Action).ToListAsync();
        Assert.Equal(["user.created", "sign-in.succeeded", "user.disabled", "sign-in.disabled"], actions);
    }

    [Fact]
    public async Task An_enabled_user_signs_in_again()
    {
        var (_, _, user) = await SignedInAsync(Roles.Clerk);
        var admin = await app.SignedInClientAsync(Roles.Admin);
        await AdminPostsAsync(admin, user, "Disable");

        await AdminPostsAsync(admin, user, "Enable");

        var again = await ArLedgerAppFactory.SignInAsync(app.AnonymousClient(), user.UserName!, ArLedgerAppFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
    }

    [Fact]
    public async Task Changing_a_users_roles_ends_their_sessions_within_the_interval()
    {
        var (_, cookie, user) = await SignedInAsync(Roles.Manager);
        Assert.Equal(HttpStatusCode.OK, (await Replaying(cookie).GetAsync("/Outbox")).StatusCode);
        var admin = await app.SignedInClientAsync(Roles.Admin);

        var saved = await AdminPostsAsync(admin, user, "Roles", new() { ["Roles"] = Roles.Clerk });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        PassTheValidationInterval();

        AssertSentToSignIn(await Replaying(cookie).GetAsync("/Outbox"));
    }

    [Fact]
    public async Task Within_the_interval_an_untouched_session_goes_on_and_is_checked_again_after_it()
    {
        var (_, cookie, _) = await SignedInAsync(Roles.Clerk);

        PassTheValidationInterval();

        // The stamp still matches: the check passes and the session goes on.
        Assert.Equal(HttpStatusCode.OK, (await Replaying(cookie).GetAsync("/")).StatusCode);
    }
}
