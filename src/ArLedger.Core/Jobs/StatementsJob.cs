namespace ArLedger.Jobs;

/// <summary>
/// The monthly statements, on the 1st, for the month of the as-of date. It exists because customers expect their
/// statement every month without a clerk starting it. Running it twice is harmless: the run is keyed by the month,
/// each customer is an item done once, and the statement archive is unique per customer and period.
/// </summary>
public sealed class StatementsJob(IStatementRun statements) : ScheduledJob
{
    public const string Name = "Statements";

    public override async Task<JobRun?> RunAsync(JobRequest request, CancellationToken ct) =>
        await statements.RunAsync(request.AsOf, request.RequestedBy, ct);
}
