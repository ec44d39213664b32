using System.Net;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Notifications;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// Offers and needs (issue 18) over HTTP: writing and publishing them, "We are interested" and the private conversation that
/// follows, agreement, and the initiative it starts; who may read a conversation; what bad input gets.
/// </summary>
public abstract class ExchangeTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    private static string InMonths(int months) => DateTime.UtcNow.AddMonths(months).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_member_writes_an_offer_its_admin_publishes_it_and_the_public_reads_it_in_their_language()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        using var member = await world.BrowserAsync(Role.CsoMember);
        var form = await member.GetOkAsync("/exchange/new?kind=Offer");
        var title = TestData.Unique("Participatory budgeting know-how");
        var created = await member.SubmitAsync(form, "form.record-form", new Dictionary<string, string>
        {
            ["Input.OwnerId"] = TestData.Key(world.CsoA.Id), ["Input.Kind"] = "Offer", ["Input.Form"] = "StudyVisit", ["Input.Title"] = title,
            ["Input.Description"] = "Our city council shows how neighbourhoods decide part of the budget.", ["Input.Language"] = "en",
            ["Input.Translations[0].Language"] = "es", ["Input.Translations[0].Title"] = "Saber hacer en presupuesto participativo " + title[^12..],
            ["Input.Translations[0].Description"] = "Nuestro concejo muestra cómo los barrios deciden parte del presupuesto.",
            ["Input.Sectors[0]"] = "15112", ["Input.Countries[0]"] = "pe", ["Input.ContributionAmount"] = "5000", ["Input.ContributionCurrency"] = "usd",
            ["Input.DurationMonths"] = "3", ["Input.OpenUntil"] = InMonths(4), ["Input.Contact"] = "exchange@example.org",
        });
        Assert.Matches(@"^/exchange/\d+$", created.Address.AbsolutePath);
        Assert.Contains("Draft", created.Text, StringComparison.Ordinal);
        var id = int.Parse(created.Address.AbsolutePath.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        // A member writes; only an admin publishes.
        Assert.Null(created.Document.QuerySelector("form[action*='handler=Publish']"));
        using var visitor = Portal.CreateBrowser();
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/exchange/{id}")).Status);

        using var admin = await world.BrowserAsync(Role.CsoAdmin);
        var page = await admin.GetOkAsync($"/exchange/{id}");
        await admin.SubmitAsync(page, "form[action*='handler=Publish']", new Dictionary<string, string>());
        var saved = await Portal.WithDatabaseAsync(db => db.Listings.AsNoTracking().Include(l => l.Countries).Include(l => l.Translations).SingleAsync(l => l.Id == id));
        Assert.Equal(PublicationState.Published, saved.Publication);
        Assert.Equal("PE", Assert.Single(saved.Countries).CountryCode);
        Assert.Equal("USD", saved.ContributionCurrency);
        Assert.Equal("es", Assert.Single(saved.Translations).Language);

        var english = await visitor.GetOkAsync($"/exchange/{id}");
        Assert.Equal(title, english.Document.QuerySelector("h1")!.TextContent.Trim());
        var spanish = await visitor.GetOkAsync($"/exchange/{id}?culture=es");
        Assert.StartsWith("Saber hacer en presupuesto participativo", spanish.Document.QuerySelector("h1")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("es", spanish.Document.QuerySelector("h1")!.GetAttribute("lang"));
        var history = await visitor.GetOkAsync($"/exchange/{id}/history");
        Assert.Equal(2, history.Document.QuerySelectorAll("ol.history > li").Length);
        // Who changed it is for its organisation's members; the public reads which organisation, not who.
        var memberEmail = await Portal.WithDatabaseAsync(db => db.Users.Where(u => u.Id == world.UserIds[Role.CsoMember]).Select(u => u.Email).SingleAsync());
        Assert.DoesNotContain(memberEmail!, history.Text, StringComparison.Ordinal);
        Assert.Contains(memberEmail!, (await member.GetOkAsync($"/exchange/{id}/history")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_gets_a_message_beside_its_field_and_nothing_is_saved()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        using var member = await world.BrowserAsync(Role.CsoMember);
        var before = await Portal.WithDatabaseAsync(db => db.Listings.CountAsync(l => l.OwnerId == world.CsoA.Id));
        var form = await member.GetOkAsync("/exchange/new");
        var refused = await member.SubmitAsync(form, "form.record-form", new Dictionary<string, string>
        {
            ["Input.OwnerId"] = TestData.Key(world.CsoA.Id), ["Input.Title"] = "An offer from the past", ["Input.Description"] = "Closed before it opened.",
            ["Input.OpenUntil"] = DateTime.UtcNow.AddDays(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Countries[0]"] = "ZZ", ["Input.ContributionAmount"] = "100", ["Input.DurationMonths"] = "500",
        });
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("cannot be in the past", refused.Document.QuerySelector("[data-valmsg-for='Input.OpenUntil']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Choose a country from the list", refused.Document.QuerySelector("[data-valmsg-for='Input.Countries[0]']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("currency", refused.Document.QuerySelector("[data-valmsg-for='Input.ContributionCurrency']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 to 120 months", refused.Document.QuerySelector("[data-valmsg-for='Input.DurationMonths']")!.TextContent, StringComparison.Ordinal);
        // What was typed stays.
        Assert.Equal("An offer from the past", refused.Document.QuerySelector("#Input_Title")!.GetAttribute("value"));

        // An offer for another organisation (its id crafted into the form) is refused.
        var crafted = await member.SubmitAsync(await member.GetOkAsync("/exchange/new"), "form.record-form", new Dictionary<string, string>
        {
            ["Input.OwnerId"] = TestData.Key(world.AgencyG.Id), ["Input.Title"] = "Not ours", ["Input.Description"] = "Written for someone else.", ["Input.OpenUntil"] = InMonths(2),
        });
        Assert.Equal(HttpStatusCode.Forbidden, crafted.Status);
        Assert.Equal(before, await Portal.WithDatabaseAsync(db => db.Listings.CountAsync(l => l.OwnerId == world.CsoA.Id)));
        Assert.Equal(0, await Portal.WithDatabaseAsync(db => db.Listings.CountAsync(l => l.OwnerId == world.AgencyG.Id && l.Title == "Not ours")));
    }

    [Fact]
    public async Task A_need_becomes_an_initiative_through_interest_a_private_conversation_and_an_agreement_and_each_step_tells_the_other_side()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var needTitle = TestData.Unique("Seeking know-how on CSO registration");
        var need = await Portal.ListingAsync(world.AgencyG, DateTime.UtcNow.AddMinutes(-1),
            ExchangeData.Content(needTitle, ListingKind.Need, countries: ["PY"], sdgs: [16, 17], themes: [ThematicArea.Governance]));
        var offer = await Portal.ListingAsync(world.CsoA, DateTime.UtcNow.AddMinutes(-1),
            ExchangeData.Content(TestData.Unique("Our registry of CSOs"), ListingKind.Offer, countries: ["PE"], sdgs: [16], sectors: ["15150"]));
        var agencyMember = world.UserIds[Role.AgencyMember]!;
        var csoMember = world.UserIds[Role.CsoMember]!;

        // A CSO member is interested, answering with its own offer.
        using var cso = await world.BrowserAsync(Role.CsoMember);
        var needPage = await cso.GetOkAsync($"/exchange/{need}");
        var started = await cso.SubmitAsync(needPage, "form[action*='handler=Interest']", new Dictionary<string, string>
        {
            ["Interest.OrganisationId"] = TestData.Key(world.CsoA.Id), ["Interest.CounterpartId"] = TestData.Key(offer),
            ["Interest.Message"] = "We ran a registry of <b>CSOs</b> for ten years & can share it.",
        });
        Assert.Matches(@"^/conversations/\d+$", started.Address.AbsolutePath);
        var conversation = int.Parse(started.Address.AbsolutePath.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        // Plain text, encoded on output.
        Assert.Contains("<b>CSOs</b>", started.Document.QuerySelector("ol.messages")!.TextContent, StringComparison.Ordinal);
        Assert.Null(started.Document.QuerySelector("ol.messages b"));
        Assert.True(await Told(agencyMember, NotificationKind.InterestExpressed, conversation));

        // Pressing it again leads to the same conversation.
        Assert.NotNull((await cso.GetOkAsync($"/exchange/{need}")).Document.QuerySelector($"a[href='/conversations/{conversation}']"));
        var again = await Crafted(cso, $"/exchange/{need}?handler=Interest",
            new Dictionary<string, string> { ["Interest.OrganisationId"] = TestData.Key(world.CsoA.Id), ["Interest.Message"] = "Hello again" });
        Assert.Equal($"/conversations/{conversation}", again.Address.AbsolutePath);
        Assert.Equal(1, await Portal.WithDatabaseAsync(db => db.Conversations.CountAsync(c => c.ListingId == need)));

        // The agency answers; the CSO is told, and agrees.
        using var agency = await world.BrowserAsync(Role.AgencyMember);
        var talk = await agency.GetOkAsync($"/conversations/{conversation}");
        var replied = await agency.SubmitAsync(talk, "form[action*='handler=Message']", new Dictionary<string, string> { ["Message"] = "Gladly: shall we plan a visit?" });
        Assert.Contains("Gladly: shall we plan a visit?", replied.Text, StringComparison.Ordinal);
        Assert.True(await Told(csoMember, NotificationKind.ConversationMessage, conversation));
        var agreed = await cso.SubmitAsync(await cso.GetOkAsync($"/conversations/{conversation}"), "form[action*='handler=Close']",
            new Dictionary<string, string> { ["Outcome"] = "Agreed" });
        Assert.Contains("Agreed", agreed.Document.QuerySelector(".tags")!.TextContent, StringComparison.Ordinal);
        Assert.True(await Told(agencyMember, NotificationKind.ConversationEnded, conversation));
        // The mail goes through the outbox, in the same transaction.
        var agencyEmail = await Portal.WithDatabaseAsync(db => db.Users.Where(u => u.Id == agencyMember).Select(u => u.Email).SingleAsync());
        Assert.True(await Portal.WithDatabaseAsync(db => db.OutboxMessages.AnyAsync(m => m.To == agencyEmail && m.HtmlBody.Contains($"/conversations/{conversation}"))));

        // A closed conversation takes no more messages.
        var closed = await Portal.WithDatabaseAsync(db => db.ConversationMessages.CountAsync(m => m.ConversationId == conversation));
        var late = await Crafted(cso, $"/conversations/{conversation}?handler=Message",
            new Dictionary<string, string> { ["OrganisationId"] = TestData.Key(world.CsoA.Id), ["Message"] = "One more thing" });
        Assert.Contains("has ended", System.Net.WebUtility.HtmlDecode(late.Text), StringComparison.Ordinal);
        Assert.Equal(closed, await Portal.WithDatabaseAsync(db => db.ConversationMessages.CountAsync(m => m.ConversationId == conversation)));

        // The agency starts the initiative: a draft of its own, pre-filled from the need and the offer.
        var start = await agency.GetOkAsync($"/conversations/{conversation}");
        var draft = await agency.SubmitAsync(start, "form[action*='handler=StartInitiative']", new Dictionary<string, string>());
        Assert.Matches(@"^/initiatives/\d+/edit$", draft.Address.AbsolutePath);
        Assert.Contains("Complete it, then publish it.", draft.Document.QuerySelector("p.notice[role=status]")!.TextContent, StringComparison.Ordinal);
        var initiativeId = int.Parse(draft.Address.AbsolutePath.Split('/')[2], System.Globalization.CultureInfo.InvariantCulture);
        var initiative = await Portal.WithDatabaseAsync(db => db.Initiatives.AsNoTracking().Include(i => i.Actors).Include(i => i.Countries).Include(i => i.Sdgs).Include(i => i.Sectors)
            .SingleAsync(i => i.Id == initiativeId));
        Assert.Equal(world.AgencyG.Id, initiative.OwnerId);
        Assert.Equal(PublicationState.Draft, initiative.Publication);
        Assert.Equal(needTitle, initiative.Title);
        Assert.Equal(new[] { world.AgencyG.Id, world.CsoA.Id }.Order(), initiative.Actors.Select(a => a.ActorId).Order());
        // The CSO offers (its country provides); the agency seeks, for Paraguay.
        Assert.Contains(initiative.Countries, c => c.CountryCode == world.CsoA.CountryCode && c.Role == CountryRole.Provider);
        Assert.Contains(initiative.Countries, c => c.CountryCode == "PY" && c.Role == CountryRole.Recipient);
        Assert.Equal([16, 17], initiative.Sdgs.Select(s => s.GoalCode).Order());
        Assert.Contains(initiative.Sectors, s => s.SectorCode == "15150");
        Assert.Equal(initiativeId, await Portal.WithDatabaseAsync(db => db.Conversations.Where(c => c.Id == conversation).Select(c => c.InitiativeId).SingleAsync()));
        // Pressed again, it leads to the same initiative.
        var twice = await Crafted(agency, $"/conversations/{conversation}?handler=StartInitiative",
            new Dictionary<string, string> { ["OrganisationId"] = TestData.Key(world.AgencyG.Id) });
        Assert.Equal($"/initiatives/{initiativeId}", twice.Address.AbsolutePath);

        // Once the initiative is published, the need shows it met, and the initiative links back.
        using var visitor = Portal.CreateBrowser();
        Assert.Null((await visitor.GetOkAsync($"/exchange/{need}")).Document.QuerySelector($"a[href='/initiatives/{initiativeId}']"));
        await Portal.WithDatabaseAsync(async db =>
        {
            var saved = await SscPortal.Web.Records.RecordQueries.WithEverything(db.Initiatives).SingleAsync(i => i.Id == initiativeId);
            saved.Summary = "A registry of CSOs shared between Peru and Paraguay.";
            saved.Publish(DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });
        var met = await visitor.GetOkAsync($"/exchange/{need}");
        Assert.NotNull(met.Document.QuerySelector($"a[href='/initiatives/{initiativeId}']"));
        Assert.Contains("Met by", met.Text, StringComparison.Ordinal);
        var fromInitiative = await visitor.GetOkAsync($"/initiatives/{initiativeId}");
        Assert.NotNull(fromInitiative.Document.QuerySelector($"a[href='/exchange/{need}']"));
    }

    /// <summary>A form posted as crafted (with a valid token): its status, its text and where it ended.</summary>
    private static async Task<(HttpStatusCode Status, string Text, Uri Address)> Crafted(HtmlClient browser, string url, Dictionary<string, string> fields)
    {
        var response = await browser.PostCraftedAsync(url, fields);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.RequestMessage!.RequestUri!);
    }

    private Task<bool> Told(string userId, NotificationKind kind, int conversation) =>
        Portal.WithDatabaseAsync(db => db.Notifications.AnyAsync(n => n.UserId == userId && n.Kind == kind && n.Path == $"/conversations/{conversation}"));

    [Fact]
    public async Task A_conversation_is_read_only_by_its_two_organisations_and_by_moderators_once_reported()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var offer = await Portal.ListingAsync(world.AgencyG, DateTime.UtcNow.AddMinutes(-1));
        var conversation = await Portal.ConversationAsync(offer, world.CsoA);
        var outsider = await Portal.MemberAsync(world.CsoB, MembershipRole.OrganisationAdmin, MembershipStatus.Active);
        using var third = await Portal.BrowserOfAsync(outsider);
        using var moderator = await world.BrowserAsync(Role.Moderator);
        using var administrator = await world.BrowserAsync(Role.Administrator);
        using var visitor = Portal.CreateBrowser(followRedirects: false);
        Assert.Equal(HttpStatusCode.NotFound, (await third.GetAsync($"/conversations/{conversation}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await moderator.GetAsync($"/conversations/{conversation}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await administrator.GetAsync($"/conversations/{conversation}")).Status);
        Assert.NotEqual(HttpStatusCode.OK, (await visitor.GetAsync($"/conversations/{conversation}")).Status);
        // Nor does the exchange page list it to them.
        Assert.Null((await third.GetOkAsync($"/exchange/{offer}")).Document.QuerySelector($"a[href='/conversations/{conversation}']"));
        Assert.DoesNotContain(world.CsoA.Name, (await third.GetOkAsync("/conversations")).Text, StringComparison.Ordinal);

        // The agency reports it: the moderators are told and may read it, but not write in it.
        using var agency = await world.BrowserAsync(Role.AgencyAdmin);
        await agency.SubmitAsync(await agency.GetOkAsync($"/conversations/{conversation}"), "details.report form", new Dictionary<string, string> { ["Reason"] = "Insulting messages" });
        var moderatorId = world.UserIds[Role.Moderator]!;
        Assert.True(await Told(moderatorId, NotificationKind.ConversationReported, conversation));
        var read = await moderator.GetOkAsync($"/conversations/{conversation}");
        Assert.Contains("We would like to learn from you.", read.Text, StringComparison.Ordinal);
        Assert.Null(read.Document.QuerySelector("form[action*='handler=Message']"));
        var written = await Crafted(moderator, $"/conversations/{conversation}?handler=Message",
            new Dictionary<string, string> { ["OrganisationId"] = TestData.Key(world.AgencyG.Id), ["Message"] = "Moderator here" });
        Assert.Equal(HttpStatusCode.Forbidden, written.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await third.GetAsync($"/conversations/{conversation}")).Status);
        Assert.False(await Portal.WithDatabaseAsync(db => db.ConversationMessages.AnyAsync(m => m.ConversationId == conversation && m.Text == "Moderator here")));
    }

    [Fact]
    public async Task Interest_in_ones_own_offer_an_overlong_message_and_too_many_messages_are_refused_with_a_message()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var own = await Portal.ListingAsync(world.CsoA, DateTime.UtcNow.AddMinutes(-1));
        var other = await Portal.ListingAsync(world.AgencyG, DateTime.UtcNow.AddMinutes(-1));
        using var cso = await world.BrowserAsync(Role.CsoMember);
        // The own offer offers no "We are interested"; crafted, it is refused beside the field.
        var ownPage = await cso.GetOkAsync($"/exchange/{own}");
        Assert.Null(ownPage.Document.QuerySelector("form[action*='handler=Interest']"));
        var self = await Crafted(cso, $"/exchange/{own}?handler=Interest",
            new Dictionary<string, string> { ["Interest.OrganisationId"] = TestData.Key(world.CsoA.Id), ["Interest.Message"] = "Hello us" });
        Assert.Contains("own offer or need: choose another organisation", System.Net.WebUtility.HtmlDecode(self.Text), StringComparison.Ordinal);

        var page = await cso.GetOkAsync($"/exchange/{other}");
        var tooLong = await cso.SubmitAsync(page, "form[action*='handler=Interest']", new Dictionary<string, string> { ["Interest.Message"] = new string('x', 4001) });
        Assert.Contains("at most 4000 characters", tooLong.Document.QuerySelector("[data-valmsg-for='Interest.Message']")!.TextContent, StringComparison.Ordinal);
        var empty = await cso.SubmitAsync(page, "form[action*='handler=Interest']", new Dictionary<string, string> { ["Interest.Message"] = "   " });
        Assert.Contains("Write a message", empty.Document.QuerySelector("[data-valmsg-for='Interest.Message']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await Portal.WithDatabaseAsync(db => db.Conversations.CountAsync(c => c.ListingId == own || c.ListingId == other)));

        // The rate limit: a person sends at most so many messages an hour.
        var started = await cso.SubmitAsync(page, "form[action*='handler=Interest']", new Dictionary<string, string> { ["Interest.Message"] = "Hello" });
        var id = int.Parse(started.Address.AbsolutePath.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var userId = world.UserIds[Role.CsoMember]!;
        await Portal.WithDatabaseAsync(async db =>
        {
            for (var i = 1; i < SscPortal.Web.Exchange.ExchangeConversations.MessagesPerHour; i++)
                db.ConversationMessages.Add(new ConversationMessage { ConversationId = id, OrganisationId = world.CsoA.Id, UserId = userId, Text = $"Message {i}", SentAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        var limited = await cso.SubmitAsync(await cso.GetOkAsync($"/conversations/{id}"), "form[action*='handler=Message']", new Dictionary<string, string> { ["Message"] = "One too many" });
        Assert.Contains("wait a little", limited.Text, StringComparison.Ordinal);
        Assert.False(await Portal.WithDatabaseAsync(db => db.ConversationMessages.AnyAsync(m => m.ConversationId == id && m.Text == "One too many")));
    }
}

[Collection(SqliteSuite.Name)]
public sealed class ExchangeOnSqlite(SqlitePortalFixture fixture) : ExchangeTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class ExchangeOnPostgres(PostgresPortalFixture fixture) : ExchangeTests(fixture);
