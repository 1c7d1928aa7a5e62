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
            ApiResults.Created(await handler.HandleAsync(body, ct), CustomerResponse.From, c => $"/api/v1/customers/{c.AccountNumber}"));

        api.MapGet("/customers", async (string? search, int? page, int? pageSize, CustomerSearch customers, CancellationToken ct) =>
            Results.Ok(await customers.SearchAsync(search, page ?? 1, pageSize ?? CustomerSearch.DefaultPageSize, ct)));

        api.MapGet("/customers/{accountNumber}", async (string accountNumber, ArLedgerDbContext db, CustomerFiguresQuery figures, CancellationToken ct) =>
        {
            var c = await db.Customers.AsNoTracking().Include(x => x.PaymentTerms).SingleOrDefaultAsync(x => x.AccountNumber == accountNumber, ct);
            return c is null
                ? ApiResults.NotFound($"No customer with account number {accountNumber}.")
                : Results.Ok(new CustomerDetailResponse(CustomerResponse.From(c), await figures.ReadAsync(c.Id, ct)));
        });

        api.MapGet("/customers/{accountNumber}/ledger", async (string accountNumber, DateOnly? from, DateOnly? to,
            ArLedgerDbContext db, CustomerLedger ledger, CancellationToken ct) =>
        {
            var id = await CustomerIdAsync(db, accountNumber, ct);
            return id is null ? ApiResults.NotFound($"No customer with account number {accountNumber}.")
                : Results.Ok(await ledger.ReadAsync(id.Value, from, to, ct));
        });

        api.MapGet("/customers/{accountNumber}/open-items", async (string accountNumber, DateOnly? asOf,
            ArLedgerDbContext db, OpenItems openItems, TimeProvider clock, CancellationToken ct) =>
        {
            var id = await CustomerIdAsync(db, accountNumber, ct);
            return id is null ? ApiResults.NotFound($"No customer with account number {accountNumber}.")
                : Results.Ok(await openItems.AsOfAsync(id.Value, asOf ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct));
        });
    }

    static Task<long?> CustomerIdAsync(ArLedgerDbContext db, string accountNumber, CancellationToken ct) =>
        db.Customers.Where(c => c.AccountNumber == accountNumber).Select(c => (long?)c.Id).SingleOrDefaultAsync(ct);
}
