using ArLedger.Documents;
using ArLedger.Mail;
using ArLedger.Persistence;

namespace ArLedger.Statements;

/// <summary>A statement of a month as archived: for whom, and whether it went by email (its latest message) or waits
/// to be printed (no message).</summary>
/// <remarks>Built with an initializer, not a constructor, so a query can still filter and sort on it.</remarks>
public sealed record StatementRow
{
    public long DocumentId { get; init; }
    public required string AccountNumber { get; init; }
    public required string CustomerName { get; init; }
    public required string FileName { get; init; }
    public required string Sha256 { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public OutboxStatus? MailStatus { get; init; }
    public string? To { get; init; }
}

/// <summary>The statements archived for a month, as the Statements page and the API list them.</summary>
public static class StatementRegister
{
    public static IQueryable<StatementRow> Of(ArLedgerDbContext db, StatementMonth month)
    {
        var prefix = $"statement:{month.Key}:";
        return from d in db.ArchivedDocuments
               where d.Kind == ArchivedDocumentKind.Statement && d.PeriodKey == month.Key
               join c in db.Customers on d.CustomerId equals c.Id
               let mail = db.OutboxMessages.Where(o => o.CorrelationKey == prefix + c.AccountNumber).OrderByDescending(o => o.Id).FirstOrDefault()
               select new StatementRow
               {
                   DocumentId = d.Id, AccountNumber = c.AccountNumber, CustomerName = c.Name, FileName = d.FileName, Sha256 = d.Sha256,
                   CreatedAt = d.CreatedAt, MailStatus = mail == null ? null : mail.Status, To = mail == null ? null : mail.ToAddress,
               };
    }
}
