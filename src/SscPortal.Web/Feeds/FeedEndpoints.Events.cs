using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Caching;
using SscPortal.Web.Data;
using SscPortal.Web.Events;
using SscPortal.Web.Localization;
using SscPortal.Web.Mail;
using SscPortal.Web.OpenData;
using SscPortal.Web.Reference;

namespace SscPortal.Web.Feeds;

/// <summary>
/// The events' feeds (issue 20), with the filters of /events (<see cref="EventFilter"/>): an Atom feed of the published events
/// the list shows, the latest change first, and an iCalendar file (RFC 5545) of the same events, each at its start and end in
/// its own time zone (TZID with the zone's VTIMEZONE), at most <see cref="EventSearch.MaxCalendarEntries"/> of them in the
/// list's order. Public copies: never the join link, nothing of registrations.
/// </summary>
public static partial class FeedEndpoints
{
    public const string EventsPath = "/feeds/events.atom";
    public const string EventsCalendarPath = "/events.ics";

    public static readonly ApiQuery EventsFeedQuery = new("EventsFeed", EventFilter.Parameters);

    public static string EventsAddress(EventFilter filter) => filter.Link(EventsPath, extra: [("culture", PortalCultures.Current)]);

    /// <summary>Maps /feeds/events.atom (in the feeds' group) and /events.ics (beside the page it follows).</summary>
    private static void MapEvents(IEndpointRouteBuilder app, RouteGroupBuilder feeds)
    {
        feeds.MapGet("/events.atom", EventsAsync).WithMetadata(EventsFeedQuery);
        app.MapGet(EventsCalendarPath, EventsCalendarAsync).AllowAnonymous().CacheOutput(AnonymousPageCache.PolicyName).ExcludeFromDescription().WithMetadata(EventsFeedQuery);
    }

    private static async Task<EventFilter?> EventFilterAsync(HttpContext context, ReferenceData referenceData, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        var names = await referenceData.GetAsync(cancellationToken);
        var values = EventsFeedQuery.Read(context.Request.Query, names, L);
        if (values.IsValid) return EventFilter.From(values);
        await ApiProblems.BadRequest(context.Request, values.Errors, L).ExecuteAsync(context);
        return null;
    }

    private static async Task EventsAsync(
        HttpContext context, [FromKeyedServices(ReadOnlyDb.Key)] AppDbContext db, ReferenceData referenceData, PublicAddress address, TimeProvider clock, IStringLocalizer<SharedResource> L,
        CancellationToken cancellationToken)
    {
        if (Root(context, address) is not { } root) return;
        if (await EventFilterAsync(context, referenceData, L, cancellationToken) is not { } filter) return;
        var names = await referenceData.GetAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var language = PortalCultures.Current;
        var cards = await filter.Apply(db.Events.AsNoTracking(), db, now)
            .OrderByDescending(e => e.PublishedAt > e.UpdatedAt ? e.PublishedAt : e.UpdatedAt).ThenByDescending(e => e.Id).Take(AtomFeed.MaxEntries)
            .ToCards(language).ToListAsync(cancellationToken);
        var entries = cards.Select(c =>
        {
            var shown = c.Shown;
            var facts = new List<string> { L[EnumLabels.For(c.Kind)], c.Dates, c.Place(names, language, L) };
            if (c.HasEnded(now) && c.ReportPublishedAt is not null) facts.Add(L["Report of the event"]);
            var clipped = shown.Summary.Length <= 500 ? shown.Summary : shown.Summary[..500] + "…";
            return new FeedEntry(c.Path, shown.Title, shown.Language, $"{string.Join(" · ", facts)}. {clipped}", null,
                AtomFeed.LastChange(c.UpdatedAt, c.PublishedAt), c.PublishedAt, c.OwnerName, c.OwnerId);
        });
        var parts = await filter.DescribeAsync(db, names, L, cancellationToken);
        var title = parts.Count == 0 ? L["Events"].Value : $"{L["Events"]}: {string.Join(", ", parts)}";
        await SendAsync(context, root, new FeedContent(EventsAddress(filter), filter.Link("/events"), title, AtomFeed.Newest(entries)), L, cancellationToken);
    }

    private static async Task EventsCalendarAsync(
        HttpContext context, [FromKeyedServices(ReadOnlyDb.Key)] AppDbContext db, ReferenceData referenceData, PublicAddress address, TimeProvider clock, IStringLocalizer<SharedResource> L,
        CancellationToken cancellationToken)
    {
        if (Root(context, address) is not { } root) return;
        if (await EventFilterAsync(context, referenceData, L, cancellationToken) is not { } filter) return;
        var names = await referenceData.GetAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var language = PortalCultures.Current;
        var cards = await EventSearch.Ordered(filter.Apply(db.Events.AsNoTracking(), db, now), filter.When).Take(EventSearch.MaxCalendarEntries)
            .ToCards(language).ToListAsync(cancellationToken);
        var parts = await filter.DescribeAsync(db, names, L, cancellationToken);
        string portal = L["SSC Portal"];
        var name = parts.Count == 0 ? $"{L["Events"]} · {portal}" : $"{L["Events"]}: {string.Join(", ", parts)} · {portal}";
        // The calendar's name says the filters, the searched words among them: never markup typed into the address.
        name = new string(name.Where(c => c is not ('<' or '>' or '"' or '\'' or '&')).ToArray());
        var text = EventCalendar.Write(EventSearch.Entries(cards, root, names, L), new Uri(root).Host, name);
        context.Response.ContentType = EventCalendar.MediaType + "; charset=utf-8";
        context.Response.Headers.ContentDisposition = "inline; filename=\"events.ics\"";
        await context.Response.WriteAsync(text, cancellationToken);
    }
}
