using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Caching;
using SscPortal.Web.Data;
using SscPortal.Web.Events;
using SscPortal.Web.Localization;
using SscPortal.Web.Reference;
using SscPortal.Web.Search;

namespace SscPortal.Web.Pages.Events;

/// <summary>
/// The events (issue 20): published events not ended yet, soonest first (ongoing ones first of all), or the archive of past
/// events (?when=past, latest first, each with its report when published); searched in every language and narrowed by facets
/// whose counts follow the current list; paged by number. ?view=calendar&amp;month=2026-12 shows one month as a grid, each
/// event on every day it covers in its own time zone. A filter value that is not understood is said and left out.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = AnonymousPageCache.PolicyName)]
public class IndexModel(AppDbContext db, ReferenceData referenceData, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    public const int PageSize = 20;
    public const int MaxPage = 500;
    public const int Clip = 280;

    [FromQuery(Name = "page")] public string? PageNumber { get; set; }
    [FromQuery(Name = "view")] public string? View { get; set; }
    [FromQuery(Name = "month")] public string? MonthText { get; set; }

    public EventFilter Filter { get; private set; } = null!;
    public IReadOnlyList<string> Problems { get; private set; } = [];
    public IReadOnlyList<EventCard> Results { get; private set; } = [];
    public IReadOnlyList<Facet> Facets { get; private set; } = [];
    public ReferenceData.Snapshot Names { get; private set; } = null!;
    public int Total { get; private set; }
    public int Number { get; private set; } = 1;
    public bool HasNext { get; private set; }
    public DateTime Now { get; private set; }

    public bool IsCalendar { get; private set; }
    /// <summary>The calendar's month (its first day).</summary>
    public DateOnly Month { get; private set; }
    /// <summary>The calendar's weeks, Monday first, each day with the events covering it (days outside the month are empty).</summary>
    public IReadOnlyList<IReadOnlyList<CalendarDay>> Weeks { get; private set; } = [];
    /// <summary>Whether the month had more events than a grid shows.</summary>
    public bool Truncated { get; private set; }

    public sealed record CalendarDay(DateOnly Date, bool InMonth, IReadOnlyList<EventCard> Events);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Names = await referenceData.GetAsync(cancellationToken);
        var (filter, values) = EventFilter.Read(Request.Query, Names, L);
        Filter = filter;
        Problems = values.Errors.SelectMany(e => e.Value.Select(message => L["{0}: {1} This filter was not applied.", LabelOf(e.Key), message].Value)).ToList();
        Now = clock.GetUtcNow().UtcDateTime;
        IsCalendar = string.Equals(View, "calendar", StringComparison.OrdinalIgnoreCase);
        Facets = await EventSearch.FacetsAsync(Filter, db, Names, Now, L, cancellationToken);
        if (IsCalendar)
        {
            await CalendarAsync(cancellationToken);
            return;
        }
        if (PageNumber is not null)
        {
            if (int.TryParse(PageNumber, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= MaxPage) Number = number;
            else ModelState.AddModelError("Page", L["This page link is not valid, so the list starts from the beginning."]);
        }
        var query = Filter.Apply(db.Events.AsNoTracking(), db, Now);
        Total = await query.CountAsync(cancellationToken);
        var (ids, more) = await EventSearch.PageAsync(query, Filter.When, (Number - 1) * PageSize, PageSize, cancellationToken);
        HasNext = more && Number < MaxPage;
        Results = await EventSearch.CardsAsync(db, ids, PortalCultures.Current, cancellationToken);
    }

    private async Task CalendarAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(Now);
        Month = new DateOnly(today.Year, today.Month, 1);
        if (MonthText is not null)
        {
            if (DateOnly.TryParseExact(MonthText + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) && month.Year is >= 1950 and <= 2100)
                Month = month;
            else ModelState.AddModelError("Month", L["This month is not valid (write it as 2026-12), so this month is shown."]);
        }
        var first = Month.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var next = Month.AddMonths(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        // Zones are at most 14 hours from UTC: events a day around the month are read, then placed on their own days.
        var from = first.AddDays(-1);
        var to = next.AddDays(1);
        var ids = await Filter.ApplyAnyTime(db.Events.AsNoTracking(), db).Where(e => e.StartsAt < to && e.EndsAt > from)
            .OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Take(EventSearch.MaxCalendarEntries + 1).Select(e => e.Id).ToListAsync(cancellationToken);
        Truncated = ids.Count > EventSearch.MaxCalendarEntries;
        var cards = await EventSearch.CardsAsync(db, ids.Take(EventSearch.MaxCalendarEntries).ToList(), PortalCultures.Current, cancellationToken);
        var byDay = cards.SelectMany(c => EventDates.Days(c.StartsAt, c.EndsAt, c.TimeZone).Select(d => (Day: d, Card: c)))
            .Where(x => x.Day.Year == Month.Year && x.Day.Month == Month.Month)
            .GroupBy(x => x.Day).ToDictionary(g => g.Key, g => (IReadOnlyList<EventCard>)g.Select(x => x.Card).ToList());
        Total = cards.Count(c => EventDates.Days(c.StartsAt, c.EndsAt, c.TimeZone).Any(d => d.Year == Month.Year && d.Month == Month.Month));
        var start = Month.AddDays(-(((int)Month.DayOfWeek + 6) % 7));
        var weeks = new List<IReadOnlyList<CalendarDay>>();
        for (var week = start; week < DateOnly.FromDateTime(next); week = week.AddDays(7))
            weeks.Add(Enumerable.Range(0, 7).Select(i => week.AddDays(i))
                .Select(d => new CalendarDay(d, d.Month == Month.Month, d.Month == Month.Month && byDay.TryGetValue(d, out var list) ? list : [])).ToList());
        Weeks = weeks;
    }

    private string LabelOf(string parameter) => parameter switch
    {
        "q" => L["Search"],
        "kind" => L["Kind of event"],
        "country" => L["Country"],
        "online" => L["Online"],
        "language" => L["Language spoken"],
        "theme" => L["Theme"],
        "organiser" => L["Organiser"],
        "initiative" => L["Initiative"],
        "when" => L["Upcoming or past"],
        _ => parameter,
    };

    public static string Clipped(string text)
    {
        if (text.Length <= Clip) return text;
        var cut = text.LastIndexOf(' ', Clip);
        return text[..(cut > Clip / 2 ? cut : Clip)].TrimEnd() + "…";
    }

    public string LinkTo(int number) => Filter.Link("/events", extra: [("page", number == 1 ? null : number.ToString(CultureInfo.InvariantCulture))]);

    public string MonthLink(DateOnly month) => Filter.Link("/events", "when", null, ("view", "calendar"), ("month", month.ToString("yyyy-MM", CultureInfo.InvariantCulture)));

    /// <summary>The month's name in the reader's language: "December 2026".</summary>
    public string MonthName => Month.ToDateTime(TimeOnly.MinValue).ToString("MMMM yyyy", CultureInfo.CurrentCulture);
}
