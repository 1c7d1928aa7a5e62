namespace ArLedger.Web.Api;

/// <summary>The JSON API under /api/v1 and its OpenAPI document.</summary>
public static class ApiSetup
{
    public static WebApplicationBuilder AddArLedgerApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi("v1");
        return builder;
    }

    public static void MapArLedgerApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
    }
}
