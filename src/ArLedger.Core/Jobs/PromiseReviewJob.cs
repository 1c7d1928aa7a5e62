using System.Globalization;
using ArLedger.Promises;

namespace ArLedger.Jobs;

/// <summary>
/// Every morning, marks the promises to pay whose date has passed as kept or broken and refreshes payment plans'
/// status, so the worklist and dunning see them without anyone opening the customer. Running it twice is harmless:
/// a promise is decided once, and the run is keyed by its date.
/// </summary>
public sealed class PromiseReviewJob(RunEngine engine, PromiseReview review) : ScheduledJob
{
    public const string Name = "PromiseReview";

    public override async Task<JobRun?> RunAsync(JobRequest request, CancellationToken ct) =>
        await engine.RunOnceAsync(new RunRequest(Name, request.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), request.AsOf, request.RequestedBy),
            c => review.EvaluateAsync(request.AsOf, c), ct);
}
