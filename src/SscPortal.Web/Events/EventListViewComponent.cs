using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;
using SscPortal.Web.Data;
using SscPortal.Web.Localization;
using SscPortal.Web.Reference;

namespace SscPortal.Web.Events;

/// <summary>
/// The events of an organisation (it organises or co-organises them, confirmed), an initiative (they concern it) or a country
/// (held there) on its page: the next upcoming ones, then the latest past ones with their reports, and "see all" links to
/// /events with the right filter. Nothing at all when there is no published event.
/// <c>@await Component.InvokeAsync("EventList", new { organisation = id })</c> (or <c>initiative = id</c>, <c>country = "UY"</c>).
/// </summary>
public sealed class EventListViewComponent(AppDbContext db, ReferenceData referenceData, TimeProvider clock, Caching.RecordPageCache kept,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> L) : ViewComponent
{
    public const int Upcoming = 5;
    public const int Past = 3;

    /// <summary>
    /// The section's lists are kept for every reader of the page (Caching/RecordPageCache.cs) until the content changes, and
    /// for at most this long, so that an event that has ended moves from the upcoming ones to the past ones a minute late at most.
    /// </summary>
    public static readonly TimeSpan KeptAtMost = TimeSpan.FromMinutes(1);

    private sealed record Lists(List<EventCard> Upcoming, List<EventCard> Past);

    public sealed record Shown(IReadOnlyList<EventCard> Upcoming, IReadOnlyList<EventCard> Past, bool MoreUpcoming, bool MorePast,
        EventFilter Filter, ReferenceData.Snapshot Names, DateTime Now);

    public async Task<IViewComponentResult> InvokeAsync(int? organisation = null, int? initiative = null, string? country = null)
    {
        var cancellationToken = HttpContext.RequestAborted;
        var (parameter, value) = organisation is { } o ? ("organiser", o.ToString(CultureInfo.InvariantCulture))
            : initiative is { } i ? ("initiative", i.ToString(CultureInfo.InvariantCulture))
            : country is { Length: 2 } c ? ("country", c.ToUpperInvariant())
            : throw new ArgumentException("Name an organisation, an initiative or a country.");
        var names = await referenceData.GetAsync(cancellationToken);
        var filter = EventFilter.From(EventFilter.Query.Read(new QueryCollection(new Dictionary<string, StringValues> { [parameter] = value }), names, L));
        var now = clock.GetUtcNow().UtcDateTime;
        var language = PortalCultures.Current;
        var (upcoming, past) = (await kept.GetAsync($"events|{parameter}|{value}|{language}", async () =>
        {
            // Published events only: the same for every reader.
            var events = filter.ApplyAnyTime(db.Events.AsNoTracking(), db);
            return new Lists(
                await EventSearch.Ordered(EventSearch.InPeriod(events, EventPeriod.Upcoming, now), EventPeriod.Upcoming).Take(Upcoming + 1).ToCards(language).ToListAsync(cancellationToken),
                await EventSearch.Ordered(EventSearch.InPeriod(events, EventPeriod.Past, now), EventPeriod.Past).Take(Past + 1).ToCards(language).ToListAsync(cancellationToken));
        }, keep: _ => true, longest: KeptAtMost))!;
        if (upcoming.Count == 0 && past.Count == 0) return Content("");
        return View(new Shown(upcoming.Take(Upcoming).ToList(), past.Take(Past).ToList(), upcoming.Count > Upcoming, past.Count > Past, filter, names, now));
    }
}
