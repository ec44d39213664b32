using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Search;

namespace SscPortal.Web.Notifications;

/// <summary>
/// Offers and needs (issue 18): a moderator's hold or release tells the owner organisation's members; a published one
/// (published, edited, or released from a hold) tells the people who follow its organisation, one of its countries, one
/// of its regions or the region of one of its countries, one of its themes or SDGs, or a search of the exchange it matches.
/// </summary>
public sealed partial class Notices
{
    internal async Task ListingChangedAsync(int id, ChangeKind change, bool asModerator, CancellationToken ct)
    {
        var listing = await db.Listings.AsNoTracking().Where(l => l.Id == id)
            .Select(l => new { l.Title, l.OwnerId, l.Publication, l.UnpublishedReason }).SingleOrDefaultAsync(ct);
        if (listing is null) return;
        var path = $"/exchange/{Key(id)}";
        await ModerationAsync(change, asModerator, [listing.OwnerId], path, listing.Title, listing.UnpublishedReason, RecordType.Listing, ct);
        if (listing.Publication == PublicationState.Published && change is ChangeKind.Published or ChangeKind.Edited or ChangeKind.HoldReleased)
            await TellFollowersAsync(await FollowersOfListingAsync(id, ct), path, listing.Title, RecordType.Listing, change, ct);
    }

    /// <summary>Who follows the (published) offer or need's organisation, countries, regions, themes, SDGs, or a search of the exchange it matches.</summary>
    private async Task<List<string>> FollowersOfListingAsync(int id, CancellationToken ct)
    {
        var facts = await db.Listings.AsNoTracking().Where(l => l.Id == id).Select(l => new
        {
            l.OwnerId, l.Themes,
            Countries = l.Countries.Select(c => c.CountryCode).ToList(),
            Regions = l.Regions.Select(r => r.RegionCode).ToList(),
            Sdgs = l.Sdgs.Select(s => s.GoalCode).ToList(),
        }).SingleAsync(ct);
        var names = await referenceData.GetAsync(ct);
        var owner = Key(facts.OwnerId);
        var countries = facts.Countries.Select(c => c.Trim()).ToList();
        // The regions it names, and those of the countries it names (from the code lists).
        var regions = facts.Regions.Concat(countries.Select(c => names.Countries.TryGetValue(c, out var country) ? country.RegionCode : null).OfType<string>())
            .Distinct().ToList();
        var themes = facts.Themes.Select(t => t.ToString()).ToList();
        var sdgs = facts.Sdgs.Select(Key).ToList();
        var followers = await db.Follows.AsNoTracking().Where(f =>
                (f.Kind == FollowKind.Organisation && f.Key == owner)
                || (f.Kind == FollowKind.Country && countries.Contains(f.Key))
                || (f.Kind == FollowKind.Region && regions.Contains(f.Key))
                || (f.Kind == FollowKind.Theme && themes.Contains(f.Key))
                || (f.Kind == FollowKind.Sdg && sdgs.Contains(f.Key)))
            .Select(f => f.UserId).Distinct().ToListAsync(ct);

        // A followed search matches when the exchange, asked the same question, would list the offer or need.
        var searches = await db.Follows.AsNoTracking().Where(f => f.Kind == FollowKind.ExchangeSearch).GroupBy(f => f.Key)
            .Select(g => new { Query = g.Key, Users = g.Select(f => f.UserId).ToList() }).ToListAsync(ct);
        if (searches.Count == 0) return followers;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        foreach (var search in searches)
        {
            var (filter, values) = ListingFilter.Read(new QueryCollection(QueryHelpers.ParseQuery(search.Query)), names, L);
            if (!values.IsValid || filter.IsEmpty) continue;
            if (await filter.Apply(db.Listings.AsNoTracking().Where(l => l.Id == id), db, names, today).AnyAsync(ct)) followers.AddRange(search.Users);
        }
        return followers;
    }
}
