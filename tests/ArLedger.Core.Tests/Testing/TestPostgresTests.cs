using ArLedger.Testing;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Configurations;
using Npgsql;

namespace ArLedger.Core.Tests.Testing;

/// <summary>
/// The tests' PostgreSQL server: a second server started the way the shared one is, then disposed the way
/// the end of the run disposes the shared one, leaves no container in the engine.
/// </summary>
public sealed class TestPostgresTests
{
    [Fact]
    public async Task A_disposed_test_server_leaves_no_container_behind()
    {
        var server = await TestPostgres.StartAsync();
        var id = server.ContainerId;
        try
        {
            await using (var conn = new NpgsqlConnection(server.ConnectionString))
            {
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand("select 1", conn);
                Assert.Equal(1, await cmd.ExecuteScalarAsync());
            }
            var labels = Assert.Single(await ContainersAsync(id)).Labels;
            Assert.Equal("true", labels[TestPostgres.Label]);
        }
        finally
        {
            await server.DisposeAsync();
        }

        Assert.Empty(await ContainersAsync(id));
    }

    /// <summary>Containers with this id in the engine, running or stopped (<c>docker ps -a</c>).</summary>
    static async Task<IList<ContainerListResponse>> ContainersAsync(string id)
    {
        using var docker = TestcontainersSettings.OS.DockerEndpointAuthConfig.GetDockerClientConfiguration(Guid.NewGuid()).CreateClient();
        return await docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["id"] = new Dictionary<string, bool> { [id] = true } },
        });
    }
}
