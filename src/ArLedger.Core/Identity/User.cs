namespace ArLedger.Identity;

/// <summary>A row ASP.NET Core Identity writes: found by its id, its concurrency stamp renewed on each update.</summary>
public interface IIdentityRow
{
    long Id { get; }
    string ConcurrencyStamp { get; set; }
}

/// <summary>A person who signs in: clerk, manager or administrator.</summary>
public class User : IIdentityRow
{
    public long Id { get; set; }
    public required string UserName { get; set; }
    public required string NormalizedUserName { get; set; }
    public string? Email { get; set; }
    public string? NormalizedEmail { get; set; }
    public string? DisplayName { get; set; }
    public string? PasswordHash { get; set; }
    public string SecurityStamp { get; set; } = Guid.NewGuid().ToString("N");
    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");
    public DateTimeOffset? LockoutEnd { get; set; }
    public bool LockoutEnabled { get; set; } = true;
    public int AccessFailedCount { get; set; }
    public string? Language { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<UserRole> Roles { get; set; } = [];
}

/// <summary>A role: Clerk, Manager or Admin.</summary>
public class Role : IIdentityRow
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string NormalizedName { get; set; }
    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");
}

public class UserRole
{
    public long UserId { get; set; }
    public long RoleId { get; set; }
    public Role? Role { get; set; }
}

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

/// <summary>A Data Protection key ring element, shared by every instance of the web tier.</summary>
public class DataProtectionKey
{
    public long Id { get; set; }
    public string? FriendlyName { get; set; }
    public required string Xml { get; set; }
}

public static class Roles
{
    public const string Clerk = "Clerk";
    public const string Manager = "Manager";
    public const string Admin = "Admin";
    public static readonly string[] All = [Clerk, Manager, Admin];
}
