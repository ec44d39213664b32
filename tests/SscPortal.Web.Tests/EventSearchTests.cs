using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// Finding events (issue 20) on /events: upcoming ones first (ongoing before those to come, drafts never), the archive of past
/// ones with their reports, search words with exclusions, facets counted as choosing them would list, the month calendar
/// with each event on every day it covers in its own zone, and the events listed on organisation, initiative and country pages.
/// </summary>
public abstract class EventSearchTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    private static List<int> Ids(HtmlClient.Page page, string selector = "li .event-card") =>
        page.Document.QuerySelectorAll(selector).Select(c => int.Parse(c.GetAttribute("data-id")!, CultureInfo.InvariantCulture)).ToList();

    private static DateTime Hours(double hours) => DateTime.UtcNow.Date.AddHours(DateTime.UtcNow.Hour).AddHours(hours);

    /// <summary>Publishes the report of a past event, as its organisers would.</summary>
    private Task<int> ReportAsync(int id) => Portal.WithDatabaseAsync(async db =>
    {
        var @event = await db.Events.SingleAsync(e => e.Id == id);
        Assert.Empty(@event.WriteReport("What was said and agreed.", "Ways forward: a network of cities.", publish: true, DateTime.UtcNow));
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task Upcoming_events_come_first_by_start_the_past_ones_are_archived_with_their_reports_and_drafts_are_never_listed()
    {
        var word = TestData.Word();
        var owner = await Portal.ActorAsync(ActorType.NationalCso, $"Red {word}");
        var later = await Portal.EventAsync(owner, EventData.Content($"Later {word}", Hours(24 * 20)));
        var sooner = await Portal.EventAsync(owner, EventData.Content($"Sooner {word}", Hours(24 * 5)));
        var ongoing = await Portal.EventAsync(owner, EventData.Content($"Ongoing {word}", Hours(-2)));
        var reported = await Portal.EventAsync(owner, EventData.Content($"Reported {word}", Hours(-24 * 40)));
        var older = await Portal.EventAsync(owner, EventData.Content($"Older {word}", Hours(-24 * 60)));
        var draft = await Portal.EventAsync(owner, EventData.Content($"Draft {word}", Hours(24 * 3)), published: false);
        await ReportAsync(reported);
        using var visitor = Portal.CreateBrowser();

        var upcoming = await visitor.GetOkAsync($"/events?q={word}");
        Assert.Equal([ongoing, sooner, later], Ids(upcoming));
        Assert.NotNull(upcoming.Document.QuerySelector($"[data-id='{ongoing}'] .status-ongoing"));
        Assert.DoesNotContain($"Draft {word}", upcoming.Text, StringComparison.Ordinal);
        // Each item: kind, dates in the event's zone, place, organisers.
        var card = upcoming.Document.QuerySelector($"[data-id='{sooner}']")!;
        Assert.Contains("Seminar", card.TextContent, StringComparison.Ordinal);
        Assert.Contains("(America/Montevideo)", card.TextContent, StringComparison.Ordinal);
        Assert.Contains("Montevideo, Uruguay", card.QuerySelector(".event-place")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(card.QuerySelector($"a[href='/actors/{owner.Id}']"));
        Assert.NotNull(card.QuerySelector($"a[href='/events/{sooner}']"));

        var past = await visitor.GetOkAsync($"/events?q={word}&when=past");
        Assert.Equal([reported, older], Ids(past));
        Assert.NotNull(past.Document.QuerySelector($"[data-id='{reported}'] a.report-link[href='/events/{reported}/report']"));
        Assert.Null(past.Document.QuerySelector($"[data-id='{older}'] a.report-link"));
        Assert.DoesNotContain($"Draft {word}", past.Text, StringComparison.Ordinal);
        // A guessed draft is in no page of the list.
        Assert.DoesNotContain(draft, Ids(await visitor.GetOkAsync($"/events?q={word}&page=2")));
    }

    [Fact]
    public async Task Search_words_exclusions_and_facets_count_what_choosing_them_would_list()
    {
        var word = TestData.Word();
        var other = TestData.Word();
        var owner = await Portal.ActorAsync(ActorType.NationalCso, $"Red {word}");
        var partner = await Portal.ActorAsync(ActorType.Government, $"Intendencia {word}");
        var invited = await Portal.ActorAsync(ActorType.Government, $"Invitada {word}");
        var panel = await Portal.EventAsync(owner, EventData.Content($"Panel {word} peace", kind: EventKind.Panel, format: EventFormat.InPerson), coOrganisers: [partner]);
        var webinar = await Portal.EventAsync(owner, EventData.Content($"Webinar {word} {other}", kind: EventKind.Webinar, format: EventFormat.Online) with { Themes = [ThematicArea.Health], Languages = ["en"] });
        var lima = await Portal.EventAsync(partner, EventData.Content($"Seminar {word} Lima", format: EventFormat.Hybrid) with { City = "Lima", CountryCode = "PE", TimeZone = "America/Lima" },
            coOrganisers: [invited], confirmed: false);
        using var visitor = Portal.CreateBrowser();

        var all = await visitor.GetOkAsync($"/events?q={word}");
        Assert.Equal(3, Ids(all).Count);
        int Count(HtmlClient.Page page, string facet, string value)
        {
            var link = page.Document.QuerySelector($"[data-facet='{facet}'] a[data-value='{value}']");
            return link is null ? 0 : int.Parse(link.QuerySelector(".count")!.TextContent.Trim('(', ')'), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        }
        Assert.Equal(1, Count(all, "kind", "panel"));
        Assert.Equal(1, Count(all, "kind", "webinar"));
        Assert.Equal(1, Count(all, "kind", "seminar"));
        Assert.Equal(1, Count(all, "country", "UY"));
        Assert.Equal(1, Count(all, "country", "PE"));
        Assert.Equal(2, Count(all, "online", "yes"));
        Assert.Equal(2, Count(all, "language", "es"));
        Assert.Equal(2, Count(all, "theme", "governance"));
        Assert.Equal(1, Count(all, "theme", "health"));
        // Owner and confirmed co-organiser; an invitation not confirmed counts for nothing.
        Assert.Equal(2, Count(all, "organiser", owner.Id.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(2, Count(all, "organiser", partner.Id.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(0, Count(all, "organiser", invited.Id.ToString(CultureInfo.InvariantCulture)));

        // The same start (two weeks ahead, 13:00 UTC): then by id.
        Assert.Equal([webinar, lima], Ids(await visitor.GetOkAsync($"/events?q={word}&online=yes")));
        Assert.Equal([panel, lima], Ids(await visitor.GetOkAsync($"/events?q={word}&organiser={partner.Id}")));
        Assert.Equal([lima], Ids(await visitor.GetOkAsync($"/events?q={word}&country=pe")));
        Assert.Equal([webinar], Ids(await visitor.GetOkAsync($"/events?q={word}&theme=health")));
        Assert.Empty(Ids(await visitor.GetOkAsync($"/events?q={word}&organiser={invited.Id}")));
        // Chosen: the kind facet counts with the online filter applied.
        var onlineKinds = await visitor.GetOkAsync($"/events?q={word}&online=yes");
        Assert.Equal(0, Count(onlineKinds, "kind", "panel"));
        Assert.Equal(1, Count(onlineKinds, "kind", "webinar"));

        // Words: a programme word finds them all; a minus sign leaves one out.
        Assert.Equal(3, Ids(await visitor.GetOkAsync($"/events?q={word}+Mercociudades")).Count);
        Assert.Equal([webinar], Ids(await visitor.GetOkAsync($"/events?q={other}")));
        var without = Ids(await visitor.GetOkAsync($"/events?q={word}+-{other}"));
        Assert.Equal(2, without.Count);
        Assert.DoesNotContain(webinar, without);

        // A filter value not understood is said, and left out.
        var bad = await visitor.GetOkAsync($"/events?q={word}&kind=concert");
        Assert.Equal(3, Ids(bad).Count);
        Assert.Contains("concert", bad.Document.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_calendar_shows_an_event_on_each_day_it_covers_in_its_own_time_zone()
    {
        var word = TestData.Word();
        var owner = await Portal.ActorAsync(ActorType.NationalCso, $"Red {word}");
        var month = new DateTime(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(2);
        // 02:00 UTC on the 10th is 23:00 on the 9th in Montevideo (UTC−3); 30 hours later is 05:00 on the 11th there.
        var id = await Portal.EventAsync(owner, EventData.Content($"Calendar {word}", month.AddDays(9).AddHours(2)));
        var draft = await Portal.EventAsync(owner, EventData.Content($"Draft {word}", month.AddDays(9).AddHours(2)), published: false);
        using var visitor = Portal.CreateBrowser();

        var page = await visitor.GetOkAsync($"/events?view=calendar&month={month:yyyy-MM}&q={word}");
        var table = page.Document.QuerySelector("table.event-calendar")!;
        Assert.False(string.IsNullOrWhiteSpace(table.QuerySelector("caption")!.TextContent));
        Assert.Equal(7, table.QuerySelectorAll("thead th[scope='col']").Length);
        var days = table.QuerySelectorAll("td[data-date]").Where(td => td.QuerySelector($"li[data-id='{id}']") is not null).Select(td => td.GetAttribute("data-date")).ToList();
        Assert.Equal([$"{month:yyyy-MM}-09", $"{month:yyyy-MM}-10", $"{month:yyyy-MM}-11"], days);
        Assert.Null(table.QuerySelector($"li[data-id='{draft}']"));
        // Previous and next months keep the filters.
        Assert.Equal($"/events?q={word}&view=calendar&month={month.AddMonths(1):yyyy-MM}", page.Document.QuerySelector(".month-pager a[rel='next']")!.GetAttribute("href"));
        Assert.Equal($"/events?q={word}&view=calendar&month={month.AddMonths(-1):yyyy-MM}", page.Document.QuerySelector(".month-pager a[rel='prev']")!.GetAttribute("href"));
        // The next month has none of it; a month not understood is said.
        var next = await visitor.GetOkAsync($"/events?view=calendar&month={month.AddMonths(1):yyyy-MM}&q={word}");
        Assert.Null(next.Document.QuerySelector($"li[data-id='{id}']"));
        var unreadable = await visitor.GetOkAsync("/events?view=calendar&month=someday");
        Assert.NotNull(unreadable.Document.QuerySelector("table.event-calendar"));
        Assert.Contains("2026-12", unreadable.Document.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Organisation_initiative_and_country_pages_list_their_events_with_reports_of_past_ones()
    {
        var word = TestData.Word();
        var owner = await Portal.ActorAsync(ActorType.NationalCso, $"Red {word}");
        var partner = await Portal.ActorAsync(ActorType.Government, $"Gobierno {word}");
        var initiative = await Portal.InitiativeAsync(owner, "PE", "PY", DateTime.UtcNow.AddMinutes(-5), title: $"Iniciativa {word}");
        var mongolia = EventData.Content($"Steppe {word}", Hours(30), initiatives: [initiative]) with { City = "Ulaanbaatar", CountryCode = "MN", TimeZone = "Asia/Ulaanbaatar" };
        var upcoming = await Portal.EventAsync(owner, mongolia, coOrganisers: [partner]);
        var past = await Portal.EventAsync(owner, EventData.Content($"Past {word}", Hours(-24 * 30), initiatives: [initiative]));
        var draft = await Portal.EventAsync(owner, EventData.Content($"Draft {word}", Hours(40), initiatives: [initiative]) with { CountryCode = "MN" }, published: false);
        await ReportAsync(past);
        using var visitor = Portal.CreateBrowser();

        var organisation = await visitor.GetOkAsync($"/actors/{owner.Id}");
        var section = organisation.Document.QuerySelector("section.event-list")!;
        Assert.NotNull(section.QuerySelector($".upcoming-events [data-id='{upcoming}']"));
        Assert.NotNull(section.QuerySelector($".past-events [data-id='{past}'] a.report-link[href='/events/{past}/report']"));
        Assert.Null(section.QuerySelector($"[data-id='{draft}']"));
        Assert.NotNull(section.QuerySelector($"a.see-all[href='/events?organiser={owner.Id}']"));
        Assert.NotNull(section.QuerySelector($"a.see-all-past[href='/events?organiser={owner.Id}&when=past']"));
        // A confirmed co-organiser's page lists it too.
        Assert.NotNull((await visitor.GetOkAsync($"/actors/{partner.Id}")).Document.QuerySelector($"section.event-list [data-id='{upcoming}']"));

        var initiativePage = await visitor.GetOkAsync($"/initiatives/{initiative}");
        var ofInitiative = initiativePage.Document.QuerySelector("section.event-list")!;
        Assert.NotNull(ofInitiative.QuerySelector($"[data-id='{upcoming}']"));
        Assert.Equal("Report of the event", ofInitiative.QuerySelector($".past-events [data-id='{past}'] a.report-link")!.TextContent.Trim());
        Assert.NotNull(ofInitiative.QuerySelector($"a.see-all[href='/events?initiative={initiative}']"));
        Assert.Equal([upcoming], Ids(await visitor.GetOkAsync($"/events?initiative={initiative}")));

        var country = await visitor.GetOkAsync("/countries/MN");
        Assert.NotNull(country.Document.QuerySelector($"section.event-list [data-id='{upcoming}']"));
        Assert.Null(country.Document.QuerySelector($"section.event-list [data-id='{draft}']"));
        Assert.NotNull(country.Document.QuerySelector("section.event-list a.see-all[href='/events?country=MN']"));
        // An organisation without events shows no section.
        var quiet = await Portal.ActorAsync(ActorType.NationalCso, $"Quiet {word}");
        Assert.Null((await visitor.GetOkAsync($"/actors/{quiet.Id}")).Document.QuerySelector("section.event-list"));
    }
}

[Collection(SqliteSuite.Name)]
public sealed class EventSearchOnSqlite(SqlitePortalFixture fixture) : EventSearchTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class EventSearchOnPostgres(PostgresPortalFixture fixture) : EventSearchTests(fixture);
