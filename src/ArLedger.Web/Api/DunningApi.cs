using ArLedger.Dunning;
using ArLedger.Jobs;
using ArLedger.Persistence;
using ArLedger.Web.Auth;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Web.Api;

/// <summary>/api/v1/dunning: a run's proposals as the review page shows them (<see cref="DunningReview"/>), their
/// approval under the page's rules (<see cref="ApproveLetters"/>), and the dunning policy for managers' keys
/// (<see cref="DunningPolicy"/>).</summary>
static class DunningApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/dunning/runs/{asOf}", async (DateOnly asOf, int? page, DunningReview review, CancellationToken ct) =>
        {
            if (page is < 1)
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["page"] = ["From 1."] }, title: "The request has invalid fields.");
            var summary = await review.SummaryAsync(asOf, ct);
            var proposals = await review.ProposalsAsync(new ReviewQuery(asOf, PageNumber: page ?? 1), ct);
            var items = new List<DunningProposalResponse>();
            foreach (var p in proposals.Items)
                items.Add(DunningProposalResponse.From(p, await review.ItemsAsync(p.Id, ct)));
            var exclusions = await review.ExclusionsAsync(asOf, null, null, page ?? 1, ct: ct);
            return Results.Ok(new DunningRunResponse(asOf, summary.Proposed, summary.Sent, summary.Excluded, summary.ProposedTotal, summary.MissingRates,
                proposals.PageNumber, proposals.PageCount, items, exclusions.Items));
        })
            .WithDescription("The proposals of the run as of the day, 50 a page, each with its invoices, interest and compensation; and the customers and invoices left out, with why.")
            .Produces<DunningRunResponse>();

        api.MapPost("/dunning/runs/{asOf}/approve", async (DateOnly asOf, ApproveRequest body, ApproveLetters approve, HttpContext http, CancellationToken ct) =>
        {
            if ((body.ProposalIds is null or { Count: 0 }) != body.All)
                return ApiResults.Problem(Problem.Invalid("proposalIds", "Give the proposals to approve, or all: true, not both."), StatusCodes.Status400BadRequest);
            var answer = await approve.ApproveAsync(asOf, body.All ? null : body.ProposalIds, http.User.Identity?.Name ?? "api", ct);
            if (answer.Chosen.Count == 0 && answer.ForManager > 0)
                return Results.Problem(LetterApproval.ManagerOnly, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.");
            if (answer.RunId is { } runId)
                return Results.Accepted($"/api/v1/dunning/approvals/{runId}", new ApprovalResponse(0, answer.ForManager, [], runId));
            var sent = answer.Sent ?? new ApprovalResult(0, []);
            return Results.Ok(new ApprovalResponse(sent.Sent, answer.ForManager,
                sent.Refused.Select(r => new ApprovalRefusal(r.ProposalId, r.Problem.Message)).ToList(), null));
        })
            .WithDescription("Sends the letters chosen, or all those waiting. A level that needs approval (formal notice, litigation) only with a manager's key: "
                + "a clerk's key gets 403 when nothing else was chosen, else those are left (leftForManager). Over 25 letters: 202 and an approval run to follow.")
            .Produces<ApprovalResponse>()
            .Produces<ApprovalResponse>(StatusCodes.Status202Accepted);

        api.MapGet("/dunning/approvals/{id:long}", async (long id, ArLedgerDbContext db, CancellationToken ct) =>
            await db.Set<JobRun>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.JobName == DunningApproval.Name, ct) is { } run
                ? Results.Ok(RunResponse.From(run)) : ApiResults.NotFound($"No approval run with id {id}."))
            .Produces<RunResponse>();

        var policy = api.MapGroup("/dunning/policy").RequireApiKey(Policies.ApiManage);

        policy.MapGet("", async (DunningPolicy dunning, CancellationToken ct) => await PolicyAsync(dunning, ct))
            .WithDescription("Each level with its version: send the version back with a change, so a level changed since is refused (409) rather than overwritten.");

        policy.MapPut("", async (DunningSettingsRequest body, DunningPolicy dunning, CancellationToken ct) =>
        {
            var saved = await dunning.SetAlwaysStartAtFirstLevelAsync(body.AlwaysStartAtFirstLevel, body.Version, ct);
            return saved.Problem is { } p
                ? Results.Problem(p.Message, statusCode: StatusCodes.Status409Conflict, title: "Changed since read.")
                : Results.Ok(await PolicyAsync(dunning, ct));
        })
            .WithDescription("The policy's own setting, with the version read (409 when someone changed it since); each level is changed at /levels/{id}.")
            .Produces<DunningPolicyResponse>()
            .ProducesProblem(StatusCodes.Status409Conflict);

        policy.MapPut("/levels/{id:long}", async (long id, SaveLevel body, DunningPolicy dunning, CancellationToken ct) =>
        {
            var saved = await dunning.SaveAsync(body with { Id = id }, ct);
            return saved.Problem is { Message: DunningPolicy.StaleMessage }
                ? Results.Problem(DunningPolicy.StaleMessage, statusCode: StatusCodes.Status409Conflict, title: "Changed since read.")
                : ApiResults.Done(saved, DunningLevelResponse.From);
        })
            .Produces<DunningLevelResponse>()
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    static async Task<DunningPolicyResponse> PolicyAsync(DunningPolicy dunning, CancellationToken ct)
    {
        var settings = await dunning.SettingsAsync(ct);
        return new DunningPolicyResponse(settings.AlwaysStartAtFirstLevel, DunningPolicy.Version(settings),
            (await dunning.LevelsAsync(ct)).Select(DunningLevelResponse.From).ToList());
    }
}

