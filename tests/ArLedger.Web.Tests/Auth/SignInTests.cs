using System.Buffers.Binary;
using System.Net;
using ArLedger.Identity;
using ArLedger.Web.Auth;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Web.Tests.Auth;

public sealed class SignInTests(ArLedgerAppFactory app) : IClassFixture<ArLedgerAppFactory>
{
    const string Password = ArLedgerAppFactory.Password;

    static string NewName(string who) => $"{who}-{Guid.NewGuid():N}"[..16];

    async Task<List<string>> AuditedSignInsAsync(string attemptedName)
    {
        await using var db = app.Database.CreateContext();
        return await db.AuditEvents.Where(e => e.Actor == attemptedName && e.Action.StartsWith("sign-in."))
            .OrderBy(e => e.Id).Select(e => e.Action).ToListAsync();
    }

    [Fact]
    public async Task The_right_password_signs_in_and_is_audited()
    {
        var name = NewName("clerk");
        var user = await app.CreateUserAsync(name, Password, Roles.Clerk);
        var client = app.AnonymousClient();

        var response = await ArLedgerAppFactory.SignInAsync(client, name, Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(["sign-in.succeeded"], await AuditedSignInsAsync(name));
        await using var db = app.Database.CreateContext();
        var audit = await db.AuditEvents.SingleAsync(e => e.Actor == name && e.Action == "sign-in.succeeded");
        Assert.Equal(user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), audit.EntityId);
        Assert.Equal(app.Clock.GetUtcNow(), audit.OccurredAt);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_audited()
    {
        var name = NewName("clerk");
        await app.CreateUserAsync(name, Password, Roles.Clerk);
        var client = app.AnonymousClient();

        var response = await ArLedgerAppFactory.SignInAsync(client, name, "not the password at all");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("alert-danger", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith(AuthSetup.SignInPath, home.Headers.Location?.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(["sign-in.failed"], await AuditedSignInsAsync(name));
    }

    [Fact]
    public async Task An_unknown_user_is_refused_and_audited_under_the_name_tried()
    {
        var name = NewName("nobody");

        var response = await ArLedgerAppFactory.SignInAsync(app.AnonymousClient(), name, Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["sign-in.failed"], await AuditedSignInsAsync(name));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_15_minutes_even_against_the_right_one()
    {
        var name = NewName("clerk");
        await app.CreateUserAsync(name, Password, Roles.Clerk);
        var client = app.AnonymousClient();

        for (var i = 0; i < 5; i++)
            await ArLedgerAppFactory.SignInAsync(client, name, $"wrong password {i}");
        var sixth = await ArLedgerAppFactory.SignInAsync(client, name, Password);

        Assert.Equal(HttpStatusCode.OK, sixth.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
        // The fifth failure is the one that locks; the sixth attempt finds the account locked.
        Assert.Equal(
            ["sign-in.failed", "sign-in.failed", "sign-in.failed", "sign-in.failed", "sign-in.locked-out", "sign-in.locked-out"],
            await AuditedSignInsAsync(name));
        await using var db = app.Database.CreateContext();
        var user = await db.Users.SingleAsync(u => u.UserName == name);
        // The lockout runs on the injected clock, like every other time.
        Assert.Equal(app.Clock.GetUtcNow().AddMinutes(15), user.LockoutEnd);
    }

    [Fact]
    public async Task A_lockout_ends_when_the_clock_passes_its_15_minutes()
    {
        var name = NewName("clerk");
        await app.CreateUserAsync(name, Password, Roles.Clerk);
        var client = app.AnonymousClient();
        for (var i = 0; i < 5; i++)
            await ArLedgerAppFactory.SignInAsync(client, name, $"wrong password {i}");
        await using (var db = app.Database.CreateContext())
        {
            // Moved to just past the lockout's end, whatever the other tests of the class did to the clock meanwhile.
            var end = (await db.Users.SingleAsync(u => u.UserName == name)).LockoutEnd!.Value;
            app.Clock.Advance(end - app.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        }

        var response = await ArLedgerAppFactory.SignInAsync(client, name, Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Password_hashes_cost_at_least_210000_PBKDF2_iterations()
    {
        var name = NewName("clerk");
        await app.CreateUserAsync(name, Password, Roles.Clerk);
        await using var db = app.Database.CreateContext();
        var hash = Convert.FromBase64String((await db.Users.SingleAsync(u => u.UserName == name)).PasswordHash!);

        // Identity V3 format: 0x01, PRF (uint32 BE), iteration count (uint32 BE), salt length, salt, subkey.
        Assert.Equal(0x01, hash[0]);
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(1))); // HMAC-SHA512
        Assert.True(BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(5)) >= 210_000);
    }

    [Fact]
    public async Task A_form_post_without_its_antiforgery_token_is_refused()
    {
        var name = NewName("clerk");
        await app.CreateUserAsync(name, Password, Roles.Clerk);
        var client = app.AnonymousClient();
        await client.GetAsync(AuthSetup.SignInPath); // the antiforgery cookie alone is not enough

        var response = await client.PostAsync(AuthSetup.SignInPath,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["UserName"] = name, ["Password"] = Password }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await AuditedSignInsAsync(name));
    }

    [Fact]
    public async Task A_return_url_to_another_site_is_ignored()
    {
        var name = NewName("clerk");
        await app.CreateUserAsync(name, Password, Roles.Clerk);

        var response = await ArLedgerAppFactory.PostFormAsync(app.AnonymousClient(),
            AuthSetup.SignInPath + "?returnUrl=https%3A%2F%2Fevil.example%2F",
            new() { ["UserName"] = name, ["Password"] = Password });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Signing_out_takes_a_post_and_ends_the_session()
    {
        var client = await app.SignedInClientAsync(Roles.Clerk);

        var response = await ArLedgerAppFactory.PostFormAsync(client, AuthSetup.SignOutPath, []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Wrong_passwords_never_lock_an_administrator_out()
    {
        var name = NewName("admin");
        await app.CreateUserAsync(name, Password, Roles.Admin);
        var client = app.AnonymousClient();

        for (var i = 0; i < 8; i++)
            await ArLedgerAppFactory.SignInAsync(client, name, $"wrong password {i}");
        var right = await ArLedgerAppFactory.SignInAsync(client, name, Password);

        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        await using var db = app.Database.CreateContext();
        Assert.Null((await db.Users.SingleAsync(u => u.UserName == name)).LockoutEnd);
    }

    [Fact]
    public async Task A_locked_account_and_an_unknown_name_get_the_same_answer()
    {
        var name = NewName("clerk");
        await app.CreateUserAsync(name, Password, Roles.Clerk);
        var client = app.AnonymousClient();
        for (var i = 0; i < 5; i++)
            await ArLedgerAppFactory.SignInAsync(client, name, $"wrong password {i}");

        var locked = await (await ArLedgerAppFactory.SignInAsync(client, name, Password)).Content.ReadAsStringAsync();
        var unknown = await (await ArLedgerAppFactory.SignInAsync(client, NewName("nobody"), Password)).Content.ReadAsStringAsync();

        static string Alert(string html) => System.Text.RegularExpressions.Regex.Match(html, "role=\"alert\">([^<]*)<").Groups[1].Value;
        Assert.Equal(Alert(unknown), Alert(locked));
        Assert.DoesNotContain("verrouillé après", locked, StringComparison.Ordinal);
        Assert.Contains("Identifiant ou mot de passe incorrect.", System.Net.WebUtility.HtmlDecode(Alert(locked)), StringComparison.Ordinal);
    }
}
