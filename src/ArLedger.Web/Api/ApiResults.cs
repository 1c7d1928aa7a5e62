using System.Text.Json;

namespace ArLedger.Web.Api;

/// <summary>Turns a use case's outcome into the HTTP answer every endpoint gives the same way.</summary>
static class ApiResults
{
    /// <summary>
    /// 201 for a new resource, 200 for a replayed request, 400 naming each bad field, 409 for an external id
    /// reused with another body, 422 for a business refusal or a document the body names that does not exist.
    /// </summary>
    public static IResult Created<T, TResponse>(Outcome<T> outcome, Func<T, TResponse> map, Func<T, string> location) =>
        outcome.Problem is { } p ? Problem(p, notFoundStatus: StatusCodes.Status422UnprocessableEntity)
        : outcome.Replayed ? Results.Ok(map(outcome.Value!))
        : Results.Created(location(outcome.Value!), map(outcome.Value!));

    /// <summary><see cref="Created{T, TResponse}"/> with a response that is read back (allocations, account number).</summary>
    public static async Task<IResult> CreatedAsync<T, TResponse>(Outcome<T> outcome, Func<T, Task<TResponse>> map, Func<T, string> location) =>
        outcome.Problem is { } p ? Problem(p, notFoundStatus: StatusCodes.Status422UnprocessableEntity)
        : outcome.Replayed ? Results.Ok(await map(outcome.Value!))
        : Results.Created(location(outcome.Value!), await map(outcome.Value!));

    /// <summary>200 for an action on an existing resource (reverse, resolve); 404 when the resource in the URL does not exist.</summary>
    public static IResult Done<T, TResponse>(Outcome<T> outcome, Func<T, TResponse> map) =>
        outcome.Problem is { } p ? Problem(p, notFoundStatus: StatusCodes.Status404NotFound) : Results.Ok(map(outcome.Value!));

    public static IResult Problem(ArLedger.Problem p, int notFoundStatus) => p.Kind switch
    {
        ProblemKind.Invalid => Results.ValidationProblem(CamelCase(p.Errors), detail: p.Message, title: "The request has invalid fields."),
        ProblemKind.NotFound => p.Errors is null
            ? Results.Problem(p.Message, statusCode: notFoundStatus, title: "Not found.")
            : Results.ValidationProblem(CamelCase(p.Errors), detail: p.Message, statusCode: notFoundStatus, title: "Not found."),
        ProblemKind.Conflict => Results.Problem(p.Message, statusCode: StatusCodes.Status409Conflict, title: "External id already used."),
        ProblemKind.Refused => p.Errors is null
            ? Results.Problem(p.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Refused.")
            : Results.ValidationProblem(CamelCase(p.Errors), detail: p.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Refused."),
    };

    public static IResult NotFound(string message) => Results.Problem(message, statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    /// <summary>Field names as the JSON body spells them: "Lines[0].UnitPrice" becomes "lines[0].unitPrice".</summary>
    static Dictionary<string, string[]> CamelCase(IReadOnlyDictionary<string, string[]>? errors) =>
        (errors ?? new Dictionary<string, string[]>()).ToDictionary(
            e => string.Join('.', e.Key.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName)),
            e => e.Value);
}
