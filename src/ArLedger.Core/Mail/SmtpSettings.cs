namespace ArLedger.Mail;

/// <summary>The SMTP server and the retry policy of the outbox. Bound from the configuration section <c>Smtp</c>.</summary>
public sealed class SmtpSettings
{
    public const string Section = "Smtp";

    public string Host { get; set; } = "localhost";
    public int Port { get; set; } = 25;
    /// <summary>Upgrade the connection with STARTTLS (SmtpClient.EnableSsl). Implicit TLS on port 465 is not supported.</summary>
    public bool EnableStartTls { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string FromAddress { get; set; } = "arledger@localhost";
    public string FromName { get; set; } = "ArLedger";
    public int TimeoutSeconds { get; set; } = 30;
    /// <summary>Attempts before a message is parked as Failed.</summary>
    public int MaxAttempts { get; set; } = 5;
    /// <summary>Wait after the first failed attempt; it doubles after each further one (capped at six hours).</summary>
    public int RetryBaseSeconds { get; set; } = 60;
    /// <summary>Messages of one batch sent at once.</summary>
    public int Parallelism { get; set; } = 4;
}

/// <summary>How much the scheduled dispatch sends per firing. Bound from the configuration section <c>Mail</c>.</summary>
public sealed class MailDispatchSettings
{
    public const string Section = "Mail";

    public int BatchSize { get; set; } = 50;
}
