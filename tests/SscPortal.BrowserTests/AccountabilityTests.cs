using System.Text.RegularExpressions;
using SscPortal.BrowserTests.Infrastructure;

namespace SscPortal.BrowserTests;

/// <summary>
/// The accountability loop of a civil-society assessment: its admin writes a recommendation to the agency whose
/// initiative it assesses and offers the complete draft to that agency, the agency comments through the notification it
/// received, the admin reads the comment and publishes, the agency answers the recommendation, the admin disputes the
/// answer, and the public reads the offer, the public comment, the response still awaited, the answer and the view
/// beside it.
/// </summary>
public sealed class AccountabilityTests(BrowserSuite suite, ITestOutputHelper output) : IClassFixture<BrowserSuite>
{
    private const string Apci = "Agencia Peruana de Cooperación Internacional";

    public static TheoryData<Mode> Modes => [Mode.Desktop, Mode.Phone, Mode.Keyboard];

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_CSO_offers_its_draft_assessment_to_the_agency_for_comment_the_agency_answers_its_recommendation_and_the_public_reads_both_sides(Mode mode)
    {
        var apci = await suite.Portal.ActorIdAsync(Apci);
        var ibon = await suite.Portal.ActorIdAsync("IBON International");
        var title = Steps.Unique("Quinoa storage programme");
        var initiativeId = await suite.Portal.PublishedInitiativeAsync(apci, title);
        await suite.Portal.CompleteDraftAssessmentAsync(ibon, initiativeId);
        var commentText = "The storage budget was published in the agency's 2025 annual report, page 14.";
        var recommendationText = "Publish the storage programme's budget and its site list, and consult the growers' associations before each phase.";
        var commitment = "The budget and the site list will be on the agency's website, with a consultation calendar.";
        var explanation = "The agency agrees that the growers should be consulted before each phase.";
        var dispute = "The consultation calendar leaves out the growers' associations of the highlands.";
        var targetDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60);
        var target = targetDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

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

