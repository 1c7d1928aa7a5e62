using ArLedger.Aging;

namespace ArLedger.Jobs;

/// <summary>
/// Stores the day's aging every evening and on the last day of the month, so managers can read the book as it was
/// known then, whatever is back-dated later. Running it twice is harmless: a date has one snapshot, and taking it
/// again finds it and changes nothing.
/// </summary>
public sealed class AgingSnapshotJob(AgingSnapshots snapshots) : ScheduledJob
{
    public const string Name = AgingSnapshots.JobName;

    public override async Task<JobRun?> RunAsync(JobRequest request, CancellationToken ct) =>
        await snapshots.TakeAsync(request.AsOf, request.RequestedBy, ct);
}
