using System.Globalization;
using System.Net;
using ArLedger.Identity;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Web.Tests.Auth;

/// <summary>The Users page: an administrator creates people, sets their roles and collector name, resets passwords;
/// each change leaves an audit event under the administrator's name.</summary>
public sealed class UsersPageTests(ArLedgerAppFactory app) : IClassFixture<ArLedgerAppFactory>
{
    const string Page = "/Admin/Users";
    static string NewName(string who) => $"{who}-{Guid.NewGuid():N}"[..16];

    static async Task<string> TextAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    static string EditPage(User user) => $"/Admin/Users/Edit/{user.Id.ToString(CultureInfo.InvariantCulture)}";

    async Task<User> UserAsync(string userName)
    {
        await using var db = app.Database.CreateContext();
        return await db.Users.SingleAsync(u => u.UserName == userName);
    }

    async Task<List<string>> AuditAsync(User user)
    {
        await using var db = app.Database.CreateContext();
        return await db.AuditEvents.Where(e => e.EntityType == nameof(User) && e.EntityId == user.Id.ToString(CultureInfo.InvariantCulture)
                && e.Action.StartsWith("user."))
            .OrderBy(e => e.Id).Select(e => e.Action + " by " + e.Actor).ToListAsync();
    }

    [Fact]
    public async Task An_administrator_creates_a_collector_who_then_signs_in_and_is_listed()
    {
        var admin = await app.SignedInClientAsync(Roles.Admin);
        var name = NewName("camille");

        var created = await ArLedgerAppFactory.PostFormAsync(admin, Page, new()
        {
            ["Input.UserName"] = name, ["Input.DisplayName"] = "Camille Durand", ["Input.CollectorName"] = "Camille D.",
            ["Input.Role"] = Roles.Clerk, ["Input.Password"] = ArLedgerAppFactory.Password,
        }, "Create");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var user = await UserAsync(name);
        Assert.Equal("Camille D.", user.CollectorName);
        var list = await admin.GetStringAsync(Page);
        Assert.Contains($"data-user=\"{name}\"", list, StringComparison.Ordinal);
        Assert.Contains("Camille D.", list, StringComparison.Ordinal);
        var audit = Assert.Single(await AuditAsync(user));
        Assert.StartsWith("user.created by admin-", audit, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await ArLedgerAppFactory.SignInAsync(app.AnonymousClient(), name, ArLedgerAppFactory.Password)).StatusCode);
        Assert.NotNull((await UserAsync(name)).LastSignInAt);
    }

    [Fact]
    public async Task A_too_short_password_is_refused_in_French_and_creates_nobody()
    {
        var admin = await app.SignedInClientAsync(Roles.Admin);
        await admin.GetAsync("/culture?culture=fr-FR&returnUrl=/"); // the default, said anyway as the test is about it
        var name = NewName("short");

        var response = await ArLedgerAppFactory.PostFormAsync(admin, Page, new()
        {
            ["Input.UserName"] = name, ["Input.Role"] = Roles.Clerk, ["Input.Password"] = "short",
        }, "Create");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.Users.AnyAsync(u => u.UserName == name));
        Assert.Contains("Le mot de passe doit compter au moins 10 caractères.", await TextAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Roles_collector_name_and_a_new_password_are_saved_and_audited()
    {
        var admin = await app.SignedInClientAsync(Roles.Admin);
        var name = NewName("julien");
        var user = await app.CreateUserAsync(name, ArLedgerAppFactory.Password, Roles.Clerk);
        const string NewPassword = "another long passphrase";

        await ArLedgerAppFactory.PostFormAsync(admin, EditPage(user), new() { ["Roles"] = Roles.Manager }, "Roles");
        await ArLedgerAppFactory.PostFormAsync(admin, EditPage(user), new() { ["CollectorName"] = "  Julien M.  " }, "Collector");
        await ArLedgerAppFactory.PostFormAsync(admin, EditPage(user), new() { ["NewPassword"] = NewPassword }, "Password");

        await using (var db = app.Database.CreateContext())
        {
            var roles = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync();
            Assert.Equal([Roles.Manager], roles);
            Assert.Equal("Julien M.", (await db.Users.SingleAsync(u => u.Id == user.Id)).CollectorName);
        }
        Assert.Equal(HttpStatusCode.OK, (await ArLedgerAppFactory.SignInAsync(app.AnonymousClient(), name, ArLedgerAppFactory.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ArLedgerAppFactory.SignInAsync(app.AnonymousClient(), name, NewPassword)).StatusCode);
        var audit = (await AuditAsync(user)).Select(a => a[..a.IndexOf(" by ", StringComparison.Ordinal)]).ToList();
        Assert.Equal(["user.created", "user.roles-changed", "user.collector-name-changed", "user.password-reset"], audit);
    }

    [Fact]
    public async Task An_administrator_can_neither_disable_themselves_nor_drop_their_own_admin_role()
    {
        var admin = await app.SignedInClientAsync(Roles.Admin);
        await using var db = app.Database.CreateContext();
        var self = await db.Users.OrderByDescending(u => u.Id).FirstAsync();

        var disable = await ArLedgerAppFactory.PostFormAsync(admin, EditPage(self), [], "Disable");
        var roles = await ArLedgerAppFactory.PostFormAsync(admin, EditPage(self), new() { ["Roles"] = Roles.Clerk }, "Roles");

        // French, the default language of the pages.
        Assert.Contains("Vous ne pouvez pas désactiver votre propre compte.", await TextAsync(disable), StringComparison.Ordinal);
        Assert.Contains("Vous ne pouvez pas retirer votre propre rôle d'administrateur.", await TextAsync(roles), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(Page)).StatusCode);
    }
}
