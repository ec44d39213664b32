using System.Text.RegularExpressions;
using SscPortal.BrowserTests.Infrastructure;

namespace SscPortal.BrowserTests;

/// <summary>An agency officer publishes a partnership under which an initiative runs, and answers civil society's assessment of it.</summary>
public sealed class AgencyOfficerTests(BrowserSuite suite, ITestOutputHelper output) : IClassFixture<BrowserSuite>
{
    public static TheoryData<Mode> Modes => [Mode.Desktop, Mode.Phone, Mode.Keyboard];

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task An_agency_officer_publishes_a_partnership_linked_to_an_initiative_and_responds_to_its_assessment(Mode mode)
    {
        var apci = await suite.Portal.ActorIdAsync("Agencia Peruana de Cooperación Internacional");
        var ibon = await suite.Portal.ActorIdAsync("IBON International");
        var initiativeTitle = Steps.Unique("Alpaca fibre exchange");
        var initiativeId = await suite.Portal.PublishedInitiativeAsync(apci, initiativeTitle);
        await suite.Portal.PublishedAssessmentAsync(ibon, initiativeId);
        var agreement = Steps.Unique("Memorandum on alpaca fibre");

        await using var visit = await suite.VisitAsync(mode, output);
        var page = visit.Page;
        await visit.StartAtHomeAsync();
        await visit.SignInAsync("agency.officer@example.org");

        // The partnership, as a draft, then published.
        await visit.FollowAsync(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Partnerships" }));
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = "Record a partnership" }));
        await visit.FillAsync(page.GetByRole(AriaRole.Textbox, new() { Name = "Title (required)" }), agreement);
        await visit.FillAsync(page.GetByRole(AriaRole.Textbox, new() { Name = "Scope" }), "Joint training of alpaca breeders' associations.");
        await visit.PickOrganisationAsync(page.GetByRole(AriaRole.Combobox, new() { Name = "Signatory 1" }), "Agencia Peruana de Cooperación Internacional");
        await visit.PickOrganisationAsync(page.GetByRole(AriaRole.Combobox, new() { Name = "Signatory 2" }), "Deutsche Gesellschaft für Internationale Zusammenarbeit");
        await visit.PickOrganisationAsync(page.GetByRole(AriaRole.Combobox, new() { Name = "Initiative 1" }), initiativeTitle);
        await visit.FollowAsync(page.GetByRole(AriaRole.Button, new() { Name = "Save as draft" }));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = agreement })).ToBeVisibleAsync();
        await visit.FollowAsync(page.GetByRole(AriaRole.Region, new() { Name = "Manage this record" }).GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }));
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Manage this record" }).GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true })).ToHaveCountAsync(0);

        // From the partnership to the initiative under it, which the officer follows, to IBON's assessment, and the answer.
        await visit.FollowAsync(page.GetByRole(AriaRole.Region, new() { Name = "Initiatives carried out under it" }).GetByRole(AriaRole.Link, new() { Name = initiativeTitle }));
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Button, new() { Name = $"Follow ({initiativeTitle})", Exact = true }));
        await Assertions.Expect(page.GetByRole(AriaRole.Status).GetByText($"You follow {initiativeTitle}.")).ToBeVisibleAsync();
        await Assertions.Expect(visit.MainContent().GetByRole(AriaRole.Button, new() { Name = $"Stop following ({initiativeTitle})", Exact = true })).ToBeVisibleAsync();
        var ibonAssessment = page.GetByRole(AriaRole.Article)
            .Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "IBON International" }), HasNot = page.GetByRole(AriaRole.Article) });
        await visit.FollowAsync(ibonAssessment.GetByRole(AriaRole.Link, new() { Name = "Read the assessment" }));
        var response = "APCI will publish the exchange's budget and invite the breeders' associations to the next review.";
        await visit.FillAsync(page.GetByRole(AriaRole.Textbox, new() { Name = "Your organisation's response" }), response);
        await visit.FollowAsync(page.GetByRole(AriaRole.Button, new() { Name = "Publish the response" }));
        var responses = page.GetByRole(AriaRole.Region, new() { Name = "Responses from the parties" });
        await Assertions.Expect(responses.GetByText(response)).ToBeVisibleAsync();
        await Assertions.Expect(responses.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("Agencia Peruana") })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Publish the response" })).ToHaveCountAsync(0);

        // What the officer follows is listed, and can be let go.
        await visit.FollowAsync(visit.AccountNav().GetByRole(AriaRole.Link, new() { Name = "Notifications" }));
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = "What I follow" }));
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Button, new() { Name = $"Stop following ({initiativeTitle})", Exact = true }));
        await Assertions.Expect(page.GetByRole(AriaRole.Status).GetByText($"You no longer follow {initiativeTitle}.")).ToBeVisibleAsync();
    }
}
