using Microsoft.EntityFrameworkCore;
using SscPortal.Web.Authorization;
using SscPortal.Web.Data;

namespace SscPortal.Web.Notifications;

/// <summary>The bell's number: how many of the signed-in person's notifications are unread (one indexed count per page).</summary>
public sealed class UnreadCount(AppDbContext db, Access access)
{
    public async Task<int> OfCurrentAsync() =>
        access.UserId is { } me ? await db.Notifications.AsNoTracking().CountAsync(n => n.UserId == me && n.ReadAt == null) : 0;
}
