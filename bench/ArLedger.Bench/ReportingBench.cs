using System.Diagnostics;
using System.Globalization;
using ArLedger.Aging;
using ArLedger.Documents;
using ArLedger.Jobs;
using ArLedger.Mail;
using ArLedger.Persistence;
using ArLedger.Statements;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

/// <summary>
/// Timed scenario on a seeded book (see bench/reporting.sh): the aging report beside one bare GROUP BY over the
/// same open items, in the same run.
/// </summary>
static class ReportingBench
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<int> AgingAsync(string connectionString, int repeat)
    {
        await using var services = Services(connectionString);
        var report = services.GetRequiredService<AgingReport>();
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var asOf in new[] { today, today.AddMonths(-3) })
        {
            var query = new AgingQuery(asOf, AgingBasis.DueDate, AgingBuckets.Standard);
            await report.ReadAsync(query); // warm-up
            var report_ = await TimeAsync(repeat, () => report.ReadAsync(query));
            var bare = await TimeAsync(repeat, async () =>
            {
                // The floor: one GROUP BY over the open items as they stand, no as-of rebuild, no buckets by date.
                await using var cmd = dataSource.CreateCommand("""
                    select customer_id, sum(amount - allocated_amount - written_off_amount)
                    from documents
                    where reversed_at is null and kind in ('Invoice', 'Fee', 'Interest') and amount - allocated_amount - written_off_amount <> 0
                    group by customer_id
                    """);
                await using var r = await cmd.ExecuteReaderAsync();
                while (await r.ReadAsync()) { }
            });
            Console.WriteLine(string.Create(Inv,
                $"aging as of {asOf:yyyy-MM-dd}: report median {report_:N0} ms; bare GROUP BY median {bare:N0} ms"));
        }
        return 0;
    }

    static async Task<double> TimeAsync(int repeat, Func<Task> work)
    {
        var times = new List<double>();
        for (var i = 0; i < repeat; i++)
        {
            var sw = Stopwatch.StartNew();
            await work();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }

    static ServiceProvider Services(string connectionString)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ArLedger"] = connectionString,
            ["Jobs:Enabled"] = "false",
            ["Company:Name"] = "ArLedger Bench SAS",
            ["Company:Iban"] = "FR76 3000 4000 0312 3456 7890 143",
            ["Company:Bic"] = "BNPAFRPPXXX",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddArLedgerData(connectionString);
        services.AddArLedgerDocuments(config);
        services.AddArLedgerMail(config);
        services.AddArLedgerStatements();
        services.AddArLedgerJobs(config);
        return services.BuildServiceProvider();
    }
}
