using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Localization;
using SscPortal.Web.Mail;

namespace SscPortal.Web.Events;

/// <summary>
/// The mail of registrations, each in the language the person registered in (<see cref="EventRegistration.MailLanguage"/>),
/// as HTML and plain text with absolute links (<see cref="PublicAddress"/>), put in the <see cref="Outbox"/> with the change that
/// causes it: the address confirmation; a place (with the event's calendar file, holding the online link for this person, and
/// a link to cancel); the waiting list (with its link to cancel); a place freed for someone waiting; the organisers' messages.
/// </summary>
public sealed class RegistrationMail(Outbox outbox, PublicAddress address, IStringLocalizer<SharedResource> L, Microsoft.Extensions.Options.IOptions<EventOptions> options,
    ILogger<RegistrationMail> logger)
{
    private string Link(string path)
    {
        if (address.For(path) is { } link) return link;
        logger.LogError("Portal:PublicUrl is not set: no link can be mailed. Set it to the address people reach the portal at.");
        return path;
    }

    private static string TitleIn(CooperationEvent @event, string language) =>
        @event.Translations.FirstOrDefault(t => t.Language == language)?.Title ?? @event.Title;

    private static string When(CooperationEvent @event) =>
        string.Create(CultureInfo.CurrentCulture, $"{CallTimeZones.ToLocal(@event.StartsAt, @event.TimeZone):f} – {CallTimeZones.ToLocal(@event.EndsAt, @event.TimeZone):f} ({@event.TimeZone})");

    public OutboxMessage AddressConfirmation(EventRegistration registration, CooperationEvent @event, string secret) =>
        Queue(registration, MailKinds.EventAddressConfirmation, title => new(
            L["Confirm your registration for “{0}”", title],
            L["Someone registered this e-mail address for the event “{0}” on the SSC Portal. The registration holds no place until you confirm the address by opening this link within {1} hours:", title, (int)options.Value.UnconfirmedHours],
            L["Confirm my registration"], Link(Registrations.ConfirmPath(secret)),
            L["If you did not register, ignore this message: the registration is deleted without a place."]), null, @event);

    /// <summary>A place (or, for a visitor who confirmed while it was full, the waiting list); <paramref name="promoted"/>: moved up from the waiting list.</summary>
    public OutboxMessage Registered(EventRegistration registration, CooperationEvent @event, string secret, bool promoted)
    {
        var cancel = Link(Registrations.CancelPath(secret));
        if (registration.State == RegistrationState.Waiting)
            return Queue(registration, MailKinds.EventRegistration, title => new(
                L["You are on the waiting list for “{0}”", title],
                L["“{0}” ({1}) is full, so you are on its waiting list. If a place frees, you get it automatically and we write to you. To leave the waiting list, open this link:", title, When(@event)],
                L["Cancel my registration"], cancel,
                L["Only the event's organisers see your registration; it is deleted some months after the event, leaving anonymous counts."]), null, @event);
        var calendar = EventCalendar.Write([new CalendarEntry(@event.Id, TitleIn(@event, registration.MailLanguage), @event.Description, @event.StartsAt, @event.EndsAt,
            @event.TimeZone, Location(@event), address.For($"/events/{@event.Id}") ?? $"urn:ssc-portal:event:{@event.Id}", @event.Version, @event.UpdatedAt,
            OnlineLink: @event.OnlineLink)], address.Root is { } root ? new Uri(root).Host : "ssc-portal");
        var attachment = new MailAttachment("event.ics", EventCalendar.MediaType, calendar);
        return Queue(registration, MailKinds.EventRegistration, title => new(
            promoted ? L["A place freed: you are registered for “{0}”", title] : L["You are registered for “{0}”", title],
            (promoted ? L["A place freed at “{0}” ({1}) and it is yours: you are registered. The calendar file is attached.", title, When(@event)]
                      : L["You have a place at “{0}” ({1}). The calendar file is attached.", title, When(@event)]).Value
                + (@event.OnlineLink is { } online ? " " + L["Join online: {0}", online].Value : "")
                + " " + L["If you cannot come, cancel so that someone else gets the place:"].Value,
            L["Cancel my registration"], cancel,
            L["Only the event's organisers see your registration; it is deleted some months after the event, leaving anonymous counts."]), attachment, @event);
    }

    public OutboxMessage Message(EventRegistration registration, CooperationEvent @event, string subject, string body) =>
        Queue(registration, MailKinds.EventMessage, title => new(
            $"{subject} — {title}", body, L["The event's page"], Link($"/events/{@event.Id}"),
            L["You received this message from the organisers of “{0}” because you registered for it.", title]), null, @event);

    private static string? Location(CooperationEvent @event) =>
        @event.HasVenue ? string.Join(", ", new[] { @event.Venue, @event.Address, @event.City, @event.CountryCode }.Where(p => !string.IsNullOrWhiteSpace(p))) : null;

    private sealed record Letter(string Subject, string Intro, string? Action, string? Link, string Closing);

    private OutboxMessage Queue(EventRegistration registration, string kind, Func<string, Letter> write, MailAttachment? attachment, CooperationEvent @event)
    {
        using var _ = PortalCultures.Use(registration.MailLanguage);
        var written = PortalCultures.Current;
        var letter = write(TitleIn(@event, written));
        var signature = L["SSC Portal"].Value;
        return outbox.Add(registration.Email, kind, written, letter.Subject, Html(written, letter, signature), Text(letter, signature), attachment);
    }

    private static readonly HtmlEncoder Readable = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private static string Html(string language, Letter letter, string signature)
    {
        var html = Readable;
        var body = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"").Append(language).Append("\"><head><meta charset=\"utf-8\"><title>")
            .Append(html.Encode(letter.Subject)).Append("</title></head><body style=\"font-family:sans-serif;line-height:1.5\">");
        foreach (var paragraph in letter.Intro.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
            body.Append("<p>").Append(html.Encode(paragraph).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p>");
        if (letter.Link is { } link)
            body.Append("<p><a href=\"").Append(html.Encode(link)).Append("\">").Append(html.Encode(letter.Action ?? link)).Append("</a></p>")
                .Append("<p style=\"word-break:break-all;font-size:small\">").Append(html.Encode(link)).Append("</p>");
        return body.Append("<p>").Append(html.Encode(letter.Closing)).Append("</p>")
            .Append("<p>— ").Append(html.Encode(signature)).Append("</p></body></html>").ToString();
    }

    private static string Text(Letter letter, string signature) =>
        letter.Link is { } link
            ? $"{letter.Intro}\n\n{link}\n\n{letter.Closing}\n\n-- \n{signature}\n"
            : $"{letter.Intro}\n\n{letter.Closing}\n\n-- \n{signature}\n";
}
