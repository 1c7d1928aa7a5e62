using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using ArLedger.Audit;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Identity;

/// <summary>
/// Creates, lists and revokes API keys. A key is 32 random bytes; only its SHA-256 is stored, so the key
/// is shown once at creation and a copy of the database does not give access to the API. A plain hash is
/// enough here (no PBKDF2) because the key has 256 bits of entropy: there is nothing to guess.
/// </summary>
public sealed class ApiKeys(ArLedgerDbContext db, TimeProvider clock, Actor actor)
{
    /// <summary>Marks a string as an ArLedger API key, for people and for secret scanners.</summary>
    public const string KeyPrefix = "ark_";
    const int ShownPrefixLength = 12;
    public const int MaxNameLength = 100;

    /// <summary>The key itself, returned once; the stored row carries only its hash.</summary>
    public sealed record Created(ApiKey Row, string Key);

    public async Task<Created> CreateAsync(string name, string role, CancellationToken ct = default)
    {
        name = name.Trim();
        if (name.Length is 0 or > MaxNameLength)
            throw new ArgumentException($"A key name has 1 to {MaxNameLength} characters.", nameof(name));
        if (!Roles.All.Contains(role))
            throw new ArgumentException($"Unknown role '{role}'.", nameof(role));

        var key = KeyPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var row = new ApiKey
        {
            Name = name,
            Prefix = key[..ShownPrefixLength],
            KeyHash = Hash(key),
            Role = role,
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = actor.Name,
        };
        // The audit event needs the row's id, so two saves, committed together.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ApiKeys.Add(row);
        await db.SaveChangesAsync(ct);
        AuditTrail.Record(db, actor, row.CreatedAt, "api-key.created", nameof(ApiKey), row.Id,
            after: new { row.Name, row.Prefix, row.Role });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new Created(row, key);
    }

    /// <summary>Revokes a key; false when there is no such key or it was already revoked.</summary>
    public async Task<bool> RevokeAsync(long id, CancellationToken ct = default)
    {
        var row = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, ct);
        if (row is null || row.RevokedAt is not null)
            return false;
        row.RevokedAt = clock.GetUtcNow();
        AuditTrail.Record(db, actor, row.RevokedAt.Value, "api-key.revoked", nameof(ApiKey), row.Id,
            after: new { row.Name, row.Prefix, row.Role });
        await db.SaveChangesAsync(ct);
        return true;
    }

    public Task<List<ApiKey>> ListAsync(CancellationToken ct = default) =>
        db.ApiKeys.AsNoTracking().OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.CreatedAt).ToListAsync(ct);

    /// <summary>Lower-case hex SHA-256 of the key as presented, the form stored in api_keys.key_hash.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
