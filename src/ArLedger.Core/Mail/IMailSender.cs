namespace ArLedger.Mail;

/// <summary>The seam between the outbox and a mail library: sends one message now, or throws.</summary>
public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken ct);
}

/// <summary>A message ready to go. <paramref name="To"/> and <paramref name="Cc"/> may list several addresses separated by commas.</summary>
public sealed record OutgoingMail(string To, string? Cc, string Subject, string BodyText, string? BodyHtml, MailAttachment? Attachment)
{
    /// <summary>Extra headers, such as the outbox id that lets a receiving system spot a message sent twice.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    /// <summary>The sender the company settings name; null: the SMTP settings' sender.</summary>
    public string? FromName { get; init; }
    public string? FromAddress { get; init; }
}

public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>
/// A failure that sending again cannot cure (a malformed address, a mailbox the server says does not exist):
/// the dispatcher parks the message at once instead of retrying.
/// </summary>
public sealed class PermanentMailFailureException(string message, Exception? inner = null) : Exception(message, inner);
