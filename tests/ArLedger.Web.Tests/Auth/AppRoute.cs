using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace ArLedger.Web.Tests.Auth;

/// <summary>One endpoint of the running app, with a path to call it by and the policy the authorization
/// middleware will apply to it (read from its metadata, the fallback policy when it declares none).</summary>
public sealed record AppRoute(string Method, string Path, string Pattern, bool IsPage, bool IsAnonymous, AuthorizationPolicy Policy)
{
    public bool IsApi => Path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) || Path == "/api";

    /// <summary>False when some role requirement of the policy leaves the role out.</summary>
    public bool Allows(string role) =>
        Policy.Requirements.OfType<RolesAuthorizationRequirement>().All(r => r.AllowedRoles.Contains(role));

    /// <summary>The schemes the policy authenticates with: the cookie for pages, the API key for /api.</summary>
    public IReadOnlyList<string> Schemes => Policy.AuthenticationSchemes;

    public override string ToString() => $"{Method} {Path}";

    /// <summary>Every route endpoint the app maps: pages and minimal API endpoints alike.</summary>
    public static async Task<List<AppRoute>> AllAsync(IServiceProvider services)
    {
        var policies = services.GetRequiredService<IAuthorizationPolicyProvider>();
        var fallback = await policies.GetFallbackPolicyAsync();
        var routes = new List<AppRoute>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var metadata = endpoint.Metadata;
            var policy = await AuthorizationPolicy.CombineAsync(policies, metadata.GetOrderedMetadata<IAuthorizeData>(),
                metadata.GetOrderedMetadata<AuthorizationPolicy>()) ?? fallback!;
            var methods = metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get];
            foreach (var method in methods)
            {
                routes.Add(new AppRoute(method, SamplePath(endpoint.RoutePattern), endpoint.RoutePattern.RawText ?? "",
                    IsPage: metadata.GetMetadata<PageActionDescriptor>() is not null,
                    IsAnonymous: metadata.GetMetadata<IAllowAnonymous>() is not null,
                    policy));
            }
        }
        return routes;
    }

    /// <summary>The route with a dummy value in each parameter: 1 for ids, a GUID, a date, else "X".</summary>
    static string SamplePath(RoutePattern pattern)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => Sample(parameter),
            _ => "",
        })));
        return "/" + string.Join("/", segments.Where(s => s.Length > 0));
    }

    static string Sample(RoutePatternParameterPart parameter)
    {
        var constraints = parameter.ParameterPolicies.Select(p => p.Content ?? "").ToList();
        if (constraints.Any(c => c.StartsWith("guid", StringComparison.OrdinalIgnoreCase)))
            return Guid.Empty.ToString();
        if (constraints.Any(c => c.StartsWith("datetime", StringComparison.OrdinalIgnoreCase)))
            return "2026-01-31";
        if (constraints.Any(c => c.StartsWith("alpha", StringComparison.OrdinalIgnoreCase)))
            return "X";
        if (constraints.Any(c => c.StartsWith("int", StringComparison.OrdinalIgnoreCase) || c.StartsWith("long", StringComparison.OrdinalIgnoreCase)
                || c.StartsWith("min", StringComparison.OrdinalIgnoreCase) || c.StartsWith("range", StringComparison.OrdinalIgnoreCase)))
            return "1";
        return parameter.Name.Contains("id", StringComparison.OrdinalIgnoreCase) ? "1" : "X";
    }
}
