using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using ArLedger.Web.Auth;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Localization;
using ArLedger.Web.Localization;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Api;

/// <summary>The JSON API under /api/v1 and its OpenAPI document at /openapi/v1.json.</summary>
public static class ApiSetup
{
    public static WebApplicationBuilder AddArLedgerApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi("v1", ApiDocument.Configure);
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            // A field a request does not take is refused, not dropped: a "currency" a payment ignored booked USD as EUR.
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });
        // A body that does not parse must become a ProblemDetails 400 naming the field, in every environment.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequestHandler>();
        builder.Services.AddScoped<DocumentViews>();
        return builder;
    }

    public static void MapArLedgerApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        // Every operation can answer these, as ProblemDetails: a body or query that does not validate, no key or a key whose
        // role may not, an id or a document that does not exist, a rule that refuses.
        var api = app.MapGroup("/api/v1").RequireApiKey(Policies.ApiRecord).WithTags("v1")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        CustomersApi.Map(api);
        DocumentsApi.Map(api);
        AllocationsApi.Map(api);
        DisputesApi.Map(api);
        CreditNoteProposalsApi.Map(api);
        BankApi.Map(api);
        AgingApi.Map(api);
        JobsApi.Map(api);
        // Anything else under /api, an id that does not parse included ("/allocations/abc/reverse" matches no route), is
        // a 404 ProblemDetails for a valid key (401 without one), never the sign-in page. A catch-all route ranks
        // below every other, so it only answers what nothing else does; routing leaves a JSON endpoint out for a
        // body of another type, which lands here too and is a 415.
        app.Map("/api/{**path}", (HttpRequest request, IStringLocalizer<Texts> t) =>
                request.ContentLength is > 0 && !request.HasJsonContentType()
                    ? Results.Problem(t["Send the body as application/json."], statusCode: StatusCodes.Status415UnsupportedMediaType, title: t["Unsupported media type."])
                    : ApiResults.NotFound(t["There is no such API resource."]))
            .RequireApiKey(Policies.ApiRecord).ExcludeFromDescription();
    }

    /// <summary>Maps a body that could not be read (bad JSON, wrong type) to a 400 that names the field and what it
    /// takes, in the reader's language, never a .NET type name.</summary>
    sealed class BadRequestHandler(IProblemDetailsService problems, IStringLocalizer<Texts> t) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
        {
            if (exception is not BadHttpRequestException bad)
                return false;
            // The handler runs outside the localization middleware, which set the request's culture on the way in.
            if (http.Features.Get<IRequestCultureFeature>() is { } culture)
            {
                CultureInfo.CurrentCulture = culture.RequestCulture.Culture;
                CultureInfo.CurrentUICulture = culture.RequestCulture.UICulture;
            }
            var json = bad.InnerException as JsonException;
            var query = json is null ? JsonWording.QueryValue(t, bad.Message) : null;
            var field = json is not null ? JsonWording.Field(json) : query?.Field ?? "body";
            string message = json is not null ? JsonWording.Say(t, field, json)
                : query is { } q ? q.Message
                : bad.StatusCode == StatusCodes.Status415UnsupportedMediaType ? t["Send the body as application/json."]
                : t["The request cannot be read."];
            http.Response.StatusCode = bad.StatusCode == StatusCodes.Status415UnsupportedMediaType ? bad.StatusCode : StatusCodes.Status400BadRequest;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new Microsoft.AspNetCore.Http.HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
                {
                    Status = http.Response.StatusCode,
                    Title = t["The request has invalid fields."],
                    Detail = message,
                },
                Exception = exception,
            });
        }
    }
}
