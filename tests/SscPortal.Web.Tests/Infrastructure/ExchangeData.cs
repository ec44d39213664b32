using SscPortal.Domain;

namespace SscPortal.Web.Tests.Infrastructure;

/// <summary>Offers, needs and conversations made for a test, through the portal's own DbContext and the domain's rules.</summary>
public static class ExchangeData
{
    public static ListingContent Content(string title, ListingKind kind = ListingKind.Offer, string description = "Know-how on participatory budgeting for local governments.",
        IReadOnlyList<int>? sdgs = null, IReadOnlyList<string>? countries = null, IReadOnlyList<ThematicArea>? themes = null, string language = "en",
        IReadOnlyList<ListingTranslation>? translations = null, DateOnly? openUntil = null, IReadOnlyList<string>? sectors = null, IReadOnlyList<string>? regions = null,
        IReadOnlyList<string>? workingLanguages = null, CooperationForm form = CooperationForm.TechnicalAssistance) =>
        new(kind, form, title, description, language, themes ?? [ThematicArea.Governance], workingLanguages ?? ["es", "en"], "Two experts for a week", null, null, 6,
            openUntil ?? DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(6), "exchange@example.org", countries ?? ["PE"], regions ?? [], sectors ?? ["15110"], sdgs ?? [16],
            translations ?? [], []);

    /// <summary>An offer (or need) of <paramref name="owner"/>, published at <paramref name="publishedAt"/> unless that is null (then a draft).</summary>
    public static Task<int> ListingAsync(this PortalFactory portal, Actor owner, DateTime? publishedAt, ListingContent? content = null) =>
        portal.WithDatabaseAsync(async db =>
        {
            var listing = new Listing { Title = "", Description = "", OwnerId = owner.Id, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            listing.Apply(content ?? Content(TestData.Unique("Test offer")));
            if (publishedAt is { } at) listing.Publish(at);
            db.Listings.Add(listing);
            await db.SaveChangesAsync();
            return listing.Id;
        });

    /// <summary>A conversation about the listing, started by <paramref name="interested"/>; agreed, or reported, when asked.</summary>
    public static Task<int> ConversationAsync(this PortalFactory portal, int listingId, Actor interested, bool agreed = false, bool reported = false) =>
        portal.WithDatabaseAsync(async db =>
        {
            var listing = await db.Listings.FindAsync(listingId);
            var conversation = Conversation.Start(listing!, interested.Id, null, "test-user", "We would like to learn from you.", DateTime.UtcNow);
            if (agreed) conversation.Close(interested.Id, ConversationState.Agreed, null, DateTime.UtcNow);
            if (reported) conversation.Report(interested.Id, "Rude messages", DateTime.UtcNow);
            db.Conversations.Add(conversation);
            await db.SaveChangesAsync();
            return conversation.Id;
        });
}
