using Microsoft.Extensions.Time.Testing;
using ArLedger.Documents;
using ArLedger.Jobs;
using ArLedger.Seeding;
using ArLedger.Statements;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArLedger.Core.Tests.Jobs;

/// <summary>An instance stops in the middle of the statements: another instance's workers finish them, each customer once.</summary>
public sealed class KilledRunTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 3, 16, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_run_killed_mid_way_resumes_on_another_instance_with_one_statement_per_customer()
    {
        await new Seeder(db.DataSource, new BusinessCalendar(Clock)).SeedDemoAsync();
        var month = new StatementMonth(2026, 1);
        long runId;
        using (var stop = new CancellationTokenSource())
        {
            // Instance A issues batches of 50 statements, two at a time, and stops while rendering: the batches it
            // had not written stay pending, and the claim it holds on the next batch is never given back, as when a
            // process is killed, so only its lease running out frees it.
            var stopping = new StopAfter(100, stop);
            await using var a = Statements.StatementScenario.Services(db, Clock, s => s.AddSingleton<IPdfRenderer>(sp => stopping.Wrap(sp)));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => a.GetRequiredService<IStatementRun>().RunAsync(month.To, "scheduler", stop.Token));
            runId = (await a.GetRequiredService<RunEngine>().FindAsync(StatementsJob.Name, month.Key))!.Id;
            await using var claim = db.DataSource.CreateCommand($"""
                update job_run_items set claimed_by = 'killed-instance', lease_until = '{Clock.GetUtcNow().AddMinutes(5):O}'
                where id in (select id from job_run_items where run_id = {runId} and status = 'Pending' order by id limit 50)
                """);
            await claim.ExecuteNonQueryAsync();
        }
        Assert.True(await db.DataSource.ScalarAsync($"select done from job_runs where id = {runId}") is 50 or 100);

        // Later, past the lease: instance B starts, and its sweep for open runs hands the run to its workers.
        Clock.Advance(TimeSpan.FromMinutes(6));
        await using (await JobsNode.StartAsync(db, Clock))
            await Eventually.TrueAsync(async () =>
                await db.DataSource.ScalarAsync($"select count(*) from job_runs where id = {runId} and status = 'Completed'") == 1
                && await db.DataSource.HangfireIdleAsync(), "the run finished by instance B");

        await using var services = Statements.StatementScenario.Services(db, Clock);
        await using var scope = services.CreateAsyncScope();
        var stated = await scope.ServiceProvider.GetRequiredService<StatementBuilder>().CustomersToStateAsync(month);
        await using var ctx = db.CreateContext();
        var perCustomer = await ctx.ArchivedDocuments.Where(d => d.PeriodKey == month.Key && d.Kind == ArchivedDocumentKind.Statement)
            .GroupBy(d => d.CustomerId).Select(g => g.Count()).ToListAsync();
        Assert.Equal(stated.Count, perCustomer.Count);
        Assert.All(perCustomer, n => Assert.Equal(1, n));
        var emails = await ctx.OutboxMessages.Where(m => m.CorrelationKey.StartsWith("statement:" + month.Key + ":"))
            .GroupBy(m => m.CustomerId).Select(g => g.Count()).ToListAsync();
        Assert.All(emails, n => Assert.Equal(1, n));
    }

    /// <summary>Renders <paramref name="n"/> documents, then stops the process's work.</summary>
    sealed class StopAfter(int n, CancellationTokenSource stop)
    {
        readonly int limit = n;
        readonly CancellationTokenSource source = stop;
        int rendered;

        public IPdfRenderer Wrap(IServiceProvider sp) => new Renderer(this, ActivatorUtilities.CreateInstance<ArLedger.Documents.PdfSharp.PdfSharpRenderer>(sp));

        sealed class Renderer(StopAfter owner, IPdfRenderer inner) : IPdfRenderer
        {
            public byte[] Render(DocumentContent content)
            {
                if (Interlocked.Increment(ref owner.rendered) <= owner.limit)
                    return inner.Render(content);
                owner.source.Cancel();
                throw new OperationCanceledException(owner.source.Token);
            }
        }
    }
}
