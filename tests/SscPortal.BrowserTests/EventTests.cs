using SscPortal.BrowserTests.Infrastructure;
using SscPortal.Web.Data.Seed;

namespace SscPortal.BrowserTests;

/// <summary>
/// Events on a phone: a visitor finds the upcoming Mercociudades seminar through the main navigation, reads it in English and
/// registers with an e-mail address (told to confirm it); a CSO member registers from their account, finds the registration
/// under "My registrations" and the join link on the event's page; the network's officer reaches the registrations of its
/// seminar; the past CSO side event shows its report and figures. Every page is checked with axe-core and for sideways scrolling.
/// </summary>
public sealed class EventTests(BrowserSuite suite, ITestOutputHelper output) : IClassFixture<BrowserSuite>
{
    private static readonly DemoData.EventSeed SeminarSeed = DemoData.Events.Single(e => e.Key == "mercociudades-seminar");
    private static readonly string Seminar = SeminarSeed.Translations.Single(t => t.Language == "en").Title;
    private static readonly string SideEvent = DemoData.Events.Single(e => e.Key == "bapa-cso").Title;

    [Fact]
    public async Task On_a_phone_a_visitor_and_a_member_register_for_the_seminar_and_its_organiser_sees_who_is_coming()
    {
        await using var visit = await suite.VisitAsync(Mode.Phone, output);
        var page = visit.Page;
        await visit.StartAtHomeAsync();

        // A visitor finds the seminar and registers with an e-mail address.
        await visit.FollowAsync(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Events", Exact = true }));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Events" })).ToBeVisibleAsync();
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = Seminar }).First);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = Seminar })).ToBeVisibleAsync();
        await Assertions.Expect(visit.MainContent()).Not.ToContainTextAsync(SeminarSeed.OnlineLink!);
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = "Register", Exact = true }));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = $"Register for “{Seminar}”" })).ToBeVisibleAsync();
        await visit.FillAsync(page.GetByLabel("Your name"), "Visiting participant");
        await visit.FillAsync(page.GetByLabel("E-mail address"), $"visitor-{Guid.NewGuid():N}@example.org");
        await visit.FillAsync(page.GetByLabel(SeminarSeed.Questions.Single(q => q.Required).Label, new() { Exact = false }), "Municipalidad de Rosario");
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }));
        await Assertions.Expect(page.GetByText("open the link in the message we sent")).ToBeVisibleAsync();

        // A CSO member registers from their account and finds the join link.
        await visit.SignInAsync("cso.editor@example.org");
        await visit.FollowAsync(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Events", Exact = true }));
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = Seminar }).First);
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = "Register", Exact = true }));
        await visit.FillAsync(page.GetByLabel("Your name"), "CSO editor");
        await visit.FillAsync(page.GetByLabel(SeminarSeed.Questions.Single(q => q.Required).Label, new() { Exact = false }), "IBON International");
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }));
        await Assertions.Expect(page.GetByText("You are registered")).ToBeVisibleAsync();
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = Seminar }).First);
        await Assertions.Expect(visit.MainContent().Locator("a.online-link")).ToHaveAttributeAsync("href", SeminarSeed.OnlineLink!);
        await visit.SignOutAsync();

        // The network's officer sees who is coming.
        await visit.SignInAsync("network.officer@example.org");
        await visit.FollowAsync(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Events", Exact = true }));
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = Seminar }).First);
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = "Registrations (organisers)" }));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Registrations for");
        await Assertions.Expect(visit.MainContent()).ToContainTextAsync("IBON International");
        await visit.SignOutAsync();

        // The past CSO side event, from the archive: its report and ways forward.
        await visit.FollowAsync(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Events", Exact = true }));
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = "Past events" }).First);
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = SideEvent }).First);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = SideEvent })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#event-report")).ToContainTextAsync("youth exchange");
    }
}
