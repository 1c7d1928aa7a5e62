using ArLedger.Customers;
using ArLedger.Ledger;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Web.Api;

/// <summary>/api/v1/customers: open accounts, find them, read their ledger and open items.</summary>
static class CustomersApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/customers", async (CreateCustomer body, CreateCustomerHandler handler, CancellationToken ct) =>
            ApiResults.Created(await handler.HandleAsync(body, ct), CustomerResponse.From, c => $"/api/v1/customers/{c.AccountNumber}"))
            .Produces<CustomerResponse>(StatusCodes.Status201Created).Produces<CustomerResponse>();

        api.MapGet("/customers", async ([AsParameters] CustomerListRequest query, CustomerList list, HttpRequest request, CancellationToken ct) =>
        {
            if (query.Errors() is { Count: > 0 } errors)
                return Results.ValidationProblem(errors, title: "The request has invalid fields.");
            var page = await list.PageAsync(query.Filter(), query.Sort ?? CustomerSort.Name, query.Descending ?? false,
                ListCursor.Parse(query.After), ListCursor.Parse(query.Before), query.PageSize ?? CustomerList.DefaultPageSize, ct);
            return Results.Ok(CustomerListResponse.From(page, (direction, cursor) => query.Link(request, direction, cursor)));
        })
            .WithSummary("Customers matching a search and filters, a page at a time, with what each owes today.")
            .WithDescription("The customer list page's search and keyset paging: follow nextLink (or pass next as after) until it is null.")
            .Produces<CustomerListResponse>()
            .ProducesValidationProblem();

        // The customer page's header reads the same kept figures (CustomerHeader), so the two always agree.
        api.MapGet("/customers/{accountNumber}", async (string accountNumber, ArLedgerDbContext db, BusinessCalendar calendar, CancellationToken ct) =>
        {
            var c = await db.Customers.AsNoTracking().Include(x => x.PaymentTerms).SingleOrDefaultAsync(x => x.AccountNumber == accountNumber, ct);
            if (c is null)
                return ApiResults.NotFound($"No customer with account number {accountNumber}.");
            var today = calendar.Today;
            return Results.Ok(new CustomerDetailResponse(CustomerResponse.From(c), await CustomerBalances.FiguresAsync(db, c.Id, c.CreditLimit, today, ct)));
        })
            .WithSummary("A customer and what they owe today.")
            .Produces<CustomerDetailResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/customers/{accountNumber}/ledger", async (string accountNumber, DateOnly? from, DateOnly? to,
            ArLedgerDbContext db, CustomerLedger ledger, CancellationToken ct) =>
        {
            var id = await CustomerIdAsync(db, accountNumber, ct);
            return id is null ? ApiResults.NotFound($"No customer with account number {accountNumber}.")
                : Results.Ok(await ledger.ReadAsync(id.Value, from, to, ct));
        })
            .Produces<LedgerView>();

        api.MapGet("/customers/{accountNumber}/open-items", async (string accountNumber, DateOnly? asOf,
            ArLedgerDbContext db, OpenItems openItems, BusinessCalendar calendar, CancellationToken ct) =>
        {
            var id = await CustomerIdAsync(db, accountNumber, ct);
            return id is null ? ApiResults.NotFound($"No customer with account number {accountNumber}.")
                : Results.Ok(await openItems.AsOfAsync(id.Value, asOf ?? calendar.Today, ct));
        })
            .Produces<IReadOnlyList<OpenItem>>();
    }

    static Task<long?> CustomerIdAsync(ArLedgerDbContext db, string accountNumber, CancellationToken ct) =>
        db.Customers.Where(c => c.AccountNumber == accountNumber).Select(c => (long?)c.Id).SingleOrDefaultAsync(ct);
}
