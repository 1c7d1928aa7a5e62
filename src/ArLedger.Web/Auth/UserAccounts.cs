using ArLedger.Audit;
using ArLedger.Identity;
using ArLedger.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Web.Auth;

/// <summary>
/// The people who sign in, as an administrator keeps them (Users page, the <c>user create</c> verb, the demo seed):
/// create, roles, collector name, disable and enable, password reset. Everything goes through Identity (password rules,
/// PBKDF2 cost, security stamp), and each change commits together with its audit event or not at all. Changing
/// roles, disabling or resetting a password renews the security stamp, which ends the person's sessions within
/// <see cref="AuthSetup.StampValidationInterval"/>.
/// </summary>
public sealed class UserAccounts(UserManager<User> users, ArLedgerDbContext db, TimeProvider clock, Actor actor)
{
    public const int MaxNameLength = 100;

    /// <summary>A person as the Users page lists them.</summary>
    public sealed record Account(User User, IReadOnlyList<string> Roles);

    public static IdentityError Refusal(string code, string description) => new() { Code = code, Description = description };

    /// <summary>Creates a user in one role; the result carries Identity's messages (name taken, password too short).</summary>
    public Task<IdentityResult> CreateAsync(string userName, string password, string role, string? displayName = null,
        CancellationToken ct = default) => CreateAsync(userName, password, role, displayName, collectorName: null, ct);

    public async Task<IdentityResult> CreateAsync(string userName, string password, string role, string? displayName,
        string? collectorName, CancellationToken ct = default)
    {
        if (!Roles.All.Contains(role))
            return IdentityResult.Failed(Refusal("UnknownRole", $"Unknown role '{role}'."));
        var user = new User
        {
            UserName = userName.Trim(),
            DisplayName = Clean(displayName),
            CollectorName = Clean(collectorName),
            CreatedAt = clock.GetUtcNow(),
        };
        return await InTransactionAsync(async () =>
        {
            var result = await users.CreateAsync(user, password);
            if (result.Succeeded)
                result = await users.AddToRoleAsync(user, role);
            if (result.Succeeded)
                Audit("user.created", user, after: new { user.UserName, user.DisplayName, user.CollectorName, Roles = new[] { role } });
            return result;
        }, ct);
    }

    public async Task<IReadOnlyList<Account>> ListAsync(CancellationToken ct = default)
    {
        var people = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        var roles = (await db.UserRoles.AsNoTracking()
                .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
                .ToListAsync(ct))
            .ToLookup(r => r.UserId, r => r.Name!);
        return people.Select(u => new Account(u, roles[u.Id].Order(StringComparer.Ordinal).ToList())).ToList();
    }

    public async Task<Account?> FindAsync(long id, CancellationToken ct = default)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct);
        return user is null ? null : new Account(user, (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>Sets the roles (at least one). Nobody removes their own Admin role, so the last administrator cannot
    /// lock everyone out of this page by mistake.</summary>
    public Task<IdentityResult> SetRolesAsync(User user, IReadOnlyCollection<string> roles, CancellationToken ct = default) =>
        InTransactionAsync(async () =>
        {
            if (roles.Count == 0 || roles.Any(r => !Roles.All.Contains(r)))
                return IdentityResult.Failed(Refusal("NoRole", "Choose at least one role."));
            if (IsActor(user) && !roles.Contains(Roles.Admin))
                return IdentityResult.Failed(Refusal("OwnAdminRole", "You cannot take away your own Admin role."));
            var before = await users.GetRolesAsync(user);
            var result = await users.RemoveFromRolesAsync(user, before.Except(roles));
            if (result.Succeeded)
                result = await users.AddToRolesAsync(user, roles.Except(before));
            if (result.Succeeded)
                result = await users.UpdateSecurityStampAsync(user);
            if (result.Succeeded)
                Audit("user.roles-changed", user, before: new { Roles = before.Order() }, after: new { Roles = roles.Order() });
            return result;
        }, ct);

    /// <summary>The name the person works under as a collector; empty clears it.</summary>
    public Task<IdentityResult> SetCollectorNameAsync(User user, string? collectorName, CancellationToken ct = default) =>
        InTransactionAsync(async () =>
        {
            var before = user.CollectorName;
            var name = Clean(collectorName);
            if (name?.Length > MaxNameLength)
                return IdentityResult.Failed(Refusal("CollectorNameTooLong", $"A collector name has at most {MaxNameLength} characters."));
            user.CollectorName = name;
            var result = await users.UpdateAsync(user);
            if (result.Succeeded)
                Audit("user.collector-name-changed", user, before: new { CollectorName = before }, after: new { user.CollectorName });
            return result;
        }, ct);

    /// <summary>Disables or enables the person. A disabled person cannot sign in, and their sessions end.</summary>
    public Task<IdentityResult> SetDisabledAsync(User user, bool disabled, CancellationToken ct = default) =>
        InTransactionAsync(async () =>
        {
            if (disabled && IsActor(user))
                return IdentityResult.Failed(Refusal("OwnAccount", "You cannot disable your own account."));
            if ((user.DisabledAt is not null) == disabled)
                return IdentityResult.Success;
            user.DisabledAt = disabled ? clock.GetUtcNow() : null;
            var result = await users.UpdateSecurityStampAsync(user);
            if (result.Succeeded)
                Audit(disabled ? "user.disabled" : "user.enabled", user);
            return result;
        }, ct);

    /// <summary>Sets a new password chosen by the administrator (checked against the password rules), lifts a lockout,
    /// and ends the person's sessions. The audit event says that it happened, never the password or its hash.</summary>
    public Task<IdentityResult> ResetPasswordAsync(User user, string password, CancellationToken ct = default) =>
        InTransactionAsync(async () =>
        {
            var result = await users.RemovePasswordAsync(user);
            if (result.Succeeded)
                result = await users.AddPasswordAsync(user, password);
            if (result.Succeeded)
                result = await users.SetLockoutEndDateAsync(user, null);
            if (result.Succeeded)
                result = await users.ResetAccessFailedCountAsync(user);
            if (result.Succeeded)
                Audit("user.password-reset", user);
            return result;
        }, ct);

    bool IsActor(User user) => string.Equals(user.UserName, actor.Name, StringComparison.Ordinal);

    static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    void Audit(string action, User user, object? before = null, object? after = null) =>
        AuditTrail.Record(db, actor, clock.GetUtcNow(), action, nameof(User), user.Id, before: before, after: after ?? new { user.UserName });

    /// <summary>Identity saves after each step; one transaction makes the steps and the audit event one change.</summary>
    async Task<IdentityResult> InTransactionAsync(Func<Task<IdentityResult>> change, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await change();
        if (!result.Succeeded)
        {
            // Whatever was tracked is rolled back with the transaction; forget it too.
            db.ChangeTracker.Clear();
            return result;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return result;
    }
}
