using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SscPortal.BrowserTests.Infrastructure;
using SscPortal.Domain;
using SscPortal.Web.Data;

namespace SscPortal.BrowserTests;

/// <summary>
/// The exchange, from a need to an initiative: a civil-society member finds an agency's published need on the exchange
/// through the main navigation and its search, reads it and the matches suggested for it, presses "We are interested" and
/// writes; the agency's officer is told through the bell, opens the conversation, replies, marks it agreed and starts an
/// initiative from it, landing on the new initiative's form. On the way the exchange's form for a new offer or need and
/// its figures are reached from the exchange's own page; every page is checked with axe-core.
/// </summary>
public sealed class ExchangeTests(BrowserSuite suite, ITestOutputHelper output) : IClassFixture<BrowserSuite>
{
    private const string Apci = "Agencia Peruana de Cooperación Internacional";
    private const string Ibon = "IBON International";

    public static TheoryData<Mode> Modes => [Mode.Desktop, Mode.Phone, Mode.Keyboard];

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_CSO_member_finds_an_agency_need_and_writes_to_it_and_the_agency_replies_agrees_and_starts_an_initiative_from_the_agreement(Mode mode)
    {
        var apci = await suite.Portal.ActorIdAsync(Apci);
        var title = Steps.Unique("Seed bank methods for highland communities");
        await PublishedNeedAsync(apci, title);
        var interest = "IBON International has run community seed banks in the Andes for ten years and would share its methods.";
        var reply = "Thank you: could your team visit Puno in the second half of the year?";

        await using var visit = await suite.VisitAsync(mode, output);
        var page = visit.Page;
        await visit.StartAtHomeAsync();

        // A member of IBON finds the need on the exchange, from the main navigation and its search.
        await visit.SignInAsync("cso.editor@example.org");
        await visit.FollowAsync(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Offers and needs" }));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Offers and needs" })).ToBeVisibleAsync();

        // The exchange's own page leads to its form for a new offer or need and to its figures.
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = "Publish an offer or a need" }));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Publish an offer or a need" })).ToBeVisibleAsync();
        await visit.FollowAsync(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Offers and needs" }));
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = "The exchange in figures" }));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "The exchange in figures" })).ToBeVisibleAsync();
        await visit.FollowAsync(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Offers and needs" }));

        await visit.FillAsync(page.GetByRole(AriaRole.Searchbox, new() { Name = "Search" }), title);
        await visit.FollowAsync(page.GetByRole(AriaRole.Search).GetByRole(AriaRole.Button, new() { Name = "Search" }));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "1 offer or need" })).ToBeVisibleAsync();
        var result = visit.MainContent().GetByRole(AriaRole.Listitem).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = title }) });
        await Assertions.Expect(result).ToContainTextAsync("Need");
        await Assertions.Expect(result.GetByRole(AriaRole.Link, new() { Name = Apci })).ToBeVisibleAsync();
        await visit.FollowAsync(result.GetByRole(AriaRole.Link, new() { Name = title }));

        // The need's page: what is needed, the matches suggested for it, and "We are interested".
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = title })).ToBeVisibleAsync();
        var matches = page.Locator("section#matches");
        await Assertions.Expect(matches.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToBeVisibleAsync();
        var suggested = await matches.Locator("li.match").CountAsync();
        output.WriteLine($"{mode}: {suggested} suggested matches");
        if (suggested > 0) await Assertions.Expect(matches.Locator("li.match").First.GetByRole(AriaRole.Link).First).ToBeVisibleAsync();
        var interested = page.GetByRole(AriaRole.Region, new() { Name = "We are interested" });
        await Assertions.Expect(interested).ToContainTextAsync($"Write to {Apci}.");
        await visit.FillAsync(interested.GetByRole(AriaRole.Textbox, new() { Name = "Your message" }), interest);
        await visit.FollowAsync(interested.GetByRole(AriaRole.Button, new() { Name = "Send and start the conversation" }));

        // The conversation it started, between the two organisations.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = $"Conversation about “{title}”" })).ToBeVisibleAsync();
        var messages = page.GetByRole(AriaRole.Region, new() { Name = "Messages" }).GetByRole(AriaRole.Listitem);
        await Assertions.Expect(messages).ToHaveCountAsync(1);
        await Assertions.Expect(messages.First).ToContainTextAsync(Ibon);
        await Assertions.Expect(messages.First).ToContainTextAsync(interest);
        await visit.SignOutAsync();

        // APCI's officer is told through the bell, opens the conversation and replies.
        await visit.SignInAsync("agency.officer@example.org");
        await visit.FollowAsync(visit.AccountNav().GetByRole(AriaRole.Link, new() { Name = "Notifications" }));
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = $"{Ibon} is interested in your organisation's offer or need “{title}” and wrote to you." }));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = $"Conversation about “{title}”" })).ToBeVisibleAsync();
        await Assertions.Expect(messages.First).ToContainTextAsync(interest);
        var write = page.GetByRole(AriaRole.Region, new() { Name = "Write" });
        await visit.FillAsync(write.GetByRole(AriaRole.Textbox, new() { Name = "Your message" }), reply);
        await visit.FollowAsync(write.GetByRole(AriaRole.Button, new() { Name = "Send" }));
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Your message was sent." })).ToBeVisibleAsync();
        await Assertions.Expect(messages).ToHaveCountAsync(2);
        await Assertions.Expect(messages.Nth(1)).ToContainTextAsync(Apci);
        await Assertions.Expect(messages.Nth(1)).ToContainTextAsync(reply);

        // It marks the conversation agreed, and starts an initiative from the agreement.
        var end = page.GetByRole(AriaRole.Region, new() { Name = "End the conversation" });
        await visit.CheckAsync(end.GetByRole(AriaRole.Radio, new() { Name = "Agreed", Exact = true }));
        await visit.FollowAsync(end.GetByRole(AriaRole.Button, new() { Name = "End the conversation" }));
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The conversation is marked agreed. You can now start an initiative from it." })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Write" })).ToHaveCountAsync(0);
        await visit.FollowAsync(page.GetByRole(AriaRole.Region, new() { Name = "Start an initiative" }).GetByRole(AriaRole.Button, new() { Name = "Start an initiative from this agreement" }));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Edit the initiative" })).ToBeVisibleAsync();
        Assert.Matches(@"/initiatives/\d+/edit$", page.Url);
        await Assertions.Expect(page.GetByRole(AriaRole.Textbox, new() { NameRegex = new Regex("^Title") }).First).Not.ToHaveValueAsync("");
    }

    /// <summary>
    /// A need of the organisation, open for six months, in Peru, on goal 2 and agriculture, published: close enough to the
    /// demonstration offers for the exchange to suggest some of them.
    /// </summary>
    private async Task PublishedNeedAsync(int ownerId, string title)
    {
        await using var scope = suite.Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = DateTime.UtcNow;
        var listing = new Listing { Title = "", Description = "", OwnerId = ownerId, CreatedAt = now, UpdatedAt = now };
        listing.Apply(new ListingContent(ListingKind.Need, CooperationForm.TechnicalAssistance, title,
            "Methods to set up and run community seed banks of native potato and quinoa varieties in the highlands.", "en",
            [ThematicArea.FoodSecurity], ["es", "en"], "Staff time and local transport", null, null, 6, DateOnly.FromDateTime(now).AddMonths(6),
            "exchange@example.org", ["PE"], [], ["31120"], [2], [], []));
        listing.Publish(now);
        db.Listings.Add(listing);
        await db.SaveChangesAsync();
    }
}
