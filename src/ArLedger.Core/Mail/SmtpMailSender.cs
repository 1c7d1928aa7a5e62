using System.Net;
using System.Net.Mail;
using System.Text;
using Microsoft.Extensions.Options;

namespace ArLedger.Mail;

/// <summary>Sends through an SMTP server with System.Net.Mail, one connection per message.</summary>
public sealed class SmtpMailSender(IOptions<SmtpSettings> options) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        var s = options.Value;
        using var message = new MailMessage
        {
            From = new MailAddress(s.FromAddress, s.FromName, Encoding.UTF8),
            Subject = mail.Subject,
            SubjectEncoding = Encoding.UTF8,
            Body = mail.BodyText,
            BodyEncoding = Encoding.UTF8,
        };
        try
        {
            message.To.Add(mail.To);
            if (!string.IsNullOrWhiteSpace(mail.Cc))
                message.CC.Add(mail.Cc);
        }
        catch (FormatException e)
        {
            throw new PermanentMailFailureException($"Malformed address: {e.Message}", e);
        }
        if (mail.BodyHtml is not null)
            message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(mail.BodyHtml, Encoding.UTF8, "text/html"));
        if (mail.Attachment is { } a)
            message.Attachments.Add(new Attachment(new MemoryStream(a.Content), a.FileName, a.ContentType) { NameEncoding = Encoding.UTF8 });
        foreach (var (name, value) in mail.Headers)
            message.Headers.Add(name, value);

        using var client = new SmtpClient(s.Host, s.Port)
        {
            EnableSsl = s.EnableStartTls,
            Timeout = s.TimeoutSeconds * 1000,
            DeliveryMethod = SmtpDeliveryMethod.Network,
        };
        if (!string.IsNullOrEmpty(s.UserName))
            client.Credentials = new NetworkCredential(s.UserName, s.Password);
        try
        {
            await client.SendMailAsync(message, ct);
        }
        catch (SmtpFailedRecipientException e) when ((int)e.StatusCode >= 500)
        {
            // A 5xx on RCPT: the server refuses this recipient for good.
            throw new PermanentMailFailureException($"{(int)e.StatusCode} {e.FailedRecipient}: {e.Message}", e);
        }
    }
}
