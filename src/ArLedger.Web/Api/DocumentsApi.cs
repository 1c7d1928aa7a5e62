using ArLedger.Invoices;
using ArLedger.Ledger;
using ArLedger.Payments;

namespace ArLedger.Web.Api;

/// <summary>/api/v1/invoices, /credit-notes, /payments: documents posted from a billing system or a bank, read back by
/// number, and listed a page at a time.</summary>
static class DocumentsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/invoices", async (PostInvoice body, PostInvoiceHandler handler, DocumentViews views, CancellationToken ct) =>
            await ApiResults.CreatedAsync(await handler.HandleAsync(body, ct), i => views.OfAsync(i, ct), i => Location("invoices", i.Number)))
            .Produces<InvoiceResponse>(StatusCodes.Status201Created).Produces<InvoiceResponse>();

        api.MapPost("/credit-notes", async (PostCreditNote body, CreditNoteProposals creditNotes, DocumentViews views, CancellationToken ct) =>
            await CreditNoteProposalsApi.SubmittedAsync(await creditNotes.SubmitAsync(body, ct: ct), views, ct))
            .Produces<CreditNoteResponse>(StatusCodes.Status201Created).Produces<CreditNoteResponse>()
            .Produces<CreditNoteProposalResponse>(StatusCodes.Status202Accepted);

        api.MapPost("/payments", async (RecordPayment body, RecordPaymentHandler handler, DocumentViews views, CancellationToken ct) =>
            await ApiResults.CreatedAsync(await handler.HandleAsync(body, ct), p => views.OfAsync(p, ct), p => Location("payments", p.Number)))
            .Produces<PaymentResponse>(StatusCodes.Status201Created).Produces<PaymentResponse>();

        api.MapGet("/invoices/{number}", async (string number, DocumentViews views, CancellationToken ct) =>
            await views.InvoiceAsync(number, ct) is { } invoice ? Results.Ok(invoice) : ApiResults.NotFound($"No invoice {number}."))
            .Produces<InvoiceResponse>();

        api.MapGet("/credit-notes/{number}", async (string number, DocumentViews views, CancellationToken ct) =>
            await views.CreditNoteAsync(number, ct) is { } note ? Results.Ok(note) : ApiResults.NotFound($"No credit note {number}."))
            .Produces<CreditNoteResponse>();

        api.MapGet("/payments/{number}", async (string number, DocumentViews views, CancellationToken ct) =>
            await views.PaymentAsync(number, ct) is { } payment ? Results.Ok(payment) : ApiResults.NotFound($"No payment {number}."))
            .Produces<PaymentResponse>();

        // The invoice list page's search (InvoiceSearch): the same rows, statuses and open amounts.
        api.MapGet("/invoices", async ([AsParameters] InvoiceListRequest query, InvoiceSearch search, HttpRequest request, CancellationToken ct) =>
        {
            if (query.Errors() is { Count: > 0 } errors)
                return Results.ValidationProblem(errors, title: "The request has invalid fields.");
            var list = await search.SearchAsync(query.Query(), ct);
            return Results.Ok(ListPageResponse<InvoiceRow>.From(list.Items, list.Count, list.CountIsCapped, list.NextCursor, list.PreviousCursor, request));
        })
            .WithDescription("Newest first. Follow nextLink (or pass next as after) until it is null.")
            .Produces<ListPageResponse<InvoiceRow>>();

        api.MapGet("/credit-notes", ([AsParameters] CreditListRequest query, CreditSearch search, HttpRequest request, CancellationToken ct) =>
            CreditsAsync(DocumentKind.CreditNote, query, search, request, ct))
            .WithDescription("Newest first. Follow nextLink (or pass next as after) until it is null.")
            .Produces<ListPageResponse<CreditRow>>();

        api.MapGet("/payments", ([AsParameters] CreditListRequest query, CreditSearch search, HttpRequest request, CancellationToken ct) =>
            CreditsAsync(DocumentKind.Payment, query, search, request, ct))
            .WithDescription("Newest first. Follow nextLink (or pass next as after) until it is null.")
            .Produces<ListPageResponse<CreditRow>>();
    }

    static async Task<IResult> CreditsAsync(DocumentKind kind, CreditListRequest query, CreditSearch search, HttpRequest request, CancellationToken ct)
    {
        if (query.Errors() is { Count: > 0 } errors)
            return Results.ValidationProblem(errors, title: "The request has invalid fields.");
        var list = await search.SearchAsync(query.Query(kind), ct);
        return Results.Ok(ListPageResponse<CreditRow>.From(list.Items, list.Count, list.CountIsCapped, list.NextCursor, list.PreviousCursor, request));
    }

    public static string Location(string collection, string number) => $"/api/v1/{collection}/{Uri.EscapeDataString(number)}";
}
