using ArLedger.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace ArLedger.Testing;

/// <summary>
/// A database of its own for one test class, cloned from a migrated template so each class starts clean
/// without migrating again. The server is the test process's PostgreSQL container (<see cref="TestPostgres.Shared"/>).
/// </summary>
public sealed class TestDatabase : IAsyncLifetime
{
    static readonly SemaphoreSlim TemplateGate = new(1, 1);
    static string? templateName;
    static string serverConnectionString = "";

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

    static string ConnectionTo(string database) =>
        new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = database, Pooling = false }.ConnectionString;

    public async Task InitializeAsync()
    {
        var template = await EnsureTemplateAsync();
        await AdminAsync($"create database {Name} template {template}");
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = Name, MaxPoolSize = 40 }.ConnectionString;
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

    /// <summary>Starts the server and migrates the template once per test process; the server is the process's own.</summary>
    static async Task<string> EnsureTemplateAsync()
    {
        await TemplateGate.WaitAsync();
        try
        {
            if (templateName is not null)
                return templateName;
            serverConnectionString = (await TestPostgres.Shared()).ConnectionString;
            const string name = "arledger_template";
            await AdminAsync($"create database {name}");
            await new MigrationRunner(ConnectionTo(name), NullLogger.Instance).MigrateAsync(MigrationRunner.Embedded());
            NpgsqlConnection.ClearAllPools();
            return templateName = name;
        }
        finally
        {
            TemplateGate.Release();
        }
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
