using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace SscPortal.Web.Mail;

/// <summary>Why a message could not be delivered, and whether trying again later may help.</summary>
public sealed class MailDeliveryException(bool permanent, string reason, Exception? inner = null) : Exception(reason, inner)
{
    /// <summary>The server refused the message for good (5xx, a malformed address): retrying cannot help.</summary>
    public bool Permanent { get; } = permanent;
}

/// <summary>
/// Delivers messages: over SMTP with MailKit when Mail:Host is set, otherwise as .eml files in the pickup folder.
/// One <see cref="Session"/> serves a batch, so a batch needs one connection.
/// </summary>
public sealed class MailTransport(IOptions<MailOptions> options, IWebHostEnvironment environment)
{
    private MailOptions Options => options.Value;
    private string ContentRoot => environment.ContentRootPath;

    public Session Open() => new(this);

    public MimeMessage Compose(OutboxMessage message)
    {
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(Options.FromName, Options.FromAddress));
        if (!MailboxAddress.TryParse(message.To, out var to))
            throw new MailDeliveryException(true, $"The address '{message.To}' cannot be used.");
        mime.To.Add(to);
        mime.Subject = message.Subject;
        // One Message-Id per outbox row: a receiving server or reader can tell a message it already has.
        mime.MessageId = $"outbox-{message.Id}.{message.CreatedAt.Ticks}@{MessageIdDomain()}";
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        if (message.UnsubscribeUrl is { } unsubscribe)
        {
            // RFC 8058: the mail program offers "unsubscribe" and POSTs "List-Unsubscribe=One-Click" to the address, no sign-in needed.
            mime.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        if (message.Attachment is { } attachment && message.AttachmentName is { } name)
            body.Attachments.Add(name, System.Text.Encoding.UTF8.GetBytes(attachment), ContentType.Parse(message.AttachmentType ?? "application/octet-stream"));
        mime.Body = body.ToMessageBody();
        // A Content-* header belongs to the body entity in MimeKit (it is still written in the message's header).
        mime.Body.Headers[HeaderId.ContentLanguage] = message.Language;
        return mime;
    }

    private string MessageIdDomain()
    {
        var at = Options.FromAddress.LastIndexOf('@');
        return at >= 0 && at < Options.FromAddress.Length - 1 ? Options.FromAddress[(at + 1)..] : "localhost";
    }

    public sealed class Session(MailTransport transport) : IAsyncDisposable
    {
        private SmtpClient? _client;

        public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            var mime = transport.Compose(message);
            var options = transport.Options;
            if (options.UsesPickupFolder)
            {
                await WriteToPickupFolderAsync(mime, message, cancellationToken);
                return;
            }
            try
            {
                var client = await ConnectedAsync(options, cancellationToken);
                await client.SendAsync(mime, cancellationToken);
            }
            catch (SmtpCommandException e)
            {
                await DropAsync();
                var code = (int)e.StatusCode;
                throw new MailDeliveryException(code >= 500, $"The mail server answered {code}: {e.Message}", e);
            }
            catch (Exception e) when (e is SmtpProtocolException or SocketException or IOException or TimeoutException
                                          or SslHandshakeException or AuthenticationException or ServiceNotConnectedException
                                          or ServiceNotAuthenticatedException
                                      || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                await DropAsync();
                throw new MailDeliveryException(false, $"The mail server at {options.Host}:{options.Port} could not be reached or failed: {e.Message}", e);
            }
        }

        private async Task WriteToPickupFolderAsync(MimeMessage mime, OutboxMessage message, CancellationToken cancellationToken)
        {
            var folder = Path.Combine(transport.ContentRoot, transport.Options.PickupFolder);
            Directory.CreateDirectory(folder);
            // Written under a temporary name and then renamed, so a reader of the folder never sees half a message.
            var path = Path.Combine(folder, $"{message.CreatedAt:yyyyMMdd-HHmmss}-{message.Id}.eml");
            var partial = path + ".part";
            await mime.WriteToAsync(partial, cancellationToken);
            File.Move(partial, path, overwrite: true);
        }

        private async Task<SmtpClient> ConnectedAsync(MailOptions options, CancellationToken cancellationToken)
        {
            if (_client is { IsConnected: true }) return _client;
            await DropAsync();
            var client = new SmtpClient { Timeout = options.TimeoutSeconds * 1000 };
            try
            {
                var security = options.Security switch
                {
                    MailSecurity.None => SecureSocketOptions.None,
                    MailSecurity.StartTls => SecureSocketOptions.StartTls,
                    MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                    _ => SecureSocketOptions.Auto,
                };
                await client.ConnectAsync(options.Host!, options.Port, security, cancellationToken);
                if (!string.IsNullOrEmpty(options.UserName))
                    await client.AuthenticateAsync(options.UserName, options.Password ?? "", cancellationToken);
            }
            catch
            {
                client.Dispose();
                throw;
            }
            return _client = client;
        }

        private async Task DropAsync()
        {
            if (_client is null) return;
            try
            {
                if (_client.IsConnected) await _client.DisconnectAsync(quit: true, CancellationToken.None);
            }
            catch (Exception e) when (e is IOException or SocketException or SmtpProtocolException or SmtpCommandException or OperationCanceledException)
            {
                // Already gone: nothing to close.
            }
            _client.Dispose();
            _client = null;
        }

        public async ValueTask DisposeAsync() => await DropAsync();
    }
}
