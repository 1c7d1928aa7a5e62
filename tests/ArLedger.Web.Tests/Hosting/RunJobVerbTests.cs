using ArLedger.Jobs;
using ArLedger.Persistence;
using ArLedger.Testing;
using ArLedger.Web.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ArLedger.Web.Tests.Hosting;

/// <summary>run-job runs the job's own work with the scheduler off, and says what it did.</summary>
public sealed class RunJobVerbTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    ServiceProvider Services()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ArLedger"] = db.ConnectionString,
            ["Jobs:Enabled"] = "false",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddArLedgerData(db.ConnectionString);
        services.AddArLedgerJobs(config);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Run_job_as_of_a_date_takes_that_snapshot_once()
    {
        await using var services = Services();
        var output = new StringWriter();

        var first = await RunJobVerb.RunAsync(services, ["AgingSnapshot", "--as-of", "2026-02-28"], output, TextWriter.Null);
        var again = await RunJobVerb.RunAsync(services, ["agingsnapshot", "--as-of", "2026-02-28"], output, TextWriter.Null);

        Assert.Equal((0, 0), (first, again));
        Assert.Contains("AgingSnapshot 2026-02-28: Completed, 1/1 done", output.ToString(), StringComparison.Ordinal);
        await using var cmd = db.DataSource.CreateCommand("select count(*) from aging_snapshots where snapshot_date = '2026-02-28'");
        Assert.Equal(1L, await cmd.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("NoSuchJob")]
    [InlineData("Dunning", "--as-of", "28/02/2026")]
    [InlineData("Dunning", "--as-of")]
    public async Task Run_job_refuses_an_unknown_job_or_a_malformed_date(params string[] args)
    {
        await using var services = Services();
        var errors = new StringWriter();

        Assert.Equal(2, await RunJobVerb.RunAsync(services, args, TextWriter.Null, errors));
        Assert.NotEmpty(errors.ToString());
    }
}
