using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ArLedger.Web.Pages;

/// <summary>The page shown for an unexpected failure, with a reference to find it in the logs.</summary>
[AllowAnonymous]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string? RequestId { get; private set; }

    /// <summary>Why the input was refused, when the database refused it (a NUL character, a number too large).</summary>
    public string? Reason { get; private set; }

    /// <summary>A page address that leads nowhere, re-executed here by the status code pages (the API answers with ProblemDetails instead).</summary>
    public bool IsNotFound { get; private set; }
    public string? OriginalPath { get; private set; }

    public void OnGet()
    {
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is { } reExecuted)
        {
            IsNotFound = HttpContext.Response.StatusCode == StatusCodes.Status404NotFound;
            OriginalPath = reExecuted.OriginalPath;
        }
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error is { } error)
            Reason = Hosting.InputFailures.Refusal(error)?.Message;
    }

    /// <summary>A failed form post is shown the same page.</summary>
    public void OnPost() => OnGet();
}
