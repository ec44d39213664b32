using SscPortal.BrowserTests.Infrastructure;

namespace SscPortal.BrowserTests;

/// <summary>
/// "Add rows" on the initiative form, then "Save": in a real browser the page after "Add rows" is at ?handler=AddRows,
/// and the save that follows must still save, on a new record and on an existing draft.
/// </summary>
public sealed class AddRowsTests(BrowserSuite suite, ITestOutputHelper output) : IClassFixture<BrowserSuite>
{
    [Fact]
    public async Task Adding_rows_then_saving_saves_a_new_initiative_and_an_existing_draft()
    {
        await using var visit = await suite.VisitAsync(Mode.Desktop, output);
        var page = visit.Page;
        var title = Steps.Unique("Rows then save");
        await visit.StartAtHomeAsync();
        await visit.SignInAsync("cso.editor@example.org");

        // A new record: typed, more rows asked for, then saved.
        await visit.GoToMyWorkAsync();
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = "Register an initiative" }));
        await visit.FillAsync(page.GetByLabel("Title", new() { Exact = false }).First, title);
        await visit.FillAsync(page.GetByRole(AriaRole.Textbox, new() { Name = "Summary (required)" }), "Saved after asking for more rows.");
        await visit.SelectAsync(page.GetByRole(AriaRole.Combobox, new() { Name = "Modality" }), "Bilateral South-South cooperation");
        var countries = page.GetByRole(AriaRole.Group, new() { Name = "Countries and their roles" });
        await visit.FillAsync(countries.GetByRole(AriaRole.Combobox, new() { Name = "Country 1", Exact = true }), "PE");
        await visit.SelectAsync(countries.GetByRole(AriaRole.Combobox, new() { Name = "Role of country 1" }), "Provider");
        await visit.FillAsync(countries.GetByRole(AriaRole.Combobox, new() { Name = "Country 2", Exact = true }), "BO");
        await visit.SelectAsync(countries.GetByRole(AriaRole.Combobox, new() { Name = "Role of country 2" }), "Recipient");
        await visit.FollowAsync(page.GetByRole(AriaRole.Button, new() { Name = "Add rows" }));
        Assert.Contains("handler=AddRows", page.Url, StringComparison.Ordinal);
        // What was typed is still there, with the rows asked for.
        await Assertions.Expect(page.GetByLabel("Title", new() { Exact = false }).First).ToHaveValueAsync(title);
        await visit.FollowAsync(page.GetByRole(AriaRole.Button, new() { Name = "Save as draft" }));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = title })).ToBeVisibleAsync();
        Assert.DoesNotContain("handler=", page.Url, StringComparison.Ordinal);

        // The same draft again: a change, more rows, then saved.
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = "Edit", Exact = true }));
        await visit.FillAsync(page.GetByRole(AriaRole.Textbox, new() { Name = "Objectives" }), "Saved after more rows on an existing draft.");
        await visit.FollowAsync(page.GetByRole(AriaRole.Button, new() { Name = "Add rows" }));
        Assert.Contains("handler=AddRows", page.Url, StringComparison.Ordinal);
        await visit.FollowAsync(page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = title })).ToBeVisibleAsync();
        await Assertions.Expect(visit.MainContent().GetByText("Saved after more rows on an existing draft.")).ToBeVisibleAsync();
    }
}
