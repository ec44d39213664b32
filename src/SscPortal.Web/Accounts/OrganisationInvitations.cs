using SscPortal.Web.Records;
using System.Security.Cryptography;
using System.Text;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Mail;
using SscPortal.Web.Security;

namespace SscPortal.Web.Accounts;

/// <summary>
/// Invitations to join an organisation: sending one (the record, its mail and its audit entry, saved by the caller's one
/// SaveChanges), finding one from the mailed token, accepting and revoking. Who may invite is decided before, by the page
/// (<see cref="Authorization.Operations.ManageMembers"/> on the organisation).
/// </summary>
public sealed class OrganisationInvitations(AppDbContext db, ILookupNormalizer normalizer, AccountMail mail, AuditLog audit, TimeProvider clock)
{
    /// <summary>The invitation form (on an organisation's members page, and for the first admin on /admin/start).</summary>
    public sealed class InviteInput
    {
        public string? Email { get; set; }
        public MembershipRole Role { get; set; } = MembershipRole.Member;
    }

    public sealed class InviteValidator : AbstractValidator<InviteInput>
    {
        public InviteValidator(IStringLocalizer<SharedResource> L)
        {
            RuleFor(i => i.Email).IsNewEmailAddress(L);
            RuleFor(i => i.Role).IsInEnum().WithMessage(L["Choose one of the listed options."]);
        }
    }

    public enum Refusal
    {
        AlreadyMember,
        AlreadyInvited,
        NoPublicAddress,
    }

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>
    /// Adds an invitation of <paramref name="email"/> to the organisation, its mail and its audit entry to the context (the
    /// caller saves them, with whatever else belongs to the same change), or says why not, having added nothing. An expired
    /// invitation of the same address is closed, so that the address can be invited again.
    /// </summary>
    public async Task<Refusal?> AddAsync(Actor organisation, string email, MembershipRole role, string invitedById, string? inviterName, CancellationToken cancellationToken)
    {
        var normalized = normalizer.NormalizeEmail(email);
        var actorId = organisation.Id;
        if (await (from m in db.Memberships
                   join u in db.Users on m.UserId equals u.Id
                   where m.ActorId == actorId && m.Status == MembershipStatus.Active && u.NormalizedEmail == normalized
                   select m.Id).AnyAsync(cancellationToken))
            return Refusal.AlreadyMember;
        var now = Now;
        var open = await db.Invitations.Where(i => i.ActorId == actorId && i.NormalizedEmail == normalized && i.AcceptedAt == null && i.RevokedAt == null)
            .ToListAsync(cancellationToken);
        if (open.Any(i => i.StateAt(now) == InvitationState.Open)) return Refusal.AlreadyInvited;

        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        if (mail.LinkTo("/invitations/accept?token=" + token) is not { } link) return Refusal.NoPublicAddress;
        foreach (var expired in open) expired.Revoke(now);
        var invitation = new Invitation
        {
            Actor = organisation, ActorId = actorId, Email = email, NormalizedEmail = normalized, Role = role, InvitedById = invitedById,
            CreatedAt = now, ExpiresAt = now + Invitation.Lifetime, TokenHash = Hash(token),
        };
        db.Invitations.Add(invitation);
        mail.Invitation(email, organisation.Name, role, inviterName ?? "", invitation.ExpiresAt, link);
        audit.Add(AuditEventType.InvitationSent, AuditTargets.Organisation, actorId, AuditDetails.Invited(role, email));
        return null;
    }

    /// <summary>The invitation a mailed token is for (tracked, to be accepted), or null for a token that was never mailed or was altered.</summary>
    public async Task<Invitation?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        // A mailed token is 43 characters; anything much longer was not mailed by the portal.
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100) return null;
        var hash = Hash(token);
        return await db.Invitations.Include(i => i.Actor).SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
    }

    public enum Acceptance
    {
        /// <summary>The account is now an active member with the invited role.</summary>
        Joined,
        /// <summary>The account was already an active member: the invitation is closed, the membership left as it is.</summary>
        AlreadyMember,
        /// <summary>The signed-in account has another address: nothing changed.</summary>
        OtherAddress,
        /// <summary>Expired, revoked or accepted, now or by a request that got there first: nothing changed.</summary>
        Closed,
    }

    /// <summary>
    /// Accepts an invitation for a signed-in account of the invited address, and saves: the membership (a pending claim of the
    /// same organisation becomes active with the invited role), the invitation closed and the audit entries. Of two acceptances
    /// at once, one is made (the invitation is closed only from the open state read, and one membership per person and
    /// organisation is a unique key); the other is told the invitation is closed.
    /// </summary>
    public async Task<Acceptance> AcceptAsync(Invitation invitation, ApplicationUser user, CancellationToken cancellationToken)
    {
        if (user.NormalizedEmail != invitation.NormalizedEmail) return Acceptance.OtherAddress;
        var now = Now;
        if (!invitation.Accept(user.Id, now)) return Acceptance.Closed;
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.UserId == user.Id && m.ActorId == invitation.ActorId, cancellationToken);
        var outcome = Acceptance.Joined;
        if (membership is { Status: MembershipStatus.Active }) outcome = Acceptance.AlreadyMember;
        else if (membership is not null)
        {
            (membership.Status, membership.Role, membership.DecidedAt) = (MembershipStatus.Active, invitation.Role, now);
        }
        else
        {
            membership = new OrganisationMembership
            {
                UserId = user.Id, ActorId = invitation.ActorId, Role = invitation.Role, Status = MembershipStatus.Active, CreatedAt = now, DecidedAt = now,
            };
            db.Memberships.Add(membership);
        }
        audit.Add(AuditEventType.InvitationAccepted, AuditTargets.Organisation, invitation.ActorId,
            AuditDetails.InvitationAccepted(invitation.Id, user.Id, outcome == Acceptance.AlreadyMember ? null : invitation.Role));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return outcome;
        }
        catch (DbUpdateException)
        {
            // Accepted (or revoked) a moment ago by another request: it made the membership, or nothing is to be made.
            db.ChangeTracker.Clear();
            var hash = invitation.TokenHash;
            if (await db.Invitations.AsNoTracking().AnyAsync(i => i.TokenHash == hash && (i.AcceptedAt != null || i.RevokedAt != null), cancellationToken))
                return Acceptance.Closed;
            throw;
        }
    }

    /// <summary>Revokes an open (or expired) invitation of the organisation, with its audit entry, and saves; false when there was none to revoke.</summary>
    public async Task<bool> RevokeAsync(int organisationId, int invitationId, CancellationToken cancellationToken)
    {
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == invitationId && i.ActorId == organisationId, cancellationToken);
        if (invitation is null || !invitation.Revoke(Now)) return false;
        audit.Add(AuditEventType.InvitationRevoked, AuditTargets.Organisation, organisationId, AuditDetails.InvitationRevoked(invitation.Id, invitation.Email));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
