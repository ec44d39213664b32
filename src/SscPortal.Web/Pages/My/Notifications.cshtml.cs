using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Web.Authorization;
using SscPortal.Web.Data;
using SscPortal.Web.Forms;
using SscPortal.Web.Notifications;

namespace SscPortal.Web.Pages.My;

/// <summary>
/// What I have been told, newest first, each linking to what it is about; mark one or all as read. A person sees and marks
/// only their own: another's notification is not found (404), whatever its number.
/// </summary>
[Authorize]
public class NotificationsModel(AppDbContext db, Access access, TimeProvider clock, UnreadCounts unread, IStringLocalizer<SharedResource> L) : PageModel
{
    public const int PageSize = 50;

    public IReadOnlyList<Notification> Items { get; private set; } = [];
    public int Unread { get; private set; }

    /// <summary>The next page starts below this notification (keyset paging), or null on the last page.</summary>
    public long? Next { get; private set; }

    public async Task OnGetAsync(long? before, CancellationToken cancellationToken)
    {
        var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == access.UserId);
        Unread = await mine.CountAsync(n => n.ReadAt == null, cancellationToken);
        var page = await (before is { } below ? mine.Where(n => n.Id < below) : mine).OrderByDescending(n => n.Id).Take(PageSize + 1).ToListAsync(cancellationToken);
        Next = page.Count > PageSize ? page[PageSize - 1].Id : null;
        Items = page.Take(PageSize).ToList();
    }

    /// <summary>Marks one of my notifications as read (read twice, it stays read from the first time).</summary>
    public async Task<IActionResult> OnPostReadAsync(long id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var mine = db.Notifications.Where(n => n.Id == id && n.UserId == access.UserId);
        if (!await mine.AnyAsync(cancellationToken)) return NotFound();
        await mine.Where(n => n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
        unread.Forget(access.UserId!);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var marked = await db.Notifications.Where(n => n.UserId == access.UserId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
        unread.Forget(access.UserId!);
        TempData[PageMessages.Message] = L["{0} notifications marked as read.", marked].Value;
        return RedirectToPage();
    }
}
