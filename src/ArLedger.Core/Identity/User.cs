using Microsoft.AspNetCore.Identity;

namespace ArLedger.Identity;

/// <summary>A person who signs in: clerk, manager or administrator. Identity's own columns, plus ours.</summary>
public class User : IdentityUser<long>
{
    public string? DisplayName { get; set; }
    public string? Language { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The name this person works under as a collector: customers whose collector they are show it, and
    /// only people with one are offered as a customer's collector. Null for people who call no customers.</summary>
    public string? CollectorName { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>Set by an administrator: a disabled person cannot sign in, and their sessions end.</summary>
    public DateTimeOffset? DisabledAt { get; set; }

    /// <summary>How lists and audit events name the person.</summary>
    public string ShownName => DisplayName ?? UserName ?? "";
}

/// <summary>A role: Clerk, Manager or Admin.</summary>
public class Role : IdentityRole<long>;

// Identity's link and claim rows under names of our own, so they map to tables named like the rest of the schema.
public class UserRole : IdentityUserRole<long>;
public class UserClaim : IdentityUserClaim<long>;
public class UserLogin : IdentityUserLogin<long>;
public class UserToken : IdentityUserToken<long>;
public class RoleClaim : IdentityRoleClaim<long>;

/// <summary>A key for the API; only its hash is stored, the key itself is shown once.</summary>
public class ApiKey
{
    public long Id { get; set; }
    public required string Name { get; set; }
    /// <summary>The first characters of the key, shown in lists so a person can tell keys apart.</summary>
    public required string Prefix { get; set; }
    public required string KeyHash { get; set; }
    public required string Role { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
}

public static class Roles
{
    public const string Clerk = "Clerk";
    public const string Manager = "Manager";
    public const string Admin = "Admin";
    public static readonly string[] All = [Clerk, Manager, Admin];
}
