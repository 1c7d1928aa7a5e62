using System.Globalization;
using ArLedger.Identity;
using ArLedger.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Web.Auth;

/// <summary>
/// What the user and role stores share: Identity's writes through our DbContext, guarded by the row's concurrency
/// stamp, and the id Identity passes around as text.
/// </summary>
public abstract class IdentityStore<TRow>(ArLedgerDbContext db, IdentityErrorDescriber errors) : IDisposable
    where TRow : class, IIdentityRow
{
    protected ArLedgerDbContext Db => db;

    public virtual async Task<IdentityResult> CreateAsync(TRow row, CancellationToken ct)
    {
        db.Add(row);
        return await SaveAsync(ct);
    }

    public async Task<IdentityResult> UpdateAsync(TRow row, CancellationToken ct)
    {
        // The stamp read with the row is the concurrency token; a new one marks this write.
        row.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        return await SaveAsync(ct);
    }

    public async Task<IdentityResult> DeleteAsync(TRow row, CancellationToken ct)
    {
        db.Remove(row);
        return await SaveAsync(ct);
    }

    public async Task<TRow?> FindByIdAsync(string id, CancellationToken ct) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var key)
            ? await db.Set<TRow>().SingleOrDefaultAsync(r => r.Id == key, ct)
            : null;

    protected static Task<string> IdOf(TRow row) => Task.FromResult(row.Id.ToString(CultureInfo.InvariantCulture));

    async Task<IdentityResult> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return IdentityResult.Success;
        }
        catch (DbUpdateConcurrencyException)
        {
            return IdentityResult.Failed(errors.ConcurrencyFailure());
        }
    }

    /// <summary>Nothing of its own to release: the DbContext belongs to the request scope.</summary>
    public void Dispose() => GC.SuppressFinalize(this);
}
