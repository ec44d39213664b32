using System.Text.RegularExpressions;
using SscPortal.BrowserTests.Infrastructure;

namespace SscPortal.BrowserTests;

/// <summary>
/// A civil-society organisation records a triangular initiative over two sittings, its admin publishes it, and a member
/// assesses it over two sittings before the admin publishes the assessment.
/// </summary>
public sealed class CsoMemberTests(BrowserSuite suite, ITestOutputHelper output) : IClassFixture<BrowserSuite>
{
    public static TheoryData<Mode> Modes => [Mode.Desktop, Mode.Phone, Mode.Keyboard];

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_CSO_member_records_a_triangular_initiative_and_assesses_it_and_the_organisation_admin_publishes_both(Mode mode)
    {
        await using var visit = await suite.VisitAsync(mode, output);
        var page = visit.Page;
        var title = Steps.Unique("Triangular seed exchange");
        await visit.StartAtHomeAsync();
        await visit.SignInAsync("cso.editor@example.org");

        // First sitting: the record as a draft.
        await visit.GoToMyWorkAsync();
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = "Register an initiative" }));
        await visit.FillAsync(page.GetByLabel("Title", new() { Exact = false }).First, title);
        await visit.FillAsync(page.GetByRole(AriaRole.Textbox, new() { Name = "Summary (required)" }), "Peru and Germany share native seed banks with Paraguayan family farmers.");
        await visit.SelectAsync(page.GetByRole(AriaRole.Combobox, new() { Name = "Modality" }), "Triangular cooperation");
        var countries = page.GetByRole(AriaRole.Group, new() { Name = "Countries and their roles" });
        foreach (var (n, code, role) in new[] { (1, "PE", "First provider"), (2, "DE", "Second provider"), (3, "PY", "Recipient") })
        {
            await visit.FillAsync(countries.GetByRole(AriaRole.Combobox, new() { Name = $"Country {n}", Exact = true }), code);
            await visit.SelectAsync(countries.GetByRole(AriaRole.Combobox, new() { Name = $"Role of country {n}" }), role);
        }
        var organisations = page.GetByRole(AriaRole.Group, new() { Name = "Other organisations taking part" });
        await visit.PickOrganisationAsync(organisations.GetByRole(AriaRole.Combobox, new() { Name = "Organisation 1", Exact = true }), "Agencia Peruana de Cooperación Internacional");
        await visit.SelectAsync(organisations.GetByRole(AriaRole.Combobox, new() { Name = "Role of organisation 1" }), "Implementing");
        await visit.PickOrganisationAsync(organisations.GetByRole(AriaRole.Combobox, new() { Name = "Organisation 2", Exact = true }), "Deutsche Gesellschaft für Internationale Zusammenarbeit");
        await visit.SelectAsync(organisations.GetByRole(AriaRole.Combobox, new() { Name = "Role of organisation 2" }), "Funding");
        await visit.CheckAsync(page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^Goal 2: ") }));
        await visit.CheckAsync(page.Locator("#primary-2"));
        await visit.FollowAsync(page.GetByRole(AriaRole.Button, new() { Name = "Save as draft" }));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = title })).ToBeVisibleAsync();
        await Assertions.Expect(visit.MainContent().GetByText("Second provider").First).ToBeVisibleAsync();

        // Second sitting: a new page load, from "My work", to edit the draft.
        await visit.GoToMyWorkAsync();
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = title }));
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = "Edit", Exact = true }));
        await Assertions.Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Summary (required)" })).ToHaveValueAsync(new Regex("native seed banks"));
        await visit.FillAsync(page.GetByRole(AriaRole.Textbox, new() { Name = "Objectives" }), "Two hundred families keep their own seed.");
        await visit.FollowAsync(page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }));
        await Assertions.Expect(visit.MainContent().GetByText("Two hundred families keep their own seed.")).ToBeVisibleAsync();
        await visit.SignOutAsync();

        // The organisation admin publishes it.
        await visit.SignInAsync("cso.admin@example.org");
        await visit.GoToMyWorkAsync();
        var attention = page.GetByRole(AriaRole.Region, new() { Name = "Needs attention" });
        await visit.FollowAsync(attention.GetByRole(AriaRole.Link, new() { Name = title }));
        await visit.FollowAsync(page.GetByRole(AriaRole.Region, new() { Name = "Manage this record" }).GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }));
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Manage this record" }).GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true })).ToHaveCountAsync(0);
        await visit.SignOutAsync();

        // A member assesses it over two sittings.
        await visit.SignInAsync("cso.editor@example.org");
        await visit.GoToMyWorkAsync();
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = title }).First);
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = "Assess this initiative" }));
        await visit.SelectAsync(page.GetByRole(AriaRole.Combobox, new() { Name = "Your organisation's relationship to the initiative" }), "Implementing the initiative");
        await visit.FillAsync(page.GetByRole(AriaRole.Textbox, new() { Name = "Conflict of interest" }), "IBON International implements the initiative.");
        await visit.CheckAsync(page.GetByRole(AriaRole.Checkbox, new() { Name = "Document review" }));
        var indicators = page.Locator("fieldset.indicator");
        var count = await indicators.CountAsync();
        Assert.True(count > 10, $"Only {count} indicators on the form.");
        var firstSitting = count / 2;
        for (var i = 0; i < firstSitting; i++) await AnswerAsync(visit, indicators.Nth(i), i);
        await visit.FollowAsync(page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }));
        await Assertions.Expect(page.GetByText("Draft").First).ToBeVisibleAsync();

        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = "Continue editing" }));
        await Assertions.Expect(indicators.Nth(0).GetByRole(AriaRole.Radio, new() { Name = "3 · ", Exact = false }).First).ToBeCheckedAsync();
        for (var i = firstSitting; i < count; i++) await AnswerAsync(visit, indicators.Nth(i), i);
        await visit.FillAsync(page.GetByRole(AriaRole.Textbox, new() { Name = "Findings" }), "Farmers were asked which seeds to bank, but the budget is not public.");
        await visit.FollowAsync(page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true })).ToHaveCountAsync(0);
        var assessmentUrl = page.Url;
        await visit.SignOutAsync();

        // The admin publishes the assessment.
        await visit.SignInAsync("cso.admin@example.org");
        await visit.GoToMyWorkAsync();
        var assessments = page.GetByRole(AriaRole.Region, new() { Name = "Assessments" });
        await visit.FollowAsync(assessments.GetByRole(AriaRole.Link, new() { Name = title }).First);
        Assert.Equal(assessmentUrl, page.Url);
        await visit.FollowAsync(page.GetByRole(AriaRole.Region, new() { Name = "Manage this assessment" }).GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Responses from the parties" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true })).ToHaveCountAsync(0);
    }

    /// <summary>
    /// A score, with its confidence and evidence, for every third indicator; "insufficient information" for the rest;
    /// each with a justification.
    /// </summary>
    private static async Task AnswerAsync(Visit visit, ILocator indicator, int i)
    {
        var scored = i % 3 == 0;
        await visit.CheckAsync(scored
            ? indicator.GetByRole(AriaRole.Radio, new() { NameRegex = new Regex("^3 · ") })
            : indicator.GetByRole(AriaRole.Radio, new() { Name = "Insufficient information" }));
        await visit.FillAsync(indicator.GetByRole(AriaRole.Textbox, new() { Name = "Justification" }),
            scored ? "The farmers' assembly minutes record it." : "Nothing was made public.");
        if (!scored) return;
        await visit.SelectAsync(indicator.GetByRole(AriaRole.Combobox, new() { Name = "Confidence" }), "Medium confidence");
        await visit.FillAsync(indicator.GetByRole(AriaRole.Textbox, new() { Name = "What it is" }).First, "Minutes of the farmers' assembly, May 2025");
    }
}