public sealed record ApproveRequest(IReadOnlyList<long>? ProposalIds = null, bool All = false);

public sealed record ApprovalRefusal(long ProposalId, string Message);

public sealed record ApprovalResponse(int Sent, int LeftForManager, IReadOnlyList<ApprovalRefusal> Refused, long? ApprovalRunId);

public sealed record DunningRunResponse(DateOnly AsOf, int Proposed, int Sent, int Excluded, decimal ProposedTotal, IReadOnlyList<string> MissingRates,
    int Page, int PageCount, IReadOnlyList<DunningProposalResponse> Proposals, IReadOnlyList<ExclusionRow> Exclusions);

/// <summary>A proposed letter: its level, who it goes to and how, what it claims, and each invoice with its interest and compensation.</summary>
public sealed record DunningProposalResponse(long Id, string AccountNumber, string CustomerName, int LevelNo, string LevelName, DunningChannel Channel,
    string? ToAddress, bool NeedsApproval, ProposalStatus Status, string Currency, decimal Principal, decimal Interest, decimal Compensation,
    decimal FixedFee, decimal PreviousCharges, decimal Total, string? ExcludedReason, string? DecidedBy, DateTimeOffset? SentAt,
    IReadOnlyList<DunningItemResponse> Invoices)
{
    public static DunningProposalResponse From(ProposalRow p, IReadOnlyList<DunningProposalItem> items) => new(p.Id, p.AccountNumber, p.CustomerName,
        p.LevelNo, p.LevelName, p.Channel, p.ToAddress, p.NeedsApproval, p.Status, p.Currency, p.Principal, p.Interest, p.Compensation, p.FixedFee,
        p.PreviousCharges, p.Total, p.ExcludedReason, p.DecidedBy, p.SentAt, items.Select(DunningItemResponse.From).ToList());
}

public sealed record DunningItemResponse(long Id, string InvoiceNumber, DateOnly DueDate, decimal OpenAmount, decimal DisputedAmount, decimal AmountDue,
    int DaysOverdue, decimal Interest, DateOnly? InterestFrom, DateOnly? InterestThrough, decimal Compensation, string? ExcludedReason)
{
    public static DunningItemResponse From(DunningProposalItem i) => new(i.Id, i.InvoiceNumber, i.DueDate, i.OpenAmount, i.DisputedAmount, i.AmountDue,
        i.DaysOverdue, i.Interest, i.InterestFrom, i.InterestThrough, i.Compensation, i.ExcludedReason);
}

public sealed record DunningSettingsRequest(
    [property: System.ComponentModel.Description("True: every invoice's first letter is level 1, however late it is; false: the level its lateness reached.")]
    bool AlwaysStartAtFirstLevel,
    [property: System.ComponentModel.Description("The settingsVersion read: a change someone saved since is refused (409).")] string? Version = null);

public sealed record DunningPolicyResponse(bool AlwaysStartAtFirstLevel, string SettingsVersion, IReadOnlyList<DunningLevelResponse> Levels);

/// <summary>A dunning level as <see cref="SaveLevel"/> takes it back, with the version to send with a change.</summary>
public sealed record DunningLevelResponse(long Id, int LevelNo, string Name, int DaysAfterDue, int MinDaysSincePrevious, decimal MinOverdueAmount,
    DunningChannel Channel, decimal FixedFee, bool ClaimsInterest, bool ClaimsCompensation, bool NeedsApproval, int PaymentDeadlineDays,
    FinalAction FinalAction, string SubjectFr, string BodyFr, string SubjectEn, string BodyEn, string Version)
{
    public static DunningLevelResponse From(DunningLevel l) => new(l.Id, l.LevelNo, l.Name, l.DaysAfterDue, l.MinDaysSincePrevious, l.MinOverdueAmount,
        l.Channel, l.FixedFee, l.ClaimsInterest, l.ClaimsCompensation, l.NeedsApproval, l.PaymentDeadlineDays, l.FinalAction,
        l.TemplateFor("fr")?.Subject ?? "", l.TemplateFor("fr")?.Body ?? "", l.TemplateFor("en")?.Subject ?? "", l.TemplateFor("en")?.Body ?? "",
        DunningPolicy.Version(l));
}
