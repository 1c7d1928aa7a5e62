using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ArLedger.Persistence;

/// <summary>
/// Applies the ordered SQL files of Migrations/ that the database has not seen yet, one transaction per file,
/// under a PostgreSQL advisory lock so that instances starting together never race. An applied file whose
/// text changed since is a start-up error: the schema would no longer be what the files say. Hangfire's schema
/// is installed after them, by Hangfire's installer, under the same lock.
/// </summary>
public sealed class MigrationRunner(string connectionString, ILogger logger)
{
    // Any constant will do, as long as every instance uses the same one.
    const long LockKey = 0x4172_4C65_6467_6572; // "ArLedger"
    const string ResourcePrefix = "ArLedger.Migrations.";

    public sealed record Migration(string Name, string Sql)
    {
        public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));
    }

    public static IReadOnlyList<Migration> Embedded()
    {
        var asm = typeof(MigrationRunner).Assembly;
        return asm.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => new Migration(n[ResourcePrefix.Length..], Read(asm, n)))
            .ToList();
    }

    /// <summary>Applies pending migrations and returns the names of those applied by this call.</summary>
    public Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct = default) => MigrateAsync(Embedded(), ct);

    public async Task<IReadOnlyList<string>> MigrateAsync(IReadOnlyList<Migration> migrations, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await Exec(conn, $"select pg_advisory_lock({LockKey})", ct);
        try
        {
            await Exec(conn, """
                create table if not exists schema_migrations (
                    name text primary key,
                    checksum text not null,
                    applied_at timestamptz not null default now())
                """, ct);

            var applied = new Dictionary<string, string>(StringComparer.Ordinal);
            await using (var cmd = new NpgsqlCommand("select name, checksum from schema_migrations", conn))
            await using (var r = await cmd.ExecuteReaderAsync(ct))
            {
                while (await r.ReadAsync(ct))
                    applied[r.GetString(0)] = r.GetString(1);
            }

            foreach (var (name, checksum) in applied)
            {
                var file = migrations.FirstOrDefault(m => m.Name == name);
                if (file is not null && file.Checksum != checksum)
                    throw new InvalidOperationException(
                        $"Migration {name} was applied with checksum {checksum} but the file now has {file.Checksum}. " +
                        "Applied migrations must not change: add a new file instead.");
            }

            var done = new List<string>();
            foreach (var m in migrations.Where(m => !applied.ContainsKey(m.Name)))
            {
                await using var tx = await conn.BeginTransactionAsync(ct);
                await using (var cmd = new NpgsqlCommand(m.Sql, conn, tx))
                    await cmd.ExecuteNonQueryAsync(ct);
                await using (var cmd = new NpgsqlCommand("insert into schema_migrations (name, checksum) values ($1, $2)", conn, tx))
                {
                    cmd.Parameters.AddWithValue(m.Name);
                    cmd.Parameters.AddWithValue(m.Checksum);
                    await cmd.ExecuteNonQueryAsync(ct);
                }
                await tx.CommitAsync(ct);
                logger.LogInformation("Applied migration {Migration}", m.Name);
                done.Add(m.Name);
            }
            // Hangfire's tables, by its own installer (which upgrades them in step with the package), under the same lock.
            Hangfire.PostgreSql.PostgreSqlObjectsInstaller.Install(conn, Jobs.JobsSetup.HangfireSchema);
            // New tables and types must be visible to pooled connections' type caches.
            if (done.Count > 0)
                await conn.ReloadTypesAsync(ct);
            return done;
        }
        finally
        {
            await Exec(conn, $"select pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    static async Task Exec(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    static string Read(Assembly asm, string name)
    {
        using var s = asm.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(s, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
