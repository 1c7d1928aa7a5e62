using ArLedger.Invoices;
using ArLedger.Payments;

namespace ArLedger.Web.Api;

/// <summary>/api/v1/invoices, /credit-notes, /payments: documents posted from a billing system or a bank.</summary>
static class DocumentsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/invoices", async (PostInvoice body, PostInvoiceHandler handler, CancellationToken ct) =>
            ApiResults.Created(await handler.HandleAsync(body, ct), InvoiceResponse.From, i => $"/api/v1/invoices/{i.Id}"))
            .Produces<InvoiceResponse>(StatusCodes.Status201Created).Produces<InvoiceResponse>();

        api.MapPost("/credit-notes", async (PostCreditNote body, CreditNoteProposals creditNotes, CancellationToken ct) =>
            CreditNoteProposalsApi.Submitted(await creditNotes.SubmitAsync(body, ct: ct)))
            .Produces<CreditNoteResponse>(StatusCodes.Status201Created).Produces<CreditNoteResponse>()
            .Produces<CreditNoteProposalResponse>(StatusCodes.Status202Accepted);

        api.MapPost("/payments", async (RecordPayment body, RecordPaymentHandler handler, CancellationToken ct) =>
            ApiResults.Created(await handler.HandleAsync(body, ct), PaymentResponse.From, p => $"/api/v1/payments/{p.Id}"))
            .Produces<PaymentResponse>(StatusCodes.Status201Created).Produces<PaymentResponse>();
    }
}
