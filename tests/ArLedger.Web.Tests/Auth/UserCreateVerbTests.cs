using System.Net;
using ArLedger.Web.Auth;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Web.Tests.Auth;

/// <summary><c>user create</c> makes a person who signs in through the Identity stores like any other.</summary>
public sealed class UserCreateVerbTests(ArLedgerAppFactory app) : IClassFixture<ArLedgerAppFactory>
{
    [Fact]
    public async Task A_user_made_by_the_verb_signs_in_with_their_role_and_collector_name()
    {
        var name = $"verb-{Guid.NewGuid():N}"[..16];
        app.AnonymousClient().Dispose(); // starts the app

        var exit = await AuthVerbs.RunAsync(app.Services,
            ["user", "create", "--name", name, "--password", ArLedgerAppFactory.Password, "--role", "Manager", "--collector-name", "Julien M."]);

        Assert.Equal(0, exit);
        var client = app.AnonymousClient(new CookieContainer());
        Assert.Equal(HttpStatusCode.Redirect, (await ArLedgerAppFactory.SignInAsync(client, name, ArLedgerAppFactory.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Outbox")).StatusCode);
        await using var db = app.Database.CreateContext();
        Assert.Equal("Julien M.", (await db.Users.SingleAsync(u => u.UserName == name)).CollectorName);
    }
}
