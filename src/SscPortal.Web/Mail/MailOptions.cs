namespace SscPortal.Web.Mail;

/// <summary>How the connection to the mail server is secured.</summary>
public enum MailSecurity
{
    /// <summary>Plain SMTP (a mail catcher on this machine or network).</summary>
    None,
    /// <summary>Plain connection upgraded with STARTTLS, which the server must offer (usually port 587).</summary>
    StartTls,
    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,
    /// <summary>TLS on port 465, STARTTLS where the server offers it elsewhere.</summary>
    Auto,
}

/// <summary>The configuration section "Mail". With no <see cref="Host"/>, messages are written to <see cref="PickupFolder"/>.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public MailSecurity Security { get; set; } = MailSecurity.Auto;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string FromAddress { get; set; } = "no-reply@localhost";
    public string FromName { get; set; } = "SSC Portal";

    /// <summary>Where messages go as .eml files when no host is configured (relative to the content root).</summary>
    public string PickupFolder { get; set; } = "App_Data/mail";

    /// <summary>How often the sender looks for due messages.</summary>
    public double PollSeconds { get; set; } = 5;

    /// <summary>The wait before the first retry after a temporary failure; it doubles with each further one, up to <see cref="MaxRetrySeconds"/>.</summary>
    public double RetrySeconds { get; set; } = 30;
    public double MaxRetrySeconds { get; set; } = 3600;

    /// <summary>Attempts before a message that keeps failing temporarily is given up as failed.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>How long a sender holds the messages it claimed; a sender that stopped without finishing leaves them to others after this.</summary>
    public double ClaimSeconds { get; set; } = 300;

    /// <summary>
    /// Days a sent message is kept (to answer "did my mail go?" at /admin/mail); after that it is deleted, with the address and
    /// the account link it carried: personal data kept no longer than its purpose.
    /// </summary>
    public double KeepSentDays { get; set; } = 30;

    /// <summary>How many messages one sender claims at a time.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>Seconds to wait for the mail server to connect or answer.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    public bool UsesPickupFolder => string.IsNullOrWhiteSpace(Host);
}
