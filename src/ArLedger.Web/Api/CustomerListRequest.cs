using System.ComponentModel;
using System.Globalization;
using ArLedger.Customers;
using Microsoft.AspNetCore.Mvc;

namespace ArLedger.Web.Api;

/// <summary>The query of GET /api/v1/customers: the customer list page's search, filters, sort and keyset cursors.</summary>
public sealed class CustomerListRequest : CursorRequest
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

    public CustomerFilter Filter() => new(Search, null, Overdue ?? false, OnHold ?? false, OverCreditLimit ?? false, InDispute ?? false);

    protected override bool IsCursor(string cursor) => ListCursor.Parse(cursor) is not null;

    protected override void AddErrors(Dictionary<string, string[]> errors)
    {
        if (NotOneOf(Sort) is { } sort)
            errors["sort"] = [sort];
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
