using MailKit.Security;

namespace ArLedger.Mail;

/// <summary>The SMTP server and the retry policy of the outbox. Bound from the configuration section <c>Smtp</c>.</summary>
public sealed class SmtpSettings
{
    public const string Section = "Smtp";

    public string Host { get; set; } = "localhost";
    public int Port { get; set; } = 25;
    /// <summary>
    /// None, StartTls (required), StartTlsWhenAvailable, SslOnConnect (implicit TLS, port 465), or Auto: implicit TLS
    /// on port 465, STARTTLS elsewhere when the server offers it.
    /// </summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;
    /// <summary>
    /// SHA-1 thumbprint (hex) of a server certificate to accept although no trusted authority signed it: an internal
    /// relay with a self-signed certificate. Blank: only certificates the system trusts.
    /// </summary>
    public string? AcceptCertificateThumbprint { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string FromAddress { get; set; } = "arledger@localhost";
    public string FromName { get; set; } = "ArLedger";
    public int TimeoutSeconds { get; set; } = 30;
    /// <summary>Attempts before a message is parked as Failed.</summary>
    public int MaxAttempts { get; set; } = 5;
    /// <summary>Wait after the first failed attempt; it doubles after each further one (capped at six hours).</summary>
    public int RetryBaseSeconds { get; set; } = 60;
    /// <summary>SMTP connections this instance keeps open and sends over at once; each carries many messages.</summary>
    public int MaxConnections { get; set; } = 4;
}

/// <summary>How the outbox is drained. Bound from the configuration section <c>Mail</c>.</summary>
public sealed class MailDispatchSettings
{
    public const string Section = "Mail";

    /// <summary>Messages claimed at a time; the dispatcher claims batch after batch while messages are due.</summary>
    public int BatchSize { get; set; } = 50;
    /// <summary>False: this instance runs no background drain (the OutboxDispatch job and the Outbox page still send).</summary>
    public bool DispatchInBackground { get; set; } = true;
    /// <summary>How long the background drain waits, once nothing is due, before it looks again.</summary>
    public int DispatchIntervalSeconds { get; set; } = 5;
}
