using ArLedger.Testing;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace ArLedger.Web.Tests.Hosting;

/// <summary>
/// A TCP door in front of the test database: while closed it hangs up on every connection, as a PostgreSQL that is
/// not up yet refuses them; once opened it passes bytes both ways.
/// </summary>
public sealed class DatabaseDoor : IAsyncDisposable
{
    readonly TcpListener listener = new(IPAddress.Loopback, 0);
    readonly CancellationTokenSource stop = new();
    readonly string targetHost;
    readonly int targetPort;
    volatile bool open;

    public DatabaseDoor(string targetConnectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(targetConnectionString);
        targetHost = target.Host!;
        targetPort = target.Port;
        listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public void Open() => open = true;

    async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (!open)
            {
                client.Dispose();
                continue;
            }
            _ = PipeAsync(client);
        }
    }

    async Task PipeAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(targetHost, targetPort, stop.Token);
                var a = client.GetStream();
                var b = server.GetStream();
                await Task.WhenAny(a.CopyToAsync(b, stop.Token), b.CopyToAsync(a, stop.Token));
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // One side hung up: the connection is over.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        stop.Dispose();
    }
}

/// <summary>The app started on a connection string whose database cannot be reached yet.</summary>
public sealed class AppBeforeItsDatabase : ArLedgerAppFactory
{
    DatabaseDoor? door;

    public DatabaseDoor Door => door!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        door = new DatabaseDoor(Database.ConnectionString);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:ArLedger",
            new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Host = "127.0.0.1", Port = Door.Port, Timeout = 3 }.ConnectionString);
    }

    protected override async Task DisposeFixtureAsync()
    {
        await base.DisposeFixtureAsync();
        await Door.DisposeAsync();
    }
}

public sealed class DatabaseWaitTests(AppBeforeItsDatabase app) : IClassFixture<AppBeforeItsDatabase>
{
    [Fact]
    public async Task Started_before_its_database_the_app_answers_503_until_it_has_migrated_then_serves()
    {
        var client = app.AnonymousClient();

        var readyBefore = await client.GetAsync("/health/ready");
        var live = await client.GetAsync("/health/live");
        var page = await client.GetAsync("/Account/SignIn");
        app.Door.Open();
        var readyAfter = await Eventually.UntilAsync(() => client.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.OK, "the app ready");
        var pageAfter = await client.GetAsync("/Account/SignIn");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyBefore.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.NotNull(page.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, readyAfter.StatusCode);
        Assert.Equal(HttpStatusCode.OK, pageAfter.StatusCode);
    }
}
