using System.ComponentModel;
using ArLedger.Documents;
using ArLedger.Persistence;
using ArLedger.Statements;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Web.Api;

/// <summary>/api/v1/statements and /documents: the Statements page's register of a month (<see cref="StatementRegister"/>),
/// the archived PDFs as they were sent, and a customer's statement for any period (<see cref="StatementIssuer"/>).</summary>
static class StatementsApi
{
    public const string Sha256Header = "X-Content-SHA256";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/statements", async (string? month, BusinessCalendar calendar, ArLedgerDbContext db, CancellationToken ct) =>
        {
            StatementMonth period;
            if (month is null)
                period = StatementMonth.EndingOnOrBefore(calendar.Today);
            else if (!StatementMonth.TryParse(month, out period))
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["month"] = ["A month as yyyy-mm."] }, title: "The request has invalid fields.");
            var rows = await StatementRegister.Of(db, period).OrderBy(r => r.AccountNumber).ToListAsync(ct);
            return Results.Ok(new StatementMonthResponse(period.Key, rows.Select(StatementResponse.From).ToList()));
        })
            .WithDescription("Each statement archived for the month (the month ending today when not given): emailed, or waiting to be printed.")
            .Produces<StatementMonthResponse>();

        api.MapGet("/documents/{id:long}", async (long id, DocumentArchive archive, HttpResponse response, CancellationToken ct) =>
        {
            if (await archive.GetAsync(id, ct) is not { } doc)
                return ApiResults.NotFound($"No archived document with id {id}.");
            response.Headers[Sha256Header] = doc.Sha256;
            return Results.File(doc.Content, doc.ContentType, doc.FileName);
        })
            .WithDescription($"The archived file's bytes exactly as sent; the {Sha256Header} header is the SHA-256 the archive recorded for them.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf");

        api.MapPost("/customers/{accountNumber}/statements", async (string accountNumber, StatementRequest body, ArLedgerDbContext db,
            StatementIssuer issuer, BusinessCalendar calendar, CancellationToken ct) =>
        {
            var customerId = await db.Customers.Where(c => c.AccountNumber == accountNumber).Select(c => (long?)c.Id).SingleOrDefaultAsync(ct);
            if (customerId is null)
                return ApiResults.NotFound($"No customer with account number {accountNumber}.");
            if (body.To < body.From)
                return ApiResults.Problem(Problem.Invalid("to", "The end of the period is before its start."), StatusCodes.Status400BadRequest);
            if (!body.Send)
            {
                var preview = await issuer.PreviewAsync(customerId.Value, body.From, body.To, ct);
                return preview is { } p ? Results.File(p.Pdf, "application/pdf", p.FileName) : ApiResults.NotFound($"No customer with account number {accountNumber}.");
            }
            var occasion = body.ExternalId ?? calendar.Now.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
            var issued = await issuer.IssueAsync(customerId.Value, body.From, body.To, StatementIssuer.KeyByHand(body.From, body.To, occasion), ct);
            return ApiResults.Created(issued, s => new IssuedStatementResponse(s.Document.Id, s.Delivery, s.ClosingBalance, s.Document.Sha256,
                $"/api/v1/documents/{s.Document.Id}"), s => $"/api/v1/documents/{s.Document.Id}");
        })
            .WithDescription("send false (the default): the statement's PDF, nothing kept. send true: archived and emailed to the statement address, or kept for printing when the customer has none; 201 with the archived document's address.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .Produces<IssuedStatementResponse>(StatusCodes.Status201Created);
    }
}

public sealed record StatementRequest(DateOnly From, DateOnly To,
    [property: Description("True to archive the statement and send it (or keep it for printing); false for the PDF only.")] bool Send = false,
    [property: Description("With send: the same id again answers the statement already sent instead of sending another.")] string? ExternalId = null);

public sealed record IssuedStatementResponse(long DocumentId, StatementDelivery Delivery, decimal ClosingBalance, string Sha256, string Link);

public sealed record StatementMonthResponse(string Month, IReadOnlyList<StatementResponse> Statements);

public sealed record StatementResponse(long DocumentId, string AccountNumber, string CustomerName, string FileName, string Sha256,
    DateTimeOffset CreatedAt, StatementDelivery Delivery, Mail.OutboxStatus? MailStatus, string? To, string Link)
{
    public static StatementResponse From(StatementRow r) => new(r.DocumentId, r.AccountNumber, r.CustomerName, r.FileName, r.Sha256, r.CreatedAt,
        r.MailStatus is null ? StatementDelivery.ForPrint : StatementDelivery.Emailed, r.MailStatus, r.To, $"/api/v1/documents/{r.DocumentId}");
}
