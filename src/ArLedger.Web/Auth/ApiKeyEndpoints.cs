namespace ArLedger.Web.Auth;

/// <summary>How API endpoints declare that they take an API key and which role it needs.</summary>
public static class ApiKeyEndpoints
{
    /// <summary>
    /// Protects an endpoint or a group with one of the API policies (<see cref="Policies.ApiRecord"/>,
    /// <see cref="Policies.ApiManage"/>, <see cref="Policies.ApiAdminister"/>): the X-Api-Key header is the
    /// only credential looked at, so a browser's sign-in cookie gets 401 here. Policies add up: a group on
    /// ApiRecord with one endpoint on ApiManage lets only Manager and Admin keys call that endpoint.
    /// </summary>
    public static TBuilder RequireApiKey<TBuilder>(this TBuilder builder, string policy = Policies.ApiRecord)
        where TBuilder : IEndpointConventionBuilder
    {
        if (!Policies.ForApi.Contains(policy))
            throw new ArgumentException($"'{policy}' is not an API policy; use one of {string.Join(", ", Policies.ForApi)}.", nameof(policy));
        return builder.RequireAuthorization(policy);
    }
}
