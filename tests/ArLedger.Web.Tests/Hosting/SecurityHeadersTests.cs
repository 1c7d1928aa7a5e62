using System.Net;
using ArLedger.Identity;
using ArLedger.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ArLedger.Web.Tests.Hosting;

/// <summary>
/// Every response, page, API, static file, export and error alike, tells the browser to run only the site's script
/// files, never to be framed by another site, not to sniff types and to keep the referrer home; HSTS comes over HTTPS;
/// exports are not cached; behind a proxy the app is configured to trust, its X-Forwarded-Proto makes cookies Secure.
/// </summary>
public sealed class SecurityHeadersTests(ArLedgerAppFactory app) : IClassFixture<ArLedgerAppFactory>
{
    static void AssertBrowserHeaders(HttpResponseMessage response, string what)
    {
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.True(csp.Contains("frame-ancestors 'none'", StringComparison.Ordinal), $"{what}: {csp}");
        var scripts = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        Assert.Equal("script-src 'self'", scripts);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Theory]
    [InlineData("/Account/SignIn", HttpStatusCode.OK)]
    [InlineData("/Customers", HttpStatusCode.Redirect)]
    [InlineData("/js/site.js", HttpStatusCode.OK)]
    [InlineData("/lib/bootstrap/css/bootstrap.min.css", HttpStatusCode.OK)]
    [InlineData("/health/live", HttpStatusCode.OK)]
    [InlineData("/openapi/v1.json", HttpStatusCode.OK)]
    [InlineData("/api/v1/customers", HttpStatusCode.Unauthorized)]
    public async Task Anonymous_responses_carry_the_policy_and_the_headers(string path, HttpStatusCode status)
    {
        var response = await app.AnonymousClient().GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        AssertBrowserHeaders(response, path);
    }

    [Fact]
    public async Task Signed_in_pages_api_answers_and_api_errors_carry_them_too()
    {
        var clerk = await app.SignedInClientAsync(Roles.Clerk);
        foreach (var path in new[] { "/", "/Customers", "/Worklist", "/Bank", "/Aging", "/Invoices/Create", "/No/Such/Page" })
        {
            var response = await clerk.GetAsync(path);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
            AssertBrowserHeaders(response, path);
        }

        var api = await app.ApiClientAsync(Roles.Clerk);
        AssertBrowserHeaders(await api.GetAsync("/api/v1/customers"), "GET /api/v1/customers");
        var notFound = await api.GetAsync("/api/v1/customers/NO-SUCH-ONE");
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        AssertBrowserHeaders(notFound, "an API 404");
        var refused = await api.PostAsync("/api/v1/customers", new StringContent("{\"accountNumber\": 12", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        AssertBrowserHeaders(refused, "an API 400");
    }

    [Theory]
    [InlineData("/Customers?handler=Csv")]
    [InlineData("/Customers?handler=Xlsx")]
    [InlineData("/Aging?handler=Csv")]
    [InlineData("/Aging?handler=Xlsx")]
    public async Task Exports_are_never_stored_by_a_cache_or_the_browser(string export)
    {
        var manager = await app.SignedInClientAsync(Roles.Manager);

        var response = await manager.GetAsync(export);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"{export}: Cache-Control {response.Headers.CacheControl}");
        AssertBrowserHeaders(response, export);
    }

    [Fact]
    public async Task Hsts_is_sent_over_https_only()
    {
        var https = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://ar.example.test"), AllowAutoRedirect = false });
        var overHttps = await https.GetAsync("/Account/SignIn");
        Assert.Equal(HttpStatusCode.OK, overHttps.StatusCode);
        var hsts = Assert.Single(overHttps.Headers.GetValues("Strict-Transport-Security"));
        Assert.Contains("max-age=31536000", hsts, StringComparison.Ordinal);

        var http = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://ar.example.test"), AllowAutoRedirect = false });
        var overHttp = await http.GetAsync("/Account/SignIn");
        Assert.False(overHttp.Headers.Contains("Strict-Transport-Security"));
    }

    /// <summary>The test server's requests all come from <paramref name="peer"/>, as a TLS proxy's would.</summary>
    WebApplicationFactory<Program> BehindProxy(string peer, string? knownProxies) => app.WithWebHostBuilder(b =>
    {
        if (knownProxies is not null)
            b.UseSetting("ForwardedHeaders:KnownProxies", knownProxies);
        b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new PeerAddress(IPAddress.Parse(peer))));
    });

    sealed class PeerAddress(IPAddress peer) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => builder =>
        {
            builder.Use((http, following) =>
            {
                http.Connection.RemoteIpAddress = peer;
                return following(http);
            });
            next(builder);
        };
    }

    /// <summary>Signs in through the form with X-Forwarded-Proto: https on each request, carrying the cookies by hand
    /// (a cookie jar would keep Secure cookies from a plain-HTTP test server), and returns every Set-Cookie seen.</summary>
    async Task<List<string>> SignInSetCookiesAsync(WebApplicationFactory<Program> factory)
    {
        var userName = (await app.CreateUserAsync("proxied-" + Guid.NewGuid().ToString("N")[..10], ArLedgerAppFactory.Password, Roles.Clerk)).UserName!;
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var form = await client.GetAsync(AuthSetup.SignInPath);
        var setCookies = form.Headers.GetValues("Set-Cookie").ToList();
        var page = await form.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        Assert.True(token.Success, "No antiforgery token on the sign-in page.");
        using var post = new HttpRequestMessage(HttpMethod.Post, AuthSetup.SignInPath)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["UserName"] = userName,
                ["Password"] = ArLedgerAppFactory.Password,
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            }),
        };
        post.Headers.Add("Cookie", string.Join("; ", setCookies.Select(c => c.Split(';')[0])));
        var signedIn = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        setCookies.AddRange(signedIn.Headers.GetValues("Set-Cookie"));
        return setCookies;
    }

    [Fact]
    public async Task Behind_a_configured_tls_proxy_every_cookie_is_secure()
    {
        await using var factory = BehindProxy("127.0.0.1", knownProxies: "127.0.0.1");

        var cookies = await SignInSetCookiesAsync(factory);

        Assert.Contains(cookies, c => c.StartsWith("ArLedger.SignIn=", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_forwarded_proto_from_an_address_not_configured_as_a_proxy_is_not_believed()
    {
        // 192.0.2.0/24 is the documentation range: an address that is not the configured proxy.
        await using var untrusted = BehindProxy("192.0.2.10", knownProxies: "127.0.0.1");
        await using var unconfigured = BehindProxy("127.0.0.1", knownProxies: null);
        foreach (var factory in new[] { untrusted, unconfigured })
        {
            var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
            client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
            var form = await client.GetAsync(AuthSetup.SignInPath);
            var cookies = form.Headers.GetValues("Set-Cookie").ToList();
            Assert.NotEmpty(cookies);
            Assert.All(cookies, c => Assert.DoesNotContain("; secure", c, StringComparison.OrdinalIgnoreCase));
            Assert.False(form.Headers.Contains("Strict-Transport-Security"));
        }
    }
}
