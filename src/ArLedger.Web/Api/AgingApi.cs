using System.ComponentModel;
using ArLedger.Aging;
using ArLedger.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Web.Api;

/// <summary>/api/v1/aging: the aging report of the Aging page (the same <see cref="AgingReport"/>, buckets and filter),
/// recomputed as of any day, and the snapshots stored by the daily job.</summary>
static class AgingApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/aging", async ([AsParameters] AgingRequest query, AgingReport report, [FromServices] AgingBuckets configured, ArLedgerDbContext db,
            BusinessCalendar calendar, CancellationToken ct) =>
        {
            if (query.Errors() is { Count: > 0 } errors)
                return Results.ValidationProblem(errors, title: "The request has invalid fields.");
            long? customerId = null;
            if (!string.IsNullOrWhiteSpace(query.Customer))
            {
                customerId = await db.Customers.Where(c => c.AccountNumber == query.Customer).Select(c => (long?)c.Id).SingleOrDefaultAsync(ct);
                if (customerId is null)
                    return ApiResults.NotFound($"No customer with account number {query.Customer}.");
            }
            var aging = await report.ReadAsync(query.Query(calendar.Today, configured), customerId, ct);
            return Results.Ok(AgingResponse.From(new AgingFilter(null, query.Collector).Apply(aging)));
        })
            .WithDescription("Per customer (by account number) and per currency: open debits in each bucket, unapplied credits, the balance.")
            .Produces<AgingResponse>();

        api.MapGet("/aging/snapshots", async (AgingSnapshots snapshots, CancellationToken ct) =>
            (await snapshots.ListAsync(MaxSnapshots, ct)).Select(AgingSnapshotResponse.From).ToList())
            .WithDescription($"Newest first, the last {MaxSnapshots}.");

        api.MapGet("/aging/snapshots/{date}", async (DateOnly date, AgingSnapshots snapshots, CancellationToken ct) =>
            await snapshots.ReadAsync(date, ct) is { } stored ? Results.Ok(AgingResponse.From(stored)) : ApiResults.NotFound($"No aging snapshot on {date:yyyy-MM-dd}."))
            .WithDescription("The report exactly as it was stored that day (due-date basis).")
            .Produces<AgingResponse>();
    }

    const int MaxSnapshots = 400;
}

/// <summary>The query of GET /api/v1/aging (properties, for the reason <see cref="CursorRequest"/> gives).</summary>
public sealed class AgingRequest
{
    [FromQuery(Name = "asOf"), Description("The day the report is as of; today when not given.")]
    public DateOnly? AsOf { get; init; }

    [FromQuery(Name = "basis"), Description("due (days past the due date, the default) or invoice (days since the invoice date).")]
    public string? Basis { get; init; }

    [FromQuery(Name = "buckets"), Description("The buckets' upper bounds in days, ascending, such as 0,30,60,90; the configured ones when not given.")]
    public string? Buckets { get; init; }

    [FromQuery(Name = "customer"), Description("A customer's account number: only that customer.")]
    public string? Customer { get; init; }

    [FromQuery(Name = "collector"), Description("A collector's id: only that collector's customers.")]
    public long? Collector { get; init; }

    AgingBasis? ParsedBasis => Basis?.Trim().ToLowerInvariant() switch
    {
        null or "" or "due" or "duedate" => AgingBasis.DueDate,
        "invoice" or "invoicedate" => AgingBasis.InvoiceDate,
        _ => null,
    };

    public Dictionary<string, string[]> Errors()
    {
        var errors = new Dictionary<string, string[]>();
        if (ParsedBasis is null)
            errors["basis"] = ["due or invoice."];
        if (!string.IsNullOrWhiteSpace(Buckets) && AgingBuckets.Read(Buckets) is null)
            errors["buckets"] = ["Ascending whole numbers of days, 1 to 10 of them, such as 0,30,60,90."];
        return errors;
    }

    public AgingQuery Query(DateOnly today, AgingBuckets configured) =>
        new(AsOf ?? today, ParsedBasis!.Value, string.IsNullOrWhiteSpace(Buckets) ? configured : AgingBuckets.Read(Buckets)!);
}

/// <summary>The aging report: one line per customer with something open, sorted by account number, and the totals per
/// currency. Unapplied credits are a negative amount of their own, not in any bucket; the balance is the sum of all.</summary>
public sealed record AgingResponse(DateOnly AsOf, AgingBasis Basis,
    [property: Description("The buckets' upper bounds in days, as the buckets parameter takes them.")] string Buckets,
    [property: Description("The days each bucket holds, both ends included; no start for the first, no end for the last.")] IReadOnlyList<AgingColumn> Columns,
    IReadOnlyList<AgingLineResponse> Customers, IReadOnlyList<AgingLineResponse> Totals)
{
    public static AgingResponse From(AgingResult aging)
    {
        var buckets = aging.Query.Buckets;
        return new(aging.Query.AsOf, aging.Query.Basis, buckets.ToString(),
            [.. Enumerable.Range(0, buckets.Count).Select(i => buckets.Range(i)).Select(r => new AgingColumn(r.From, r.To))],
            [.. aging.Customers.OrderBy(c => c.AccountNumber, StringComparer.Ordinal).Select(AgingLineResponse.From)],
            [.. aging.Totals.Select(AgingLineResponse.From)]);
    }
}

public sealed record AgingColumn(int? FromDays, int? ToDays);

/// <summary>A customer's line (or, without an account number, the total of a currency).</summary>
public sealed record AgingLineResponse(string? AccountNumber, string? CustomerName, string Currency, IReadOnlyList<decimal> Buckets,
    decimal Unapplied, decimal Balance)
{
    public static AgingLineResponse From(AgingLine l) => new(l.AccountNumber, l.CustomerName, l.Currency, l.Buckets, l.Unapplied, l.Balance);
}

public sealed record AgingSnapshotResponse(DateOnly Date, string Buckets, DateTimeOffset TakenAt, string TakenBy, string Link)
{
    public static AgingSnapshotResponse From(AgingSnapshotTaken s) =>
        new(s.Date, s.Buckets.ToString(), s.TakenAt, s.TakenBy, $"/api/v1/aging/snapshots/{s.Date:yyyy-MM-dd}");
}
