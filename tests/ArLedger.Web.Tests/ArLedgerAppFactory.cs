using System.Net;
using System.Text.RegularExpressions;
using ArLedger.Identity;
using ArLedger.Testing;
using ArLedger.Web.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ArLedger.Web.Tests;

/// <summary>
/// The whole app over a database of its own (a clone of the migrated template), for one test class:
/// <c>public sealed class MyTests(ArLedgerAppFactory app) : IClassFixture&lt;ArLedgerAppFactory&gt;</c>.
/// Its clock is <see cref="Clock"/>, a <see cref="FakeTimeProvider"/> the tests move.
/// </summary>
public partial class ArLedgerAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>Long enough for the password rules; the same for every test user, as they are throwaway.</summary>
    public const string Password = "correct horse battery staple";

    public TestDatabase Database { get; } = new();
    public FakeTimeProvider Clock { get; } = new(TestTime.Start);

    public virtual Task InitializeAsync() => Database.InitializeAsync();

    Task IAsyncLifetime.DisposeAsync() => DisposeFixtureAsync();

    protected virtual async Task DisposeFixtureAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:ArLedger", Database.ConnectionString);
        // A Hangfire server does what pages enqueue (approvals, large imports, "run now"); no schedule fires by
        // itself: tests run jobs and dispatch mail themselves, when they mean to.
        builder.UseSetting("Jobs:Enabled", "true");
        builder.UseSetting("Jobs:WorkerCount", "2");
        foreach (var job in ArLedger.Jobs.JobCatalog.All)
            builder.UseSetting($"Jobs:{job.Name}:Enabled", "false");
        builder.UseSetting("Mail:DispatchInBackground", "false");
        // Every request of a test server comes from the same (unknown) address: the sign-in throttle's own tests set
        // their limits; the others sign in as often as they need.
        builder.UseSetting("SignIn:PermitsPerAddress", "100000");
        builder.UseSetting("SignIn:PermitsPerUserName", "100000");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>A client that keeps cookies (in <paramref name="cookies"/> when given, to read or replay them)
    /// and shows redirects instead of following them.</summary>
    public HttpClient AnonymousClient(CookieContainer? cookies = null) => cookies is null
        ? CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
        : CreateDefaultClient(Server.BaseAddress, new CookieContainerHandler(cookies));

    public async Task<User> CreateUserAsync(string userName, string password, string role)
    {
        await using var scope = Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync(userName, password, role);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<User>>();
        return (await users.FindByNameAsync(userName))!;
    }

    /// <summary>Creates a key with the role and returns the key itself, for the X-Api-Key header.</summary>
    public async Task<string> CreateApiKeyAsync(string role, string? name = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<ApiKeys>().CreateAsync(name ?? $"test {role} {Guid.NewGuid():N}", role);
        return created.Key;
    }

    /// <summary>A client with an X-Api-Key header for a new key with the role.</summary>
    public async Task<HttpClient> ApiClientAsync(string role)
    {
        var client = AnonymousClient();
        client.DefaultRequestHeaders.Add(ApiKeyAuthentication.Header, await CreateApiKeyAsync(role));
        return client;
    }

    /// <summary>A client signed in through the sign-in form as a new user with the role; the user's name
    /// starts with the role in lower case ("clerk-…").</summary>
    public async Task<HttpClient> SignedInClientAsync(string role, CookieContainer? cookies = null)
    {
        var userName = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}"[..20];
        await CreateUserAsync(userName, Password, role);
        var client = AnonymousClient(cookies);
        var response = await SignInAsync(client, userName, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Posts the sign-in form as a browser would; a success answers with a redirect.</summary>
    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password) =>
        PostFormAsync(client, AuthSetup.SignInPath, new() { ["UserName"] = userName, ["Password"] = password });

    /// <summary>GETs a page, then posts its form with the fields and the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields,
        string? handler = null)
    {
        var page = await client.GetStringAsync(path);
        var token = AntiforgeryToken().Match(page);
        Assert.True(token.Success, $"No antiforgery token on {path}.");
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        var target = handler is null ? path : $"{path}{(path.Contains('?') ? '&' : '?')}handler={handler}";
        return await client.PostAsync(target, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
