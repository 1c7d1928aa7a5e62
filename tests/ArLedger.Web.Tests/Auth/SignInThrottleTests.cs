using System.Net;
using ArLedger.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ArLedger.Web.Tests.Auth;

/// <summary>The app with small sign-in limits over a window longer than any test, and each request's client address
/// taken from a test header (a test server has none), so each test throttles an address of its own.</summary>
public sealed class ThrottledApp : CountingHasherApp
{
    public const string AddressHeader = "X-Test-Client-Address";
    public const int PerAddress = 10;
    public const int PerUserName = 3;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("SignIn:PermitsPerAddress", PerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("SignIn:PermitsPerUserName", PerUserName.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("SignIn:Window", "01:00:00");
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, ClientAddressFromHeader>());
    }

    sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextStep) =>
            {
                if (IPAddress.TryParse(http.Request.Headers[AddressHeader], out var address))
                    http.Connection.RemoteIpAddress = address;
                return nextStep(http);
            });
            next(app);
        };
    }

    public HttpClient ClientFrom(string address)
    {
        var client = AnonymousClient();
        client.DefaultRequestHeaders.Add(AddressHeader, address);
        return client;
    }
}

public sealed class SignInThrottleTests(ThrottledApp app) : IClassFixture<ThrottledApp>
{
    static string RandomAddress() => $"10.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}";

    [Fact]
    public async Task A_burst_of_200_sign_ins_from_one_address_gets_429_with_Retry_After_before_any_password_is_hashed()
    {
        var client = app.ClientFrom(RandomAddress());
        var hasher = app.Services.GetRequiredService<CountingHasher>();
        var before = hasher.Checks;

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 200; i++)
            responses.Add(await ArLedgerAppFactory.SignInAsync(client, $"nobody-{i}", "not the password at all"));

        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(200 - ThrottledApp.PerAddress, refused.Count);
        Assert.All(refused, r => Assert.True(r.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After"));
        // Only the attempts let through paid for a password check.
        Assert.Equal(ThrottledApp.PerAddress, hasher.Checks - before);
    }

    [Fact]
    public async Task One_user_name_tried_from_many_addresses_is_throttled_too_even_with_the_right_password()
    {
        var name = $"clerk-{Guid.NewGuid():N}"[..16];
        await app.CreateUserAsync(name, ArLedgerAppFactory.Password, Roles.Clerk);

        for (var i = 0; i < ThrottledApp.PerUserName; i++)
            Assert.Equal(HttpStatusCode.OK, (await ArLedgerAppFactory.SignInAsync(app.ClientFrom(RandomAddress()), name, $"wrong {i}")).StatusCode);
        var next = await ArLedgerAppFactory.SignInAsync(app.ClientFrom(RandomAddress()), name.ToUpperInvariant(), ArLedgerAppFactory.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, next.StatusCode);
        Assert.True(next.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("Trop de tentatives", System.Net.WebUtility.HtmlDecode(await next.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }
}
