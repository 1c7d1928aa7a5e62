using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArLedger.Mail;

/// <summary>What one dispatch did: messages claimed, and of those how many were sent, will be retried, were parked.</summary>
public sealed record DispatchResult(int Claimed, int Sent, int Retrying, int Failed)
{
    public static readonly DispatchResult None = new(0, 0, 0, 0);
}

/// <summary>
/// Sends due outbox messages. Each call claims a batch with FOR UPDATE SKIP LOCKED and a lease, so dispatchers on
/// several instances never take the same message, and the messages of a dispatcher that died become due again when
/// its lease expires. A failed send is retried with exponential backoff and parked as Failed after
/// <see cref="SmtpSettings.MaxAttempts"/> attempts. Safe to call from a loop, a scheduled job or a button.
/// <see cref="DrainAsync"/> claims batch after batch until nothing is due, which is what the background drain
/// (<see cref="OutboxDrain"/>) and the OutboxDispatch job run.
/// </summary>
public sealed class OutboxDispatcher(ArLedgerDbContext db, IMailSender sender, TimeProvider clock, IOptions<SmtpSettings> options,
    ILogger<OutboxDispatcher> logger)
{
    static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(6);
    readonly SmtpSettings settings = options.Value;

    /// <summary>Names this dispatcher in locked_by, so the Outbox page shows who holds a message.</summary>
    public string Instance { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Sends batch after batch while messages are due; returns the totals.</summary>
    public async Task<DispatchResult> DrainAsync(int batchSize, CancellationToken ct)
    {
        var total = DispatchResult.None;
        while (true)
        {
            var batch = await DispatchAsync(batchSize, ct);
            if (batch.Claimed == 0)
                return total;
            total = new DispatchResult(total.Claimed + batch.Claimed, total.Sent + batch.Sent, total.Retrying + batch.Retrying, total.Failed + batch.Failed);
        }
    }

    /// <summary>Claims and sends one batch of due messages.</summary>
    public async Task<DispatchResult> DispatchAsync(int batchSize, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var claimed = await ClaimAsync(batchSize, ct);
        if (claimed.Count == 0)
            return DispatchResult.None;

        var attachmentIds = claimed.Where(m => m.ArchivedDocumentId is not null).Select(m => m.ArchivedDocumentId!.Value).Distinct().ToList();
        var attachments = await db.ArchivedDocuments.AsNoTracking()
            .Where(d => attachmentIds.Contains(d.Id))
            .ToDictionaryAsync(d => d.Id, ct);
        // The sender saved on the company settings page, if any, wins over the SMTP settings' one.
        var from = await db.Set<Company.CompanySettings>().AsNoTracking()
            .Select(c => new MailFrom(c.SenderName, c.SenderAddress)).SingleOrDefaultAsync(ct);

        // Sends run in parallel; their outcomes are written afterwards, one by one, because a DbContext is not thread-safe.
        var errors = new Exception?[claimed.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, claimed.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.MaxConnections), CancellationToken = ct },
            async (i, token) => errors[i] = await TrySendAsync(claimed[i], attachments, from, token));

        // The sent ones in one statement: a round trip per message would cost as much as the sends themselves.
        var sent = await RecordSentAsync([.. claimed.Where((_, i) => errors[i] is null).Select(m => m.Id)], ct);
        int retrying = 0, failed = 0;
        for (var i = 0; i < claimed.Count; i++)
        {
            if (errors[i] is not { } error)
                continue;
            switch (await RecordFailureAsync(claimed[i], error, ct))
            {
                case OutboxStatus.Failed: failed++; break;
                case OutboxStatus.Pending: retrying++; break;
            }
        }
        return new DispatchResult(claimed.Count, sent, retrying, failed);
    }

    IQueryable<OutboxMessage> Mine(IReadOnlyCollection<long> ids) =>
        db.OutboxMessages.Where(x => ids.Contains(x.Id) && x.Status == OutboxStatus.Sending && x.LockedBy == Instance);

    async Task<int> RecordSentAsync(IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
            return 0;
        var now = clock.GetUtcNow();
        var updated = await Mine(ids).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Status, OutboxStatus.Sent)
            .SetProperty(x => x.SentAt, now)
            .SetProperty(x => x.LastError, (string?)null)
            .SetProperty(x => x.LeaseUntil, (DateTimeOffset?)null)
            .SetProperty(x => x.LockedBy, (string?)null), ct);
        if (updated < ids.Count)
            // Our lease ran out and another dispatcher claimed some of them: they may be sent twice.
            logger.LogError("Outbox: {Lost} of {Count} messages sent lost their lease before being recorded", ids.Count - updated, ids.Count);
        return updated;
    }

    async Task<List<OutboxMessage>> ClaimAsync(int batchSize, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var leaseUntil = now + LeaseFor(batchSize);
        // Counting the attempt when it starts, not when it fails, means a message that kills its sender still
        // reaches MaxAttempts instead of being claimed for ever.
        return await db.OutboxMessages.FromSql($"""
            update outbox_messages m
            set status = 'Sending', attempts = m.attempts + 1, lease_until = {leaseUntil}, locked_by = {Instance}
            from (select id from outbox_messages
                  where (status = 'Pending' and next_attempt_at <= {now})
                     or (status = 'Sending' and lease_until <= {now})
                  order by next_attempt_at, id
                  limit {batchSize}
                  for update skip locked) due
            where m.id = due.id
            returning m.*
            """).AsNoTracking().ToListAsync(ct);
    }

    /// <summary>Long enough to send the whole batch even when every send runs into the timeout.</summary>
    TimeSpan LeaseFor(int batchSize)
    {
        var rounds = (batchSize + Math.Max(1, settings.MaxConnections) - 1) / Math.Max(1, settings.MaxConnections);
        return TimeSpan.FromSeconds(rounds * (settings.TimeoutSeconds + 5) + 60);
    }

    async Task<Exception?> TrySendAsync(OutboxMessage m, Dictionary<long, Documents.ArchivedDocument> attachments, MailFrom? from, CancellationToken ct)
    {
        if (m.Attempts > settings.MaxAttempts)
            return new PermanentMailFailureException($"Abandoned after {m.Attempts - 1} attempts whose sender stopped before reporting.");
        try
        {
            MailAttachment? attachment = null;
            if (m.ArchivedDocumentId is { } id)
            {
                var doc = attachments[id];
                attachment = new MailAttachment(m.AttachmentFileName ?? doc.FileName, doc.ContentType, doc.Content);
            }
            var mail = new OutgoingMail(m.ToAddress, m.CcAddress, m.Subject, m.BodyText, m.BodyHtml, attachment)
            {
                Headers = new Dictionary<string, string> { ["X-ArLedger-Outbox-Id"] = m.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                FromName = from?.Name,
                FromAddress = from?.Address,
            };
            await sender.SendAsync(mail, ct);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return e;
        }
    }

    async Task<OutboxStatus> RecordFailureAsync(OutboxMessage m, Exception error, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var park = error is PermanentMailFailureException || m.Attempts >= settings.MaxAttempts;
        var status = park ? OutboxStatus.Failed : OutboxStatus.Pending;
        var next = park ? now : now + Backoff(m.Attempts);
        var message = Describe(error);
        var updated = await Mine([m.Id]).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Status, status)
            .SetProperty(x => x.NextAttemptAt, next)
            .SetProperty(x => x.LastError, message)
            .SetProperty(x => x.LeaseUntil, (DateTimeOffset?)null)
            .SetProperty(x => x.LockedBy, (string?)null), ct);
        logger.LogWarning("Outbox message {Id} attempt {Attempt} failed ({Status}): {Error}", m.Id, m.Attempts, status, message);
        if (updated == 0)
        {
            logger.LogError("Outbox message {Id}: lease lost before its outcome was recorded", m.Id);
            return OutboxStatus.Sending;
        }
        return status;
    }

    TimeSpan Backoff(int attempts)
    {
        var seconds = settings.RetryBaseSeconds * Math.Pow(2, Math.Max(0, attempts - 1));
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxBackoff.TotalSeconds));
    }

    /// <summary>The innermost messages say what went wrong ("Connection refused"); the outer ones only that sending failed.</summary>
    static string Describe(Exception e)
    {
        var text = e.Message;
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (!text.Contains(inner.Message, StringComparison.Ordinal))
                text += " → " + inner.Message;
        }
        return text.Length > 2000 ? text[..2000] : text;
    }
}

sealed record MailFrom(string? Name, string? Address);
