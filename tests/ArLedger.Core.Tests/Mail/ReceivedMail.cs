using MimeKit;

namespace ArLedger.Core.Tests.Mail;

/// <summary>
/// A message as the SMTP server received it, parsed with MimeKit for assertions: the envelope recipients, the
/// decoded subject, headers (names lower-cased), the text body and the attachments.
/// </summary>
sealed record ReceivedMail(string EnvelopeTo, string Subject, IReadOnlyDictionary<string, string> Headers, string BodyText,
    IReadOnlyList<(string FileName, string ContentType, byte[] Content)> Attachments)
{
    public static ReceivedMail Parse(byte[] raw)
    {
        using var stream = new MemoryStream(raw);
        var message = MimeMessage.Load(stream);
        var headers = new Dictionary<string, string>();
        foreach (var header in message.Headers)
            headers[header.Field.ToLowerInvariant()] = header.Value;
        var attachments = message.Attachments.OfType<MimePart>().Select(part =>
        {
            using var content = new MemoryStream();
            part.Content?.DecodeTo(content);
            return (part.FileName ?? "", part.ContentType.MimeType, content.ToArray());
        }).ToList();
        return new ReceivedMail(headers.GetValueOrDefault("x-envelope-to", ""), message.Subject ?? "", headers, message.TextBody ?? "", attachments);
    }
}
