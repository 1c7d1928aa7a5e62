using System.ComponentModel;
using System.Globalization;
using ArLedger.Customers;
using Microsoft.AspNetCore.Mvc;

namespace ArLedger.Web.Api;

/// <summary>
/// The query of GET /api/v1/customers: the customer list page's search, filters, sort and keyset cursors.
/// Properties rather than a positional record: the OpenAPI generator fails on descriptions of constructor parameters
/// bound with [AsParameters] (dotnet/aspnetcore#65348).
/// </summary>
public sealed class CustomerListRequest
{
    [FromQuery(Name = "search"), Description("Part of a name, account number, SIREN or email, in any case.")]
    public string? Search { get; init; }

    [FromQuery(Name = "overdue"), Description("Only customers with an overdue amount today.")]
    public bool? Overdue { get; init; }

    [FromQuery(Name = "onHold"), Description("Only customers on hold.")]
    public bool? OnHold { get; init; }

    [FromQuery(Name = "overCreditLimit"), Description("Only customers who owe more than their credit limit.")]
    public bool? OverCreditLimit { get; init; }

    [FromQuery(Name = "inDispute"), Description("Only customers with an open dispute.")]
    public bool? InDispute { get; init; }

    [FromQuery(Name = "sort"), Description("The order of the list; Name when not given.")]
    public CustomerSort? Sort { get; init; }

    [FromQuery(Name = "descending"), Description("Largest amounts, or the end of the alphabet, first.")]
    public bool? Descending { get; init; }

    [FromQuery(Name = "after"), Description("The next cursor of a page: gives the page that follows it.")]
    public string? After { get; init; }

    [FromQuery(Name = "before"), Description("The previous cursor of a page: gives the page before it.")]
    public string? Before { get; init; }

    [FromQuery(Name = "pageSize"), Description("Customers per page, 1 to 200; 25 when not given.")]
    public int? PageSize { get; init; }

    public CustomerFilter Filter() => new(Search, null, Overdue ?? false, OnHold ?? false, OverCreditLimit ?? false, InDispute ?? false);

    /// <summary>What is wrong with the query, by parameter; empty when it can be run.</summary>
    public Dictionary<string, string[]> Errors()
    {
        var errors = new Dictionary<string, string[]>();
        if (After is not null && Before is not null)
            errors["after"] = ["Give after or before, not both."];
        if (After is not null && ListCursor.Parse(After) is null)
            errors["after"] = ["Not a cursor of this list: pass the next or previous value of a page as it is."];
        if (Before is not null && ListCursor.Parse(Before) is null)
            errors["before"] = ["Not a cursor of this list: pass the next or previous value of a page as it is."];
        // A number in the query string parses to any value of the enum, named or not.
        if (Sort is { } sort && !Enum.IsDefined(sort))
            errors["sort"] = [$"One of {string.Join(", ", Enum.GetNames<CustomerSort>())}."];
        if (PageSize is < 1 or > CustomerList.MaxPageSize)
            errors["pageSize"] = [$"From 1 to {CustomerList.MaxPageSize}."];
        return errors;
    }

    /// <summary>This query's address with <paramref name="cursor"/> as its <paramref name="direction"/> ("after" or
    /// "before") cursor.</summary>
    public string Link(HttpRequest request, string direction, ListCursor cursor)
    {
        KeyValuePair<string, string?>[] values =
        [
            new("search", string.IsNullOrWhiteSpace(Search) ? null : Search),
            new("overdue", Flag(Overdue)),
            new("onHold", Flag(OnHold)),
            new("overCreditLimit", Flag(OverCreditLimit)),
            new("inDispute", Flag(InDispute)),
            new("sort", Sort?.ToString()),
            new("descending", Flag(Descending)),
            new("pageSize", PageSize?.ToString(CultureInfo.InvariantCulture)),
            new(direction, cursor.ToString()),
        ];
        return $"{request.PathBase}{request.Path}{QueryString.Create(values.Where(v => v.Value is not null))}";
    }

    static string? Flag(bool? value) => value is true ? "true" : null;
}
