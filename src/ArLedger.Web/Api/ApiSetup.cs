using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using ArLedger.Web.Auth;
using Microsoft.AspNetCore.Http.Json;

namespace ArLedger.Web.Api;

/// <summary>The JSON API under /api/v1 and its OpenAPI document at /openapi/v1.json.</summary>
public static class ApiSetup
{
    public static WebApplicationBuilder AddArLedgerApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi("v1");
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        // A body that does not parse must become a ProblemDetails 400 naming the field, in every environment.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequestHandler>();
        return builder;
    }

    public static void MapArLedgerApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        var api = app.MapGroup("/api/v1").RequireApiKey(Policies.ApiRecord).WithTags("v1");
        CustomersApi.Map(api);
        DocumentsApi.Map(api);
        AllocationsApi.Map(api);
        DisputesApi.Map(api);
        BankApi.Map(api);
    }

    /// <summary>Maps a body that could not be read (bad JSON, wrong type) to a 400 that names the field.</summary>
    sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
        {
            if (exception is not BadHttpRequestException bad)
                return false;
            var field = (bad.InnerException as JsonException)?.Path?.TrimStart('$', '.') is { Length: > 0 } path ? path : "body";
            var message = bad.InnerException is JsonException j ? $"The value at '{field}' cannot be read: {j.Message.Split(". Path:")[0]}." : bad.Message;
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new Microsoft.AspNetCore.Http.HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "The request has invalid fields.",
                    Detail = message,
                },
                Exception = exception,
            });
        }
    }
}
