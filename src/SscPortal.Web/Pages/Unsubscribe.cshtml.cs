using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SscPortal.Web.Data;
using SscPortal.Web.Notifications;

namespace SscPortal.Web.Pages;

/// <summary>
/// The unsubscribe link of every notification mail. Opening it asks to confirm; a POST (the confirm button, or a mail program's
/// one-click unsubscribe, RFC 8058) stops that kind of mail: it is then shown only in the portal. The signed token is the
/// credential, so no sign-in is needed, and a mail program's POST carries no antiforgery token (it cannot have one).
/// A token that was changed, or is not the portal's, gets a clear page and changes nothing.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public class UnsubscribeModel(AppDbContext db, UnsubscribeLinks links) : PageModel
{
    public UnsubscribeLinks.Choice? Choice { get; private set; }
    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken) => await ReadAsync(token, cancellationToken) ? Page() : Refused();

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        if (!await ReadAsync(token, cancellationToken)) return Refused();
        var userId = Choice!.UserId;
        var chosen = await db.NotificationPreferences.Where(p => p.UserId == userId).ToDictionaryAsync(p => p.Kind, cancellationToken);
        NotificationDelivery Effective(NotificationKind k) => chosen.TryGetValue(k, out var p) ? p.Delivery : NotificationPreference.Default(k);
        // The digest's link stops the digest: every kind that comes in it is then shown only in the portal.
        var kinds = Choice.Kind is { } kind ? [kind] : Enum.GetValues<NotificationKind>().Where(k => Effective(k) == NotificationDelivery.DailyDigest).ToList();
        foreach (var k in kinds)
        {
            if (chosen.TryGetValue(k, out var preference)) preference.Delivery = NotificationDelivery.PortalOnly;
            else db.NotificationPreferences.Add(new NotificationPreference { UserId = userId, Kind = k, Delivery = NotificationDelivery.PortalOnly });
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Pressed twice at once (or the mail program and the person together): the other request's save stands.
            db.ChangeTracker.Clear();
        }
        Done = true;
        return Page();
    }

    private async Task<bool> ReadAsync(string token, CancellationToken cancellationToken)
    {
        Choice = links.Read(token);
        // A token for an account since deleted unsubscribes nobody.
        return Choice is not null && await db.Users.AnyAsync(u => u.Id == Choice.UserId, cancellationToken);
    }

    private PageResult Refused()
    {
        Choice = null;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
