using System.Text;
using System.Text.Encodings.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Localization;
using SscPortal.Web.Mail;
using SscPortal.Web.Reference;

namespace SscPortal.Web.Events;

/// <summary>
/// The mail everyone registered for a published event (or on its waiting list) receives when its date, time zone, place or
/// online link changes, or when it is withdrawn: in each person's own language, with the event's updated calendar file
/// attached (<see cref="MailKinds.EventChanged"/>). The online link goes only to those who hold a place. The messages are put
/// in the <see cref="Outbox"/> by the caller's change, so they are saved in the same transaction as the change itself.
/// </summary>
public static class EventChangeMail
{
    /// <summary>One person to tell: where to, in which language, and whether they hold a place.</summary>
    public sealed record Recipient(string Email, string Language, RegistrationState State);

    /// <summary>The fields whose change is told to participants.</summary>
    public static readonly IReadOnlyList<string> Told =
    [
        nameof(CooperationEvent.StartsAt), nameof(CooperationEvent.EndsAt), nameof(CooperationEvent.TimeZone), nameof(CooperationEvent.Venue),
        nameof(CooperationEvent.Address), nameof(CooperationEvent.City), nameof(CooperationEvent.CountryCode), nameof(CooperationEvent.OnlineLink),
    ];

    /// <summary>Whether what changed between the two snapshots is something participants must be told.</summary>
    public static bool Matters(IReadOnlyDictionary<string, string?> before, IReadOnlyDictionary<string, string?> after) =>
        Told.Any(field => before.GetValueOrDefault(field) != after.GetValueOrDefault(field));

    /// <summary>Everyone registered or waiting for the event (not the unconfirmed visitors, who hold nothing yet).</summary>
    public static Task<List<Recipient>> RecipientsAsync(AppDbContext db, int eventId, CancellationToken cancellationToken) =>
        db.EventRegistrations.AsNoTracking()
            .Where(r => r.EventId == eventId && (r.State == RegistrationState.Registered || r.State == RegistrationState.Waiting))
            .OrderBy(r => r.Id)
            .Select(r => new Recipient(r.Email, r.MailLanguage, r.State)).ToListAsync(cancellationToken);

    /// <summary>
    /// Queues one message per recipient. <paramref name="withdrawnReason"/> null: the date, place or link changed (the
    /// message says what it is now); otherwise the event was withdrawn, for that reason.
    /// </summary>
    public static void Queue(Outbox outbox, IStringLocalizer<SharedResource> L, CooperationEvent @event, IEnumerable<Recipient> recipients,
        ReferenceData.Snapshot names, string pageAddress, string host, string? withdrawnReason = null)
    {
        foreach (var recipient in recipients)
        {
            using var _ = PortalCultures.Use(PortalCultures.IsSupported(recipient.Language) ? recipient.Language : "en");
            var language = PortalCultures.Current;
            var registered = recipient.State == RegistrationState.Registered;
            var shown = EventText.Shown(@event, language);
            string subject, intro, closing;
            var lines = new List<string>();
            if (withdrawnReason is null)
            {
                subject = L["The event “{0}” changed", shown.Title];
                intro = L["The organisers changed the date, place or link of the event “{0}”. It is now:", shown.Title];
                lines.Add(L["Starts: {0}, that is {1}", EventText.InZone(@event.StartsAt, @event.TimeZone), Calls.CallText.InUtc(@event.StartsAt)]);
                lines.Add(L["Ends: {0}, that is {1}", EventText.InZone(@event.EndsAt, @event.TimeZone), Calls.CallText.InUtc(@event.EndsAt)]);
                if (EventText.Place(@event, names, language) is { } place) lines.Add(L["Where: {0}", place]);
                if (@event.IsOnline)
                    lines.Add(registered && @event.OnlineLink is { } link
                        ? L["Join online: {0}", link]
                        : L["Online: the link is sent to registered participants."]);
                closing = L["The calendar file attached replaces the one you had."];
            }
            else
            {
                subject = L["The event “{0}” was withdrawn", shown.Title];
                intro = L["The event “{0}” is no longer announced on the SSC Portal. Reason given: {1}", shown.Title, withdrawnReason];
                closing = L["The calendar file attached marks it as cancelled in your calendar."];
            }
            var why = registered
                ? L["You received this message because you registered for this event."].Value
                : L["You received this message because you are on the waiting list of this event."].Value;
            var signature = L["SSC Portal"].Value;
            var calendar = EventCalendar.Write([EventText.Entry(@event, language, names, pageAddress, L, withOnlineLink: registered)], host);
            outbox.Add(recipient.Email, MailKinds.EventChanged, language, subject,
                Html(language, subject, intro, lines, pageAddress, L["See the event"], $"{closing} {why}", signature),
                Text(intro, lines, pageAddress, $"{closing} {why}", signature),
                new MailAttachment(EventText.FileName(@event.Id), EventCalendar.MediaType, calendar));
        }
    }

    private static readonly HtmlEncoder Readable = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private static string Html(string language, string subject, string intro, List<string> lines, string link, string action, string closing, string signature)
    {
        var html = Readable;
        var body = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"").Append(language).Append("\"><head><meta charset=\"utf-8\"><title>")
            .Append(html.Encode(subject)).Append("</title></head><body style=\"font-family:sans-serif;line-height:1.5\">")
            .Append("<p>").Append(html.Encode(intro)).Append("</p>");
        if (lines.Count > 0)
        {
            body.Append("<ul>");
            foreach (var line in lines) body.Append("<li>").Append(html.Encode(line)).Append("</li>");
            body.Append("</ul>");
        }
        return body.Append("<p><a href=\"").Append(html.Encode(link)).Append("\">").Append(html.Encode(action)).Append("</a></p>")
            .Append("<p>").Append(html.Encode(closing)).Append("</p>")
            .Append("<p>— ").Append(html.Encode(signature)).Append("</p></body></html>").ToString();
    }

    private static string Text(string intro, List<string> lines, string link, string closing, string signature)
    {
        var text = new StringBuilder().Append(intro).Append("\n\n");
        foreach (var line in lines) text.Append("- ").Append(line).Append('\n');
        if (lines.Count > 0) text.Append('\n');
        return text.Append(link).Append("\n\n").Append(closing).Append("\n\n-- \n").Append(signature).Append('\n').ToString();
    }
}
