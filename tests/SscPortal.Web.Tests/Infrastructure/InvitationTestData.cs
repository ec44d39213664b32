using Microsoft.AspNetCore.WebUtilities;
using SscPortal.Domain;
using SscPortal.Web.Accounts;

namespace SscPortal.Web.Tests.Infrastructure;

public static class InvitationTestData
{
    /// <summary>An invitation into the organisation (open unless told otherwise), as if mailed: its id and its token.</summary>
    public static async Task<(int Id, string Token)> InviteAsync(PortalFactory portal, Actor organisation, string invitedById, string? email = null,
        MembershipRole role = MembershipRole.Member, DateTime? expiresAt = null)
    {
        var token = WebEncoders.Base64UrlEncode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        email ??= $"{Guid.NewGuid():N}@invited.example.org";
        var id = await portal.WithDatabaseAsync(async db =>
        {
            var invitation = new Invitation
            {
                ActorId = organisation.Id, Email = email, NormalizedEmail = email.ToUpperInvariant(), Role = role, InvitedById = invitedById,
                CreatedAt = DateTime.UtcNow, ExpiresAt = expiresAt ?? DateTime.UtcNow + Invitation.Lifetime, TokenHash = OrganisationInvitations.Hash(token),
            };
            db.Invitations.Add(invitation);
            await db.SaveChangesAsync();
            return invitation.Id;
        });
        return (id, token);
    }
}
