using ArLedger.Audit;
using ArLedger.Identity;
using ArLedger.Persistence;
using Microsoft.AspNetCore.Identity;

namespace ArLedger.Web.Auth;

/// <summary>Creates people who sign in (the <c>user create</c> verb, the demo seed, tests), through Identity so
/// passwords are checked against the password rules and hashed with the configured PBKDF2 cost.</summary>
public sealed class UserAccounts(UserManager<User> users, ArLedgerDbContext db, TimeProvider clock, Actor actor)
{
    /// <summary>Creates a user in one role; the result carries Identity's messages (name taken, password too short).</summary>
    public async Task<IdentityResult> CreateAsync(string userName, string password, string role, string? displayName = null,
        CancellationToken ct = default)
    {
        if (!Roles.All.Contains(role))
            return IdentityResult.Failed(new IdentityError { Code = "UnknownRole", Description = $"Unknown role '{role}'." });

        var user = new User
        {
            UserName = userName,
            NormalizedUserName = users.NormalizeName(userName),
            DisplayName = displayName,
            CreatedAt = clock.GetUtcNow(),
        };
        // Creating the user, adding the role and the audit event commit together or not at all.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await users.CreateAsync(user, password);
        if (result.Succeeded)
            result = await users.AddToRoleAsync(user, role);
        if (!result.Succeeded)
        {
            // Whatever was tracked is rolled back with the transaction; forget it too.
            db.ChangeTracker.Clear();
            return result;
        }

        AuditTrail.Record(db, actor, user.CreatedAt, "user.created", nameof(User), user.Id,
            after: new { user.UserName, user.DisplayName, Role = role });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return result;
    }
}
