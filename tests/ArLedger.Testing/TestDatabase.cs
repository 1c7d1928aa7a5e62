using ArLedger.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace ArLedger.Testing;

/// <summary>
/// A database of its own for one test class, cloned from a migrated template so each class starts clean
/// without migrating again. The template's name carries a hash of the migrations, so a changed file
/// builds a new template. The server comes from ConnectionStrings__ArLedger (scripts/postgres.sh).
/// </summary>
public sealed class TestDatabase : IAsyncLifetime
{
    static readonly SemaphoreSlim TemplateGate = new(1, 1);
    static string? templateName;

    // One test process hosts many apps, browsers' drivers and database clients at once on a two-core machine; the
    // thread pool would start with two threads and add one every half second under a burst of fixtures starting
    // together, long enough to stall requests.
    static TestDatabase()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(io, 32));
    }

    public string Name { get; } = $"arledger_t_{Guid.NewGuid():N}"[..24];
    public string ConnectionString { get; private set; } = "";
    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("ConnectionStrings__ArLedger")
        ?? "Host=127.0.0.1;Port=5432;Database=arledger;Username=arledger;Password=arledger";

    static string ConnectionTo(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database, Pooling = false }.ConnectionString;

    public async Task InitializeAsync()
    {
        var template = await EnsureTemplateAsync();
        await AdminAsync($"create database {Name} template {template}");
        ConnectionString = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = Name, MaxPoolSize = 40 }.ConnectionString;
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await DropAsync(Name);
    }

    /// <summary>
    /// Ends our own sessions on the database, then drops it. Not <c>with (force)</c>: that also tries to end
    /// autovacuum workers, which a role without superuser or pg_signal_backend may not signal. A plain DROP
    /// stops those workers itself and waits for them.
    /// </summary>
    static Task DropAsync(string database) => AdminAsync(
        $"""
        select pg_terminate_backend(pid) from pg_stat_activity
         where datname = '{database}' and usename = current_user and pid <> pg_backend_pid()
        """,
        // Its own statement: DROP DATABASE refuses to run inside the implicit transaction of a batch.
        $"drop database if exists {database}");

    public ArLedgerDbContext CreateContext() => DataSetup.CreateContext(DataSource);

    /// <summary>Builds the template once per test process; an advisory lock keeps test processes from building it twice.</summary>
    static async Task<string> EnsureTemplateAsync()
    {
        await TemplateGate.WaitAsync();
        try
        {
            if (templateName is not null)
                return templateName;
            var migrations = MigrationRunner.Embedded();
            var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
                System.Text.Encoding.UTF8.GetBytes(string.Join("|", migrations.Select(m => m.Name + m.Checksum)))))[..12];
            var name = $"arledger_tpl_{hash}";

            await using var admin = new NpgsqlConnection(ConnectionTo("postgres"));
            await admin.OpenAsync();
            await using (var l = new NpgsqlCommand("select pg_advisory_lock(4711)", admin))
                await l.ExecuteNonQueryAsync();
            try
            {
                if (!await ExistsAsync(admin, name))
                {
                    var building = name + "_new";
                    await DropAsync(building);
                    await Exec(admin, $"create database {building}");
                    await new MigrationRunner(ConnectionTo(building), NullLogger.Instance).MigrateAsync(migrations);
                    NpgsqlConnection.ClearAllPools();
                    // Renaming last makes the template appear only once it is complete.
                    await Exec(admin, $"alter database {building} rename to {name}");
                }
            }
            finally
            {
                await using var u = new NpgsqlCommand("select pg_advisory_unlock(4711)", admin);
                await u.ExecuteNonQueryAsync();
            }
            return templateName = name;
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    static async Task<bool> ExistsAsync(NpgsqlConnection admin, string db)
    {
        await using var cmd = new NpgsqlCommand("select 1 from pg_database where datname = $1", admin);
        cmd.Parameters.AddWithValue(db);
        return await cmd.ExecuteScalarAsync() is not null;
    }

    static async Task AdminAsync(params string[] statements)
    {
        await using var admin = new NpgsqlConnection(ConnectionTo("postgres"));
        await admin.OpenAsync();
        // PostgreSQL refuses to clone a template while another session copies it, so clones take turns.
        await Exec(admin, "select pg_advisory_lock(4712)");
        try
        {
            foreach (var sql in statements)
                await Exec(admin, sql);
        }
        finally
        {
            await Exec(admin, "select pg_advisory_unlock(4712)");
        }
    }

    static async Task Exec(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
