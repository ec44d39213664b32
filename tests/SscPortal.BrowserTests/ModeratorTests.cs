using SscPortal.BrowserTests.Infrastructure;

namespace SscPortal.BrowserTests;

/// <summary>A moderator approves someone's claim to belong to an organisation and unpublishes a record, giving the reason.</summary>
public sealed class ModeratorTests(BrowserSuite suite, ITestOutputHelper output) : IClassFixture<BrowserSuite>
{
    /// <summary>Each run claims an organisation with no admin of its own, so that the claim goes to the moderators.</summary>
    public static TheoryData<Mode, string, string> Runs => new()
    {
        { Mode.Desktop, "CPDE", "CSO Partnership for Development Effectiveness" },
        { Mode.Phone, "PIANGO", "Pacific Islands Association of Non-Governmental Organisations" },
        { Mode.Keyboard, "ITUC", "International Trade Union Confederation" },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task A_moderator_approves_a_membership_claim_and_unpublishes_a_record_with_a_reason(Mode mode, string acronym, string organisation)
    {
        var title = Steps.Unique("Camelid health brigades");
        await suite.Portal.PublishedInitiativeAsync(await suite.Portal.ActorIdAsync("Agencia Peruana de Cooperación Internacional"), title);

        await using var visit = await suite.VisitAsync(mode, output);
        var page = visit.Page;
        await visit.StartAtHomeAsync();

        // Someone with no organisation asks to join one.
        await visit.SignInAsync("no.organisation@example.org");
        await visit.FollowAsync(visit.AccountNav().GetByRole(AriaRole.Link, new() { Name = "no.organisation@example.org" }));
        await visit.FillAsync(page.GetByRole(AriaRole.Searchbox, new() { Name = "Organisation name or acronym" }), acronym);
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }));
        await visit.FollowAsync(page.GetByRole(AriaRole.Button, new() { Name = $"Ask to join {organisation}" }));
        await visit.SignOutAsync();

        // The moderator is told (the organisation has no admin of its own), follows the notification and approves.
        await visit.SignInAsync("moderator@example.org");
        await visit.FollowAsync(visit.AccountNav().GetByRole(AriaRole.Link, new() { Name = "Notifications" }));
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = $"Someone asks to join {organisation}" }).First);
        await visit.FollowAsync(page.GetByRole(AriaRole.Button, new() { Name = "Approve no.organisation@example.org" }));
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "no.organisation@example.org" });
        await Assertions.Expect(row.GetByRole(AriaRole.Cell, new() { Name = "Active", Exact = true })).ToBeVisibleAsync();

        // …and unpublishes a record, saying why.
        await visit.FollowAsync(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Initiatives" }));
        await visit.FillAsync(page.GetByRole(AriaRole.Searchbox, new() { Name = "Search" }), $"\"{title}\"");
        await visit.FollowAsync(page.GetByRole(AriaRole.Search).GetByRole(AriaRole.Button, new() { Name = "Search" }));
        await visit.FollowAsync(page.GetByRole(AriaRole.Link, new() { Name = title }));
        var reason = "Names a private person as the contact; republish once it gives an office address.";
        await visit.FillAsync(page.GetByRole(AriaRole.Textbox, new() { Name = "Unpublish as moderator: reason (shown to the owners)" }), reason);
        await visit.FollowAsync(page.GetByRole(AriaRole.Button, new() { Name = "Unpublish", Exact = true }));
        await Assertions.Expect(page.GetByRole(AriaRole.Status).GetByText(reason)).ToBeVisibleAsync();

        // Proposed organisations need not come by mail at once: the moderator chooses the daily digest for them.
        await visit.FollowAsync(visit.AccountNav().GetByRole(AriaRole.Link, new() { Name = "Notifications" }));
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = "Choose what you receive" }));
        await visit.CheckAsync(page.GetByRole(AriaRole.Radio, new() { Name = "Organisations waiting for verification: In a daily e-mail digest" }));
        await visit.FollowAsync(page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }));
        await Assertions.Expect(page.GetByRole(AriaRole.Status).GetByText("Your settings are saved.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Organisations waiting for verification: In a daily e-mail digest" })).ToBeCheckedAsync();
    }
}
