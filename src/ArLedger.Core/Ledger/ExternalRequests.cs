using System.Security.Cryptography;
using System.Text.Json;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ArLedger.Ledger;

/// <summary>
/// Invariant 5: a request that arrives again under the same external id changes nothing. The first one is
/// remembered in the same transaction as its effect; a replay gets the original back, a different body a conflict.
/// </summary>
public static class ExternalRequests
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Hash(object command) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(command, command.GetType(), Json)));

    /// <summary>Runs <paramref name="create"/> once per (kind, external id); see the type's remarks.</summary>
    public static async Task<Outcome<T>> OnceAsync<T>(ArLedgerDbContext db, TimeProvider clock, string kind, string? externalId,
        object command, Func<Task<Outcome<T>>> create, Func<long, Task<T>> load, Func<T, long> idOf, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(externalId))
            return await db.InTransactionAsync(create, ct);

        var hash = Hash(command);
        var earlier = await Find(db, kind, externalId, ct);
        if (earlier is not null)
            return await Replay(earlier, hash, kind, externalId, load);

        if (db.Database.CurrentTransaction is not null)
        {
            // Inside a caller's transaction (an import): the caller commits, and a race surfaces to it.
            var inner = await create();
            if (inner.Succeeded)
                await RememberAsync(db, clock, kind, externalId, hash, idOf(inner.Value!), ct);
            return inner;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Identical requests at once (a form posted twice in a row) take turns on their key, so the second finds the
        // first one's result instead of redoing its work against a book the first one already changed.
        await db.Database.ExecuteSqlAsync($"select pg_advisory_xact_lock(hashtextextended({kind + "/" + externalId}, 0))", ct);
        if (await Find(db, kind, externalId, ct) is { } raced)
            return await Replay(raced, hash, kind, externalId, load);
        try
        {
            var outcome = await create();
            if (!outcome.Succeeded)
                return outcome;
            await RememberAsync(db, clock, kind, externalId, hash, idOf(outcome.Value!), ct);
            await tx.CommitAsync(ct);
            return outcome;
        }
        catch (DbUpdateException e) when (IsExternalIdRace(e))
        {
            // The same request arrived twice at once and the other one won: answer as a replay. The loser trips on
            // the document's own unique external id (it is inserted first) or on the remembered request, and only
            // once the winner has committed, so the winner is there to be read.
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            var winner = await Find(db, kind, externalId, ct);
            return winner is null
                ? Problem.Conflict($"The external id '{externalId}' was already used for a different {kind}.")
                : await Replay(winner, hash, kind, externalId, load);
        }
    }

    static bool IsExternalIdRace(DbUpdateException e) =>
        e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } p
        && (p.ConstraintName == "pk_external_requests" || p.ConstraintName?.EndsWith("_external_id", StringComparison.Ordinal) == true);

    static Task RememberAsync(ArLedgerDbContext db, TimeProvider clock, string kind, string externalId, string hash, long id, CancellationToken ct)
    {
        db.ExternalRequests.Add(Remembered(kind, externalId, hash, id, clock.GetUtcNow()));
        return db.SaveChangesAsync(ct);
    }

    /// <summary>The row that remembers a request, for a caller that writes many of them at once.</summary>
    public static ExternalRequest Remembered(string kind, string externalId, string hash, long id, DateTimeOffset at) =>
        new() { Kind = kind, ExternalId = externalId, BodyHash = hash, ResourceId = id, ReceivedAt = at };

    static Task<ExternalRequest?> Find(ArLedgerDbContext db, string kind, string externalId, CancellationToken ct) =>
        db.ExternalRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Kind == kind && r.ExternalId == externalId, ct);

    static async Task<Outcome<T>> Replay<T>(ExternalRequest earlier, string hash, string kind, string externalId, Func<long, Task<T>> load) =>
        earlier.BodyHash == hash
            ? Outcome<T>.Replay(await load(earlier.ResourceId))
            : Problem.Conflict($"The external id '{externalId}' was already used for a different {kind}.");
}
