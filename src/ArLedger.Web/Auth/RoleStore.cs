using ArLedger.Identity;
using ArLedger.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Web.Auth;

/// <summary>Identity's view of the roles table. The three roles are seeded by the migration; this store mostly reads.</summary>
public sealed class RoleStore(ArLedgerDbContext db, IdentityErrorDescriber errors) : IdentityStore<Role>(db, errors), IRoleStore<Role>
{
    public Task<string> GetRoleIdAsync(Role role, CancellationToken ct) => IdOf(role);

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

    public Task<Role?> FindByNameAsync(string normalizedRoleName, CancellationToken ct) =>
        Db.Roles.SingleOrDefaultAsync(r => r.NormalizedName == normalizedRoleName, ct);
}
