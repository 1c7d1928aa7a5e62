using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Customers;

/// <summary>
/// The people a customer's collector can be: those an administrator gave a collector name (Users page), shown by
/// it. A customer's collector is a user; the signed-in user's "my customers" are those whose collector they are.
/// </summary>
public static class Collectors
{
    /// <summary>Collectors by name; <paramref name="also"/> (a customer's current collector) is listed even without a
    /// collector name, so editing that customer does not silently drop them. With <paramref name="withCustomers"/>:
    /// those who collect some customer, for filters.</summary>
    public static async Task<IReadOnlyList<(long Id, string Name)>> ListAsync(ArLedgerDbContext db, long? also = null,
        bool withCustomers = false, CancellationToken ct = default) =>
        (await db.Users.AsNoTracking()
            .Where(u => withCustomers ? db.Customers.Any(c => c.CollectorId == u.Id) : u.CollectorName != null || u.Id == also)
            .Select(u => new { u.Id, Name = u.CollectorName ?? u.DisplayName ?? u.UserName! })
            .OrderBy(u => u.Name)
            .ToListAsync(ct))
        .Select(u => (u.Id, u.Name)).ToList();

    /// <summary>The name a customer's collector is shown under.</summary>
    public static Task<string?> NameAsync(ArLedgerDbContext db, long userId, CancellationToken ct = default) =>
        db.Users.Where(u => u.Id == userId).Select(u => u.CollectorName ?? u.DisplayName ?? u.UserName).SingleOrDefaultAsync(ct);
}
