using SscPortal.Web.Data;

namespace SscPortal.Web.Mail;

/// <summary>
/// Puts a message in the outbox. <see cref="Add"/> only adds the row to the request's context: it is saved by the same
/// SaveChanges, in the same transaction, as the change that causes it, and sent afterwards by <see cref="MailSender"/>.
/// </summary>
public sealed class Outbox(AppDbContext db, TimeProvider clock)
{
    public OutboxMessage Add(string to, string kind, string language, string subject, string htmlBody, string textBody, MailAttachment? attachment = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var message = new OutboxMessage
        {
            To = to,
            Kind = kind,
            Language = language,
            Subject = subject,
            HtmlBody = htmlBody,
            TextBody = textBody,
            AttachmentName = attachment?.Name,
            AttachmentType = attachment?.MediaType,
            Attachment = attachment?.Text,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.OutboxMessages.Add(message);
        return message;
    }
}

/// <summary>A text file sent with a message (an event's calendar entry, text/calendar).</summary>
public sealed record MailAttachment(string Name, string MediaType, string Text);
