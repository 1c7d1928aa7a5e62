using ArLedger.Persistence;
using ArLedger.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ArLedger.Core.Tests.Persistence;

public sealed class MigrationRunnerTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    static MigrationRunner.Migration M(string name, string sql) => new(name, sql);

    async Task<NpgsqlConnection> EmptyDatabaseAsync(string name)
    {
        await using (var c = db.DataSource.CreateCommand($"drop schema if exists {name} cascade; create schema {name}"))
            await c.ExecuteNonQueryAsync();
        var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db.ConnectionString) { SearchPath = name, Pooling = false }.ConnectionString);
        await conn.OpenAsync();
        return conn;
    }

    string SchemaConnection(string schema) =>
        new NpgsqlConnectionStringBuilder(db.ConnectionString) { SearchPath = schema, Pooling = false }.ConnectionString;

    [Fact]
    public async Task Applies_files_in_order_once_and_records_their_checksums()
    {
        await using var conn = await EmptyDatabaseAsync("m_order");
        var files = new[]
        {
            M("0001_a.sql", "create table t (x int)"),
            M("0002_b.sql", "insert into t values (1)"),
            M("0003_c.sql", "insert into t select max(x) + 1 from t"),
        };
        var runner = new MigrationRunner(SchemaConnection("m_order"), NullLogger.Instance);

        Assert.Equal(["0001_a.sql", "0002_b.sql", "0003_c.sql"], await runner.MigrateAsync(files));
        Assert.Empty(await runner.MigrateAsync(files));

        await using var cmd = new NpgsqlCommand("select string_agg(x::text, ',' order by x) from t", conn);
        Assert.Equal("1,2", await cmd.ExecuteScalarAsync());
        await using var cs = new NpgsqlCommand("select checksum from schema_migrations where name = '0002_b.sql'", conn);
        Assert.Equal(files[1].Checksum, await cs.ExecuteScalarAsync());
    }

    [Fact]
    public async Task An_applied_file_that_changed_stops_start_up()
    {
        await using var conn = await EmptyDatabaseAsync("m_edit");
        var runner = new MigrationRunner(SchemaConnection("m_edit"), NullLogger.Instance);
        await runner.MigrateAsync([M("0001_a.sql", "create table t (x int)")]);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            runner.MigrateAsync([M("0001_a.sql", "create table t (x bigint)"), M("0002_b.sql", "create table u (y int)")]));
        Assert.Contains("0001_a.sql", e.Message, StringComparison.Ordinal);

        await using var cmd = new NpgsqlCommand("select count(*) from schema_migrations", conn);
        Assert.Equal(1L, await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_failing_file_rolls_back_alone_and_keeps_earlier_files()
    {
        await using var conn = await EmptyDatabaseAsync("m_fail");
        var runner = new MigrationRunner(SchemaConnection("m_fail"), NullLogger.Instance);

        await Assert.ThrowsAsync<PostgresException>(() =>
            runner.MigrateAsync([M("0001_a.sql", "create table t (x int)"), M("0002_b.sql", "create table u (y int); select 1/0")]));

        await using var cmd = new NpgsqlCommand("select string_agg(name, ',') from schema_migrations", conn);
        Assert.Equal("0001_a.sql", await cmd.ExecuteScalarAsync());
        await using var u = new NpgsqlCommand("select to_regclass('u') is null", conn);
        Assert.Equal(true, await u.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Two_instances_starting_together_apply_each_file_once()
    {
        await using var conn = await EmptyDatabaseAsync("m_race");
        // Each file fails if run twice, so a race would surface as an exception or a duplicate row.
        var files = Enumerable.Range(1, 8)
            .Select(i => M($"{i:0000}_f.sql", $"create table t{i} (x int)"))
            .ToList();
        var a = new MigrationRunner(SchemaConnection("m_race"), NullLogger.Instance);
        var b = new MigrationRunner(SchemaConnection("m_race"), NullLogger.Instance);

        var results = await Task.WhenAll(Task.Run(() => a.MigrateAsync(files)), Task.Run(() => b.MigrateAsync(files)));

        Assert.Equal(8, results[0].Count + results[1].Count);
        await using var cmd = new NpgsqlCommand("select count(*) from schema_migrations", conn);
        Assert.Equal(8L, await cmd.ExecuteScalarAsync());
    }
}
