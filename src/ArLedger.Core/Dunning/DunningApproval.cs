using System.Security.Cryptography;
using ArLedger.Jobs;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArLedger.Dunning;

/// <summary>Where an approval run stands: the run, and of the letters it has done, how many went and how many were set aside and why.</summary>
public sealed record ApprovalProgress(JobRun Run, int Sent, int SetAside, IReadOnlyList<string> Reasons)
{
    public bool Going => Run.Status is RunStatus.Pending or RunStatus.Running;
}

/// <summary>
/// Approving many letters at once, as a run: the letters approved are recorded as the run's items when the clerk
/// approves, and are sent afterwards, one transaction each, by whichever instances process the run, with the
/// progress on the runs table. Sending a letter already sent changes nothing, so resuming the run, or two
/// instances sharing it, sends each letter once.
/// </summary>
public sealed class DunningApproval(RunEngine engine, IServiceScopeFactory scopes, ArLedgerDbContext db) : IResumableRun
{
    public const string Name = "DunningApproval";

    /// <summary>
    /// Up to this many letters are sent within the approving request: a few seconds even on a loaded machine. More
    /// become a run, as "approve all" on a first run of a large book proposes thousands of letters.
    /// </summary>
    public const int InlineLimit = 25;

    public string JobName => Name;

    /// <summary>
    /// Records the approval of the letters as a run and returns it without sending anything. The run is keyed by the
    /// as-of date and the letters, so approving the same letters twice (a second click) finds the same run. The
    /// caller gives only letters its approver may approve (<see cref="DunningReview.ApprovableAsync"/>): the run sends
    /// them as approved.
    /// </summary>
    public Task<JobRun> StartAsync(DateOnly asOf, IEnumerable<long> proposalIds, string requestedBy, CancellationToken ct = default)
    {
        var ids = proposalIds.Distinct().Order().ToArray();
        return engine.StartAsync(new RunRequest(Name, KeyOf(asOf, ids), asOf, requestedBy), _ => Task.FromResult<IReadOnlyList<long>>(ids), ct);
    }

    /// <summary>Sends what is left of the run's letters, sharing them with any other instance doing the same.</summary>
    public Task<JobRun> ProcessAsync(JobRun run, CancellationToken ct = default) =>
        engine.ProcessAsync(run.Id, (proposalId, c) => DunningLetters.SendInScopeAsync(scopes, proposalId, run.RequestedBy, approvedByManager: true, c), ct);

    public Task ResumeAsync(JobRun run, CancellationToken ct) => ProcessAsync(run, ct);

    /// <summary>The approval run with that id, and what became of its letters so far; null if there is none.</summary>
    public async Task<ApprovalProgress?> ProgressAsync(long runId, CancellationToken ct = default)
    {
        var run = await engine.FindAsync(runId, ct);
        if (run is null || run.JobName != Name)
            return null;
        var done = await (from i in db.Set<JobRunItem>()
                          where i.RunId == runId && i.Status == RunItemStatus.Done
                          join p in db.DunningProposals on i.ItemKey equals p.Id
                          group p by new { p.Status, p.ExcludedReason } into g
                          select new { g.Key.Status, g.Key.ExcludedReason, Count = g.Count() }).ToListAsync(ct);
        var setAside = done.Where(d => d.Status != ProposalStatus.Sent).ToList();
        return new ApprovalProgress(run, done.Where(d => d.Status == ProposalStatus.Sent).Sum(d => d.Count), setAside.Sum(d => d.Count),
            setAside.Select(d => d.ExcludedReason).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>The latest approval run of that date still sending, so a clerk who comes back sees where it is.</summary>
    public Task<long?> GoingAsync(DateOnly asOf, CancellationToken ct = default) =>
        db.Set<JobRun>().Where(r => r.JobName == Name && r.AsOf == asOf && (r.Status == RunStatus.Pending || r.Status == RunStatus.Running))
            .OrderByDescending(r => r.Id).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct);

    static string KeyOf(DateOnly asOf, long[] sortedIds)
    {
        var bytes = new byte[sortedIds.Length * sizeof(long)];
        Buffer.BlockCopy(sortedIds, 0, bytes, 0, bytes.Length);
        return $"{DunningRun.KeyOf(asOf)}/{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}";
    }
}