        // Before offering it, IBON's admin writes one recommendation to APCI, on one principle, in the draft's form.
        await visit.FollowAsync(manage.GetByRole(AriaRole.Link, new() { Name = "Continue editing" }));
        var row = page.GetByRole(AriaRole.Group, new() { Name = "Recommendations one by one" })
            .GetByRole(AriaRole.Group, new() { Name = "Recommendation 1", Exact = true });
        await visit.FillAsync(row.GetByRole(AriaRole.Textbox, new() { Name = "What should be done" }), recommendationText);
        await visit.SelectAsync(row.GetByRole(AriaRole.Combobox, new() { Name = "Addressed to" }), Apci);
        await visit.SelectAsync(row.GetByRole(AriaRole.Combobox, new() { Name = "Priority" }), "High priority");
        var principleBox = row.GetByRole(AriaRole.Group, new() { Name = "Principles it relates to" }).GetByRole(AriaRole.Checkbox).First;
        var principle = (await principleBox.Locator("xpath=following-sibling::label").InnerTextAsync()).Trim();
        await visit.CheckAsync(principleBox);
        await visit.FollowAsync(page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }));
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The draft is saved." })).ToBeVisibleAsync();
        var recommendation = page.GetByRole(AriaRole.Region, new() { Name = "Recommendations and their follow-up" }).GetByRole(AriaRole.Listitem)
            .Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Level = 3, Name = "Recommendation 1", Exact = true }) });
        await Assertions.Expect(recommendation).ToContainTextAsync(recommendationText);
        await Assertions.Expect(recommendation).ToContainTextAsync("High priority");
        await Assertions.Expect(recommendation.GetByRole(AriaRole.Link, new() { Name = Apci })).ToBeVisibleAsync();
        await Assertions.Expect(recommendation.GetByRole(AriaRole.Link, new() { Name = principle })).ToBeVisibleAsync();

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

        // APCI's officer, told through the bell that the assessment addresses recommendations to APCI, accepts the one it has.
        await visit.SignInAsync("agency.officer@example.org");
        await visit.FollowAsync(visit.AccountNav().GetByRole(AriaRole.Link, new() { Name = "Notifications" }));
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = $"An assessment of “{title}” addresses recommendations to your organisation: answer each of them." }));
        await Assertions.Expect(recommendation.Locator(".tags .status").First).ToHaveTextAsync("Awaiting an answer");
        await Assertions.Expect(recommendation).ToContainTextAsync($"Awaiting an answer from {Apci}.");
        await OpenAsync(visit, recommendation, "Answer recommendation 1");
        await visit.CheckAsync(recommendation.GetByRole(AriaRole.Radio, new() { Name = "Accepted", Exact = true }));
        await visit.FillAsync(recommendation.GetByRole(AriaRole.Textbox, new() { Name = "What your organisation commits to do (when accepted)" }), commitment);
        await visit.FillDateAsync(recommendation.GetByLabel("Target date (when accepted)"), targetDate);
        await visit.FillAsync(recommendation.GetByRole(AriaRole.Textbox, new() { Name = "Your organisation's explanation" }), explanation);
        await visit.FollowAsync(recommendation.GetByRole(AriaRole.Button, new() { Name = "Publish the answer" }));
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Your organisation's statement on recommendation 1 was published." })).ToBeVisibleAsync();
        await Assertions.Expect(recommendation.Locator(".tags .status").First).ToHaveTextAsync("Accepted");
        await Assertions.Expect(recommendation.Locator(".tags time")).ToHaveTextAsync(target);
        await Assertions.Expect(recommendation.GetByText("Answer recommendation 1")).ToHaveCountAsync(0);
        await Assertions.Expect(recommendation.GetByText("Post progress on recommendation 1")).ToBeVisibleAsync();
        await visit.SignOutAsync();

        // IBON's admin, told of the answer, disputes it beside it.
        await visit.SignInAsync("cso.admin@example.org");
        await visit.FollowAsync(visit.AccountNav().GetByRole(AriaRole.Link, new() { Name = "Notifications" }));
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = $"A party answered or posted progress on a recommendation of your organisation's assessment of “{title}”." }));
        var answer = recommendation.Locator(".party-statement");
        await Assertions.Expect(answer).ToContainTextAsync(explanation);
        await Assertions.Expect(recommendation.GetByText("Post progress on recommendation 1")).ToHaveCountAsync(0);
        await OpenAsync(visit, answer, "Give your organisation's view of this statement");
        await visit.CheckAsync(answer.GetByRole(AriaRole.Radio, new() { Name = "Disputes it", Exact = true }));
        await visit.FillAsync(answer.GetByRole(AriaRole.Textbox, new() { Name = "What your organisation says" }), dispute);
        await visit.FollowAsync(answer.GetByRole(AriaRole.Button, new() { Name = "Publish the view" }));
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Your organisation's view was published beside the party's." })).ToBeVisibleAsync();
        await Assertions.Expect(answer.GetByRole(AriaRole.Complementary, new() { Name = "The assessor's view" })).ToContainTextAsync(dispute);
        await visit.SignOutAsync();

        // Anyone reads APCI's answer under APCI's name, and IBON's view of it beside it, under IBON's.
        await visit.FollowAsync(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Assessments" }));
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = $"Assessment of {title}" }));
        await Assertions.Expect(recommendation.Locator(".tags .status").First).ToHaveTextAsync("Accepted");
        await Assertions.Expect(answer.GetByRole(AriaRole.Link, new() { Name = Apci })).ToBeVisibleAsync();
        await Assertions.Expect(answer).ToContainTextAsync("Answer");
        await Assertions.Expect(answer).ToContainTextAsync(commitment);
        await Assertions.Expect(answer).ToContainTextAsync($"Target date: {target}");
        await Assertions.Expect(answer).ToContainTextAsync(explanation);
        var view = answer.GetByRole(AriaRole.Complementary, new() { Name = "The assessor's view" });
        await Assertions.Expect(view.GetByRole(AriaRole.Link, new() { Name = "IBON International" })).ToBeVisibleAsync();
        await Assertions.Expect(view.Locator(".status")).ToHaveTextAsync("Disputes it");
        await Assertions.Expect(view).ToContainTextAsync(dispute);
        await Assertions.Expect(page.GetByText("Give your organisation's view of this statement")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("Post progress on recommendation 1")).ToHaveCountAsync(0);
    }

    /// <summary>Opens a folded form (a details element) by its summary, then checks the form it shows as it checks a page.</summary>
    private static async Task OpenAsync(Visit visit, ILocator within, string summary)
    {
        var details = within.Locator("details").Filter(new() { Has = visit.Page.Locator("summary", new() { HasText = summary }) });
        await visit.ActivateAsync(details.Locator("summary"));
        await Assertions.Expect(details).ToHaveAttributeAsync("open", "");
        await visit.CheckPageAsync();
    }
}
