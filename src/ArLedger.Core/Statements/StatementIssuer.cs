using ArLedger.Audit;
using ArLedger.Documents;
using ArLedger.Mail;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;
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
/// Issues statements: renders each, archives the PDF, queues the email carrying the archived bytes and records
/// the audit event, in one transaction. The archive is unique per customer and period and the email per correlation
/// key, and a statement found archived is returned as it was, so issuing the same statement again (a resumed run, a
/// repeated send) sends nothing more and records nothing more.
/// </summary>
public sealed class StatementIssuer(ArLedgerDbContext db, StatementBuilder builder, IPdfRenderer pdf, DocumentArchive archive,
    Company.CompanyDetails company, TimeProvider clock, Actor actor)
{
    /// <summary>The key of a statement sent by hand: its own document, never one of the monthly run's, named by the
    /// period and by what makes this send one (the moment, or the caller's external id).</summary>
    public static string KeyByHand(DateOnly from, DateOnly to, string occasion) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{from:yyyy-MM-dd}..{to:yyyy-MM-dd}@{occasion}");

    public async Task<Outcome<IssuedStatement>> IssueAsync(long customerId, DateOnly from, DateOnly to, string periodKey, CancellationToken ct = default)
    {
        var statement = await builder.BuildAsync(customerId, from, to, ct);
        if (statement is null)
            return Problem.NotFound($"No customer with id {customerId}.");
        return await db.InTransactionAsync(async () =>
        {
            // Two issues of one statement at once (a run resumed by another instance while the first still works)
            // take turns here, so the second finds the first's statement and records nothing: without the lock both
            // saw none, the archive's ON CONFLICT gave the second the first's document, and its audit event was a
            // second "statement.emailed".
            await db.Database.ExecuteSqlAsync($"select pg_advisory_xact_lock(hashtext('statement'), hashtext({periodKey + ":" + customerId}))", ct);
            if (await archive.FindAsync(ArchivedDocumentKind.Statement, customerId, periodKey, ct) is { } issued)
            {
                var key = CorrelationKey(periodKey, statement);
                var emailed = await db.OutboxMessages.AnyAsync(m => m.CorrelationKey == key, ct);
                return Outcome<IssuedStatement>.Done(new IssuedStatement(issued,
                    emailed ? StatementDelivery.Emailed : StatementDelivery.ForPrint, statement.ClosingBalance));
            }
            // ON CONFLICT inside: a concurrent issue of the same key gets its document, and the outbox's unique
            // correlation key then fails this transaction rather than sending twice.
            var document = await archive.ArchiveAsync(ToArchive(statement, periodKey, Render(statement, await company.CurrentAsync(ct))), ct);
            var delivery = (await QueueAndRecordAsync([(statement, document)], periodKey, ct))[0];
            await db.SaveChangesAsync(ct);
            return Outcome<IssuedStatement>.Done(new IssuedStatement(document, delivery, statement.ClosingBalance));
        }, ct);
    }

    /// <summary>
    /// Issues the statements of a batch of customers for one period in a few round trips whatever its size: the
    /// statements are read together, rendered on every core, then archived, queued and recorded in one transaction.
    /// Customers whose statement of the period is archived already (a resumed batch) are left as they are. When the
    /// batch cannot be written whole (another instance issued one of them meanwhile), this throws and writes
    /// nothing; the caller then issues the customers one by one.
    /// </summary>
    public async Task IssueManyAsync(IReadOnlyCollection<long> customerIds, DateOnly from, DateOnly to, string periodKey, CancellationToken ct = default)
    {
        var issued = await db.ArchivedDocuments.AsNoTracking()
            .Where(d => d.Kind == ArchivedDocumentKind.Statement && d.PeriodKey == periodKey && customerIds.Contains(d.CustomerId!.Value))
            .Select(d => d.CustomerId!.Value)
            .ToListAsync(ct);
        var statements = await builder.BuildAsync([.. customerIds.Except(issued)], from, to, ct);
        if (statements.Count == 0)
            return;

        var sender = await company.CurrentAsync(ct);
        var pdfs = new byte[statements.Count][];
        // Rendering is the run's CPU work: every core takes a share. Awaiting the loop surfaces a body's exception
        // (or a cancellation) as itself rather than wrapped.
        await Parallel.ForAsync(0, statements.Count, new ParallelOptions { CancellationToken = ct }, (i, _) =>
        {
            pdfs[i] = Render(statements[i], sender);
            return ValueTask.CompletedTask;
        });

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var documents = archive.Add(statements.Select((s, i) => ToArchive(s, periodKey, pdfs[i])));
        await db.SaveChangesAsync(ct);
        await QueueAndRecordAsync([.. statements.Zip(documents)], periodKey, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>The PDF of a statement for any period, for a preview or a download: nothing is archived or sent.</summary>
    public async Task<(byte[] Pdf, string FileName)?> PreviewAsync(long customerId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var statement = await builder.BuildAsync(customerId, from, to, ct);
        return statement is null ? null : (Render(statement, await company.CurrentAsync(ct)), StatementLayout.FileName(statement));
    }

    byte[] Render(Statement s, CompanyProfile sender) => pdf.Render(StatementLayout.Compose(s, sender));

    static DocumentToArchive ToArchive(Statement s, string periodKey, byte[] pdf) =>
        new(ArchivedDocumentKind.Statement, s.Customer.Id, periodKey, StatementLayout.FileName(s), pdf) { PeriodStart = s.From, PeriodEnd = s.To };

    /// <summary>Queues the email of each statement that has an address and records how each left; saved by the caller.</summary>
    async Task<IReadOnlyList<StatementDelivery>> QueueAndRecordAsync(IReadOnlyList<(Statement Statement, ArchivedDocument Document)> issued,
        string periodKey, CancellationToken ct)
    {
        var name = (await company.CurrentAsync(ct)).Name;
        await Outbox.EnqueueAsync(db, [.. issued.Where(i => HasEmail(i.Statement)).Select(i => Mail(i.Statement, i.Document, periodKey, name))],
            clock, actor.Name, ct);
        var now = clock.GetUtcNow();
        return [.. issued.Select(i =>
        {
            var (s, document) = i;
            var delivery = HasEmail(s) ? StatementDelivery.Emailed : StatementDelivery.ForPrint;
            AuditTrail.Record(db, actor, now, delivery == StatementDelivery.Emailed ? "statement.emailed" : "statement.for-print",
                "Statement", document.Id, s.Customer.Id, after: new { periodKey, s.From, s.To, s.ClosingBalance, document.Sha256 });
            return delivery;
        })];
    }

    static bool HasEmail(Statement s) => !string.IsNullOrWhiteSpace(s.Customer.StatementEmail);

    static string CorrelationKey(string periodKey, Statement s) => $"statement:{periodKey}:{s.Customer.AccountNumber}";

    static OutboxMail Mail(Statement s, ArchivedDocument document, string periodKey, string name)
    {
        var fr = s.Customer.Language != "en";
        var lang = fr ? "fr" : "en";
        var to = Amounts.Format(s.To, lang);
        var balance = Amounts.Format(s.ClosingBalance, s.Customer.Currency, lang);
        return new OutboxMail(
            CorrelationKey(periodKey, s),
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
