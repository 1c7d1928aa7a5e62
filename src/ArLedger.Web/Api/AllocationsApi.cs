using ArLedger.Ledger;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Web.Api;

/// <summary>/api/v1/allocations: lettrage by document numbers, and its reversal.</summary>
static class AllocationsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/allocations", async (AllocateRequest body, ArLedgerDbContext db, Allocations allocations, CancellationToken ct) =>
        {
            if (TextFields.WithNul(body).FirstOrDefault() is { } nul)
                return ApiResults.Problem(Problem.Invalid(nul, InputValidator<AllocateRequest>.NulMessage), 400);
            if ((body.PaymentNumber is null) == (body.CreditNoteNumber is null))
                return ApiResults.Problem(Problem.Invalid("paymentNumber", "Give either paymentNumber or creditNoteNumber."), 422);
            if (string.IsNullOrWhiteSpace(body.InvoiceNumber))
                return ApiResults.Problem(Problem.Invalid("invoiceNumber", "'Invoice Number' must not be empty."), 422);
            var (creditKind, creditNumber) = body.PaymentNumber is { } p ? (DocumentKind.Payment, p) : (DocumentKind.CreditNote, body.CreditNoteNumber!);
            var debitId = await IdAsync(db, DocumentKind.Invoice, body.InvoiceNumber, ct);
            var creditId = await IdAsync(db, creditKind, creditNumber, ct);
            if (debitId is null)
                return ApiResults.Problem(Problem.NotFound("invoiceNumber", $"No invoice {body.InvoiceNumber}."), 422);
            if (creditId is null)
                return ApiResults.Problem(creditKind == DocumentKind.Payment
                    ? Problem.NotFound("paymentNumber", $"No payment {creditNumber}.")
                    : Problem.NotFound("creditNoteNumber", $"No credit note {creditNumber}."), 422);
            var outcome = await allocations.AllocateAsync(new Allocate(debitId.Value, creditId.Value, body.Amount, body.Date, body.ExternalId), ct);
            return ApiResults.Created(outcome, AllocationResponse.From, a => $"/api/v1/allocations/{a.Id}");
        })
            .Produces<AllocationResponse>(StatusCodes.Status201Created).Produces<AllocationResponse>();

        api.MapGet("/allocations/{id:long}", async (long id, DocumentViews views, CancellationToken ct) =>
            await views.AllocationAsync(id, ct) is { } allocation ? Results.Ok(allocation) : ApiResults.NotFound($"No allocation with id {id}."))
            .Produces<AllocationDetailResponse>();

        api.MapPost("/allocations/{id:long}/reverse", async (long id, ReverseAllocationRequest body, Allocations allocations, CancellationToken ct) =>
            ApiResults.Done(await allocations.ReverseAsync(new ReverseAllocation(id, body.Reason, body.Date), ct), AllocationResponse.From))
            .Produces<AllocationResponse>();
    }

    static Task<long?> IdAsync(ArLedgerDbContext db, DocumentKind kind, string number, CancellationToken ct) =>
        db.Documents.Where(d => d.Kind == kind && d.Number == number).Select(d => (long?)d.Id).SingleOrDefaultAsync(ct);
}
