using ArLedger.Audit;
using ArLedger.Documents;
using ArLedger.Mail;
using ArLedger.Persistence;
using Microsoft.Extensions.Options;

namespace ArLedger.Statements;

/// <summary>How a statement left: by email, or listed for printing because the customer has no statement address.</summary>
public enum StatementDelivery
{
    Emailed,
    ForPrint,
}

public sealed record IssuedStatement(ArchivedDocument Document, StatementDelivery Delivery, decimal ClosingBalance);

/// <summary>
/// Issues one statement: renders it, archives the PDF and queues the email carrying the archived bytes, in one
/// transaction. The archive is unique per customer and period and the email per correlation key, so issuing the
/// same statement again (a resumed run) returns what was issued the first time and sends nothing more.
/// </summary>
public sealed class StatementIssuer(ArLedgerDbContext db, StatementBuilder builder, IPdfRenderer pdf, DocumentArchive archive,
    IOptions<CompanyProfile> company, TimeProvider clock, Actor actor)
{
    public async Task<Outcome<IssuedStatement>> IssueAsync(long customerId, DateOnly from, DateOnly to, string periodKey, CancellationToken ct = default)
    {
        var statement = await builder.BuildAsync(customerId, from, to, ct);
        if (statement is null)
            return Problem.NotFound($"No customer with id {customerId}.");
        return await db.InTransactionAsync(async () =>
        {
            // A resumed run finds the archived statement and keeps its bytes; only a new one is rendered.
            var document = await archive.FindAsync(ArchivedDocumentKind.Statement, customerId, periodKey, ct)
                ?? await archive.ArchiveAsync(new DocumentToArchive(ArchivedDocumentKind.Statement, customerId, periodKey,
                    StatementLayout.FileName(statement), Render(statement)) { PeriodStart = from, PeriodEnd = to }, ct);

            var delivery = StatementDelivery.ForPrint;
            if (!string.IsNullOrWhiteSpace(statement.Customer.StatementEmail))
            {
                await Outbox.EnqueueAsync(db, Mail(statement, document, periodKey), clock, actor.Name, ct);
                delivery = StatementDelivery.Emailed;
            }
            AuditTrail.Record(db, actor, clock.GetUtcNow(), delivery == StatementDelivery.Emailed ? "statement.emailed" : "statement.for-print",
                "Statement", document.Id, customerId, after: new { periodKey, from, to, statement.ClosingBalance, document.Sha256 });
            await db.SaveChangesAsync(ct);
            return Outcome<IssuedStatement>.Done(new IssuedStatement(document, delivery, statement.ClosingBalance));
        }, ct);
    }

    /// <summary>The PDF of a statement for any period, for a preview or a download: nothing is archived or sent.</summary>
    public async Task<(byte[] Pdf, string FileName)?> PreviewAsync(long customerId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var statement = await builder.BuildAsync(customerId, from, to, ct);
        return statement is null ? null : (Render(statement), StatementLayout.FileName(statement));
    }

    byte[] Render(Statement s) => pdf.Render(StatementLayout.Compose(s, company.Value));

    OutboxMail Mail(Statement s, ArchivedDocument document, string periodKey)
    {
        var fr = s.Customer.Language != "en";
        var lang = fr ? "fr" : "en";
        var to = Amounts.Format(s.To, lang);
        var balance = Amounts.Format(s.ClosingBalance, s.Customer.Currency, lang);
        var name = company.Value.Name;
        return new OutboxMail(
            $"statement:{periodKey}:{s.Customer.AccountNumber}",
            s.Customer.StatementEmail!,
            fr ? $"Relevé de compte au {to} — {name}" : $"Statement of account at {to} — {name}",
            fr
                ? $"Bonjour,\n\nVeuillez trouver ci-joint votre relevé de compte au {to}. Solde : {balance}.\n\nCordialement,\n{name}"
                : $"Hello,\n\nPlease find attached your statement of account at {to}. Balance: {balance}.\n\nKind regards,\n{name}")
        {
            Attachment = document,
            CustomerId = s.Customer.Id,
        };
    }
}
