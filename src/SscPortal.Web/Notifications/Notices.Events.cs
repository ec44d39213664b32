using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;

namespace SscPortal.Web.Notifications;

/// <summary>
/// Events (issue 20): a moderator's hold or release tells the organising organisations' members; a newly published event
/// tells those who follow one of its organisers, its country, one of its themes or one of the initiatives it concerns.
/// </summary>
public sealed partial class Notices
{
    internal async Task EventChangedAsync(int id, ChangeKind change, bool asModerator, CancellationToken ct)
    {
        var @event = await db.Events.AsNoTracking().Where(e => e.Id == id)
            .Select(e => new
            {
                e.Title, e.OwnerId, e.Publication, e.UnpublishedReason, e.CountryCode, e.Themes,
                CoOrganisers = e.CoOrganisers.Where(o => o.State == CoOrganiserState.Confirmed).Select(o => o.ActorId).ToList(),
                Initiatives = e.Initiatives.Select(i => i.InitiativeId).ToList(),
            }).SingleOrDefaultAsync(ct);
        if (@event is null) return;
        var path = $"/events/{Key(id)}";
        var organisers = @event.CoOrganisers.Prepend(@event.OwnerId).ToList();
        await ModerationAsync(change, asModerator, [.. organisers], path, @event.Title, @event.UnpublishedReason, RecordType.Event, ct);
        if (@event.Publication != PublicationState.Published || change is not (ChangeKind.Published or ChangeKind.HoldReleased)) return;
        var organisations = organisers.Select(Key).ToList();
        var country = @event.CountryCode ?? "";
        var themes = @event.Themes.Select(t => t.ToString()).ToList();
        var initiatives = @event.Initiatives.Select(Key).ToList();
        var followers = await db.Follows.AsNoTracking().Where(f =>
                (f.Kind == FollowKind.Organisation && organisations.Contains(f.Key))
                || (f.Kind == FollowKind.Country && f.Key == country)
                || (f.Kind == FollowKind.Theme && themes.Contains(f.Key))
                || (f.Kind == FollowKind.Initiative && initiatives.Contains(f.Key)))
            .Select(f => f.UserId).Distinct().ToListAsync(ct);
        await TellFollowersAsync(followers, path, @event.Title, RecordType.Event, change, ct);
    }
}
