using SscPortal.Web.Authorization;
using SscPortal.Web.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Mail;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.Admin;

/// <summary>Administrators lock and unlock accounts and grant or revoke platform roles; every change is audited and ends the person's sessions.</summary>
[Authorize(Policy = PlatformPermissions.ManageUsers)]
public class UsersModel(AppDbContext db, UserManager<ApplicationUser> users, Access access, AuditLog audit, AccountMail mail) : PageModel
{
    public const int PageSize = 50;

    public sealed record UserRow(string Id, string? Email, bool EmailConfirmed, DateTimeOffset? LockoutEnd, IReadOnlyList<string> Roles);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public IReadOnlyList<UserRow> Results { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var term = Q.Trim().ToUpperInvariant();
            if (term.Length > 100) term = term[..100];
            // Identity keeps an upper-cased copy of every address for exactly this kind of lookup.
            query = query.Where(u => u.NormalizedEmail!.Contains(term));
        }
        var page = await query.OrderBy(u => u.NormalizedEmail).ThenBy(u => u.Id).Take(PageSize)
            .Select(u => new { u.Id, u.Email, u.EmailConfirmed, u.LockoutEnd })
            .ToListAsync(cancellationToken);
        var ids = page.Select(u => u.Id).ToList();
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ids.Contains(ur.UserId) select new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        Results = page.Select(u => new UserRow(u.Id, u.Email, u.EmailConfirmed, u.LockoutEnd,
            roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order().ToList())).ToList();
    }

    public Task<IActionResult> OnPostLockAsync(string userId) => ChangeAsync(userId, async user =>
    {
        // Locking a locked account changes nothing and mails nothing.
        if (user.LockoutEnd == DateTimeOffset.MaxValue) return null;
        mail.AccountLocked(user, byAdministrator: true);
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        return (AuditEventType.UserLocked, null);
    });

    public Task<IActionResult> OnPostUnlockAsync(string userId) => ChangeAsync(userId, async user =>
    {
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return (AuditEventType.UserUnlocked, null);
    });

    public async Task<IActionResult> OnPostGrantAsync(string userId, string role) => !PlatformRoles.All.Contains(role) ? await RefuseRoleAsync(role) : await ChangeAsync(userId, async user =>
    {
        if (await users.IsInRoleAsync(user, role)) return null;
        await users.AddToRoleAsync(user, role);
        return (AuditEventType.PlatformRoleGranted, role);
    });

    public async Task<IActionResult> OnPostRevokeAsync(string userId, string role) => !PlatformRoles.All.Contains(role) ? await RefuseRoleAsync(role) : await ChangeAsync(userId, async user =>
    {
        if (!await users.IsInRoleAsync(user, role)) return null;
        await users.RemoveFromRoleAsync(user, role);
        return (AuditEventType.PlatformRoleRevoked, role);
    });

    /// <summary>A role that does not exist was posted: a crafted request, refused and recorded.</summary>
    private async Task<IActionResult> RefuseRoleAsync(string? role)
    {
        await audit.RecordRefusalAsync(AuditTargets.Role, role, "unknown platform role");
        return NotFound();
    }

    private async Task<IActionResult> ChangeAsync(string userId, Func<ApplicationUser, Task<(AuditEventType Type, string? Details)?>> change)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            await audit.RecordRefusalAsync(AuditTargets.User, userId, "no such account");
            return NotFound();
        }
        // An administrator cannot lock themselves out or drop their own rights by accident.
        if (user.Id == access.UserId)
        {
            TempData[PageMessages.Message] = PageMessages.OwnAccount;
            return RedirectToPage(new { q = Q });
        }
        // The change, its audit entry and any mail about it are saved together (Identity saves as it goes, inside this transaction).
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (await change(user) is { } done)
        {
            // A new security stamp ends the person's current sessions at their next request check.
            await users.UpdateSecurityStampAsync(user);
            audit.Add(done.Type, AuditTargets.User, user.Id, $"{user.Email}{(done.Details is null ? "" : ": " + done.Details)}");
            await db.SaveChangesAsync();
        }
        await transaction.CommitAsync();
        return RedirectToPage(new { q = Q });
    }
}
