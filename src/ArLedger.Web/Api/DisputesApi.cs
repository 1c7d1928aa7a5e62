using ArLedger.Disputes;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Web.Api;

/// <summary>/api/v1/disputes: open a dispute on an invoice and resolve it.</summary>
static class DisputesApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/disputes", async (OpenDispute body, Disputes.Disputes disputes, CancellationToken ct) =>
            ApiResults.Created(await disputes.OpenAsync(body, ct), DisputeResponse.From, d => $"/api/v1/disputes/{d.Id}"))
            .Produces<DisputeResponse>(StatusCodes.Status201Created).Produces<DisputeResponse>();

        api.MapGet("/disputes/{id:long}", async (long id, ArLedgerDbContext db, CancellationToken ct) =>
            await db.Disputes.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct) is { } dispute
                ? Results.Ok(DisputeResponse.From(dispute)) : ApiResults.NotFound($"No dispute with id {id}."))
            .Produces<DisputeResponse>();

        api.MapPost("/disputes/{id:long}/resolve", async (long id, ResolveDisputeRequest body, Disputes.Disputes disputes, CancellationToken ct) =>
            ApiResults.Done(await disputes.ResolveAsync(new ResolveDispute(id, body.Decision, body.Resolution, body.CreditAmount), ct), DisputeResponse.From))
            .Produces<DisputeResponse>();
    }
}
