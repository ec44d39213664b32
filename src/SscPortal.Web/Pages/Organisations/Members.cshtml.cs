using SscPortal.Web.Records;
using SscPortal.Web.Authorization;
using SscPortal.Web.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Accounts;
using SscPortal.Web.Mail;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.Organisations;

/// <summary>
/// An organisation's members, for its organisation admins (and moderators, who also approve claims for
/// organisations that have no admin yet): approve or reject claims, change roles, remove members.
/// </summary>
[Authorize]
public class MembersModel(AppDbContext db, Access access, Rights rights, AuditLog audit, AccountMail mail, OrganisationInvitations invitations,
    TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    public sealed record MemberRow(int Id, string UserId, string? Email, MembershipRole Role, MembershipStatus Status, DateTime CreatedAt);
    public sealed record InvitationRow(int Id, string Email, MembershipRole Role, DateTime CreatedAt, DateTime ExpiresAt, bool Expired);

    /// <summary>Invitations not yet accepted or withdrawn (expired ones too, marked), for those who may invite.</summary>
    public IReadOnlyList<InvitationRow> OpenInvitations { get; private set; } = [];

    /// <summary>The invitation form (organisation admins of this organisation, administrators).</summary>
    [BindProperty] public OrganisationInvitations.InviteInput Invite { get; set; } = new();

    public int OrganisationId { get; private set; }
    public string OrganisationName { get; private set; } = "";
    public bool OrganisationVerified { get; private set; }
    public IReadOnlyList<MemberRow> Members { get; private set; } = [];

    /// <summary>The member whose removal waits for a second press ("Yes, remove"), shown above the list.</summary>
    public MemberRow? Removing { get; private set; }

    /// <summary>Whether the person may approve or reject claims here (the rule <see cref="OnPostApproveAsync"/> applies).</summary>
    public bool MayDecideClaims { get; private set; }

    /// <summary>Whether the person may change roles and remove members here (the rule <see cref="OnPostRemoveAsync"/> applies).</summary>
    public bool MayManageMembers { get; private set; }

    /// <summary>Nobody decides on their own membership: the handlers refuse it, so the page offers no button for it.</summary>
    public bool IsSelf(string userId) => userId == access.UserId;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await AuthorizeAsync(id, Operations.DecideClaims) is { } refused) return refused;
        await LoadMembersAsync(id, cancellationToken);
        return Page();
    }

    private async Task LoadMembersAsync(int id, CancellationToken cancellationToken)
    {
        Members = await (from m in db.Memberships.AsNoTracking()
                         join u in db.Users on m.UserId equals u.Id
                         where m.ActorId == id && m.Status != MembershipStatus.Rejected
                         orderby m.Status, m.Role descending, u.Email
                         select new MemberRow(m.Id, m.UserId, u.Email, m.Role, m.Status, m.CreatedAt)).ToListAsync(cancellationToken);
        if (!MayManageMembers) return;
        var now = invitations.Now;
        OpenInvitations = await db.Invitations.AsNoTracking()
            .Where(i => i.ActorId == id && i.AcceptedAt == null && i.RevokedAt == null)
            .OrderBy(i => i.CreatedAt).ThenBy(i => i.Id)
            .Select(i => new InvitationRow(i.Id, i.Email, i.Role, i.CreatedAt, i.ExpiresAt, i.ExpiresAt <= now))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Invites someone by e-mail to join as a member or an organisation admin. A bad address, the address of a member, or one
    /// already invited gets a message next to the field, and nothing is saved.
    /// </summary>
    public async Task<IActionResult> OnPostInviteAsync(int id, CancellationToken cancellationToken)
    {
        if (await AuthorizeAsync(id, Operations.ManageMembers) is { } refused) return refused;
        Invite.Email = Invite.Email?.Trim();
        ModelState.Clear();
        ModelState.AddErrors(await new OrganisationInvitations.InviteValidator(L).ValidateAsync(Invite, cancellationToken), nameof(Invite));
        if (ModelState.IsValid)
        {
            var organisation = await db.Actors.SingleAsync(a => a.Id == id, cancellationToken);
            var refusal = await invitations.AddAsync(organisation, Invite.Email!, Invite.Role, access.UserId!, User.Identity?.Name, cancellationToken);
            if (refusal is null)
            {
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    TempData[PageMessages.Message] = L["An invitation was sent to {0}.", Invite.Email!].Value;
                    return RedirectToPage(new { id });
                }
                catch (DbUpdateException)
                {
                    // Someone invited the same address a moment ago: the database keeps one open invitation.
                    db.ChangeTracker.Clear();
                    refusal = OrganisationInvitations.Refusal.AlreadyInvited;
                }
            }
            ModelState.AddModelError("Invite.Email", InviteRefusal(refusal.Value));
        }
        await LoadMembersAsync(id, cancellationToken);
        return Page();
    }

    public string InviteRefusal(OrganisationInvitations.Refusal refusal) => refusal switch
    {
        OrganisationInvitations.Refusal.AlreadyMember => L["This address already belongs to a member of the organisation."],
        OrganisationInvitations.Refusal.AlreadyInvited => L["This address was already invited: the invitation is waiting below. Withdraw it first to send a new one."],
        _ => L["The portal has no public address (Portal:PublicUrl), so no invitation link can be mailed. Ask the portal's administrator to set it."],
    };

    /// <summary>Withdraws an invitation of this organisation: its link stops working at once.</summary>
    public async Task<IActionResult> OnPostRevokeInvitationAsync(int id, int invitationId, CancellationToken cancellationToken)
    {
        if (await AuthorizeAsync(id, Operations.ManageMembers) is { } refused) return refused;
        if (!await db.Invitations.AnyAsync(i => i.Id == invitationId && i.ActorId == id, cancellationToken))
        {
            await audit.RecordRefusalAsync(AuditTargets.Organisation, id, AuditDetails.RevokeOtherOrganisationsInvitation(invitationId));
            return NotFound();
        }
        TempData[PageMessages.Message] = await invitations.RevokeAsync(id, invitationId, cancellationToken)
            ? L["The invitation was withdrawn: its link no longer works."].Value
            : L["Nothing to change."].Value;
        return RedirectToPage(new { id });
    }

    public Task<IActionResult> OnPostApproveAsync(int id, int membershipId) =>
        ChangeAsync(id, membershipId, "approve membership", Operations.DecideClaims, membership =>
        {
            if (membership.Status != MembershipStatus.Pending) return null;
            membership.Status = MembershipStatus.Active;
            membership.DecidedAt = clock.GetUtcNow().UtcDateTime;
            return (AuditEventType.MembershipApproved, null);
        });

    public Task<IActionResult> OnPostRejectAsync(int id, int membershipId) =>
        ChangeAsync(id, membershipId, "reject membership", Operations.DecideClaims, membership =>
        {
            if (membership.Status != MembershipStatus.Pending) return null;
            membership.Status = MembershipStatus.Rejected;
            membership.DecidedAt = clock.GetUtcNow().UtcDateTime;
            return (AuditEventType.MembershipRejected, null);
        });

    public async Task<IActionResult> OnPostChangeRoleAsync(int id, int membershipId, string? role)
    {
        // Only the two organisation roles exist; anything else was crafted.
        if (!Enum.TryParse<MembershipRole>(role, out var newRole) || !Enum.IsDefined(newRole) || int.TryParse(role, out _))
        {
            await audit.RecordRefusalAsync(AuditTargets.Membership, membershipId, $"unknown organisation role '{role}'");
            return NotFound();
        }
        return await ChangeAsync(id, membershipId, "change member role", Operations.ManageMembers, membership =>
        {
            if (membership.Status != MembershipStatus.Active || membership.Role == newRole) return null;
            membership.Role = newRole;
            return (AuditEventType.MembershipRoleChanged, newRole.ToString());
        });
    }

    /// <summary>Removing someone takes two presses: the first shows who will lose their rights and asks again.</summary>
    public Task<IActionResult> OnPostRemoveAsync(int id, int membershipId, bool confirm) =>
        ChangeAsync(id, membershipId, "remove member", Operations.ManageMembers, membership =>
        {
            if (membership.Status != MembershipStatus.Active) return null;
            db.Memberships.Remove(membership);
            return (AuditEventType.MembershipRemoved, null);
        }, confirmed: confirm);

    /// <summary>
    /// Every change: the person must manage this organisation; the membership must belong to it (a crafted id
    /// is a 404); and the organisation must keep at least one active admin once it has had one.
    /// </summary>
    private async Task<IActionResult> ChangeAsync(int id, int membershipId, string action, OperationAuthorizationRequirement operation,
        Func<OrganisationMembership, (AuditEventType Type, string? Details)?> change, bool confirmed = true)
    {
        if (await AuthorizeAsync(id, operation) is { } refused) return refused;
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.Id == membershipId && m.ActorId == id);
        if (membership is null)
        {
            await audit.RecordRefusalAsync(AuditTargets.Membership, membershipId, $"{action} in organisation {id}: not a membership of it");
            return NotFound();
        }
        // Nobody decides on their own membership: a moderator cannot approve their own claim, an admin cannot promote themselves.
        if (IsSelf(membership.UserId))
        {
            await audit.RecordRefusalAsync(AuditTargets.Membership, membershipId, $"{action} on one's own membership");
            return Forbid();
        }
        if (!confirmed)
        {
            await LoadMembersAsync(id, HttpContext.RequestAborted);
            Removing = Members.FirstOrDefault(m => m.Id == membershipId && m.Status == MembershipStatus.Active);
            if (Removing is not null) return Page();
            TempData[PageMessages.Message] = L["Nothing to change."].Value;
            return RedirectToPage(new { id });
        }
        var wasActiveAdmin = membership is { Status: MembershipStatus.Active, Role: MembershipRole.OrganisationAdmin };
        if (change(membership) is not { } done)
        {
            TempData[PageMessages.Message] = L["Nothing to change."].Value;
            return RedirectToPage(new { id });
        }
        var stillAdmin = membership is { Status: MembershipStatus.Active, Role: MembershipRole.OrganisationAdmin } && db.Entry(membership).State != EntityState.Deleted;
        if (wasActiveAdmin && !stillAdmin
            && !await db.Memberships.AnyAsync(m => m.ActorId == id && m.Id != membershipId && m.Status == MembershipStatus.Active && m.Role == MembershipRole.OrganisationAdmin))
        {
            TempData[PageMessages.Message] = L["An organisation needs at least one organisation admin: appoint another before this change."].Value;
            return RedirectToPage(new { id });
        }
        audit.Add(done.Type, AuditTargets.Membership, membershipId, $"organisation {id}, account {membership.UserId}" + (done.Details is null ? "" : $", {done.Details}"));
        // The person who asked hears of the decision, by a mail saved with it.
        if (done.Type is AuditEventType.MembershipApproved or AuditEventType.MembershipRejected
            && await db.Users.FindAsync(membership.UserId) is { Email: not null } claimant)
        {
            if (done.Type == AuditEventType.MembershipApproved) mail.MembershipApproved(claimant, OrganisationName);
            else mail.MembershipRefused(claimant, OrganisationName);
        }
        // The membership is changed only from the status and role read (concurrency tokens): of two decisions at once, one is made and recorded.
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            TempData[PageMessages.Message] = L["Someone else decided on this membership a moment ago, so nothing was changed: the list shows it as it is now."].Value;
        }
        return RedirectToPage(new { id });
    }

    /// <summary>
    /// Organisation admins manage their own organisation; on any organisation, moderators and administrators
    /// approve claims and administrators change roles or remove members (access table, Authorization/).
    /// </summary>
    private async Task<IActionResult?> AuthorizeAsync(int id, OperationAuthorizationRequirement operation)
    {
        var organisation = await db.Actors.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.Name, a.IsVerified }).SingleOrDefaultAsync();
        if (organisation is null)
        {
            await rights.RefuseAsync(AuditTargets.Organisation, id, operation);
            return NotFound();
        }
        OrganisationId = id;
        OrganisationName = organisation.Name;
        OrganisationVerified = organisation.IsVerified;
        var resource = new OrganisationResource(id);
        MayDecideClaims = await rights.MayAsync(resource, Operations.DecideClaims);
        MayManageMembers = await rights.MayAsync(resource, Operations.ManageMembers);
        if (operation == Operations.DecideClaims ? MayDecideClaims : MayManageMembers) return null;
        await rights.RefuseAsync(AuditTargets.Organisation, id, operation);
        return Forbid();
    }
}
