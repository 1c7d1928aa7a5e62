using Microsoft.EntityFrameworkCore;

namespace ArLedger.Persistence;

/// <summary>Lets a use case run inside a caller's transaction (an import, an idempotent request) or in its own.</summary>
public static class Transactions
{
    public static async Task<Outcome<T>> InTransactionAsync<T>(this ArLedgerDbContext db, Func<Task<Outcome<T>>> work, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
            return await work();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var outcome = await work();
        if (outcome.Succeeded)
            await tx.CommitAsync(ct);
        return outcome;
    }
}
