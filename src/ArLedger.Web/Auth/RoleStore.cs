using System.Globalization;
using ArLedger.Identity;
using ArLedger.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Web.Auth;

/// <summary>Identity's view of the roles table. The three roles are seeded by the migration; this store mostly reads.</summary>
public sealed class RoleStore(ArLedgerDbContext db, IdentityErrorDescriber errors) : IRoleStore<Role>
{
    public async Task<IdentityResult> CreateAsync(Role role, CancellationToken ct)
    {
        db.Roles.Add(role);
        return await SaveAsync(ct);
    }

    public async Task<IdentityResult> UpdateAsync(Role role, CancellationToken ct)
    {
        role.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        return await SaveAsync(ct);
    }

    public async Task<IdentityResult> DeleteAsync(Role role, CancellationToken ct)
    {
        db.Roles.Remove(role);
        return await SaveAsync(ct);
    }

    public Task<string> GetRoleIdAsync(Role role, CancellationToken ct) =>
        Task.FromResult(role.Id.ToString(CultureInfo.InvariantCulture));

    public Task<string?> GetRoleNameAsync(Role role, CancellationToken ct) => Task.FromResult<string?>(role.Name);

    public Task SetRoleNameAsync(Role role, string? roleName, CancellationToken ct)
    {
        role.Name = roleName ?? throw new ArgumentNullException(nameof(roleName));
        return Task.CompletedTask;
    }

    public Task<string?> GetNormalizedRoleNameAsync(Role role, CancellationToken ct) =>
        Task.FromResult<string?>(role.NormalizedName);

    public Task SetNormalizedRoleNameAsync(Role role, string? normalizedName, CancellationToken ct)
    {
        role.NormalizedName = normalizedName ?? throw new ArgumentNullException(nameof(normalizedName));
        return Task.CompletedTask;
    }

    public async Task<Role?> FindByIdAsync(string roleId, CancellationToken ct) =>
        long.TryParse(roleId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? await db.Roles.SingleOrDefaultAsync(r => r.Id == id, ct)
            : null;

    public Task<Role?> FindByNameAsync(string normalizedRoleName, CancellationToken ct) =>
        db.Roles.SingleOrDefaultAsync(r => r.NormalizedName == normalizedRoleName, ct);

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

    public void Dispose()
    {
        // The DbContext belongs to the request scope.
    }
}
