using ArLedger.Audit;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Customers;

/// <summary>
/// Collectors' portfolios: the customers whose collector a user is. An administrator hands customers to a collector
/// (or takes them back) many at a time from the customers list; each change is audited on its customer.
/// </summary>
public sealed class Portfolios(ArLedgerDbContext db, TimeProvider clock, Actor actor)
{
    public const string UnknownCollector = "Unknown collector.";
    public const string NoCustomers = "Choose at least one customer.";

    /// <summary>Makes <paramref name="collectorId"/> (none: nobody) the collector of the customers; returns how many changed.</summary>
    public async Task<Outcome<int>> AssignAsync(IReadOnlyCollection<long> customerIds, long? collectorId, CancellationToken ct = default)
    {
        if (customerIds.Count == 0)
            return Problem.Invalid("ids", NoCustomers);
        if (collectorId is { } id && !await db.Users.AnyAsync(u => u.Id == id, ct))
            return Problem.Invalid("collector", UnknownCollector);
        var customers = await db.Customers.Where(c => customerIds.Contains(c.Id) && c.CollectorId != collectorId).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var c in customers)
        {
            AuditTrail.Record(db, actor, now, "customer.collector-assigned", "Customer", c.Id, c.Id,
                new { collectorId = c.CollectorId }, new { collectorId });
            c.CollectorId = collectorId;
        }
        await db.SaveChangesAsync(ct);
        return customers.Count;
    }

    /// <summary>Whether any customer has the user as their collector.</summary>
    public Task<bool> HasPortfolioAsync(long userId, CancellationToken ct = default) => db.Customers.AnyAsync(c => c.CollectorId == userId, ct);
}
