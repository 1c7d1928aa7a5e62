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
public sealed class UserStore(ArLedgerDbContext db, TimeProvider clock, IdentityErrorDescriber errors) : IdentityStore<User>(db, errors),
    IUserPasswordStore<User>, IUserSecurityStampStore<User>, IUserRoleStore<User>, IUserLockoutStore<User>,
    IQueryableUserStore<User>
{
    public IQueryable<User> Users => Db.Users;

    public Task<string> GetUserIdAsync(User user, CancellationToken ct) => IdOf(user);

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

    public override Task<IdentityResult> CreateAsync(User user, CancellationToken ct)
    {
        if (user.CreatedAt == default)
            user.CreatedAt = clock.GetUtcNow();
        return base.CreateAsync(user, ct);
    }

    public Task<User?> FindByNameAsync(string normalizedUserName, CancellationToken ct) =>
        Db.Users.SingleOrDefaultAsync(u => u.NormalizedUserName == normalizedUserName, ct);

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
        var role = await Db.Roles.SingleOrDefaultAsync(r => r.NormalizedName == normalizedRoleName, ct)
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
        await Db.Users.Where(u => u.Roles.Any(r => r.Role!.NormalizedName == normalizedRoleName)).ToListAsync(ct);

    async Task LoadRolesAsync(User user, CancellationToken ct)
    {
        if (user.Id == 0)
            return;
        await Db.Entry(user).Collection(u => u.Roles).Query().Include(r => r.Role).LoadAsync(ct);
        foreach (var link in user.Roles.Where(r => r.Role is null))
            link.Role = await Db.Roles.FindAsync([link.RoleId], ct);
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
}
