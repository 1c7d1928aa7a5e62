using System.ComponentModel;
using ArLedger.Jobs;
using ArLedger.Web.Auth;

namespace ArLedger.Web.Api;

/// <summary>/api/v1/jobs: the Jobs page's runs and its "run as of a date" (<see cref="JobBoard"/>, so the same rules:
/// no period that has not ended), for managers' keys.</summary>
static class JobsApi
{
    const int RecentRuns = 100;

    public static void Map(RouteGroupBuilder api)
    {
        var jobs = api.MapGroup("/jobs").RequireApiKey(Policies.ApiManage);

        jobs.MapGet("/runs", async (string? job, JobBoard board, CancellationToken ct) =>
            job is not null && JobCatalog.Find(job) is null
                ? ApiResults.NotFound($"There is no job named {job}.")
                : Results.Ok((await board.RecentRunsAsync(RecentRuns, job, ct)).Select(RunResponse.From).ToList()))
            .WithDescription($"Newest first, the last {RecentRuns}; of one job with job (Dunning, Statements, AgingSnapshot...).")
            .Produces<List<RunResponse>>();

        jobs.MapPost("/{job}/runs", (string job, RunRequest? body, JobBoard board, HttpContext http) =>
        {
            if (board.Request(job, body?.AsOf, http.User.Identity?.Name ?? "api") is { } refusal)
                return ApiResults.Problem(refusal, notFoundStatus: StatusCodes.Status404NotFound);
            var found = JobCatalog.Find(job)!;
            var key = board.RunKeyOf(found.Name, body?.AsOf);
            var location = found.HasPeriods ? $"/api/v1/jobs/{found.Name}/runs/{key}" : $"/api/v1/jobs/runs?job={found.Name}";
            return Results.Accepted(location, new RunRequested(found.Name, found.HasPeriods ? key : null, location));
        })
            .WithDescription("Queues the run for a worker; follow the Location until its status is Completed or Failed. Running a period again resumes its run.")
            .Produces<RunRequested>(StatusCodes.Status202Accepted);

        jobs.MapGet("/{job}/runs/{runKey}", async (string job, string runKey, JobBoard board, CancellationToken ct) =>
            await board.RunAsync(job, runKey, ct) is { } run
                ? Results.Ok(RunResponse.From(run))
                : ApiResults.NotFound($"No run of {job} for {runKey} has started."))
            .WithDescription("404 until a worker has started the run.")
            .Produces<RunResponse>();
    }
}

public sealed record RunRequest(
    [property: Description("The day the run is as of (a statement run: the month that ends on or before it); today when not given. Not after today.")]
    DateOnly? AsOf = null);

public sealed record RunRequested(string Job, string? RunKey, string Link);

/// <summary>A run of a job for one period, with its progress.</summary>
public sealed record RunResponse(long Id, string Job, string RunKey, DateOnly AsOf, RunStatus Status, int Total, int Done, int Failed,
    string? Error, string RequestedBy, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt)
{
    public static RunResponse From(JobRun r) => new(r.Id, r.JobName, r.RunKey, r.AsOf, r.Status, r.Total, r.Done, r.Failed, r.Error,
        r.RequestedBy, r.StartedAt, r.FinishedAt);
}
