using ArLedger.Core.Tests.Documents;
using ArLedger.Documents;
using ArLedger.Dunning;
using ArLedger.Jobs;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ArLedger.Core.Tests.Dunning;

/// <summary>Approving many letters is a run: recorded at once, sent afterwards, resumable and shared, each letter sent once.</summary>
public sealed class ApprovalRunTests : IAsyncLifetime
{
    const int Letters = DunningApproval.InlineLimit + 15;
    readonly TestDatabase db = new();
    static readonly DateOnly Monday = new(2026, 3, 9);
    readonly FakeTimeProvider clock = new(new DateTimeOffset(Monday.ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero));

    public Task InitializeAsync() => db.InitializeAsync();
    public Task DisposeAsync() => db.DisposeAsync();

    /// <summary>More late customers than a request approves inline, each with a first letter waiting for approval.</summary>
    static async Task<IReadOnlyList<long>> LettersWaitingAsync(DunningScenario s)
    {
        for (var i = 1; i <= Letters; i++)
        {
            await s.CustomerAsync($"AR{i:00}");
            await s.InvoiceAsync($"AR{i:00}", 100m + i, Monday.AddDays(-40));
        }
        await s.ExecAsync($"update dunning_levels set needs_approval = true");
        await s.RunAsync();
        var waiting = await s.WithAsync(sp => sp.GetRequiredService<DunningReview>().WaitingAsync(Monday));
        Assert.Equal(Letters, waiting.Count);
        return waiting;
    }

    static Task<JobRun> StartAsync(DunningScenario s, IReadOnlyList<long> ids) =>
        s.WithAsync(sp => sp.GetRequiredService<DunningApproval>().StartAsync(Monday, ids, "manager"));

    static Task<JobRun> ProcessAsync(DunningScenario s, JobRun run) =>
        s.WithAsync(sp => sp.GetRequiredService<DunningApproval>().ProcessAsync(run));

    async Task AssertEachLetterSentOnceAsync()
    {
        await using var ctx = db.CreateContext();
        Assert.Equal(Letters, await ctx.DunningProposals.CountAsync(p => p.AsOf == Monday && p.Status == ProposalStatus.Sent));
        Assert.All(await ctx.DunningNotices.GroupBy(n => n.CustomerId).Select(g => g.Count()).ToListAsync(), n => Assert.Equal(1, n));
        Assert.Equal(Letters, await ctx.DunningNotices.Select(n => n.CustomerId).Distinct().CountAsync());
        Assert.Equal(Letters, await ctx.ArchivedDocuments.CountAsync(d => d.Kind == ArchivedDocumentKind.DunningLetter));
        Assert.Equal(Letters, await ctx.OutboxMessages.CountAsync(m => m.CorrelationKey.StartsWith("dunning:")));
        Assert.Equal(Letters, await ctx.AuditEvents.CountAsync(e => e.Action == "dunning.letter"));
    }

    [Fact]
    public async Task An_approval_run_sends_each_letter_once_sets_aside_one_excluded_meanwhile_and_approving_again_finds_the_same_run()
    {
        await using var s = new DunningScenario(db, clock);
        var waiting = await LettersWaitingAsync(s);

        var started = await StartAsync(s, waiting);
        // Recorded, nothing sent yet: the request that approves answers at once.
        Assert.Equal((RunStatus.Running, Letters, 0), (started.Status, started.Total, started.Done));
        Assert.Empty(await s.SentAsync(Monday));
        // Another clerk takes a customer out while the letters are going.
        var last = waiting[^1];
        var customerId = await s.WithAsync(sp => sp.GetRequiredService<ArLedger.Persistence.ArLedgerDbContext>().DunningProposals
            .Where(p => p.Id == last).Select(p => p.CustomerId).SingleAsync());
        Assert.True((await s.WithAsync(sp => sp.GetRequiredService<DunningReview>().ExcludeCustomerAsync(Monday, customerId, "Accord en cours"))).Succeeded);

        var finished = await ProcessAsync(s, started);
        var again = await StartAsync(s, waiting.Reverse().ToList());
        await ProcessAsync(s, again);

        Assert.Equal((RunStatus.Completed, Letters), (finished.Status, finished.Done));
        Assert.Equal(started.Id, again.Id);
        var progress = (await s.WithAsync(sp => sp.GetRequiredService<DunningApproval>().ProgressAsync(started.Id)))!;
        Assert.False(progress.Going);
        Assert.Equal((Letters - 1, 1), (progress.Sent, progress.SetAside));
        Assert.Equal(["Accord en cours"], progress.Reasons);
        Assert.Equal(Letters - 1, (await s.SentAsync(Monday)).Count);
        await using var ctx = db.CreateContext();
        Assert.Equal(Letters - 1, await ctx.DunningNotices.CountAsync());
        Assert.Equal(Letters - 1, await ctx.OutboxMessages.CountAsync());
    }

    [Fact]
    public async Task An_approval_run_that_dies_mid_way_resumes_without_sending_a_letter_twice()
    {
        var failing = new FailingAfter(12);
        IReadOnlyList<long> waiting;
        JobRun first;
        await using (var crashing = new DunningScenario(db, clock, s => s.AddSingleton<IPdfRenderer>(sp => failing.Wrap(sp))))
        {
            waiting = await LettersWaitingAsync(crashing);
            first = await ProcessAsync(crashing, await StartAsync(crashing, waiting));
        }
        Assert.Equal((RunStatus.Failed, 12), (first.Status, first.Done));

        await using var s = new DunningScenario(db, clock);
        var resumed = await ProcessAsync(s, await StartAsync(s, waiting));

        Assert.Equal((first.Id, RunStatus.Completed, Letters, 0), (resumed.Id, resumed.Status, resumed.Done, resumed.Failed));
        await AssertEachLetterSentOnceAsync();
        Assert.Empty(await s.Book.InvariantViolationsAsync());
    }

    [Fact]
    public async Task Two_instances_sharing_an_approval_run_send_each_letter_once()
    {
        // Small batches, so both instances get a share of the letters.
        static void SmallBatches(IServiceCollection services) => services.AddSingleton(sp =>
            new RunEngine(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>()) { BatchSize = 3 });
        await using var requesting = new DunningScenario(db, clock);
        var started = await StartAsync(requesting, await LettersWaitingAsync(requesting));

        await using var b = new DunningScenario(db, clock, SmallBatches);
        await using var c = new DunningScenario(db, clock, SmallBatches);
        var joined = await Task.WhenAll(
            Task.Run(() => b.WithAsync(sp => sp.GetRequiredService<RunSharing>().JoinAsync(started.Id, CancellationToken.None))),
            Task.Run(() => c.WithAsync(sp => sp.GetRequiredService<RunSharing>().JoinAsync(started.Id, CancellationToken.None))));

        Assert.Equal([true, true], joined);
        var finished = await requesting.WithAsync(sp => sp.GetRequiredService<RunEngine>().FindAsync(started.Id));
        Assert.Equal((RunStatus.Completed, Letters, 0), (finished!.Status, finished.Done, finished.Failed));
        await AssertEachLetterSentOnceAsync();
    }
}
