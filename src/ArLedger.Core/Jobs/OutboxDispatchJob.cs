namespace ArLedger.Jobs;

/// <summary>
/// Sends queued mail every minute, so a statement or letter leaves shortly after the transaction that queued it.
/// Running it twice is harmless: the dispatcher claims each message under a lease and marks it sent, so a message
/// goes out once. It keeps no runs: each firing is a short sweep, not a period.
/// </summary>
public sealed class OutboxDispatchJob(IOutboxDispatch outbox) : ScheduledJob
{
    public const string Name = "OutboxDispatch";

    public override async Task<JobRun?> RunAsync(JobRequest request, CancellationToken ct)
    {
        await outbox.DispatchAsync(ct);
        return null;
    }
}
