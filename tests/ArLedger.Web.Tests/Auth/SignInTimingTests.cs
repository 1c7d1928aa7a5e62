using System.Net;
using ArLedger.Identity;
using ArLedger.Web.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ArLedger.Web.Tests.Auth;

/// <summary>The configured password hasher, counting the passwords it checks.</summary>
public sealed class CountingHasher(IOptions<PasswordHasherOptions> options) : IPasswordHasher<User>
{
    readonly PasswordHasher<User> inner = new(options);
    int checks;

    public int Checks => Volatile.Read(ref checks);

    public string HashPassword(User user, string password) => inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(User user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref checks);
        return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

public class CountingHasherApp : ArLedgerAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<CountingHasher>();
            services.RemoveAll<IPasswordHasher<User>>();
            services.AddSingleton<IPasswordHasher<User>>(sp => sp.GetRequiredService<CountingHasher>());
        });
    }
}

public sealed class SignInTimingTests(CountingHasherApp app) : IClassFixture<CountingHasherApp>
{
    [Fact]
    public async Task An_unknown_user_name_costs_the_same_password_check_as_a_wrong_password()
    {
        var name = $"clerk-{Guid.NewGuid():N}"[..16];
        await app.CreateUserAsync(name, ArLedgerAppFactory.Password, Roles.Clerk);
        var hasher = app.Services.GetRequiredService<CountingHasher>();

        var before = hasher.Checks;
        var wrong = await ArLedgerAppFactory.SignInAsync(app.AnonymousClient(), name, "not the password at all");
        var forWrongPassword = hasher.Checks - before;
        before = hasher.Checks;
        var unknown = await ArLedgerAppFactory.SignInAsync(app.AnonymousClient(), $"nobody-{Guid.NewGuid():N}"[..16], "not the password at all");
        var forUnknownName = hasher.Checks - before;

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(1, forWrongPassword);
        Assert.Equal(forWrongPassword, forUnknownName);
    }
}
