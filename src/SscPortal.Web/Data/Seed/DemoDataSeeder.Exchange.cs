using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;

namespace SscPortal.Web.Data.Seed;

public sealed partial class DemoDataSeeder
{
    /// <summary>
    /// The exchange's demonstration offers and needs (<see cref="DemoData.Listings"/>) and the conversations about them
    /// (<see cref="DemoData.Conversations"/>), through the same domain rules as anyone's; added once, also to a database
    /// seeded before the exchange existed. Dates count from the seeding day.
    /// </summary>
    private async Task SeedExchangeAsync(Dictionary<string, int> actorIds, CancellationToken cancellationToken)
    {
        var titles = DemoData.Listings.Select(l => l.Title).ToList();
        if (await db.Listings.AnyAsync(l => titles.Contains(l.Title), cancellationToken)) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var seeds = DemoData.Listings.Where(l => actorIds.ContainsKey(l.OwnerKey)).ToList();

        var starts = seeds.SelectMany(l => l.InitiativeTitles ?? []).Distinct().ToList();
        var published = await db.Initiatives.Where(i => i.Publication == PublicationState.Published)
            .Select(i => new { i.Id, i.Title }).ToListAsync(cancellationToken);
        int? InitiativeId(string start) => published.Where(i => i.Title.StartsWith(start, StringComparison.Ordinal)).OrderBy(i => i.Id).Select(i => (int?)i.Id).FirstOrDefault();

        // Region codes longer than the column holds (ListingRegion.RegionCode is 10 characters, the reference regions up to 19)
        // are left out rather than failing the whole demonstration seed; once the column is widened they are all kept.
        var regionLength = db.Model.FindEntityType(typeof(ListingRegion))?.FindProperty(nameof(ListingRegion.RegionCode))?.GetMaxLength() ?? int.MaxValue;
        var tooLong = seeds.SelectMany(l => l.Regions).Where(r => r.Length > regionLength).Distinct().ToList();
        if (tooLong.Count > 0)
            logger.LogWarning("Demonstration offers and needs leave out the regions {Regions}: their codes are longer than the {Length} characters the exchange's region column holds",
                string.Join(", ", tooLong), regionLength);

        var listings = new Dictionary<string, Listing>();
        foreach (var (seed, index) in seeds.Select((seed, index) => (seed, index)))
        {
            // Published over the last weeks, newest last; one whose date has passed was published while it was still open.
            var publishedAt = now.AddDays(-(seeds.Count - index) - (seed.OpenForDays < 0 ? 40 : 1)).AddMinutes(index);
            var publishedOn = DateOnly.FromDateTime(publishedAt);
            var listing = new Listing { Title = "", Description = "", OwnerId = actorIds[seed.OwnerKey], CreatedAt = publishedAt.AddDays(-2), UpdatedAt = publishedAt };
            listing.Apply(new ListingContent(
                seed.Kind, seed.Form, seed.Title, seed.Description, seed.Language, seed.Themes, seed.WorkingLanguages,
                seed.InKind, seed.Amount, seed.Currency, seed.DurationMonths,
                seed.OpenForDays < 0 ? publishedOn.AddDays(30) : today.AddDays(seed.OpenForDays), seed.Contact,
                seed.Countries, seed.Regions.Where(r => r.Length <= regionLength).ToList(), seed.Sectors, seed.Sdgs,
                (seed.Translations ?? []).Select(t => new ListingTranslation { Language = t.Language, Title = t.Title, Description = t.Description }).ToList(),
                (seed.InitiativeTitles ?? []).Select(InitiativeId).OfType<int>().ToList()));
            if (!seed.Draft) listing.Publish(publishedAt);
            // Time has passed since: its open-until date is behind it now.
            if (seed.OpenForDays < 0) listing.OpenUntil = today.AddDays(seed.OpenForDays);
            db.Listings.Add(listing);
            listings[seed.Key] = listing;
        }
        await db.SaveChangesAsync(cancellationToken);

        // Who writes: the demonstration accounts, each for its own organisation.
        var emails = DemoData.Conversations.SelectMany(c => c.Messages.Select(m => m.Email).Append(c.ClosedBy)).OfType<string>().Distinct().ToList();
        var writers = new Dictionary<string, (string UserId, int OrganisationId)>();
        foreach (var email in emails)
        {
            var account = Accounts.Single(a => a.Email == email);
            if (await users.FindByEmailAsync(email) is { } user && account.ActorKey is { } key && actorIds.TryGetValue(key, out var organisationId))
                writers[email] = (user.Id, organisationId);
        }

        var conversations = 0;
        foreach (var (seed, index) in DemoData.Conversations.Select((seed, index) => (seed, index)))
        {
            if (!listings.TryGetValue(seed.ListingKey, out var listing) || !actorIds.TryGetValue(seed.InterestedKey, out var interestedId)
                || seed.Messages.Any(m => !writers.ContainsKey(m.Email)) || seed.ClosedBy is { } closer && !writers.ContainsKey(closer)) continue;
            var counterpart = seed.CounterpartKey is { } counterpartKey ? listings.GetValueOrDefault(counterpartKey) : null;
            // Each conversation began some days ago, with a reply every few hours.
            var at = now.AddDays(-9 + 2 * index).AddHours(-index);
            var first = seed.Messages[0];
            var conversation = Conversation.Start(listing, interestedId, counterpart, writers[first.Email].UserId, first.Text, at);
            foreach (var message in seed.Messages.Skip(1))
            {
                at = at.AddHours(5);
                conversation.Post(writers[message.Email].OrganisationId, writers[message.Email].UserId, message.Text, at);
            }
            if (seed.Outcome != ConversationState.Open)
                conversation.Close(writers[seed.ClosedBy!].OrganisationId, seed.Outcome, seed.Reason, at.AddHours(1));
            db.Conversations.Add(conversation);
            await db.SaveChangesAsync(cancellationToken);
            conversations++;

            if (seed.Initiative is { } started && seed.Outcome == ConversationState.Agreed)
            {
                var need = listing.Kind == ListingKind.Need || counterpart is null ? listing : counterpart;
                var offer = need == listing ? counterpart : listing;
                var initiative = await StartInitiativeAsync(started, need, offer, writers[seed.ClosedBy!].OrganisationId, conversation.ClosedAt!.Value, cancellationToken);
                conversation.StartedInitiative(initiative.Id);
                initiative.Publish(conversation.ClosedAt!.Value.AddDays(1));
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        logger.LogInformation("Loaded {Listings} demonstration offers and needs and {Conversations} conversations", listings.Count, conversations);
    }

    /// <summary>
    /// The draft an agreed conversation starts, pre-filled from the need and the offer as the portal does: the organisation
    /// that agreed owns and leads it, the other implements it; the offering organisation's country provides and the needing
    /// one's receives; their sectors, SDGs (the need's first is the primary one), themes and contributions.
    /// </summary>
    private async Task<Initiative> StartInitiativeAsync(DemoData.StartedInitiativeSeed seed, Listing need, Listing? offer, int ownerId, DateTime at, CancellationToken cancellationToken)
    {
        var parties = new[] { need, offer }.OfType<Listing>().ToList();
        var countries = await db.Actors.Where(a => parties.Select(p => p.OwnerId).Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.CountryCode, cancellationToken);
        var today = DateOnly.FromDateTime(at);
        var initiative = new Initiative
        {
            Title = seed.Title, Summary = seed.Summary, Description = seed.Description, Language = seed.Language,
            Modality = seed.Modality, Instrument = seed.Instrument, Status = ActivityStatus.Pipeline,
            ApprovalDate = today, PlannedStart = today.AddDays(45), PlannedEnd = today.AddDays(45).AddMonths(Math.Max(need.DurationMonths ?? 6, offer?.DurationMonths ?? 1)),
            OwnerId = ownerId, ThematicAreas = parties.SelectMany(p => p.Themes).Distinct().Order().ToList(),
            CreatedAt = at, UpdatedAt = at,
        };
        if (offer is not null && countries.GetValueOrDefault(offer.OwnerId) is { } provider)
            initiative.Countries.Add(new InitiativeCountry { CountryCode = provider, Role = CountryRole.Provider });
        if (countries.GetValueOrDefault(need.OwnerId) is { } recipient && initiative.Countries.All(c => c.CountryCode != recipient))
            initiative.Countries.Add(new InitiativeCountry { CountryCode = recipient, Role = CountryRole.Recipient });
        foreach (var party in parties)
            initiative.Actors.Add(new InitiativeActor { ActorId = party.OwnerId, Role = party.OwnerId == ownerId ? ActorRole.Lead : ActorRole.Implementing });
        initiative.Sdgs.AddRange(parties.SelectMany(p => p.Sdgs.Select(s => s.GoalCode)).Distinct().Select((goal, i) => new InitiativeSdg { GoalCode = goal, IsPrimary = i == 0 }));
        initiative.Sectors.AddRange(parties.SelectMany(p => p.Sectors.Select(s => s.SectorCode)).Distinct().Select(code => new InitiativeSector { SectorCode = code }));
        foreach (var party in parties)
        {
            if (party.ContributionInKind is { } inKind)
                initiative.Contributions.Add(new InitiativeContribution { ActorId = party.OwnerId, Kind = ContributionKind.InKind, Description = inKind });
            if (party.ContributionAmount is { } amount)
                initiative.Contributions.Add(new InitiativeContribution { ActorId = party.OwnerId, Kind = ContributionKind.Money, Amount = amount, Currency = party.ContributionCurrency });
        }
        db.Initiatives.Add(initiative);
        await db.SaveChangesAsync(cancellationToken);
        return initiative;
    }
}
