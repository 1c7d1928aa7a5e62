using Microsoft.EntityFrameworkCore;

namespace ArLedger.Identity;

/// <summary>
/// Identity's entities under the names of migration 0014. Identity's own configuration (keys, lengths, the
/// concurrency stamp) runs first; this names the tables and indexes explicitly, so they stay put whatever the
/// naming convention makes of Identity's "AspNetUsers" and "UserNameIndex", and keeps NOT NULL where every
/// row has a value.
/// </summary>
static class IdentityModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<User>(e =>
        {
            e.ToTable("users");
            e.Property(x => x.UserName).IsRequired();
            e.Property(x => x.NormalizedUserName).IsRequired();
            e.Property(x => x.SecurityStamp).IsRequired();
            e.Property(x => x.ConcurrencyStamp).IsRequired();
            e.HasIndex(x => x.NormalizedUserName).HasDatabaseName("ix_users_normalized_user_name");
            e.HasIndex(x => x.NormalizedEmail).HasDatabaseName("ix_users_normalized_email");
        });
        b.Entity<Role>(e =>
        {
            e.ToTable("roles");
            e.Property(x => x.Name).IsRequired();
            e.Property(x => x.NormalizedName).IsRequired();
            e.Property(x => x.ConcurrencyStamp).IsRequired();
            e.HasIndex(x => x.NormalizedName).HasDatabaseName("ix_roles_normalized_name");
        });
        b.Entity<UserRole>().ToTable("user_roles");
        b.Entity<UserClaim>().ToTable("user_claims");
        b.Entity<UserLogin>().ToTable("user_logins");
        b.Entity<UserToken>().ToTable("user_tokens");
        b.Entity<RoleClaim>().ToTable("role_claims");
    }
}
