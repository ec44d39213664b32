using SscPortal.Domain;
using SscPortal.Web.Calls;
using SscPortal.Web.Localization;
using SscPortal.Web.Mail;
using SscPortal.Web.Reference;

namespace SscPortal.Web.Events;

/// <summary>
/// How an event is put into words on its pages, in its calendar file and in mail: its title and description in the reader's
/// language (the original when not translated), its times in the event's own zone and in UTC, where it happens, and each
/// speaker as they agreed to be shown.
/// </summary>
public static class EventText
{
    /// <summary>The title and description in <paramref name="language"/> when the organisers translated them, otherwise the original.</summary>
    public static (string Language, string Title, string Description) Shown(CooperationEvent @event, string language) =>
        @event.Translations.FirstOrDefault(t => t.Language == language) is { } t
            ? (t.Language, t.Title, t.Description)
            : (@event.Language, @event.Title, @event.Description);

    /// <summary>"2026-12-10 18:00 (America/Montevideo)".</summary>
    public static string InZone(DateTime utc, string zone) => CallText.InZone(utc, zone);

    /// <summary>"18:00", the time of day in the event's zone (a session's start or end).</summary>
    public static string TimeInZone(DateTime utc, string zone) =>
        CallTimeZones.ToLocal(utc, zone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>"2026-12-10", the day in the event's zone.</summary>
    public static string DayInZone(DateTime utc, string zone) =>
        CallTimeZones.ToLocal(utc, zone).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Where it happens, on one line: the venue, its address, the city and the country's name (in person or hybrid).</summary>
    public static string? Place(CooperationEvent @event, ReferenceData.Snapshot names, string language)
    {
        if (!@event.HasVenue) return null;
        var parts = new[] { @event.Venue, @event.Address, @event.City, @event.CountryCode is { } code ? names.CountryName(code, language) : null }
            .Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    /// <summary>
    /// How a speaker appears on public pages: the name (with the organisation) only when the speaker agreed to show it,
    /// otherwise only the organisation they speak for; null when neither may be said.
    /// </summary>
    public static string? Speaker(EventSpeaker speaker, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> L) =>
        speaker.NameShown
            ? speaker.Organisation is { } organisation ? $"{speaker.Name} ({organisation})" : speaker.Name
            : speaker.Organisation is { } only ? L["A speaker from {0}", only].Value : null;

    /// <summary>The host that makes each event's calendar UID (<c>event-{id}@host</c>): the portal's public address, else this request's host.</summary>
    public static string CalendarHost(PublicAddress address, HttpRequest? request) =>
        address.Root is { } root && Uri.TryCreate(root, UriKind.Absolute, out var uri) ? uri.Host : request?.Host.Host ?? "localhost";

    /// <summary>The absolute address of the event's page: the portal's public address, else this request's.</summary>
    public static string PageAddress(int id, PublicAddress address, HttpRequest? request) =>
        address.For($"/events/{id}") ?? (request is null ? $"https://localhost/events/{id}" : $"{request.Scheme}://{request.Host}{request.PathBase}/events/{id}");

    /// <summary>The event as one calendar entry, its texts in <paramref name="language"/>; the join link only when asked (a registered participant's own copy).</summary>
    public static CalendarEntry Entry(CooperationEvent @event, string language, ReferenceData.Snapshot names, string pageAddress,
        Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> L, bool withOnlineLink = false)
    {
        var shown = Shown(@event, language);
        var place = Place(@event, names, language);
        return new CalendarEntry(@event.Id, shown.Title, shown.Description, @event.StartsAt, @event.EndsAt, @event.TimeZone,
            place ?? (@event.IsOnline ? L[EnumLabels.For(EventFormat.Online)].Value : null), pageAddress, @event.Version, @event.UpdatedAt,
            Cancelled: @event.Publication == PublicationState.Unpublished, OnlineLink: withOnlineLink && @event.IsOnline ? @event.OnlineLink : null);
    }

    public static string FileName(int id) => $"event-{id}.ics";
}
