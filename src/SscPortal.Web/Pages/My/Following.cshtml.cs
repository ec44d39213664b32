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
/// What I follow (countries, organisations, initiatives, principles, SDGs, catalogue searches), to stop following; and the
/// target of every "Follow" button on the site. Following the same thing twice is one follow; one person cannot see or stop
/// another's follows (404).
/// </summary>
[Authorize]
public class FollowingModel(AppDbContext db, Access access, Following following, TimeProvider clock,
    SscPortal.Web.Caching.ReaderCache readers, IStringLocalizer<SharedResource> L) : PageModel
{
    public IReadOnlyList<Follow> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Items = await db.Follows.AsNoTracking().Where(f => f.UserId == access.UserId).OrderBy(f => f.Kind).ThenBy(f => f.Label).ToListAsync(cancellationToken);

    /// <summary>Follows something from its page's button, and goes back there.</summary>
    public async Task<IActionResult> OnPostFollowAsync(FollowKind kind, string? key, string? returnUrl, CancellationToken cancellationToken)
    {
        var back = Url.IsLocalUrl(returnUrl) ? returnUrl! : "/my/following";
        if (!Enum.IsDefined(kind) || await following.DescribeAsync(kind, key, cancellationToken) is not { } described)
        {
            TempData[back == "/my/following" ? PageMessages.Message : PageMessages.Following] = L["There is nothing to follow there."].Value;
            return LocalRedirect(back);
        }
        var me = access.UserId!;
        if (!await db.Follows.AnyAsync(f => f.UserId == me && f.Kind == kind && f.Key == described.Key, cancellationToken))
        {
            db.Follows.Add(new Follow { UserId = me, Kind = kind, Key = described.Key, Label = described.Label, CreatedAt = clock.GetUtcNow().UtcDateTime });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // The same button pressed twice at once: the database keeps one follow.
                db.ChangeTracker.Clear();
                if (!await db.Follows.AnyAsync(f => f.UserId == me && f.Kind == kind && f.Key == described.Key, cancellationToken)) throw;
            }
        }
        // The pages' buttons, kept per reader (Caching/ReaderCache), are read afresh.
        FollowState.Forget(readers, me);
        TempData[back == "/my/following" ? PageMessages.Message : PageMessages.Following] = L["You follow {0}. You will be told when something about it is published or changes.", described.Label].Value;
        return LocalRedirect(back);
    }

    /// <summary>Stops following (from this list, or from the page's button).</summary>
    public async Task<IActionResult> OnPostRemoveAsync(int id, string? returnUrl, CancellationToken cancellationToken)
    {
        var label = await db.Follows.Where(f => f.Id == id && f.UserId == access.UserId).Select(f => f.Label).SingleOrDefaultAsync(cancellationToken);
        if (label is null) return NotFound();
        await db.Follows.Where(f => f.Id == id && f.UserId == access.UserId).ExecuteDeleteAsync(cancellationToken);
        // The pages' buttons, kept per reader (Caching/ReaderCache), are read afresh.
        FollowState.Forget(readers, access.UserId!);
        var back = Url.IsLocalUrl(returnUrl) ? returnUrl! : "/my/following";
        TempData[back == "/my/following" ? PageMessages.Message : PageMessages.Following] = L["You no longer follow {0}.", label].Value;
        return LocalRedirect(back);
    }
}
