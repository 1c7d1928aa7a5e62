using ArLedger.Audit;
using ArLedger.Documents;
using ArLedger.Mail;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ArLedger.Invoices;

/// <summary>
/// Emails the customer a copy (duplicata) of an invoice at its statement address: the PDF of the day is archived and
/// attached, so what was sent can be shown later. <c>Key</c> names one request: the same form posted
/// twice sends one email.
/// </summary>
public sealed record EmailInvoiceCopy(string InvoiceNumber, string Key);

public sealed class EmailInvoiceCopyHandler(ArLedgerDbContext db, DocumentArchive archive, IPdfRenderer pdf, Company.CompanyDetails company,
    BusinessCalendar calendar, Actor actor)
{
    public const string NoEmail = "The customer has no statement email address: add one on the customer's page to email copies.";

    public async Task<Outcome<OutboxMessage>> HandleAsync(EmailInvoiceCopy cmd, CancellationToken ct = default)
    {
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Lines).SingleOrDefaultAsync(i => i.Number == cmd.InvoiceNumber, ct);
        if (invoice is null)
            return Problem.NotFound($"No invoice {cmd.InvoiceNumber}.");
        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == invoice.CustomerId, ct);
        if (string.IsNullOrWhiteSpace(customer.StatementEmail))
            return Problem.Refused("email", NoEmail);

        var today = calendar.Today;
        var sender = await company.CurrentAsync(ct);
        var document = await archive.ArchiveAsync(new DocumentToArchive(ArchivedDocumentKind.Invoice, customer.Id,
            $"{invoice.Number} {today:yyyy-MM-dd}", InvoiceCopy.FileName(invoice), pdf.Render(InvoiceCopy.Build(invoice, customer, sender)))
        {
            PeriodStart = today,
            PeriodEnd = today,
        }, ct);
        var fr = customer.Language != "en";
        var name = sender.Name;
        var message = await Outbox.EnqueueAsync(db, new OutboxMail($"invoice-copy:{invoice.Number}:{cmd.Key}", customer.StatementEmail,
            fr ? $"Duplicata de la facture {invoice.Number} — {name}" : $"Copy of invoice {invoice.Number} — {name}",
            fr
                ? $"Bonjour,\n\nVeuillez trouver ci-joint le duplicata de la facture {invoice.Number}.\n\nCordialement,\n{name}"
                : $"Hello,\n\nPlease find attached a copy of invoice {invoice.Number}.\n\nKind regards,\n{name}")
        {
            Attachment = document,
            CustomerId = customer.Id,
        }, calendar.Clock, actor.Name, ct);
        await db.SaveChangesAsync(ct);
        return message;
    }
}
