using DotNet.Testcontainers.Builders;
using Testcontainers.PostgreSql;

namespace ArLedger.Testing;

/// <summary>
/// A PostgreSQL server in a Docker container, started with Testcontainers. The test process shares one,
/// <see cref="Shared"/>, started on first use and removed when the test run ends (<see cref="TestRunFramework"/>).
/// The image comes from ARLEDGER_TEST_POSTGRES_IMAGE (scripts/test-postgres-image.sh), the official
/// postgres:15 by default.
/// </summary>
public sealed class TestPostgres : IAsyncDisposable
{
    /// <summary>Every container of ours carries it, so a check after the run finds any left behind.</summary>
    public const string Label = "arledger.tests";

    /// <summary>Names the test run (scripts/test.sh sets ARLEDGER_TEST_RUN), so runs side by side tell their containers apart.</summary>
    public const string RunLabel = "arledger.tests.run";

    static readonly Lock SharedGate = new();
    static Task<TestPostgres>? shared;

    readonly PostgreSqlContainer container;

    TestPostgres(PostgreSqlContainer container) => this.container = container;

    public string ContainerId => container.Id;

    /// <summary>Superuser connection to the server's postgres database.</summary>
    public string ConnectionString => container.GetConnectionString();

    public static string Image =>
        Environment.GetEnvironmentVariable("ARLEDGER_TEST_POSTGRES_IMAGE") is { Length: > 0 } image ? image : "postgres:15";

    /// <summary>The test process's server, started by the first caller.</summary>
    public static Task<TestPostgres> Shared()
    {
        lock (SharedGate)
            return shared ??= StartAsync();
    }

    /// <summary>Removes the shared server if this process started one; called once the last test has run.</summary>
    public static async Task RemoveSharedAsync()
    {
        Task<TestPostgres>? started;
        lock (SharedGate)
            (started, shared) = (shared, null);
        if (started is { IsCompletedSuccessfully: true })
            await started.Result.DisposeAsync();
    }

    /// <summary>Starts a server of its own; the caller disposes it, which removes its container.</summary>
    public static async Task<TestPostgres> StartAsync()
    {
        var container = new PostgreSqlBuilder()
            .WithImage(Image)
            .WithLabel(Label, "true")
            .WithLabel(RunLabel, Environment.GetEnvironmentVariable("ARLEDGER_TEST_RUN") ?? "")
            // Test classes run in parallel, each with its own database and pools: more than the default 100 sessions.
            .WithCommand("-c", "max_connections=300")
            // The data lives and dies with the container: in memory, nothing to write out or delete at the end.
            .WithTmpfsMount("/var/lib/postgresql/data")
            // Docker's default 64 MB /dev/shm is too small for parallel query workers under that load.
            .WithCreateParameterModifier(p => p.HostConfig.ShmSize = 512L * 1024 * 1024)
            .Build();
        // A broken image or engine fails the run with a message instead of waiting without end.
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await container.StartAsync(deadline.Token);
        }
        catch (Exception e)
        {
            await container.DisposeAsync();
            throw new InvalidOperationException(
                $"PostgreSQL test container from image {Image} did not start: {e.Message} " +
                "scripts/test.sh starts a Docker engine and provides the image (ARLEDGER_TEST_POSTGRES_IMAGE).", e);
        }
        return new TestPostgres(container);
    }

    /// <summary>Stops and removes the container.</summary>
    public ValueTask DisposeAsync() => container.DisposeAsync();
}
