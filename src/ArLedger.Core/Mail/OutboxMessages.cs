using ArLedger.Audit;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Mail;

/// <summary>A line of the Outbox page: everything but the bodies.</summary>
public sealed record OutboxLine(long Id, string ToAddress, string Subject, OutboxStatus Status, int Attempts, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? SentAt, DateTimeOffset NextAttemptAt, string? AttachmentFileName, long? CustomerId,
    long? ResendOfId, string CorrelationKey);

/// <summary>The Outbox page's use cases: list the messages, and re-send one that failed or that a customer did not get.</summary>
public sealed class OutboxMessages(ArLedgerDbContext db, TimeProvider clock, Actor actor)
{
    public async Task<Page<OutboxLine>> ListAsync(OutboxStatus? status, int page, int pageSize, CancellationToken ct = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 200);
        var query = db.OutboxMessages.AsNoTracking();
        if (status is { } s)
            query = query.Where(m => m.Status == s);
        var total = await query.CountAsync(ct);
        var items = await query
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(m => new OutboxLine(m.Id, m.ToAddress, m.Subject, m.Status, m.Attempts, m.LastError, m.CreatedAt, m.SentAt,
                m.NextAttemptAt, m.AttachmentFileName, m.CustomerId, m.ResendOfId, m.CorrelationKey))
            .ToListAsync(ct);
        return new Page<OutboxLine>(items, page, pageSize, total);
    }

    /// <summary>
    /// A failed message goes back in the queue with fresh attempts. A sent message is sent again as a new message
    /// pointing to the same archived document, so the first one's record stays as it was.
    /// </summary>
    public async Task<Outcome<OutboxMessage>> ResendAsync(long id, CancellationToken ct = default)
    {
        var message = await db.OutboxMessages.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (message is null)
            return Problem.NotFound($"Message {id} does not exist.");
        return message.Status switch
        {
            OutboxStatus.Failed => await RequeueAsync(message, ct),
            OutboxStatus.Sent => await SendAgainAsync(message, ct),
            OutboxStatus.Pending or OutboxStatus.Sending => Problem.Refused("The message is still waiting to be sent."),
        };
    }

    async Task<Outcome<OutboxMessage>> RequeueAsync(OutboxMessage message, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // Only if still Failed: a concurrent re-send must not queue it twice.
        var requeued = await db.OutboxMessages
            .Where(m => m.Id == message.Id && m.Status == OutboxStatus.Failed)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Pending)
                .SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.NextAttemptAt, now), ct);
        if (requeued == 0)
            return Problem.Refused("The message is already queued again.");
        await db.Entry(message).ReloadAsync(ct);
        return message;
    }

    async Task<Outcome<OutboxMessage>> SendAgainAsync(OutboxMessage message, CancellationToken ct)
    {
        if (await db.OutboxMessages.AnyAsync(m => m.ResendOfId == message.Id && (m.Status == OutboxStatus.Pending || m.Status == OutboxStatus.Sending), ct))
            return Problem.Refused("A re-send of this message is already queued.");
        var count = await db.OutboxMessages.CountAsync(m => m.ResendOfId == message.Id, ct);
        var now = clock.GetUtcNow();
        var copy = new OutboxMessage
        {
            CorrelationKey = $"{message.CorrelationKey}:resend:{message.Id}:{(count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            ToAddress = message.ToAddress,
            CcAddress = message.CcAddress,
            Subject = message.Subject,
            BodyText = message.BodyText,
            BodyHtml = message.BodyHtml,
            ArchivedDocumentId = message.ArchivedDocumentId,
            AttachmentFileName = message.AttachmentFileName,
            CustomerId = message.CustomerId,
            ResendOfId = message.Id,
            Status = OutboxStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
            CreatedBy = actor.Name,
        };
        db.OutboxMessages.Add(copy);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // Two clicks at once computed the same key: one copy is enough.
            db.Entry(copy).State = EntityState.Detached;
            return Problem.Refused("A re-send of this message is already queued.");
        }
        return copy;
    }
}
