using System.Collections.Concurrent;
using System.Net.Security;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ArLedger.Mail;

/// <summary>
/// Sends through an SMTP server with MailKit: STARTTLS or implicit TLS as <see cref="SmtpSettings.Security"/> says,
/// authentication when a user name is set. Connections are kept and reused for message after message, up to
/// <see cref="SmtpSettings.MaxConnections"/> at once (one per concurrent send); a connection that fails is dropped
/// and the next send opens a new one. A statement run of thousands of messages then costs a handful of TLS
/// handshakes and logins instead of one per message.
/// </summary>
public sealed class SmtpMailSender : IMailSender, IAsyncDisposable
{
    /// <summary>Servers close sessions left idle (often after a minute or so); older ones are not reused.</summary>
    static readonly TimeSpan IdleLimit = TimeSpan.FromSeconds(30);

    readonly SmtpSettings settings;
    readonly TimeProvider clock;
    readonly SemaphoreSlim slots;
    readonly ConcurrentStack<(SmtpClient Client, DateTimeOffset LastUsed)> idle = new();

    public SmtpMailSender(IOptions<SmtpSettings> options, TimeProvider clock)
    {
        settings = options.Value;
        this.clock = clock;
        slots = new SemaphoreSlim(Math.Max(1, settings.MaxConnections));
    }

    public async Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        var message = Compose(mail);
        await slots.WaitAsync(ct);
        SmtpClient? client = null;
        try
        {
            client = TakeIdle();
            var reused = client is not null;
            client ??= await ConnectAsync(ct);
            try
            {
                await client.SendAsync(message, ct);
            }
            catch (Exception e) when (reused && ConnectionLost(e))
            {
                // The server closed a session we kept open: once more on a new one.
                await DropAsync(client);
                client = null;
                client = await ConnectAsync(ct);
                await client.SendAsync(message, ct);
            }
            idle.Push((client, clock.GetUtcNow()));
            client = null;
        }
        catch (SmtpCommandException e) when (e.ErrorCode == SmtpErrorCode.RecipientNotAccepted && (int)e.StatusCode >= 500)
        {
            // A 5xx on RCPT: the server refuses this recipient for good.
            throw new PermanentMailFailureException($"{(int)e.StatusCode} {e.Mailbox}: {e.Message}", e);
        }
        finally
        {
            // After a failure the session's state is unknown: it is not reused.
            if (client is not null)
                await DropAsync(client);
            slots.Release();
        }
    }

    MimeMessage Compose(OutgoingMail mail)
    {
        var message = new MimeMessage { Subject = mail.Subject };
        message.From.Add(mail.FromAddress is { Length: > 0 } from
            ? new MailboxAddress(mail.FromName ?? settings.FromName, from)
            : new MailboxAddress(settings.FromName, settings.FromAddress));
        message.To.AddRange(Addresses(mail.To));
        if (!string.IsNullOrWhiteSpace(mail.Cc))
            message.Cc.AddRange(Addresses(mail.Cc));
        var body = new BodyBuilder { TextBody = mail.BodyText, HtmlBody = mail.BodyHtml };
        if (mail.Attachment is { } a)
            body.Attachments.Add(a.FileName, a.Content, ContentType.Parse(a.ContentType));
        message.Body = body.ToMessageBody();
        foreach (var (name, value) in mail.Headers)
            message.Headers.Add(name, value);
        return message;
    }

    /// <summary>Comma-separated addresses; a malformed one is a permanent failure, since sending again cannot cure it.</summary>
    static InternetAddressList Addresses(string text)
    {
        if (!InternetAddressList.TryParse(text, out var list) || list.Count == 0
            || list.Mailboxes.Any(m => m.LocalPart.Length == 0 || string.IsNullOrEmpty(m.Domain)))
            throw new PermanentMailFailureException($"Malformed address: '{text}' is not a list of email addresses.");
        return list;
    }

    SmtpClient? TakeIdle()
    {
        while (idle.TryPop(out var kept))
        {
            if (kept.Client.IsConnected && clock.GetUtcNow() - kept.LastUsed < IdleLimit)
                return kept.Client;
            _ = DropAsync(kept.Client);
        }
        return null;
    }

    async Task<SmtpClient> ConnectAsync(CancellationToken ct)
    {
        var client = new SmtpClient { Timeout = settings.TimeoutSeconds * 1000 };
        if (Thumbprint(settings.AcceptCertificateThumbprint) is { } accepted)
            client.ServerCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None || string.Equals(certificate?.GetCertHashString(), accepted, StringComparison.OrdinalIgnoreCase);
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, settings.Security, ct);
            if (!string.IsNullOrEmpty(settings.UserName))
                await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", ct);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    static string? Thumbprint(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : new string([.. text.Where(Uri.IsHexDigit)]);

    static bool ConnectionLost(Exception e) =>
        e is ServiceNotConnectedException or SmtpProtocolException or IOException or SocketException
        || e is SmtpCommandException { StatusCode: SmtpStatusCode.ServiceNotAvailable };

    static async Task DropAsync(SmtpClient client)
    {
        try
        {
            if (client.IsConnected)
                await client.DisconnectAsync(quit: true, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or SocketException or SmtpProtocolException or SmtpCommandException or ServiceNotConnectedException or OperationCanceledException)
        {
            // Already gone: nothing to close.
        }
        finally
        {
            client.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (idle.TryPop(out var kept))
            await DropAsync(kept.Client);
        slots.Dispose();
    }
}
