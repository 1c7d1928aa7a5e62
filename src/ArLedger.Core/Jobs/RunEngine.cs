using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace ArLedger.Jobs;

/// <summary>What a run is: which job, for which period, as of which date, asked for by whom.</summary>
public sealed record RunRequest(string JobName, string RunKey, DateOnly AsOf, string RequestedBy);

/// <summary>
/// Runs a job's period once, however often it is started and on however many instances. The run row is
/// created once per (job, key); its items are listed once; then each instance that processes the run claims
/// batches of pending items with <c>FOR UPDATE SKIP LOCKED</c> and a lease, so instances share the work and a
/// crashed instance's items go to another when the lease runs out. Starting the key again resumes it: items
/// already done are skipped, failed ones are tried again.
/// <para>
/// An item is marked done right after its work returns, not in the same transaction. A crash between the two
/// hands the item out again, so the work must be idempotent per item (a unique key per customer and period
/// on what it writes), as invariant 6 asks of every job anyway.
/// </para>
/// </summary>
public sealed class RunEngine(NpgsqlDataSource db, TimeProvider clock, ILogger<RunEngine>? logger = null)
{
    readonly ILogger log = logger ?? NullLogger<RunEngine>.Instance;

    /// <summary>Names this engine in claims; unique per instance so that two engines in one process are two claimants.</summary>
    public string Node { get; init; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";
    public int BatchSize { get; init; } = 50;
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>
    /// Called once a run's items are listed, with its id and number of batches, when there is more than one: the
    /// app hands the other batches to every instance's workers; tests leave it unset and share runs themselves.
    /// </summary>
    public Action<long, int>? Share { get; init; }

    /// <summary>Creates the run once and processes it: the whole of a job's run in one call.</summary>
    public async Task<JobRun> RunAsync(RunRequest request, Func<CancellationToken, Task<IReadOnlyList<long>>> listItems,
        Func<long, CancellationToken, Task> work, CancellationToken ct = default)
    {
        var run = await StartAsync(request, listItems, ct);
        return await ProcessAsync(run.Id, work, ct);
    }

    /// <summary>A run whose work is one indivisible step (a snapshot taken in one statement).</summary>
    public Task<JobRun> RunOnceAsync(RunRequest request, Func<CancellationToken, Task> work, CancellationToken ct = default) =>
        RunAsync(request, _ => Task.FromResult<IReadOnlyList<long>>([0]), (_, c) => work(c), ct);

    /// <summary>
    /// Returns the run of (job, key), creating it and listing its items if it does not exist yet. Concurrent
    /// callers wait on the run's row lock, so the items are listed exactly once. A failed run is reopened.
    /// </summary>
    public async Task<JobRun> StartAsync(RunRequest request, Func<CancellationToken, Task<IReadOnlyList<long>>> listItems, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        await ExecAsync(conn, tx, """
            insert into job_runs (job_name, run_key, as_of, status, requested_by, started_at)
            values ($1, $2, $3, 'Pending', $4, $5)
            on conflict (job_name, run_key) do nothing
            """, ct, request.JobName, request.RunKey, request.AsOf, request.RequestedBy, now);
        var (id, status) = await ReadIdAndStatusAsync(conn, tx, request, ct);

        if (status == RunStatus.Pending)
        {
            var items = await listItems(ct);
            await ExecAsync(conn, tx, """
                insert into job_run_items (run_id, item_key, status)
                select $1, k, 'Pending' from unnest($2::bigint[]) k
                on conflict (run_id, item_key) do nothing
                """, ct, id, items.Distinct().ToArray());
            await ExecAsync(conn, tx, """
                update job_runs set status = case when t.n = 0 then 'Completed' else 'Running' end,
                                    total = t.n, finished_at = case when t.n = 0 then $2 end
                from (select count(*)::int as n from job_run_items where run_id = $1) t
                where id = $1
                """, ct, id, now);
        }
        else if (status == RunStatus.Failed)
        {
            await ExecAsync(conn, tx, "update job_run_items set status = 'Pending', error = null where run_id = $1 and status = 'Failed'", ct, id);
            await ExecAsync(conn, tx, "update job_runs set status = 'Running', failed = 0, error = null, finished_at = null where id = $1", ct, id);
            log.LogInformation("Resuming failed run {Job} {Key}", request.JobName, request.RunKey);
        }
        await tx.CommitAsync(ct);
        var run = (await FindAsync(id, ct))!;
        var batches = (run.Total - run.Done + BatchSize - 1) / BatchSize;
        if (status is RunStatus.Pending or RunStatus.Failed && run.Status == RunStatus.Running && batches > 1)
            Share?.Invoke(run.Id, batches);
        return run;
    }

    /// <summary>
    /// Processes pending items of the run in batches until none is left to claim, then completes the run if
    /// no item is pending anywhere. A failing item is recorded and the others go on; cancellation stops at once
    /// and hands back the items this engine had claimed but not finished.
    /// </summary>
    public async Task<JobRun> ProcessAsync(long runId, Func<long, CancellationToken, Task> work, CancellationToken ct = default)
    {
        while (true)
        {
            var batch = await ClaimAsync(runId, ct);
            if (batch.Count == 0)
                break;
            var leaseFrom = clock.GetUtcNow();
            for (var i = 0; i < batch.Count; i++)
            {
                var (itemId, key) = batch[i];
                try
                {
                    ct.ThrowIfCancellationRequested();
                    if (clock.GetUtcNow() - leaseFrom > Lease / 2)
                        leaseFrom = await RenewAsync(batch.Skip(i).Select(b => b.Id).ToArray(), ct);
                    await work(key, ct);
                    await MarkDoneAsync([itemId]);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    await ReleaseAsync(batch.Skip(i).Select(b => b.Id).ToArray());
                    throw;
                }
                catch (Exception e)
                {
                    log.LogWarning(e, "Item {Key} of run {Run} failed", key, runId);
                    await MarkFailedAsync(itemId, e.Message, ct);
                }
            }
        }
        await CompleteIfFinishedAsync(runId, ct);
        return (await FindAsync(runId, ct))!;
    }

    /// <summary>
    /// Processes the run like <see cref="ProcessAsync"/>, but hands each claimed batch to the work whole, so that it
    /// can read and write many items in a few round trips. The work returns the items that failed, with why; the
    /// others are marked done together. Work that throws fails the whole batch. With <paramref name="side"/> above
    /// one, that many loops claim batches side by side, so that one batch's database round trips overlap another's
    /// CPU work.
    /// </summary>
    public async Task<JobRun> ProcessBatchesAsync(long runId,
        Func<IReadOnlyList<long>, CancellationToken, Task<IReadOnlyDictionary<long, string>>> work, int side = 1, CancellationToken ct = default)
    {
        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, side)).Select(_ => ClaimAndProcessAsync(runId, work, ct)));
        await CompleteIfFinishedAsync(runId, ct);
        return (await FindAsync(runId, ct))!;
    }

    async Task ClaimAndProcessAsync(long runId, Func<IReadOnlyList<long>, CancellationToken, Task<IReadOnlyDictionary<long, string>>> work,
        CancellationToken ct)
    {
        while (true)
        {
            var batch = await ClaimAsync(runId, ct);
            if (batch.Count == 0)
                break;
            IReadOnlyDictionary<long, string> failed;
            try
            {
                failed = await work([.. batch.Select(b => b.Key)], ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                await ReleaseAsync([.. batch.Select(b => b.Id)]);
                throw;
            }
            catch (Exception e)
            {
                log.LogWarning(e, "A batch of run {Run} failed", runId);
                failed = batch.ToDictionary(b => b.Key, _ => e.Message);
            }
            await MarkDoneAsync([.. batch.Where(b => !failed.ContainsKey(b.Key)).Select(b => b.Id)]);
            foreach (var (id, key) in batch.Where(b => failed.ContainsKey(b.Key)))
                await MarkFailedAsync(id, failed[key], ct);
        }
    }

    public async Task<JobRun?> FindAsync(long runId, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"{SelectRun} where id = $1");
        cmd.Parameters.AddWithValue(runId);
        return await ReadRunAsync(cmd, ct);
    }

    /// <summary>The run of a job for a period, if there is one.</summary>
    public async Task<JobRun?> FindAsync(string jobName, string runKey, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"{SelectRun} where job_name = $1 and run_key = $2");
        cmd.Parameters.AddWithValue(jobName);
        cmd.Parameters.AddWithValue(runKey);
        return await ReadRunAsync(cmd, ct);
    }

    const string SelectRun = "select id, job_name, run_key, as_of, status, total, done, failed, error, requested_by, started_at, finished_at from job_runs";

    static async Task<JobRun?> ReadRunAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct))
            return null;
        return new JobRun
        {
            Id = r.GetInt64(0),
            JobName = r.GetString(1),
            RunKey = r.GetString(2),
            AsOf = r.GetFieldValue<DateOnly>(3),
            Status = Enum.Parse<RunStatus>(r.GetString(4)),
            Total = r.GetInt32(5),
            Done = r.GetInt32(6),
            Failed = r.GetInt32(7),
            Error = r.IsDBNull(8) ? null : r.GetString(8),
            RequestedBy = r.GetString(9),
            StartedAt = r.GetFieldValue<DateTimeOffset>(10),
            FinishedAt = r.IsDBNull(11) ? null : r.GetFieldValue<DateTimeOffset>(11),
        };
    }

    async Task<List<(long Id, long Key)>> ClaimAsync(long runId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var cmd = db.CreateCommand("""
            update job_run_items i set claimed_by = $2, lease_until = $3, attempts = i.attempts + 1
            where i.id in (select id from job_run_items
                           where run_id = $1 and status = 'Pending' and (lease_until is null or lease_until < $4)
                           order by id limit $5
                           for update skip locked)
            returning i.id, i.item_key
            """);
        cmd.Parameters.AddWithValue(runId);
        cmd.Parameters.AddWithValue(Node);
        cmd.Parameters.AddWithValue(now + Lease);
        cmd.Parameters.AddWithValue(now);
        cmd.Parameters.AddWithValue(BatchSize);
        var batch = new List<(long, long)>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
                batch.Add((r.GetInt64(0), r.GetInt64(1)));
        }
        batch.Sort();
        return batch;
    }

    async Task<DateTimeOffset> RenewAsync(long[] itemIds, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await ExecAsync("update job_run_items set lease_until = $2 where id = any($1) and claimed_by = $3 and status = 'Pending'",
            ct, itemIds, now + Lease, Node);
        return now;
    }

    // Counts each item once even if a lease ran out and another instance finished it first. Not cancellable:
    // the work is done, and losing the mark would only make another instance do it again.
    Task MarkDoneAsync(long[] itemIds) => itemIds.Length == 0 ? Task.CompletedTask : ExecAsync("""
        with d as (update job_run_items set status = 'Done', done_at = $3, claimed_by = null, lease_until = null
                   where id = any($1) and status = 'Pending' and claimed_by = $2
                   returning run_id)
        update job_runs r set done = r.done + n.count from (select run_id, count(*)::int as count from d group by run_id) n
        where r.id = n.run_id
        """, CancellationToken.None, itemIds, Node, clock.GetUtcNow());

    Task MarkFailedAsync(long itemId, string error, CancellationToken ct) => ExecAsync("""
        with f as (update job_run_items set status = 'Failed', error = $3, claimed_by = null, lease_until = null
                   where id = $1 and status = 'Pending' and claimed_by = $2
                   returning run_id)
        update job_runs r set failed = r.failed + 1 from f where r.id = f.run_id
        """, ct, itemId, Node, error);

    Task ReleaseAsync(long[] itemIds) => ExecAsync(
        "update job_run_items set claimed_by = null, lease_until = null where id = any($1) and claimed_by = $2 and status = 'Pending'",
        CancellationToken.None, itemIds, Node);

    // Whichever instance finds nothing pending closes the run; the status condition makes that happen once.
    Task CompleteIfFinishedAsync(long runId, CancellationToken ct) => ExecAsync("""
        update job_runs r
        set status = case when r.failed = 0 then 'Completed' else 'Failed' end,
            finished_at = $2,
            error = case when r.failed = 0 then null
                         else r.failed || ' of ' || r.total || ' items failed; first: ' ||
                              (select i.error from job_run_items i where i.run_id = r.id and i.status = 'Failed' order by i.id limit 1) end
        where r.id = $1 and r.status = 'Running'
          and not exists (select 1 from job_run_items i where i.run_id = r.id and i.status = 'Pending')
        """, ct, runId, clock.GetUtcNow());

    static async Task<(long, RunStatus)> ReadIdAndStatusAsync(NpgsqlConnection conn, NpgsqlTransaction tx, RunRequest request, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select id, status from job_runs where job_name = $1 and run_key = $2 for update", conn, tx);
        cmd.Parameters.AddWithValue(request.JobName);
        cmd.Parameters.AddWithValue(request.RunKey);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return (r.GetInt64(0), Enum.Parse<RunStatus>(r.GetString(1)));
    }

    async Task ExecAsync(string sql, CancellationToken ct, params object[] args)
    {
        await using var cmd = db.CreateCommand(sql);
        AddAll(cmd, args);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    static async Task ExecAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct, params object[] args)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        AddAll(cmd, args);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    static void AddAll(NpgsqlCommand cmd, object[] args)
    {
        foreach (var a in args)
        {
            if (a is long[] ids)
                cmd.Parameters.Add(new NpgsqlParameter { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
            else
                cmd.Parameters.AddWithValue(a);
        }
    }
}
