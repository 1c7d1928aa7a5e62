using System.Globalization;
using ArLedger.Identity;
using ArLedger.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Web.Auth;

/// <summary>
/// ASP.NET Core Identity's view of our users table, written against our DbContext because the Identity EF
/// package cannot be restored here. Only the parts SignInManager uses are implemented: password, security
/// stamp, roles and lockout (no e-mail confirmation, two-factor or external logins yet).
/// </summary>
public sealed class UserStore(ArLedgerDbContext db, TimeProvider clock, IdentityErrorDescriber errors) :
    IUserPasswordStore<User>, IUserSecurityStampStore<User>, IUserRoleStore<User>, IUserLockoutStore<User>,
    IQueryableUserStore<User>
{
    public IQueryable<User> Users => db.Users;

    public Task<string> GetUserIdAsync(User user, CancellationToken ct) =>
        Task.FromResult(user.Id.ToString(CultureInfo.InvariantCulture));

    public Task<string?> GetUserNameAsync(User user, CancellationToken ct) => Task.FromResult<string?>(user.UserName);

    public Task SetUserNameAsync(User user, string? userName, CancellationToken ct)
    {
        user.UserName = userName ?? throw new ArgumentNullException(nameof(userName));
        return Task.CompletedTask;
    }

    public Task<string?> GetNormalizedUserNameAsync(User user, CancellationToken ct) =>
        Task.FromResult<string?>(user.NormalizedUserName);

    public Task SetNormalizedUserNameAsync(User user, string? normalizedName, CancellationToken ct)
    {
        user.NormalizedUserName = normalizedName ?? throw new ArgumentNullException(nameof(normalizedName));
        return Task.CompletedTask;
    }

    public async Task<IdentityResult> CreateAsync(User user, CancellationToken ct)
    {
        if (user.CreatedAt == default)
            user.CreatedAt = clock.GetUtcNow();
        db.Users.Add(user);
        return await SaveAsync(ct);
    }

    public async Task<IdentityResult> UpdateAsync(User user, CancellationToken ct)
    {
        // The stamp read with the user is the concurrency token; a new one marks this write.
        user.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        return await SaveAsync(ct);
    }

    public async Task<IdentityResult> DeleteAsync(User user, CancellationToken ct)
    {
        db.Users.Remove(user);
        return await SaveAsync(ct);
    }

    public async Task<User?> FindByIdAsync(string userId, CancellationToken ct) =>
        long.TryParse(userId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct)
            : null;

    public Task<User?> FindByNameAsync(string normalizedUserName, CancellationToken ct) =>
        db.Users.SingleOrDefaultAsync(u => u.NormalizedUserName == normalizedUserName, ct);

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

    // Password

    public Task SetPasswordHashAsync(User user, string? passwordHash, CancellationToken ct)
    {
        user.PasswordHash = passwordHash;
        return Task.CompletedTask;
    }

    public Task<string?> GetPasswordHashAsync(User user, CancellationToken ct) => Task.FromResult(user.PasswordHash);

    public Task<bool> HasPasswordAsync(User user, CancellationToken ct) => Task.FromResult(user.PasswordHash is not null);

    // Security stamp: changing it signs the user out everywhere at the next cookie validation.

    public Task SetSecurityStampAsync(User user, string stamp, CancellationToken ct)
    {
        user.SecurityStamp = stamp;
        return Task.CompletedTask;
    }

    public Task<string?> GetSecurityStampAsync(User user, CancellationToken ct) => Task.FromResult<string?>(user.SecurityStamp);

    // Roles

    public async Task AddToRoleAsync(User user, string normalizedRoleName, CancellationToken ct)
    {
        var role = await db.Roles.SingleOrDefaultAsync(r => r.NormalizedName == normalizedRoleName, ct)
            ?? throw new InvalidOperationException($"No role '{normalizedRoleName}'.");
        if (!user.Roles.Any(r => r.RoleId == role.Id))
            user.Roles.Add(new UserRole { UserId = user.Id, RoleId = role.Id });
    }

    public async Task RemoveFromRoleAsync(User user, string normalizedRoleName, CancellationToken ct)
    {
        await LoadRolesAsync(user, ct);
        user.Roles.RemoveAll(r => r.Role!.NormalizedName == normalizedRoleName);
    }

    public async Task<IList<string>> GetRolesAsync(User user, CancellationToken ct)
    {
        await LoadRolesAsync(user, ct);
        return user.Roles.Select(r => r.Role!.Name).ToList();
    }

    public async Task<bool> IsInRoleAsync(User user, string normalizedRoleName, CancellationToken ct)
    {
        await LoadRolesAsync(user, ct);
        return user.Roles.Any(r => r.Role!.NormalizedName == normalizedRoleName);
    }

    public async Task<IList<User>> GetUsersInRoleAsync(string normalizedRoleName, CancellationToken ct) =>
        await db.Users.Where(u => u.Roles.Any(r => r.Role!.NormalizedName == normalizedRoleName)).ToListAsync(ct);

    async Task LoadRolesAsync(User user, CancellationToken ct)
    {
        if (user.Id == 0)
            return;
        await db.Entry(user).Collection(u => u.Roles).Query().Include(r => r.Role).LoadAsync(ct);
        foreach (var link in user.Roles.Where(r => r.Role is null))
            link.Role = await db.Roles.FindAsync([link.RoleId], ct);
    }

    // Lockout

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(User user, CancellationToken ct) => Task.FromResult(user.LockoutEnd);

    public Task SetLockoutEndDateAsync(User user, DateTimeOffset? lockoutEnd, CancellationToken ct)
    {
        user.LockoutEnd = lockoutEnd;
        return Task.CompletedTask;
    }

    public Task<int> IncrementAccessFailedCountAsync(User user, CancellationToken ct) => Task.FromResult(++user.AccessFailedCount);

    public Task ResetAccessFailedCountAsync(User user, CancellationToken ct)
    {
        user.AccessFailedCount = 0;
        return Task.CompletedTask;
    }

    public Task<int> GetAccessFailedCountAsync(User user, CancellationToken ct) => Task.FromResult(user.AccessFailedCount);

    public Task<bool> GetLockoutEnabledAsync(User user, CancellationToken ct) => Task.FromResult(user.LockoutEnabled);

    public Task SetLockoutEnabledAsync(User user, bool enabled, CancellationToken ct)
    {
        user.LockoutEnabled = enabled;
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        // The DbContext belongs to the request scope.
    }
}
