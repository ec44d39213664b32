using System.Text;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Localization;
using SscPortal.Web.Localization;
using SscPortal.Web.Mail;

namespace SscPortal.Web.Notifications;

/// <summary>
/// Notification mail: one notification at once, or a day's in one digest. Each is written in its reader's language (the one
/// chosen on their account), as HTML and plain text, with absolute links and a one-click unsubscribe for its kind, and put in
/// the <see cref="Outbox"/> in the same transaction as the change it tells of.
/// </summary>
public sealed class NotificationMail(Outbox outbox, PublicAddress address, UnsubscribeLinks unsubscribe, IStringLocalizer<SharedResource> L)
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public OutboxMessage Immediately(Notices.Recipient person, Notification notification)
    {
        using var _ = PortalCultures.Use(person.Language);
        var text = NotificationText.Of(notification, L);
        return Queue(person, notification.Kind, MailKinds.Notification, text, [notification], L["Why you receive this: {0}.", NotificationText.KindName(notification.Kind, L)]);
    }

    public OutboxMessage Digest(Notices.Recipient person, IReadOnlyList<Notification> notifications)
    {
        using var _ = PortalCultures.Use(person.Language);
        var subject = L["Your day on the SSC Portal: {0} notifications", notifications.Count];
        return Queue(person, null, MailKinds.Digest, subject, notifications, L["Why you receive this: you chose a daily digest for these notifications."]);
    }

    private OutboxMessage Queue(Notices.Recipient person, NotificationKind? kind, string mailKind, string subject, IReadOnlyList<Notification> items, string why)
    {
        var settings = address.For("/my/settings");
        var stop = address.For(unsubscribe.PathFor(person.Id, kind));
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"").Append(PortalCultures.Current).Append("\"><head><meta charset=\"utf-8\"><title>")
            .Append(Html.Encode(subject)).Append("</title></head><body style=\"font-family:sans-serif;line-height:1.5\">");
        var plain = new StringBuilder();
        if (items.Count > 1) html.Append("<ul>");
        foreach (var item in items)
        {
            var sentence = NotificationText.Of(item, L);
            var link = address.For(item.Path);
            html.Append(items.Count > 1 ? "<li><p>" : "<p>").Append(Html.Encode(sentence)).Append("</p>");
            plain.Append(items.Count > 1 ? "* " : "").Append(sentence).Append('\n');
            if (item.Detail is { } detail)
            {
                var label = NotificationText.DetailLabel(item, L);
                var line = label is null ? detail : $"{label}: {detail}";
                html.Append("<p>").Append(Html.Encode(line)).Append("</p>");
                plain.Append(line).Append('\n');
            }
            if (link is not null)
            {
                html.Append("<p><a href=\"").Append(Html.Encode(link)).Append("\">").Append(Html.Encode(L["Open it in the portal"])).Append("</a></p>");
                plain.Append(link).Append('\n');
            }
            html.Append(items.Count > 1 ? "</li>" : "");
            plain.Append('\n');
        }
        if (items.Count > 1) html.Append("</ul>");
        html.Append("<hr><p style=\"font-size:small\">").Append(Html.Encode(why));
        plain.Append("-- \n").Append(why).Append('\n');
        if (settings is not null)
        {
            html.Append(" <a href=\"").Append(Html.Encode(settings)).Append("\">").Append(Html.Encode(L["Choose what you receive"])).Append("</a>");
            plain.Append(L["Choose what you receive"]).Append(": ").Append(settings).Append('\n');
        }
        if (stop is not null)
        {
            html.Append(" · <a href=\"").Append(Html.Encode(stop)).Append("\">").Append(Html.Encode(L["Stop these e-mails"])).Append("</a>");
            plain.Append(L["Stop these e-mails"]).Append(": ").Append(stop).Append('\n');
        }
        html.Append("</p><p>— ").Append(Html.Encode(L["SSC Portal"])).Append("</p></body></html>");
        var message = outbox.Add(person.Email!, mailKind, PortalCultures.Current, subject, html.ToString(), plain.ToString());
        message.UnsubscribeUrl = stop;
        return message;
    }
}
