using System.Net;
using System.Net.Http.Json;
using ArLedger.Identity;
using ArLedger.Web.Auth;

namespace ArLedger.Web.Tests.Auth;

/// <summary>
/// Walks every endpoint of the running app, as read from its endpoint data source, and knocks on each door
/// with no credentials, with a cookie, with an API key, as a clerk and as an administrator. Which roles may
/// pass comes from each endpoint's own metadata, so a new page or API endpoint is covered without editing
/// this file; only a new anonymous endpoint needs a line here, on purpose.
/// </summary>
public sealed class AuthorizationWalkTests(ArLedgerAppFactory app) : IClassFixture<ArLedgerAppFactory>
{
    /// <summary>The only doors open to anyone.</summary>
    static readonly string[] AnonymousPatterns =
        ["Account/SignIn", "Account/AccessDenied", "Error", "/health/live", "/health/ready", "/openapi/{documentName}.json", "/culture"];

    async Task<List<AppRoute>> RoutesAsync()
    {
        app.AnonymousClient().Dispose(); // starts the app, which builds its endpoints
        var routes = await AppRoute.AllAsync(app.Services);
        Assert.Contains(routes, r => r.Path == AuthSetup.SignInPath);
        return routes;
    }

    static async Task<HttpResponseMessage> SendAsync(HttpClient client, AppRoute route)
    {
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path);
        if (route.Method is "POST" or "PUT" or "PATCH")
            request.Content = JsonContent.Create(new { });
        return await client.SendAsync(request);
    }

    /// <summary>How a request was turned away, or null when it got through to the endpoint.</summary>
    static string? Refusal(HttpResponseMessage response) => response.StatusCode switch
    {
        HttpStatusCode.Unauthorized => "401",
        HttpStatusCode.Forbidden => "403",
        HttpStatusCode.Redirect when response.Headers.Location?.OriginalString.Contains(AuthSetup.SignInPath, StringComparison.Ordinal) == true
            => "sign-in",
        HttpStatusCode.Redirect when response.Headers.Location?.OriginalString.Contains(AuthSetup.AccessDeniedPath, StringComparison.Ordinal) == true
            => "access-denied",
        _ => null,
    };

    /// <summary>Sends each route and collects those whose answer the rule rejects, so one run lists every offender.</summary>
    static async Task AssertEachAsync(HttpClient client, IEnumerable<AppRoute> routes, Func<AppRoute, string?, bool> rule, string expected)
    {
        var wrong = new List<string>();
        foreach (var route in routes)
        {
            using var response = await SendAsync(client, route);
            var refusal = Refusal(response);
            if (!rule(route, refusal))
                wrong.Add($"{route} answered {(int)response.StatusCode} {response.Headers.Location} (refusal: {refusal ?? "none"})");
        }
        Assert.True(wrong.Count == 0, $"Expected {expected}:\n{string.Join("\n", wrong)}");
    }

    [Fact]
    public async Task Only_sign_in_access_denied_error_health_and_openapi_are_anonymous()
    {
        var anonymous = (await RoutesAsync()).Where(r => r.IsAnonymous).Select(r => r.Pattern).Distinct();

        Assert.All(anonymous, pattern => Assert.Contains(pattern, AnonymousPatterns));
    }

    [Fact]
    public async Task Pages_take_only_the_cookie_and_api_endpoints_only_the_api_key()
    {
        foreach (var route in (await RoutesAsync()).Where(r => !r.IsAnonymous))
            Assert.True(route.Schemes.SequenceEqual([route.IsApi ? ApiKeyAuthentication.SchemeName : Policies.PageScheme]),
                $"{route} authenticates with [{string.Join(", ", route.Schemes)}]");
    }

    [Fact]
    public async Task Without_credentials_everything_but_the_anonymous_endpoints_is_refused()
    {
        var routes = await RoutesAsync();

        await AssertEachAsync(app.AnonymousClient(), routes,
            // The access-denied page answers 403 to everyone: it is open, its content is the refusal.
            (route, refusal) => route.IsAnonymous ? refusal is not ("sign-in" or "401")
                : route.IsApi ? refusal == "401"
                : refusal is "sign-in" or "401",
            "anonymous endpoints open, /api 401, pages sent to sign-in");
    }

    [Fact]
    public async Task A_sign_in_cookie_opens_no_api_endpoint()
    {
        var routes = (await RoutesAsync()).Where(r => r.IsApi && !r.IsAnonymous);

        await AssertEachAsync(await app.SignedInClientAsync(Roles.Admin), routes,
            (_, refusal) => refusal == "401", "401 for an administrator's cookie on /api");
    }

    [Fact]
    public async Task An_api_key_opens_no_page()
    {
        var routes = (await RoutesAsync()).Where(r => !r.IsApi && !r.IsAnonymous);

        await AssertEachAsync(await app.ApiClientAsync(Roles.Admin), routes,
            (_, refusal) => refusal == "sign-in", "an administrator's API key sent to sign-in on pages");
    }

    [Fact]
    public async Task A_clerk_is_refused_the_pages_whose_policy_wants_a_manager_or_an_administrator()
    {
        var pages = (await RoutesAsync()).Where(r => !r.IsApi && !r.IsAnonymous && r.Method == "GET");
        Assert.Contains(pages, p => !p.Allows(Roles.Clerk));

        await AssertEachAsync(await app.SignedInClientAsync(Roles.Clerk), pages,
            (route, refusal) => route.Allows(Roles.Clerk) ? refusal is null : refusal == "access-denied",
            "a clerk in on CanRecord pages and sent to access denied elsewhere");
    }

    [Fact]
    public async Task A_clerk_api_key_is_forbidden_where_the_policy_wants_a_manager_or_an_administrator()
    {
        var routes = (await RoutesAsync()).Where(r => r.IsApi && !r.IsAnonymous).ToList();

        await AssertEachAsync(await app.ApiClientAsync(Roles.Clerk), routes.Where(r => !r.Allows(Roles.Clerk)),
            (_, refusal) => refusal == "403", "403 for a clerk's key on ApiManage and ApiAdminister endpoints");
        await AssertEachAsync(await app.ApiClientAsync(Roles.Clerk), routes.Where(r => r.Allows(Roles.Clerk) && r.Method == "GET"),
            (_, refusal) => refusal is null, "a clerk's key let in on ApiRecord reads");
    }

    [Fact]
    public async Task The_users_pages_are_for_administrators_only()
    {
        var pages = (await RoutesAsync()).Where(r => r.Path.StartsWith("/Admin/Users", StringComparison.Ordinal)).ToList();
        Assert.Contains(pages, p => p.Path == "/Admin/Users" && p.Method == "GET");
        Assert.Contains(pages, p => p.Pattern == "Admin/Users/Edit/{id:long}");
        Assert.All(pages, p => Assert.True(p.Allows(Roles.Admin) && !p.Allows(Roles.Manager) && !p.Allows(Roles.Clerk), $"{p} is not Admin-only"));

        foreach (var role in new[] { Roles.Clerk, Roles.Manager })
            await AssertEachAsync(await app.SignedInClientAsync(role), pages, (_, refusal) => refusal == "access-denied", $"a {role} sent to access denied");
        await AssertEachAsync(await app.SignedInClientAsync(Roles.Admin), pages.Where(p => p.Method == "GET"), (_, refusal) => refusal is null,
            "an administrator let in");
    }

    [Fact]
    public async Task An_administrator_opens_every_page()
    {
        var pages = (await RoutesAsync()).Where(r => !r.IsApi && r.Method == "GET" && r.Path != AuthSetup.AccessDeniedPath);

        await AssertEachAsync(await app.SignedInClientAsync(Roles.Admin), pages,
            (_, refusal) => refusal is null, "every page open to an administrator");
    }
}
