using System.Text.RegularExpressions;
using SscPortal.BrowserTests.Infrastructure;

namespace SscPortal.BrowserTests;

/// <summary>
/// The accountability loop of a civil-society assessment: its admin offers the complete draft to the agency whose
/// initiative it assesses, the agency comments through the notification it received, the admin reads the comment and
/// publishes, and the public reads the offer, the public comment and the response still awaited.
/// </summary>
public sealed class AccountabilityTests(BrowserSuite suite, ITestOutputHelper output) : IClassFixture<BrowserSuite>
{
    private const string Apci = "Agencia Peruana de Cooperación Internacional";

    public static TheoryData<Mode> Modes => [Mode.Desktop, Mode.Phone, Mode.Keyboard];

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_CSO_offers_its_draft_assessment_to_the_agency_for_comment_and_the_public_reads_the_agency_comment_once_it_is_published(Mode mode)
    {
        var apci = await suite.Portal.ActorIdAsync(Apci);
        var ibon = await suite.Portal.ActorIdAsync("IBON International");
        var title = Steps.Unique("Quinoa storage programme");
        var initiativeId = await suite.Portal.PublishedInitiativeAsync(apci, title);
        await suite.Portal.CompleteDraftAssessmentAsync(ibon, initiativeId);
        var commentText = "The storage budget was published in the agency's 2025 annual report, page 14.";

        await using var visit = await suite.VisitAsync(mode, output);
        var page = visit.Page;
        var comments = page.GetByRole(AriaRole.Region, new() { Name = "Comments on the draft" });
        await visit.StartAtHomeAsync();

        // IBON's admin offers the complete draft to APCI, the initiative's owner, for the default 14 days.
        await visit.SignInAsync("cso.admin@example.org");
        await visit.GoToMyWorkAsync();
        await visit.FollowAsync(page.GetByRole(AriaRole.Region, new() { Name = "Assessments" }).GetByRole(AriaRole.Link, new() { Name = title }).First);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = $"Assessment of {title}" })).ToBeVisibleAsync();
        var manage = page.GetByRole(AriaRole.Region, new() { Name = "Manage this assessment" });
        var offer = manage.GetByRole(AriaRole.Group, new() { Name = "Offer the draft for factual comment (optional)" });
        await Assertions.Expect(offer.GetByRole(AriaRole.Checkbox, new() { Name = Apci })).ToBeCheckedAsync();
        await Assertions.Expect(manage.GetByRole(AriaRole.Spinbutton, new() { NameRegex = new Regex("^Days for comment") })).ToHaveValueAsync("14");
        await visit.FollowAsync(manage.GetByRole(AriaRole.Button, new() { Name = "Offer for comment" }));
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The draft was offered for comment until" })).ToBeVisibleAsync();
        await Assertions.Expect(comments).ToContainTextAsync($"A draft of this assessment was offered for factual comment to {Apci}");
        await Assertions.Expect(comments).ToContainTextAsync("The window is open.");
        await Assertions.Expect(manage.GetByRole(AriaRole.Button, new() { Name = "Offer for comment" })).ToHaveCountAsync(0);
        await visit.SignOutAsync();

        // APCI's officer is told through the bell, reads the draft and comments on one indicator, in public.
        await visit.SignInAsync("agency.officer@example.org");
        await visit.FollowAsync(visit.AccountNav().GetByRole(AriaRole.Link, new() { Name = "Notifications" }));
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = $"A draft assessment of “{title}” was offered to your organisation for factual comment." }));
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "offered to your organisation for factual comment until" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Manage this assessment" })).ToHaveCountAsync(0);
        await visit.SelectAsync(comments.GetByRole(AriaRole.Combobox, new() { Name = "Comment on behalf of" }), Apci);
        var about = comments.GetByRole(AriaRole.Combobox, new() { Name = "What the comment is about" });
        var indicator = (await about.Locator("option").Nth(1).InnerTextAsync()).Trim();
        var code = indicator.Split(" · ")[0];
        await visit.SelectAsync(about, indicator);
        await visit.FillAsync(comments.GetByRole(AriaRole.Textbox, new() { Name = "Your comment on the facts" }), commentText);
        await visit.CheckAsync(comments.GetByRole(AriaRole.Radio, new() { NameRegex = new Regex("^Public: ") }));
        await visit.FollowAsync(comments.GetByRole(AriaRole.Button, new() { Name = "Send the comment" }));
        await Assertions.Expect(page.GetByRole(AriaRole.Status).GetByText("Your comment was sent to the assessor.")).ToBeVisibleAsync();
        var sent = comments.Locator(".comment").Filter(new() { HasText = commentText });
        await Assertions.Expect(sent).ToContainTextAsync($"on indicator {code}");
        await Assertions.Expect(sent.Locator(".visibility")).ToHaveTextAsync("public");
        await Assertions.Expect(sent.GetByRole(AriaRole.Link, new() { Name = Apci })).ToBeVisibleAsync();
        await visit.SignOutAsync();

        // IBON's admin is told of the comment, reads it on the draft, and publishes the assessment.
        await visit.SignInAsync("cso.admin@example.org");
        await visit.FollowAsync(visit.AccountNav().GetByRole(AriaRole.Link, new() { Name = "Notifications" }));
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = $"A party commented on your organisation's draft assessment of “{title}”." }));
        await Assertions.Expect(comments.Locator(".comment").Filter(new() { HasText = commentText })).ToContainTextAsync(Apci);
        await visit.FollowAsync(page.GetByRole(AriaRole.Region, new() { Name = "Manage this assessment" }).GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true })).ToHaveCountAsync(0);
        await visit.SignOutAsync();

        // Anyone reads, on the published assessment, that the draft was offered, the public comment, and APCI's response awaited.
        await visit.FollowAsync(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Assessments" }));
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = $"Assessment of {title}" }));
        await Assertions.Expect(page.GetByText("only your organisation's members can see this assessment")).ToHaveCountAsync(0);
        await Assertions.Expect(comments).ToContainTextAsync($"A draft of this assessment was offered for factual comment to {Apci}");
        await Assertions.Expect(comments).ToContainTextAsync("1 comment was received.");
        var published = comments.Locator(".comment").Filter(new() { HasText = commentText });
        await Assertions.Expect(published).ToContainTextAsync($"on indicator {code}");
        await Assertions.Expect(published.GetByRole(AriaRole.Link, new() { Name = Apci })).ToBeVisibleAsync();
        var apciStanding = page.GetByRole(AriaRole.Region, new() { Name = "Responses from the parties" }).GetByRole(AriaRole.Listitem)
            .Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = Apci }) });
        await Assertions.Expect(apciStanding).ToContainTextAsync("Response awaited since");
    }
}
