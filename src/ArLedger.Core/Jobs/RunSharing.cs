using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ArLedger.Jobs;

/// <summary>
/// Finds the runs that still have items nobody holds and processes what is left of one: the statements of 20,000
/// customers are shared by every instance's workers, and the items of an instance that died are taken over when
/// their lease runs out. <see cref="JobRunner"/> calls it from Hangfire jobs.
/// </summary>
public sealed class RunSharing(NpgsqlDataSource db, IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>The runs going with items unclaimed or whose lease ran out.</summary>
    public async Task<IReadOnlyList<long>> OpenRunsAsync(CancellationToken ct)
    {
        var open = new List<long>();
        await using var cmd = db.CreateCommand("""
            select r.id from job_runs r
            where r.status = 'Running'
              and exists (select 1 from job_run_items i
                          where i.run_id = r.id and i.status = 'Pending' and (i.lease_until is null or i.lease_until < $1))
            order by r.id
            """);
        cmd.Parameters.AddWithValue(clock.GetUtcNow());
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            open.Add(r.GetInt64(0));
        return open;
    }

    /// <summary>Takes a share of every open run here; returns how many runs it joined.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var joined = 0;
        foreach (var id in await OpenRunsAsync(ct))
        {
            if (await JoinAsync(id, ct))
                joined++;
        }
        return joined;
    }

    /// <summary>Processes what is left of one run through its job's <see cref="IResumableRun"/>; false if no job here resumes it.</summary>
    public async Task<bool> JoinAsync(long runId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var engine = scope.ServiceProvider.GetRequiredService<RunEngine>();
        var run = await engine.FindAsync(runId, ct);
        var resumable = scope.ServiceProvider.GetServices<IResumableRun>().FirstOrDefault(x => x.JobName == run?.JobName);
        if (run is null || resumable is null)
            return false;
        await resumable.ResumeAsync(run, ct);
        return true;
    }
}
