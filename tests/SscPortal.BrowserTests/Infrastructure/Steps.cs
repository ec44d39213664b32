namespace SscPortal.BrowserTests.Infrastructure;

/// <summary>What several flows do the same way, through the portal's own links and forms.</summary>
public static class Steps
{
    public const string DemoPassword = "portal-demo-2026";

    public static string Unique(string prefix) => $"{prefix} {Guid.NewGuid():N}"[..(prefix.Length + 9)];

    public static ILocator AccountNav(this Visit visit) => visit.Page.GetByRole(AriaRole.Navigation, new() { Name = "Account" });

    public static ILocator MainContent(this Visit visit) => visit.Page.GetByRole(AriaRole.Main);

    /// <summary>From any page: the header's "Sign in" link, the form, and back.</summary>
    public static async Task SignInAsync(this Visit visit, string email)
    {
        await visit.FollowAsync(visit.AccountNav().GetByRole(AriaRole.Link, new() { Name = "Sign in" }));
        await visit.FillAsync(visit.Page.GetByLabel("E-mail address"), email);
        await visit.FillAsync(visit.Page.GetByLabel("Password", new() { Exact = true }), DemoPassword);
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Button, new() { Name = "Sign in" }));
        await Assertions.Expect(visit.AccountNav().GetByRole(AriaRole.Link, new() { Name = email })).ToBeVisibleAsync();
    }

    public static async Task SignOutAsync(this Visit visit)
    {
        await visit.FollowAsync(visit.AccountNav().GetByRole(AriaRole.Button, new() { Name = "Sign out" }));
        await Assertions.Expect(visit.AccountNav().GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    /// <summary>
    /// On the catalogue, opens the "Filters" control that folds the facets away on a phone; on a wider screen the facets
    /// are shown beside the results and there is no control to press.
    /// </summary>
    public static async Task OpenFiltersAsync(this Visit visit)
    {
        var toggle = visit.Page.Locator("details.facets-panel > summary");
        if (!await toggle.IsVisibleAsync()) return;
        if (await visit.Page.Locator("details.facets-panel").GetAttributeAsync("open") is null) await visit.ActivateAsync(toggle);
        await Assertions.Expect(visit.Page.Locator("details.facets-panel")).ToHaveAttributeAsync("open", "");
    }

    public static Task GoToMyWorkAsync(this Visit visit) =>
        visit.FollowAsync(visit.AccountNav().GetByRole(AriaRole.Link, new() { Name = "My work" }));

    /// <summary>
    /// Picks an organisation in a searchable picker: the browser's suggestion list (a datalist) fills in the id of the
    /// organisation whose name was typed; this does the same.
    /// </summary>
    public static async Task PickOrganisationAsync(this Visit visit, ILocator field, string name)
    {
        var listId = await field.GetAttributeAsync("list");
        var id = await visit.Page.Locator($"datalist#{listId}").EvaluateAsync<string?>(
            "(list, name) => [...list.options].find(o => o.textContent.trim() === name)?.value ?? null", name);
        Assert.False(string.IsNullOrEmpty(id), $"No organisation called {name} to pick.");
        await visit.FillAsync(field, id!);
        // The page's script names what the id stands for, beside the field.
        await Assertions.Expect(field.Locator("xpath=following-sibling::span[@class='picked']")).ToHaveTextAsync(name);
    }
}
