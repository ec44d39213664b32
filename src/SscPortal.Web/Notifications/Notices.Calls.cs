using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;

namespace SscPortal.Web.Notifications;

/// <summary>
/// Calls and good practices (issue 19): a moderator's hold or release tells the owner organisation's members; a newly
/// published call tells those who follow its organisation or new calls (of its kind, or all); a published good practice
/// tells those who follow its organisation, one of its countries or themes, or a search of the good practices it matches.
/// </summary>
public sealed partial class Notices
{
    internal async Task CallChangedAsync(int id, ChangeKind change, bool asModerator, CancellationToken ct)
    {
        var call = await db.Calls.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new { c.Title, c.OwnerId, c.Kind, c.Publication, c.UnpublishedReason }).SingleOrDefaultAsync(ct);
        if (call is null) return;
        var path = $"/calls/{Key(id)}";
        await ModerationAsync(change, asModerator, [call.OwnerId], path, call.Title, call.UnpublishedReason, RecordType.Call, ct);
        if (call.Publication != PublicationState.Published || change is not (ChangeKind.Published or ChangeKind.HoldReleased)) return;
        var owner = Key(call.OwnerId);
        var kind = call.Kind.ToString();
        var followers = await db.Follows.AsNoTracking()
            .Where(f => (f.Kind == FollowKind.Organisation && f.Key == owner) || (f.Kind == FollowKind.Calls && (f.Key == kind || f.Key == AllCalls)))
            .Select(f => f.UserId).Distinct().ToListAsync(ct);
        await TellFollowersAsync(followers, path, call.Title, RecordType.Call, change, ct);
    }

    /// <summary>The key of a follow of every new call, whatever its kind.</summary>
    public const string AllCalls = "all";

    internal async Task GoodPracticeChangedAsync(int id, ChangeKind change, bool asModerator, CancellationToken ct)
    {
        var practice = await db.GoodPractices.AsNoTracking().Where(g => g.Id == id)
            .Select(g => new { g.Title, g.OwnerId, g.Publication, g.UnpublishedReason, g.Countries, g.Themes }).SingleOrDefaultAsync(ct);
        if (practice is null) return;
        var path = $"/good-practices/{Key(id)}";
        await ModerationAsync(change, asModerator, [practice.OwnerId], path, practice.Title, practice.UnpublishedReason, RecordType.GoodPractice, ct);
        if (practice.Publication != PublicationState.Published || change is not (ChangeKind.Published or ChangeKind.HoldReleased)) return;
        var owner = Key(practice.OwnerId);
        var countries = practice.Countries;
        var themes = practice.Themes.Select(t => t.ToString()).ToList();
        var followers = await db.Follows.AsNoTracking().Where(f =>
                (f.Kind == FollowKind.Organisation && f.Key == owner)
                || (f.Kind == FollowKind.Country && countries.Contains(f.Key))
                || (f.Kind == FollowKind.Theme && themes.Contains(f.Key)))
            .Select(f => f.UserId).Distinct().ToListAsync(ct);
        // A followed search of the good practices matches when its words are all in the practice's title or text.
        var searches = await db.Follows.AsNoTracking().Where(f => f.Kind == FollowKind.GoodPracticeSearch).GroupBy(f => f.Key)
            .Select(g => new { Query = g.Key, Users = g.Select(f => f.UserId).ToList() }).ToListAsync(ct);
        if (searches.Count > 0)
        {
            var text = await db.GoodPractices.AsNoTracking().Where(g => g.Id == id).Select(g => g.SearchTitle + " " + g.SearchBody).SingleAsync(ct);
            foreach (var search in searches)
            {
                var words = QueryHelpers.ParseQuery(search.Query).TryGetValue("q", out var q) ? SearchText.Normalize(q.ToString()) : "";
                var terms = words.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (terms.Length > 0 && terms.All(t => text.Contains(t, StringComparison.Ordinal))) followers.AddRange(search.Users);
            }
        }
        await TellFollowersAsync(followers.Distinct().ToList(), path, practice.Title, RecordType.GoodPractice, change, ct);
    }
}
