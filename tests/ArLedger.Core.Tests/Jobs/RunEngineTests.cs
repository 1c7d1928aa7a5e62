using Microsoft.Extensions.Time.Testing;
using ArLedger.Jobs;
using ArLedger.Testing;
using Npgsql;

namespace ArLedger.Core.Tests.Jobs;

/// <summary>
/// Invariant 6 for every job built on the engine: a run is created once per key, resuming it does only what is
/// left, and instances sharing it never do an item twice. Each item's work writes a row to work_done, so "exactly
/// once" is counted in the database, not in memory.
/// </summary>
public sealed class RunEngineTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    readonly FakeTimeProvider clock = new(TestTime.Start);

    public async Task InitializeAsync()
    {
        await using var cmd = db.DataSource.CreateCommand("create table if not exists work_done (run_key text not null, item bigint not null, node text not null)");
        await cmd.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    RunEngine Engine(string node, int batchSize = 10) => new(db.DataSource, clock) { Node = node, BatchSize = batchSize };

    static RunRequest Request(string key) => new("Test", key, new DateOnly(2026, 3, 31), "test");

    static Func<CancellationToken, Task<IReadOnlyList<long>>> Items(int count, Action? listed = null) => _ =>
    {
        listed?.Invoke();
        return Task.FromResult<IReadOnlyList<long>>(Enumerable.Range(1, count).Select(i => (long)i).ToList());
    };

    Func<long, CancellationToken, Task> Work(string key, string node) => async (item, ct) =>
    {
        await using var cmd = db.DataSource.CreateCommand("insert into work_done (run_key, item, node) values ($1, $2, $3)");
        cmd.Parameters.AddWithValue(key);
        cmd.Parameters.AddWithValue(item);
        cmd.Parameters.AddWithValue(node);
        await cmd.ExecuteNonQueryAsync(ct);
    };

    async Task<Dictionary<long, int>> TimesDoneAsync(string key)
    {
        await using var cmd = db.DataSource.CreateCommand("select item, count(*)::int from work_done where run_key = $1 group by item");
        cmd.Parameters.AddWithValue(key);
        var done = new Dictionary<long, int>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
            done[r.GetInt64(0)] = r.GetInt32(1);
        return done;
    }

    static void AssertEachItemOnce(Dictionary<long, int> done, int count)
    {
        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), done.Keys.Order());
        Assert.All(done, d => Assert.Equal(1, d.Value));
    }

    [Fact]
    public async Task A_run_stopped_after_some_items_and_started_again_does_each_item_exactly_once()
    {
        const string key = "crash";
        var listed = 0;
        var engine = Engine("node-a");
        using var crash = new CancellationTokenSource();
        var started = 0;
        var work = Work(key, "node-a");

        // The 38th item "crashes" the process before doing anything.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => engine.RunAsync(Request(key), Items(100, () => listed++), async (item, ct) =>
        {
            if (++started == 38)
            {
                await crash.CancelAsync();
                ct.ThrowIfCancellationRequested();
            }
            await work(item, ct);
        }, crash.Token));

        var stopped = await engine.StartAsync(Request(key), Items(100, () => listed++));
        Assert.Equal(RunStatus.Running, stopped.Status);
        Assert.Equal(37, stopped.Done);

        var resumed = await Engine("node-b").RunAsync(Request(key), Items(100, () => listed++), Work(key, "node-b"));

        Assert.Equal(1, listed);
        Assert.Equal(RunStatus.Completed, resumed.Status);
        Assert.Equal(100, resumed.Total);
        Assert.Equal(100, resumed.Done);
        Assert.NotNull(resumed.FinishedAt);
        AssertEachItemOnce(await TimesDoneAsync(key), 100);
    }

    [Fact]
    public async Task A_failed_item_fails_the_run_and_running_the_key_again_retries_only_that_item()
    {
        const string key = "fail";
        var failOnce = true;
        var work = Work(key, "node-a");
        var failed = await Engine("node-a").RunAsync(Request(key), Items(30), async (item, ct) =>
        {
            if (item == 7 && failOnce)
            {
                failOnce = false;
                throw new InvalidOperationException("customer 7 has no address");
            }
            await work(item, ct);
        });

        Assert.Equal(RunStatus.Failed, failed.Status);
        Assert.Equal((29, 1), (failed.Done, failed.Failed));
        Assert.Contains("customer 7 has no address", failed.Error, StringComparison.Ordinal);

        var again = await Engine("node-a").RunAsync(Request(key), Items(30), work);

        Assert.Equal(RunStatus.Completed, again.Status);
        Assert.Equal((30, 30, 0), (again.Total, again.Done, again.Failed));
        Assert.Null(again.Error);
        AssertEachItemOnce(await TimesDoneAsync(key), 30);
    }

    [Fact]
    public async Task A_run_processed_in_whole_batches_marks_the_items_the_work_names_failed_and_the_others_done()
    {
        const string key = "batches";
        var engine = Engine("node-a");
        var work = Work(key, "node-a");
        var sizes = new List<int>();
        var run = await engine.StartAsync(Request(key), Items(25));
        var processed = await engine.ProcessBatchesAsync(run.Id, async (items, ct) =>
        {
            sizes.Add(items.Count);
            foreach (var item in items.Where(i => i != 12))
                await work(item, ct);
            return items.Contains(12) ? new Dictionary<long, string> { [12] = "customer 12 has no address" } : new Dictionary<long, string>();
        });

        Assert.Equal([10, 10, 5], sizes);
        Assert.Equal(RunStatus.Failed, processed.Status);
        Assert.Equal((25, 24, 1), (processed.Total, processed.Done, processed.Failed));
        Assert.Contains("customer 12 has no address", processed.Error, StringComparison.Ordinal);

        // A batch whose work throws fails every item in it; started again, only the failed items are handed out.
        var retried = new List<long>();
        await engine.StartAsync(Request(key), Items(25));
        var again = await engine.ProcessBatchesAsync(run.Id, async (items, ct) =>
        {
            retried.AddRange(items);
            foreach (var item in items)
                await work(item, ct);
            return new Dictionary<long, string>();
        });
        Assert.Equal([12], retried);
        Assert.Equal((RunStatus.Completed, 25, 0), (again.Status, again.Done, again.Failed));
        AssertEachItemOnce(await TimesDoneAsync(key), 25);
    }

    [Fact]
    public async Task Two_engines_running_the_same_key_at_once_list_it_once_and_do_each_item_once()
    {
        const string key = "shared";
        var listed = 0;
        Func<long, CancellationToken, Task> Slow(string node) => async (item, ct) =>
        {
            // Yield so the two engines interleave their claims instead of one finishing first.
            await Task.Yield();
            ct.ThrowIfCancellationRequested();
            await Work(key, node)(item, ct);
        };

        var runs = await Task.WhenAll(
            Task.Run(() => Engine("node-a", 7).RunAsync(Request(key), Items(400, () => Interlocked.Increment(ref listed)), Slow("node-a"))),
            Task.Run(() => Engine("node-b", 7).RunAsync(Request(key), Items(400, () => Interlocked.Increment(ref listed)), Slow("node-b"))));

        Assert.Equal(1, listed);
        Assert.Equal(runs[0].Id, runs[1].Id);
        AssertEachItemOnce(await TimesDoneAsync(key), 400);
        var run = await Engine("any").FindAsync(runs[0].Id);
        Assert.Equal((RunStatus.Completed, 400, 400), (run!.Status, run.Total, run.Done));
        await using var cmd = db.DataSource.CreateCommand("select count(distinct node) from work_done where run_key = 'shared'");
        Assert.Equal(2L, await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Items_claimed_by_an_instance_that_died_are_taken_over_once_its_lease_runs_out()
    {
        const string key = "lease";
        var engine = Engine("node-b");
        var run = await engine.StartAsync(Request(key), Items(20));
        // node-a claimed five items, then its process died.
        await using (var cmd = db.DataSource.CreateCommand(
            "update job_run_items set claimed_by = 'node-a', lease_until = $2 where run_id = $1 and item_key <= 5"))
        {
            cmd.Parameters.AddWithValue(run.Id);
            cmd.Parameters.AddWithValue(clock.GetUtcNow().AddMinutes(5));
            await cmd.ExecuteNonQueryAsync();
        }

        var meanwhile = await engine.ProcessAsync(run.Id, Work(key, "node-b"));
        Assert.Equal((RunStatus.Running, 15), (meanwhile.Status, meanwhile.Done));

        clock.Advance(TimeSpan.FromMinutes(6));
        var after = await engine.ProcessAsync(run.Id, Work(key, "node-b"));

        Assert.Equal((RunStatus.Completed, 20), (after.Status, after.Done));
        AssertEachItemOnce(await TimesDoneAsync(key), 20);
    }

    [Fact]
    public async Task A_run_with_nothing_to_do_completes_at_once_and_stays_completed()
    {
        var empty = await Engine("node-a").RunAsync(Request("empty"), Items(0), (_, _) => throw new InvalidOperationException("no item"));
        var again = await Engine("node-a").RunAsync(Request("empty"), Items(5), (_, _) => throw new InvalidOperationException("not listed again"));

        Assert.Equal((RunStatus.Completed, 0, 0), (empty.Status, empty.Total, empty.Done));
        Assert.Equal((empty.Id, RunStatus.Completed, 0), (again.Id, again.Status, again.Total));
    }
}
