namespace ArLedger.Jobs;

/// <summary>
/// Monday morning's dunning run: which late customers get which letter. It exists so nobody has to remember to
/// start it. Running it twice is harmless: the run is keyed by its as-of date, so a second firing resumes or
/// finds the completed run and writes no second letter.
/// </summary>
public sealed class DunningJob(IDunningRun dunning) : ScheduledJob
{
    public const string Name = "Dunning";

    public override async Task<JobRun?> RunAsync(JobRequest request, CancellationToken ct) =>
        await dunning.RunAsync(request.AsOf, request.RequestedBy, ct);
}
