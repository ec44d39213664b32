using SscPortal.Domain;

namespace SscPortal.Web.Exchange;

/// <summary>The draft initiative an agreed conversation starts, pre-filled from the offer and the need it joined.</summary>
public static class InitiativeFromAgreement
{
    /// <summary>
    /// Which side gives: the organisation whose offer it is (the publisher of an offer, the interested one in a need); for a
    /// two-way exchange, the side whose counterpart is a need receives, and otherwise the publisher gives.
    /// </summary>
    public static int ProviderOf(Listing listing, Listing? counterpart, Conversation conversation) => listing.Kind switch
    {
        ListingKind.Offer => conversation.ListingOwnerId,
        ListingKind.Need => conversation.InterestedId,
        _ => counterpart?.Kind == ListingKind.Offer ? conversation.InterestedId : conversation.ListingOwnerId,
    };

    public static Initiative Draft(Listing listing, Listing? counterpart, Conversation conversation, int ownerId, IReadOnlyDictionary<int, string?> countryOf, DateTime now)
    {
        var provider = ProviderOf(listing, counterpart, conversation);
        var recipient = conversation.OtherSide(provider);
        var both = counterpart is null ? new[] { listing } : [listing, counterpart];
        var description = string.Join("\n\n", both.Select(l => $"{l.Title}\n{l.Description}"));
        var initiative = new Initiative
        {
            Title = Clip(listing.Title, Listing.TitleLength),
            Summary = Clip(listing.Description, 2000),
            Description = Clip(description, 20000),
            Language = listing.Language,
            Modality = Modality.Bilateral,
            Instrument = Instrument.Project,
            Status = ActivityStatus.Pipeline,
            Contact = listing.OwnerId == ownerId ? listing.Contact : counterpart?.Contact,
            OwnerId = ownerId,
            CreatedAt = now,
            UpdatedAt = now,
            ThematicAreas = both.SelectMany(l => l.Themes).Distinct().Order().ToList(),
        };
        initiative.Actors.Add(new InitiativeActor { ActorId = ownerId, Role = ActorRole.Lead });
        var partner = conversation.OtherSide(ownerId);
        initiative.Actors.Add(new InitiativeActor { ActorId = partner, Role = ActorRole.Implementing });
        // The giving side's country provides; the seeking side's country, and the places the need names, receive.
        var providers = new[] { countryOf.GetValueOrDefault(provider) }.OfType<string>().ToList();
        var seeking = both.Where(l => l.OwnerId == recipient || l.Kind == ListingKind.Need).SelectMany(l => l.Countries.Select(c => c.CountryCode));
        var recipients = new[] { countryOf.GetValueOrDefault(recipient) }.OfType<string>().Concat(seeking).Distinct().Where(c => !providers.Contains(c)).ToList();
        foreach (var code in providers) initiative.Countries.Add(new InitiativeCountry { CountryCode = code, Role = CountryRole.Provider });
        foreach (var code in recipients) initiative.Countries.Add(new InitiativeCountry { CountryCode = code, Role = CountryRole.Recipient });
        if (recipients.Count + providers.Count >= 3) initiative.Modality = Modality.Regional;
        foreach (var goal in both.SelectMany(l => l.Sdgs.Select(s => s.GoalCode)).Distinct().Order())
            initiative.Sdgs.Add(new InitiativeSdg { GoalCode = goal });
        foreach (var sector in both.SelectMany(l => l.Sectors.Select(s => s.SectorCode)).Distinct().Order(StringComparer.Ordinal))
            initiative.Sectors.Add(new InitiativeSector { SectorCode = sector });
        return initiative;
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
