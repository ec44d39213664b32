using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Data;

namespace SscPortal.Web.Authorization;

/// <summary>
/// Which parties a draft assessment is offered to for comment right now: a window not yet closed, on an assessment still a
/// draft. Read once per request and assessment; only the authorization handlers (RecordRightsHandlers.cs) decide with it.
/// </summary>
public sealed class CommentWindows(AppDbContext db, TimeProvider clock)
{
    private readonly Dictionary<int, IReadOnlyList<int>> _open = [];

    public async Task<IReadOnlyList<int>> OpenPartiesAsync(int assessmentId)
    {
        if (_open.TryGetValue(assessmentId, out var known)) return known;
        var now = clock.GetUtcNow().UtcDateTime;
        var parties = await db.CommentWindows.AsNoTracking()
            .Where(w => w.AssessmentId == assessmentId && w.ClosesAt > now && w.Assessment!.Publication == PublicationState.Draft)
            .SelectMany(w => w.Parties.Select(p => p.PartyId)).ToListAsync();
        _open[assessmentId] = parties;
        return parties;
    }
}
