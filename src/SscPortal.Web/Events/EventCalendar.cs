using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace SscPortal.Web.Events;

/// <summary>What a calendar entry says of an event (texts already in the reader's language).</summary>
public sealed record CalendarEntry(
    int Id, string Title, string Description, DateTime StartsAt, DateTime EndsAt, string TimeZone, string? Location,
    string Url, int Version, DateTime UpdatedAt, bool Cancelled = false, string? OnlineLink = null);

/// <summary>
/// iCalendar files (RFC 5545) of events: each event's start and end in the time zone of its place (TZID with the zone's
/// VTIMEZONE), a stable UID per event and a SEQUENCE that grows with every change, so a calendar that imported it updates it.
/// The join link is written only into a registered participant's own copy.
/// </summary>
public static class EventCalendar
{
    public const string MediaType = "text/calendar";

    public static string Write(IEnumerable<CalendarEntry> entries, string host, string? name = null)
    {
        var calendar = new Calendar { ProductId = "-//SSC Portal//Events//EN" };
        if (name is not null) calendar.AddProperty("X-WR-CALNAME", name);
        var zones = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var start = Domain.CallTimeZones.ToLocal(entry.StartsAt, entry.TimeZone);
            var end = Domain.CallTimeZones.ToLocal(entry.EndsAt, entry.TimeZone);
            // UTC has no VTIMEZONE: its times are written with a Z.
            var utc = entry.TimeZone == "UTC";
            if (!utc && zones.Add(entry.TimeZone))
                calendar.AddTimeZone(entry.TimeZone, entry.StartsAt.AddYears(-1), includeHistoricalData: false);
            var description = entry.OnlineLink is { } link ? $"{entry.Description}\n\n{link}\n\n{entry.Url}" : $"{entry.Description}\n\n{entry.Url}";
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"event-{entry.Id}@{host}",
                Summary = entry.Title,
                Description = description,
                Location = entry.Location,
                Url = new Uri(entry.Url),
                DtStart = utc ? new CalDateTime(DateTime.SpecifyKind(entry.StartsAt, DateTimeKind.Utc), "UTC", true) : new CalDateTime(start, entry.TimeZone, true),
                DtEnd = utc ? new CalDateTime(DateTime.SpecifyKind(entry.EndsAt, DateTimeKind.Utc), "UTC", true) : new CalDateTime(end, entry.TimeZone, true),
                DtStamp = new CalDateTime(DateTime.SpecifyKind(entry.UpdatedAt, DateTimeKind.Utc), "UTC", true),
                Sequence = entry.Version,
                Status = entry.Cancelled ? "CANCELLED" : "CONFIRMED",
            });
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
