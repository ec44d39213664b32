using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using SscPortal.Domain;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// The events as feeds and open data (issue 20), with the filters of /events: the iCalendar file parsed back with Ical.Net
/// (TZIDs, VTIMEZONEs and the right instants), the Atom feed valid as the other feeds, the CSV, and the JSON API (schema-valid,
/// problem+json for bad parameters, speakers named only when they agreed). Never the join link, never a participant.
/// </summary>
public abstract class EventFeedTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private const string JoinLink = "meet.example.org";

    /// <summary>Two published events (Montevideo, hybrid; Lima, in person), a draft, each with the word; a participant registered to the first.</summary>
    private async Task<(string Word, int Montevideo, int Lima, int Draft, string Email)> EventsAsync()
    {
        var word = TestData.Word();
        var owner = await Portal.ActorAsync(ActorType.NationalCso, $"Red {word}");
        var start = DateTime.UtcNow.Date.AddDays(10).AddHours(13);
        var montevideo = await Portal.EventAsync(owner, EventData.Content($"Montevideo {word}", start));
        var lima = await Portal.EventAsync(owner, EventData.Content($"Lima {word}", start.AddDays(2), format: EventFormat.InPerson, kind: EventKind.Workshop)
            with { City = "Lima", CountryCode = "PE", TimeZone = "America/Lima" });
        var draft = await Portal.EventAsync(owner, EventData.Content($"Draft {word}", start), published: false);
        var email = $"participant-{word}@example.org";
        await Portal.RegistrationAsync(montevideo, email);
        return (word, montevideo, lima, draft, email);
    }

    private static void NothingPrivate(string text, string email)
    {
        Assert.DoesNotContain(JoinLink, text, StringComparison.Ordinal);
        Assert.DoesNotContain(email, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Participant participant", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Private Speaker", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Which city do you represent?", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_icalendar_feed_has_the_lists_events_in_their_own_time_zones_and_no_join_link()
    {
        var (word, montevideo, lima, draft, email) = await EventsAsync();
        using var client = Portal.CreateClient();

        var response = await client.GetAsync(new Uri($"/events.ics?q={word}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        NothingPrivate(text, email);
        var calendar = Ical.Net.Calendar.Load(text)!;
        var events = calendar.Events.OrderBy(e => e.DtStart!.AsUtc).ToList();
        Assert.Equal([$"Montevideo {word}", $"Lima {word}"], events.Select(e => e.Summary));
        Assert.Equal(["America/Montevideo", "America/Lima"], events.Select(e => e.DtStart!.TzId));
        Assert.Equal(["America/Montevideo", "America/Lima"], events.Select(e => e.DtEnd!.TzId));
        Assert.Equal(["America/Lima", "America/Montevideo"], calendar.TimeZones.Select(z => z.TzId).Order(StringComparer.Ordinal));
        var start = DateTime.UtcNow.Date.AddDays(10).AddHours(13);
        Assert.Equal(start, events[0].DtStart!.AsUtc);
        Assert.Equal(start.AddHours(30), events[0].DtEnd!.AsUtc);
        Assert.Equal(start.AddDays(2), events[1].DtStart!.AsUtc);
        // 13:00 UTC is 10:00 in Montevideo (UTC−3) and 08:00 in Lima (UTC−5), as the file writes them.
        Assert.Equal(10, events[0].DtStart!.Value.Hour);
        Assert.Equal(8, events[1].DtStart!.Value.Hour);
        Assert.Equal($"/events/{montevideo}", events[0].Url!.AbsolutePath);
        Assert.Contains("Montevideo, Uruguay", events[0].Location, StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => e.Uid!.Contains($"event-{draft}@", StringComparison.Ordinal));

        // The same filters as the list: the kind narrows it; the page links to it with its filters.
        var workshops = Ical.Net.Calendar.Load(await client.GetStringAsync(new Uri($"/events.ics?q={word}&kind=workshop", UriKind.Relative)))!;
        Assert.Equal($"event-{lima}@localhost", Assert.Single(workshops.Events).Uid);
        using var browser = Portal.CreateBrowser();
        var page = await browser.GetOkAsync($"/events?q={word}&kind=workshop");
        Assert.Equal($"/events.ics?q={word}&kind=workshop", page.Document.QuerySelector("a.ics-link")!.GetAttribute("href"));
        Assert.Equal($"/feeds/events.atom?q={word}&kind=workshop&culture=en", page.Document.QuerySelector("a.atom-link")!.GetAttribute("href"));
        NothingPrivate((await browser.GetOkAsync($"/events?q={word}")).Text, email);

        var bad = await client.GetAsync(new Uri("/events.ics?when=someday", UriKind.Relative));
        Assert.NotNull((await ApiProblemAssert.ProblemAsync(bad, HttpStatusCode.BadRequest, "/events.ics"))["errors"]!["when"]);
    }

    [Fact]
    public async Task The_atom_feed_is_valid_has_the_lists_events_and_the_page_links_to_it()
    {
        var (word, montevideo, lima, draft, email) = await EventsAsync();
        using var browser = Portal.CreateBrowser();

        var page = await browser.GetOkAsync($"/events?q={word}&country=pe");
        var link = Assert.Single(page.Document.Head!.QuerySelectorAll("link[rel='alternate'][type='application/atom+xml']")).GetAttribute("href")!;
        Assert.Equal($"/feeds/events.atom?q={word}&country=PE&culture=en", link);
        var narrowed = await FeedTests.FeedAsync(browser.Http, link);
        Assert.Equal($"https://localhost/events/{lima}", Assert.Single(narrowed.Elements(Atom + "entry")).Element(Atom + "id")!.Value);
        Assert.Contains("Peru", narrowed.Element(Atom + "title")!.Value, StringComparison.Ordinal);

        var text = await browser.Http.GetStringAsync(new Uri($"/feeds/events.atom?q={word}", UriKind.Relative));
        var feed = FeedTests.Valid(text);
        var ids = feed.Elements(Atom + "entry").Select(e => e.Element(Atom + "id")!.Value).ToList();
        Assert.Equal(new[] { $"https://localhost/events/{lima}", $"https://localhost/events/{montevideo}" }.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        Assert.DoesNotContain($"https://localhost/events/{draft}", ids);
        Assert.Equal($"Red {word}", feed.Elements(Atom + "entry").First().Element(Atom + "author")!.Element(Atom + "name")!.Value);
        Assert.Contains("(America/Montevideo)", text, StringComparison.Ordinal);
        NothingPrivate(text, email);

        var bad = await browser.Http.GetAsync(new Uri("/feeds/events.atom?organiser=someone", UriKind.Relative));
        Assert.NotNull((await ApiProblemAssert.ProblemAsync(bad, HttpStatusCode.BadRequest, "/feeds/events.atom"))["errors"]!["organiser"]);
    }

    [Fact]
    public async Task The_csv_and_the_api_have_published_events_only_speakers_as_agreed_and_problems_for_bad_parameters()
    {
        var (word, montevideo, lima, draft, email) = await EventsAsync();
        using var client = Portal.CreateClient();

        var csv = await client.GetAsync(new Uri($"/events.csv?q={word}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var rows = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(r => r.TrimEnd('\r')).ToArray();
        Assert.StartsWith("id,url,kind,title", rows[0], StringComparison.Ordinal);
        Assert.Equal(3, rows.Length);
        Assert.StartsWith($"{montevideo},", rows[1], StringComparison.Ordinal);
        Assert.StartsWith($"{lima},", rows[2], StringComparison.Ordinal);
        NothingPrivate(string.Join("\n", rows), email);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync(new Uri("/events.csv?country=ZZZ", UriKind.Relative))).StatusCode);

        var contract = await OpenApiContract.LoadAsync(client);
        foreach (var url in new[] { $"/api/v1/events?q={word}", $"/api/v1/events?q={word}&limit=1", $"/api/v1/events/{montevideo}", $"/api/v1/events/{draft}",
                     "/api/v1/events?when=someday", "/api/v1/events?after=x", "/api/v1/events?kind=concert", "/api/v1/events?q=x&when=past" })
            await contract.CheckAsync(await client.GetAsync(new Uri(url, UriKind.Relative)));
        var first = JsonNode.Parse(await client.GetStringAsync(new Uri($"/api/v1/events?q={word}&limit=1", UriKind.Relative)))!;
        Assert.Equal(montevideo, first["items"]![0]!["id"]!.GetValue<int>());
        var second = JsonNode.Parse(await client.GetStringAsync(new Uri(first["next"]!.GetValue<string>(), UriKind.Absolute)))!;
        Assert.Equal(lima, second["items"]![0]!["id"]!.GetValue<int>());
        Assert.Null(second["next"]);

        var response = await client.GetAsync(new Uri($"/api/v1/events/{montevideo}", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        NothingPrivate(text, email);
        var one = JsonNode.Parse(text)!;
        Assert.Equal("America/Montevideo", one["timeZone"]!.GetValue<string>());
        Assert.Equal("Hybrid", one["format"]!.GetValue<string>());
        Assert.Equal("UY", one["country"]!.GetValue<string>());
        var speakers = one["sessions"]![0]!["speakers"]!.AsArray();
        Assert.Equal("Ana Pereira", speakers[0]!["name"]!.GetValue<string>());
        Assert.Null(speakers[1]!["name"]);
        Assert.Equal("Red de ciudades", speakers[1]!["organisation"]!.GetValue<string>());
        Assert.Null(one["report"]);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/api/v1/events/{draft}", UriKind.Relative))).StatusCode);
        foreach (var (url, parameter) in new[] { ("/api/v1/events?when=someday", "when"), ("/api/v1/events?kind=concert", "kind"), ("/api/v1/events?organiser=abc", "organiser"), ("/api/v1/events?language=xx", "language") })
        {
            var bad = await ApiProblemAssert.ProblemAsync(await client.GetAsync(new Uri(url, UriKind.Relative)), HttpStatusCode.BadRequest, url);
            Assert.NotNull(bad["errors"]![parameter]);
        }
    }
}

[Collection(SqliteSuite.Name)]
public sealed class EventFeedOnSqlite(SqlitePortalFixture fixture) : EventFeedTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class EventFeedOnPostgres(PostgresPortalFixture fixture) : EventFeedTests(fixture);
