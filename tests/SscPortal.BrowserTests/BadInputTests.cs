using System.Text.Json;
using SscPortal.BrowserTests.Infrastructure;

namespace SscPortal.BrowserTests;

/// <summary>
/// Every main form, sent empty, with over-long text and with script in every text field: the page answers with messages
/// next to the fields, keeps what was typed (passwords excepted), saves nothing, and never runs the script. The one
/// exception is by design: an assessment draft may be incomplete, so an empty assessment is saved as a draft whose page
/// lists what is still missing.
/// </summary>
public sealed class BadInputTests(BrowserSuite suite, ITestOutputHelper output) : IClassFixture<BrowserSuite>
{
    /// <summary>Script as a tag, as an attribute breaking out of a value, and as an event handler.</summary>
    private const string Script = "<script>window.__sscInjected=1;alert(1)</script>\"><img src=x onerror=\"window.__sscInjected=1;alert(2)\">";

    /// <summary>22,500 characters: longer than any field allows.</summary>
    private static readonly string LongText = string.Concat(Enumerable.Repeat("Overlong text. ", 1500));

    private const string TextFields =
        "input[type=text]:visible, input[type=email]:visible, input[type=url]:visible, input[type=search]:visible, input[type=password]:visible, textarea:visible";

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var form in new[] { "sign-in", "registration", "organisation", "initiative", "partnership", "assessment" })
            foreach (var input in new[] { "empty", "over-long", "script" })
                cases.Add(form, input);
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_main_form_answers_bad_input_with_field_messages_keeps_it_saves_nothing_and_runs_no_script(string form, string input)
    {
        await using var visit = await suite.VisitAsync(Mode.Desktop, output);
        var page = visit.Page;
        await visit.StartAtHomeAsync();
        var submit = await OpenAsync(visit, form);
        var fields = submit.Locator("xpath=ancestor::form").Locator(TextFields);
        var count = await fields.CountAsync();
        Assert.True(count > 0, $"The {form} form has no text field.");

        var value = input switch { "empty" => "", "over-long" => LongText, _ => Script };
        var typed = new List<(string Name, string Type, string Value)>();
        for (var i = 0; i < count; i++)
        {
            var field = fields.Nth(i);
            await visit.FillAsync(field, value);
            // What the browser accepted (a maxlength cuts a paste short, as it would for a person) is what must come back.
            typed.Add((await field.GetAttributeAsync("name") ?? "", await field.GetAttributeAsync("type") ?? "textarea", await field.InputValueAsync()));
        }
        var before = await suite.Portal.CountsAsync();
        var address = new Uri(page.Url).AbsolutePath;
        await visit.FollowAsync(submit);
        await visit.AssertNoScriptRanAsync();
        var after = await suite.Portal.CountsAsync();

        if (form == "assessment" && input == "empty")
        {
            // By design: a draft assessment may be incomplete. It is saved, and its page lists what is missing.
            Assert.Equal(before.Assessments + 1, after.Assessments);
            Assert.Equal(before with { Assessments = after.Assessments }, after);
            await Assertions.Expect(page.GetByText("Before it can be published,", new() { Exact = false })).ToBeVisibleAsync();
            var missing = await page.Locator("ul.missing li").AllInnerTextsAsync();
            Assert.NotEmpty(missing);
            output.WriteLine($"assessment, empty: saved as a draft; {missing.Count} missing items listed, such as {missing[0]}");
            return;
        }

        // The form is shown again, with the messages; nothing was saved.
        Assert.Equal(address, new Uri(page.Url).AbsolutePath);
        Assert.Equal(before, after);
        var messages = await page.EvaluateAsync<JsonElement>("""
            () => [...document.querySelectorAll('form .field-error')].filter(e => e.textContent.trim())
                    .map(e => ({ text: e.textContent.trim(), beside: !!e.closest('.field, fieldset, td') }))
            """);
        var shown = messages.EnumerateArray().Select(m => (Text: m.GetProperty("text").GetString()!, Beside: m.GetProperty("beside").GetBoolean())).ToList();
        output.WriteLine($"{form}, {input}: {shown.Count} field messages: " + string.Join(" | ", shown.Select(m => m.Text.Length > 80 ? m.Text[..80] + "…" : m.Text).Distinct().Take(10)));
        Assert.True(shown.Count > 0, $"The {form} form was sent {input} and showed no message next to a field.");
        Assert.All(shown, m => Assert.True(m.Beside, $"The message \"{m.Text}\" is not next to a field."));
        // A field marked invalid points its reader to a message.
        var invalid = await page.EvaluateAsync<JsonElement>("""
            () => [...document.querySelectorAll('form [aria-invalid=true]')].map(e => e.name)
            """);
        output.WriteLine($"{invalid.GetArrayLength()} fields marked aria-invalid.");

        var kept = submit.Locator("xpath=ancestor::form");
        foreach (var (name, type, sent) in typed.Where(t => t.Name.Length > 0))
        {
            var back = await kept.Locator($"[name=\"{name}\"]").First.InputValueAsync();
            if (type == "password")
            {
                // A password is never sent back into the page.
                Assert.Equal("", back);
                continue;
            }
            Assert.True(back == sent,
                $"The {form} form lost what was typed in {name}: sent {sent.Length} characters ({Start(sent)}), got back {back.Length} ({Start(back)}).");
        }
    }

    private static string Start(string text) => text.Length > 30 ? text[..30] + "…" : text;

    /// <summary>Reaches the form by clicking, as its user would, and gives its submit button.</summary>
    private async Task<ILocator> OpenAsync(Visit visit, string form)
    {
        var page = visit.Page;
        var mainNav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        switch (form)
        {
            case "sign-in":
                await visit.FollowAsync(visit.AccountNav().GetByRole(AriaRole.Link, new() { Name = "Sign in" }));
                return visit.MainContent().GetByRole(AriaRole.Button, new() { Name = "Sign in" });
            case "registration":
                await visit.FollowAsync(visit.AccountNav().GetByRole(AriaRole.Link, new() { Name = "Register" }));
                return visit.MainContent().GetByRole(AriaRole.Button, new() { Name = "Create account" });
            case "organisation":
                await visit.SignInAsync("no.organisation@example.org");
                await visit.FollowAsync(visit.AccountNav().GetByRole(AriaRole.Link, new() { Name = "no.organisation@example.org" }));
                return visit.MainContent().GetByRole(AriaRole.Button, new() { Name = "Propose the organisation" });
            case "initiative":
                await visit.SignInAsync("cso.editor@example.org");
                await visit.GoToMyWorkAsync();
                await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = "Register an initiative" }));
                return visit.MainContent().GetByRole(AriaRole.Button, new() { Name = "Save as draft" });
            case "partnership":
                await visit.SignInAsync("agency.officer@example.org");
                await visit.FollowAsync(mainNav.GetByRole(AriaRole.Link, new() { Name = "Partnerships" }));
                await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = "Record a partnership" }));
                return visit.MainContent().GetByRole(AriaRole.Button, new() { Name = "Save as draft" });
            default:
                // A published initiative of its own for each case, found through the catalogue's search.
                var title = Steps.Unique("Bad input assessed");
                await suite.Portal.PublishedInitiativeAsync(await suite.Portal.ActorIdAsync("Agencia Peruana de Cooperación Internacional"), title);
                await visit.SignInAsync("cso.editor@example.org");
                await visit.FollowAsync(mainNav.GetByRole(AriaRole.Link, new() { Name = "Initiatives" }));
                await visit.FillAsync(page.GetByRole(AriaRole.Searchbox, new() { Name = "Search" }), title);
                await visit.FollowAsync(page.GetByRole(AriaRole.Search).GetByRole(AriaRole.Button, new() { Name = "Search" }));
                await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = title }).First);
                await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = "Assess this initiative" }));
                return visit.MainContent().GetByRole(AriaRole.Button, new() { Name = "Save draft" });
        }
    }
}
