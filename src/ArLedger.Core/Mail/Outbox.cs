using ArLedger.Documents;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Mail;

/// <summary>An email to enqueue. The correlation key names the business reason, e.g. 'statement:2026-10:C00042'.</summary>
public sealed record OutboxMail(string CorrelationKey, string To, string Subject, string BodyText)
{
    public string? Cc { get; init; }
    public string? BodyHtml { get; init; }
    /// <summary>The archived PDF to attach; its bytes are read from the archive when the message is sent.</summary>
    public ArchivedDocument? Attachment { get; init; }
    public long? CustomerId { get; init; }
}

/// <summary>
/// Puts emails in the outbox on the caller's DbContext: the message is saved by the caller's SaveChanges, in the
/// same transaction as the business change that calls for it, and a dispatcher sends it after the commit.
/// </summary>
public static class Outbox
{
    /// <summary>
    /// Adds the message unless one with the same correlation key exists (saved or still pending in this context),
    /// in which case that one is returned and nothing is added.
    /// </summary>
    public static async Task<OutboxMessage> EnqueueAsync(ArLedgerDbContext db, OutboxMail mail, TimeProvider clock, string createdBy,
        CancellationToken ct = default) =>
        (await EnqueueAsync(db, [mail], clock, createdBy, ct))[0];

    /// <summary>
    /// Adds many messages with one look-up of their correlation keys (a statement run's batch); the messages come
    /// back in the order given, each either added now or the one that already had its key.
    /// </summary>
    public static async Task<IReadOnlyList<OutboxMessage>> EnqueueAsync(ArLedgerDbContext db, IReadOnlyList<OutboxMail> mails,
        TimeProvider clock, string createdBy, CancellationToken ct = default)
    {
        foreach (var mail in mails)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(mail.CorrelationKey);
            ArgumentException.ThrowIfNullOrWhiteSpace(mail.To);
            if (mail.Attachment is { Id: 0 })
                throw new ArgumentException("Archive the attachment before enqueueing the message.", nameof(mails));
        }
        var keys = mails.Select(m => m.CorrelationKey).ToList();
        var existing = db.OutboxMessages.Local.Where(m => keys.Contains(m.CorrelationKey))
            .Concat(await db.OutboxMessages.Where(m => keys.Contains(m.CorrelationKey)).ToListAsync(ct))
            .DistinctBy(m => m.CorrelationKey)
            .ToDictionary(m => m.CorrelationKey);

        var now = clock.GetUtcNow();
        var messages = new List<OutboxMessage>(mails.Count);
        foreach (var mail in mails)
        {
            if (!existing.TryGetValue(mail.CorrelationKey, out var message))
            {
                message = new OutboxMessage
                {
                    CorrelationKey = mail.CorrelationKey,
                    ToAddress = mail.To,
                    CcAddress = string.IsNullOrWhiteSpace(mail.Cc) ? null : mail.Cc,
                    Subject = mail.Subject,
                    BodyText = mail.BodyText,
                    BodyHtml = mail.BodyHtml,
                    ArchivedDocumentId = mail.Attachment?.Id,
                    AttachmentFileName = mail.Attachment?.FileName,
                    CustomerId = mail.CustomerId,
                    Status = OutboxStatus.Pending,
                    NextAttemptAt = now,
                    CreatedAt = now,
                    CreatedBy = createdBy,
                };
                db.OutboxMessages.Add(message);
                existing[mail.CorrelationKey] = message;
            }
            messages.Add(message);
        }
        return messages;
    }
}
