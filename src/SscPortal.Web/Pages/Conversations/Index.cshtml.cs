using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Authorization;
using SscPortal.Web.Data;

namespace SscPortal.Web.Pages.Conversations;

/// <summary>The conversations of the reader's organisations about offers and needs, the most recent first.</summary>
[Authorize]
public class IndexModel(AppDbContext db, Access access) : PageModel
{
    public const int Shown = 200;

    public sealed record Line(int Id, string ListingTitle, ListingKind Kind, string Publisher, string Interested, ConversationState State, DateTime LastAt);

    public IReadOnlyList<Line> Lines { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // The organisations whose conversations the reader takes part in (the same permission the rights handler asks).
        var mine = (await access.MembershipsAsync()).Where(m => AccessTable.Grants(m.ActorType, m.Role, Permission.ExpressInterest)).Select(m => m.ActorId).ToList();
        if (mine.Count == 0) return;
        var rows = await db.Conversations.AsNoTracking()
            .Where(c => mine.Contains(c.ListingOwnerId) || mine.Contains(c.InterestedId))
            .Select(c => new
            {
                c.Id, c.Listing!.Title, c.Listing.Kind, Publisher = c.Listing.Owner!.Name, Interested = c.Interested!.Name, c.State,
                Last = c.Messages.Max(m => (DateTime?)m.SentAt) ?? c.StartedAt,
            })
            .OrderByDescending(c => c.Last).ThenByDescending(c => c.Id).Take(Shown).ToListAsync(cancellationToken);
        Lines = rows.Select(r => new Line(r.Id, r.Title, r.Kind, r.Publisher, r.Interested, r.State, r.Last)).ToList();
    }
}
