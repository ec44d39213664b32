using System.Globalization;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Localization;

namespace SscPortal.Web.Calls;

/// <summary>
/// How calls are put into words: the English labels of their kinds, states and questions (the keys of the resource files),
/// their dates in the call's own time zone and in UTC, and the countdown to the next date that matters, worked out on the
/// server from the portal's clock.
/// </summary>
public static class CallText
{
    /// <summary>The IANA time zones offered in the form (any other zone the machine knows is accepted too).</summary>
    public static readonly IReadOnlyList<string> Zones =
    [
        "America/Mexico_City", "America/Bogota", "America/Lima", "America/New_York", "America/Montevideo", "America/Sao_Paulo",
        "America/Argentina/Buenos_Aires", "UTC", "Africa/Lagos", "Europe/Paris", "Africa/Johannesburg", "Africa/Nairobi",
        "Asia/Kolkata", "Asia/Bangkok", "Asia/Jakarta", "Asia/Manila",
    ];

    public const string LocalFormat = "yyyy-MM-dd'T'HH:mm";

    public static string KindLabel(CallKind kind) => kind switch
    {
        CallKind.Funding => "Funding or support for projects",
        CallKind.GoodPractice => "Good practices",
        CallKind.Network => "Membership of a network or community of practice",
        _ => kind.ToString(),
    };

    public static string StatusLabel(CallStatus status) => status switch
    {
        CallStatus.Open => "Open",
        CallStatus.Upcoming => "Upcoming",
        _ => "Closed",
    };

    public static string QuestionLabel(QuestionKind kind) => kind switch
    {
        QuestionKind.ShortText => "Short text",
        QuestionKind.LongText => "Long text",
        QuestionKind.Choice => "Choice among options",
        QuestionKind.Number => "Number",
        QuestionKind.Money => "Amount of money",
        QuestionKind.File => "File upload",
        QuestionKind.Partners => "Partner organisations",
        QuestionKind.Initiative => "Linked initiative",
        _ => kind.ToString(),
    };

    /// <summary>A UTC instant as a local date and time in the zone, for a datetime-local field.</summary>
    public static string LocalInput(DateTime utc, string zone) =>
        CallTimeZones.IsKnown(zone) ? CallTimeZones.ToLocal(utc, zone).ToString(LocalFormat, CultureInfo.InvariantCulture) : utc.ToString(LocalFormat, CultureInfo.InvariantCulture);

    /// <summary>Reads a datetime-local field ("2026-12-10T18:00", seconds optional); null when it is not a date and time.</summary>
    public static DateTime? ParseLocal(string? text) =>
        text is not null && DateTime.TryParseExact(text.Trim(), ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"],
            CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value : null;

    /// <summary>"2026-12-10 18:00 (America/Montevideo)": the moment as the call's zone says it.</summary>
    public static string InZone(DateTime utc, string zone) =>
        $"{CallTimeZones.ToLocal(utc, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} ({zone})";

    /// <summary>"2026-12-10 21:00 UTC".</summary>
    public static string InUtc(DateTime utc) => $"{utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC";

    /// <summary>The machine-readable instant for a time element.</summary>
    public static string Machine(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A span in words, its two largest parts: "3 days, 4 hours", "5 hours, 2 minutes", "12 minutes".</summary>
    public static string Span(TimeSpan span, IStringLocalizer<SharedResource> L)
    {
        if (span < TimeSpan.Zero) span = TimeSpan.Zero;
        string Days(int n) => L.Plural(n, "{0} day", "{0} days").Value;
        string Hours(int n) => L.Plural(n, "{0} hour", "{0} hours").Value;
        string Minutes(int n) => L.Plural(n, "{0} minute", "{0} minutes").Value;
        var days = (int)span.TotalDays;
        if (days > 0) return span.Hours > 0 ? $"{Days(days)}, {Hours(span.Hours)}" : Days(days);
        if (span.Hours > 0) return span.Minutes > 0 ? $"{Hours(span.Hours)}, {Minutes(span.Minutes)}" : Hours(span.Hours);
        return Minutes(Math.Max(span.Minutes, span.Seconds > 0 ? 1 : 0));
    }

    /// <summary>"Closes in 3 days, 4 hours", "Opens in 2 days", or "Closed 5 days ago".</summary>
    public static string Countdown(DateTime opensAt, DateTime closesAt, DateTime now, IStringLocalizer<SharedResource> L) =>
        CallSearch.StatusAt(opensAt, closesAt, now) switch
        {
            CallStatus.Upcoming => L["Opens in {0}", Span(opensAt - now, L)].Value,
            CallStatus.Open => L["Closes in {0}", Span(closesAt - now, L)].Value,
            _ => L["Closed {0} ago", Span(now - closesAt, L)].Value,
        };
}
