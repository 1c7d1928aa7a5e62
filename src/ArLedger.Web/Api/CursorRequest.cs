using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;

namespace ArLedger.Web.Api;

/// <summary>What every list query of the API shares: the keyset cursors of the page before or after, and a page size.
/// Properties rather than a positional record: the OpenAPI generator fails on descriptions of constructor parameters
/// bound with [AsParameters] (dotnet/aspnetcore#65348).</summary>
public abstract class CursorRequest
{
    public const int MaxPageSize = 200;

    [FromQuery(Name = "after"), Description("The next cursor of a page: gives the page that follows it.")]
    public string? After { get; init; }

    [FromQuery(Name = "before"), Description("The previous cursor of a page: gives the page before it.")]
    public string? Before { get; init; }

    [FromQuery(Name = "pageSize"), Description("Items per page, 1 to 200; when not given, the list's own default.")]
    public int? PageSize { get; init; }

    /// <summary>True when <paramref name="cursor"/> is one this list gives.</summary>
    protected abstract bool IsCursor(string cursor);

    /// <summary>What is wrong with the query, by parameter; empty when it can be run.</summary>
    public Dictionary<string, string[]> Errors()
    {
        var errors = new Dictionary<string, string[]>();
        if (After is not null && Before is not null)
            errors["after"] = ["Give after or before, not both."];
        if (After is not null && !IsCursor(After))
            errors["after"] = ["Not a cursor of this list: pass the next or previous value of a page as it is."];
        if (Before is not null && !IsCursor(Before))
            errors["before"] = ["Not a cursor of this list: pass the next or previous value of a page as it is."];
        if (PageSize is < 1 or > MaxPageSize)
            errors["pageSize"] = [$"From 1 to {MaxPageSize}."];
        AddErrors(errors);
        return errors;
    }

    /// <summary>The list's own checks of its filters.</summary>
    protected abstract void AddErrors(Dictionary<string, string[]> errors);

    // A number in the query string parses to any value of the enum, named or not.
    protected static string? NotOneOf<T>(T? value) where T : struct, Enum =>
        value is { } v && !Enum.IsDefined(v) ? $"One of {string.Join(", ", Enum.GetNames<T>())}." : null;
}
