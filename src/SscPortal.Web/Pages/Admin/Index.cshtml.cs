using SscPortal.Web.Authorization;
using SscPortal.Web.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Mail;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.Admin;

/// <summary>
/// The moderators' queue: organisations waiting to be verified, and membership claims on organisations that
/// have no admin to approve them.
/// </summary>
[Authorize(Policy = PlatformPermissions.VerifyOrganisations)]
public class IndexModel(AppDbContext db, Access access, AuditLog audit, AccountMail mail, TimeProvider clock) : PageModel
{
    /// <param name="ProposedByMe">Whether the person reading proposed it: then <see cref="OnPostVerifyAsync"/> refuses, and no Verify button is shown.</param>
    public sealed record PendingOrganisation(int Id, string Name, string? Acronym, ActorType Type, string? CountryCode, string? Website, DateTime CreatedAt, string? ProposedBy, bool ProposedByMe);
    public sealed record PendingClaim(int ActorId, string ActorName, int Waiting);

    public IReadOnlyList<PendingOrganisation> Organisations { get; private set; } = [];
    public IReadOnlyList<PendingClaim> Claims { get; private set; } = [];

    /// <summary>Whether to lead the reader to /admin/start: an administrator on a portal with no verified organisation yet.</summary>
    public bool LeadToStart { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        LeadToStart = PlatformPermissions.Holds(User, Permission.CreateOrganisations) && await StartModel.IsFreshAsync(db, cancellationToken);
        var me = access.UserId;
        Organisations = await db.Actors.AsNoTracking().Where(a => !a.IsVerified)
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).Take(100)
            .Select(a => new PendingOrganisation(a.Id, a.Name, a.Acronym, a.Type, a.CountryCode, a.Website, a.CreatedAt,
                a.Memberships.Where(m => m.Role == MembershipRole.OrganisationAdmin)
                    .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.Email).FirstOrDefault(),
                // The same rule as the Verify handler's: a pending organisation-admin claim of one's own.
                a.Memberships.Any(m => m.Status == MembershipStatus.Pending && m.Role == MembershipRole.OrganisationAdmin && m.UserId == me)))
            .ToListAsync(cancellationToken);
        Claims = await db.Actors.AsNoTracking()
            .Where(a => a.IsVerified
                        && a.Memberships.Any(m => m.Status == MembershipStatus.Pending)
                        && !a.Memberships.Any(m => m.Status == MembershipStatus.Active && m.Role == MembershipRole.OrganisationAdmin))
            .OrderBy(a => a.Name).Take(100)
            .Select(a => new PendingClaim(a.Id, a.Name, a.Memberships.Count(m => m.Status == MembershipStatus.Pending)))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Verifies an organisation; whoever proposed it becomes its organisation admin.</summary>
    public async Task<IActionResult> OnPostVerifyAsync(int actorId, CancellationToken cancellationToken)
    {
        var actor = await db.Actors.Include(a => a.Memberships).SingleOrDefaultAsync(a => a.Id == actorId, cancellationToken);
        if (actor is null)
        {
            await audit.RecordRefusalAsync(AuditTargets.Organisation, actorId, "verify: no organisation waiting for verification");
            return NotFound();
        }
        if (actor.IsVerified)
        {
            // Verified a moment ago (a second press, or another moderator): nothing more to do.
            TempData[PageMessages.Message] = PageMessages.AlreadyDecided;
            return RedirectToPage();
        }
        var proposers = actor.Memberships.Where(m => m is { Status: MembershipStatus.Pending, Role: MembershipRole.OrganisationAdmin }).ToList();
        // A moderator cannot verify an organisation they proposed: that would make them its admin on their own word.
        if (proposers.Any(p => p.UserId == access.UserId))
        {
            await audit.RecordRefusalAsync(AuditTargets.Organisation, actorId, "verify one's own proposal");
            return Forbid();
        }
        actor.IsVerified = true;
        foreach (var proposer in proposers)
        {
            proposer.Status = MembershipStatus.Active;
            proposer.DecidedAt = clock.GetUtcNow().UtcDateTime;
            audit.Add(AuditEventType.MembershipApproved, AuditTargets.Membership, proposer.Id, $"organisation {actorId}, account {proposer.UserId}, organisation admin (proposer)");
            // Whoever proposed it hears that it is verified and that they are its admin, by a mail saved with the change.
            if (await db.Users.FindAsync([proposer.UserId], cancellationToken) is { Email: not null } account)
                mail.OrganisationVerified(account, actor.Name, actorId);
        }
        audit.Add(AuditEventType.OrganisationVerified, AuditTargets.Organisation, actorId, actor.Name);
        // Saved only if it is still unverified (a concurrency token): of two moderators verifying at once, one does, and it is recorded once.
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            TempData[PageMessages.Message] = PageMessages.AlreadyDecided;
        }
        return RedirectToPage();
    }

    /// <summary>Refuses a proposed organisation that does not exist or duplicates another; it is removed with its claims.</summary>
    public async Task<IActionResult> OnPostRejectAsync(int actorId, CancellationToken cancellationToken)
    {
        var actor = await db.Actors.Include(a => a.Memberships).SingleOrDefaultAsync(a => a.Id == actorId && !a.IsVerified, cancellationToken);
        if (actor is null)
        {
            await audit.RecordRefusalAsync(AuditTargets.Organisation, actorId, "reject: no organisation waiting for verification");
            return NotFound();
        }
        if (await db.Initiatives.AnyAsync(i => i.OwnerId == actorId, cancellationToken) || await db.Set<InitiativeActor>().AnyAsync(a => a.ActorId == actorId, cancellationToken))
        {
            TempData[PageMessages.Message] = PageMessages.InUse;
            return RedirectToPage();
        }
        db.Actors.Remove(actor);
        audit.Add(AuditEventType.OrganisationRejected, AuditTargets.Organisation, actorId, actor.Name);
        foreach (var claim in actor.Memberships)
            audit.Add(AuditEventType.MembershipRejected, AuditTargets.Membership, claim.Id, $"organisation {actorId} rejected, account {claim.UserId}");
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateConcurrencyException)
        {
            // Verified or rejected by someone else a moment ago: nothing was removed.
            db.ChangeTracker.Clear();
            TempData[PageMessages.Message] = PageMessages.AlreadyDecided;
        }
        return RedirectToPage();
    }
}
