using Microsoft.Extensions.Time.Testing;
using ArLedger.Jobs;
using ArLedger.Persistence;
using ArLedger.Testing;
using ArLedger.Web.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ArLedger.Web.Tests.Hosting;

/// <summary>run-job runs the job's own work with the scheduler off, and says what it did.</summary>
public sealed class RunJobVerbTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    // Tuesday 1 December 2026, 10:00 in Paris.
    static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

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
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(Clock);
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

    [Theory]
    [InlineData("Statements", "2027-01-15", "The run as of 2027-01-15 cannot start before that date")]
    [InlineData("PromiseReview", "2026-12-02", "The run as of 2026-12-02 cannot start before that date")]
    [InlineData("Dunning", "2026-12-02", "The run as of 2026-12-02 cannot start before that date")]
    [InlineData("AgingSnapshot", "2026-12-05", "The run as of 2026-12-05 cannot start before that date")]
    public async Task Run_job_refuses_a_period_that_has_not_ended_and_writes_nothing(string job, string asOf, string said)
    {
        await using var services = Services();
        var errors = new StringWriter();

        Assert.Equal(2, await RunJobVerb.RunAsync(services, [job, "--as-of", asOf], TextWriter.Null, errors));
        Assert.Contains(said, errors.ToString(), StringComparison.Ordinal);
        await using var cmd = db.DataSource.CreateCommand($"select count(*) from job_runs where job_name = '{job}' and as_of = '{asOf}'");
        Assert.Equal(0L, await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Verify_prints_each_check_with_its_count_and_fails_on_a_violation()
    {
        await using var services = Services();
        var dataSource = services.GetRequiredService<Npgsql.NpgsqlDataSource>();
        await new ArLedger.Seeding.Seeder(dataSource, new BusinessCalendar(Clock)).SeedDemoAsync();
        var clean = new StringWriter();

        var cleanExit = await Verbs.VerifyAsync(dataSource, clean);
        // A second statement audit event for one customer and period, as a repeated run item once wrote.
        await using (var cmd = dataSource.CreateCommand("""
            insert into audit_events (occurred_at, actor, action, entity_type, entity_id, customer_id, after)
            select now(), 'test', 'statement.emailed', 'Statement', '1', c.id, '{"periodKey":"2026-01"}'::jsonb
            from (select id from customers order by id limit 1) c cross join generate_series(1, 2)
            """))
            await cmd.ExecuteNonQueryAsync();
        var broken = new StringWriter();
        var brokenExit = await Verbs.VerifyAsync(dataSource, broken);

        Assert.Equal(0, cleanExit);
        Assert.Contains("0 violation(s) in", clean.ToString(), StringComparison.Ordinal);
        Assert.Matches(@"\s+0  balance = sum of entries", clean.ToString());
        Assert.Equal(1, brokenExit);
        Assert.Matches(@"\s+1  one statement email and one statement audit event per customer and period", broken.ToString());
    }

    [Fact]
    public async Task Verify_finds_a_kept_balance_off_its_entries_and_an_append_only_table_left_unguarded()
    {
        await using var services = Services();
        var dataSource = services.GetRequiredService<Npgsql.NpgsqlDataSource>();
        await new ArLedger.Seeding.Seeder(dataSource, new BusinessCalendar(Clock)).SeedDemoAsync();
        var clean = new StringWriter();
        await Verbs.VerifyAsync(dataSource, clean);

        // What a hand-made fix in the database would leave: a balance edited past its trigger, a guard switched off.
        await using (var cmd = dataSource.CreateCommand("""
            update customer_balances set balance = balance + 1 where customer_id = (select min(id) from customers);
            alter table allocations disable trigger allocations_append_only;
            """))
            await cmd.ExecuteNonQueryAsync();
        var broken = new StringWriter();
        var brokenExit = await Verbs.VerifyAsync(dataSource, broken);
        // The class's other tests share the database: it is put back as it was.
        await using (var cmd = dataSource.CreateCommand("""
            update customer_balances set balance = balance - 1 where customer_id = (select min(id) from customers);
            alter table allocations enable trigger allocations_append_only;
            """))
            await cmd.ExecuteNonQueryAsync();

        Assert.Matches(@"\s+0  kept balances \(customer_balances\) = a fresh sum", clean.ToString());
        Assert.Matches(@"\s+0  entries, allocations, archived documents and letters are append-only", clean.ToString());
        Assert.Matches(@"\s+0  one dunning letter per invoice and level", clean.ToString());
        Assert.Equal(1, brokenExit);
        Assert.Matches(@"\s+1  kept balances \(customer_balances\) = a fresh sum", broken.ToString());
        Assert.Contains("allocations: its append-only trigger allocations_append_only is missing or disabled", broken.ToString(), StringComparison.Ordinal);
    }
}
