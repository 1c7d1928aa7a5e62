using ArLedger.Invoices;
using ArLedger.Persistence;
using ArLedger.Web.Auth;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Web.Api;

/// <summary>
/// /api/v1/credit-note-proposals: the credit notes a clerk's key asked for that give more than a clerk may give alone.
/// They answer POST /credit-notes with 202 and wait here, unposted, until a manager's key decides them.
/// </summary>
static class CreditNoteProposalsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/credit-note-proposals/{id:long}", async (long id, ArLedgerDbContext db, CancellationToken ct) =>
            await db.CreditNoteProposals.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) is { } proposal
                ? Results.Ok(CreditNoteProposalResponse.From(proposal))
                : ApiResults.NotFound($"No credit note proposal with id {id}."))
            .Produces<CreditNoteProposalResponse>();

        api.MapPost("/credit-note-proposals/{id:long}/decision", async (long id, DecideCreditNoteRequest body, CreditNoteProposals proposals,
                CancellationToken ct) =>
            ApiResults.Done(await proposals.DecideAsync(new DecideCreditNote(id, body.Approve, body.Note), ct), CreditNoteProposalResponse.From))
            .Produces<CreditNoteProposalResponse>()
            .RequireApiKey(Policies.ApiManage);
    }

    /// <summary>A credit note asked for: 201 when posted (200 replayed), 202 with its proposal when it waits for a manager.</summary>
    public static async Task<IResult> SubmittedAsync(Outcome<CreditNoteSubmission> outcome, DocumentViews views, CancellationToken ct) => outcome switch
    {
        { Problem: { } p } => ApiResults.Problem(p, notFoundStatus: StatusCodes.Status422UnprocessableEntity),
        { Value.Proposal: { } proposal } => Results.Accepted(Location(proposal), CreditNoteProposalResponse.From(proposal)),
        { Replayed: true } => Results.Ok(await views.OfAsync(outcome.Value!.Posted!, ct)),
        _ => Results.Created(DocumentsApi.Location("credit-notes", outcome.Value!.Posted!.Number), await views.OfAsync(outcome.Value.Posted!, ct)),
    };

    static string Location(CreditNoteProposal proposal) => $"/api/v1/credit-note-proposals/{proposal.Id}";
}

public sealed record DecideCreditNoteRequest(bool Approve, string? Note = null);

public sealed record CreditNoteProposalResponse(long Id, CreditNoteProposalStatus Status, long CustomerId, long? InvoiceId, long? DisputeId,
    DateOnly CreditNoteDate, string Currency, decimal NetAmount, decimal VatAmount, decimal Amount, string? Reason, string ProposedBy,
    DateTimeOffset ProposedAt, string? DecidedBy, DateTimeOffset? DecidedAt, string? DecisionNote, long? CreditNoteId, string? ExternalId)
{
    public static CreditNoteProposalResponse From(CreditNoteProposal p) => new(p.Id, p.Status, p.CustomerId, p.InvoiceId, p.DisputeId,
        p.CreditNoteDate, p.Currency, p.NetAmount, p.VatAmount, p.Amount, p.Reason, p.ProposedBy, p.ProposedAt, p.DecidedBy, p.DecidedAt,
        p.DecisionNote, p.CreditNoteId, p.ExternalId);
}
