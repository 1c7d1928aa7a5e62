using System.Net;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.HttpOverrides;

namespace ArLedger.Web.Hosting;

/// <summary>
/// What every response says to the browser about itself: a Content-Security-Policy that runs only the site's own script
/// files and lets no other site frame it, no content sniffing, no referrer sent to other sites, HSTS over HTTPS. Behind
/// a TLS-terminating proxy named in <c>ForwardedHeaders</c>, the proxy's X-Forwarded-Proto makes the request HTTPS to
/// the app, so every cookie it sets is Secure and HSTS is sent.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Scripts only from files of the site (no inline script, no handler attribute, no eval). Inline style attributes
    /// stay allowed: pages and the Hangfire dashboard size progress bars and columns with them, and a style cannot run
    /// code. Images may be data: URIs, which is how Bootstrap draws its icons in CSS.
    /// </summary>
    public const string Policy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "font-src 'self'; connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
        + "frame-ancestors 'none'";

    /// <summary>A PDF is shown inside the app's own pages (the statement page frames it), so only those may frame it.</summary>
    public const string PdfPolicy = "default-src 'self'; object-src 'self'; frame-ancestors 'self'";

    public static WebApplicationBuilder AddSecurityHeaders(this WebApplicationBuilder builder)
    {
        var proxies = builder.Configuration["ForwardedHeaders:KnownProxies"];
        var networks = builder.Configuration["ForwardedHeaders:KnownNetworks"];
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the proxies configured are believed; with none, no forwarded header is read at all.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in Split(proxies))
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in Split(networks))
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        builder.Services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        return builder;
    }

    static string[] Split(string? list) =>
        (list ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>First in the pipeline, so error pages, the 503 of a database not ready, static files and the API all
    /// carry the headers, and the request is already HTTPS when cookies are written.</summary>
    public static void UseSecurityHeaders(this WebApplication app)
    {
        var configuration = app.Configuration;
        if (Split(configuration["ForwardedHeaders:KnownProxies"]).Length + Split(configuration["ForwardedHeaders:KnownNetworks"]).Length > 0)
            app.UseForwardedHeaders();
        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                var pdf = http.Response.ContentType?.StartsWith("application/pdf", StringComparison.OrdinalIgnoreCase) == true;
                headers.ContentSecurityPolicy = pdf ? PdfPolicy : Policy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                if (!pdf)
                    headers.XFrameOptions = "DENY";
                return Task.CompletedTask;
            });
            return next(http);
        });
        // Over HTTPS only; the default list of hosts left out (localhost) keeps a developer's browser free of it.
        app.UseHsts();
        // Every cookie (sign-in, antiforgery, language) is Secure when the request came over HTTPS.
        app.UseCookiePolicy(new CookiePolicyOptions
        {
            Secure = CookieSecurePolicy.SameAsRequest,
            HttpOnly = HttpOnlyPolicy.None,
        });
    }
}
