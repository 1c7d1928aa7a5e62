using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace ArLedger.Web.Hosting;

/// <summary>
/// The last line behind the validators: an input the database refuses (a NUL character, a number too large for its
/// column, a date out of range, a unique value taken by a concurrent request) is the client's mistake or a race, never
/// a 500. The API answers a ProblemDetails 400 or 409; a page shows the error page with the reason and that status.
/// </summary>
public static class InputFailures
{
    /// <summary>The status and the reader's message for a refusal by the database; null for anything else.</summary>
    public static (int Status, string Message)? Refusal(Exception exception) => Find(exception)?.SqlState switch
    {
        PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter =>
            (StatusCodes.Status400BadRequest, "A text contains a character that cannot be stored (NUL)."),
        PostgresErrorCodes.NumericValueOutOfRange =>
            (StatusCodes.Status400BadRequest, "A number or an amount is too large to be stored."),
        PostgresErrorCodes.DatetimeFieldOverflow =>
            (StatusCodes.Status400BadRequest, "A date is out of range."),
        PostgresErrorCodes.UniqueViolation =>
            (StatusCodes.Status409Conflict, "Another request saved the same value at the same time. Send yours again to see the result."),
        // Nothing was written (the transaction was rolled back); sent again, the request goes through.
        PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure =>
            (StatusCodes.Status409Conflict, "Another request changed the same records at the same time and nothing was saved. Send yours again."),
        _ => null,
    };

    static PostgresException? Find(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is PostgresException p)
                return p;
        return null;
    }

    public static WebApplicationBuilder AddInputFailures(this WebApplicationBuilder builder)
    {
        builder.Services.AddExceptionHandler<ApiRefusalHandler>();
        return builder;
    }

    /// <summary>The error page's status: the refusal's for a refused input, 500 for the unexpected.</summary>
    public static int StatusOf(Exception exception) => Refusal(exception)?.Status ?? StatusCodes.Status500InternalServerError;

    static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    sealed class ApiRefusalHandler(IProblemDetailsService problems, IStringLocalizer<Texts> t) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
        {
            if (!IsApi(http.Request) || Refusal(exception) is not { } refusal)
                return false;
            string message = t[refusal.Message];
            http.Response.StatusCode = refusal.Status;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = refusal.Status == StatusCodes.Status409Conflict
                    ? new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = refusal.Status, Title = t["Conflict."], Detail = message }
                    : new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["body"] = [message] })
                    {
                        Status = refusal.Status,
                        Title = t["The request has invalid fields."],
                        Detail = message,
                    },
                Exception = exception,
            });
        }
    }
}
