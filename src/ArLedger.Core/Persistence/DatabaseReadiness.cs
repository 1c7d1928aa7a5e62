namespace ArLedger.Persistence;

/// <summary>
/// Whether the database is reachable and migrated. Ready unless the app, starting while PostgreSQL could not be
/// reached, said it is waiting; what needs the schema (the job schedules, pages) waits for it or answers 503.
/// </summary>
public sealed class DatabaseReadiness
{
    volatile TaskCompletionSource? waiting;

    public bool IsReady => waiting is null;

    public void Waiting() => waiting ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Ready()
    {
        var w = waiting;
        waiting = null;
        w?.TrySetResult();
    }

    public Task WhenReadyAsync(CancellationToken ct) => waiting?.Task.WaitAsync(ct) ?? Task.CompletedTask;
}
