using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SscPortal.Domain;

namespace SscPortal.Web.Data.Configurations;

public sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.Property(i => i.Email).HasMaxLength(Invitation.EmailLength);
        builder.Property(i => i.NormalizedEmail).HasMaxLength(Invitation.EmailLength);
        builder.Property(i => i.InvitedById).HasMaxLength(450);
        builder.Property(i => i.AcceptedById).HasMaxLength(450);
        builder.Property(i => i.TokenHash).HasMaxLength(64).IsFixedLength();
        builder.HasOne(i => i.Actor).WithMany().HasForeignKey(i => i.ActorId).OnDelete(DeleteBehavior.Cascade);
        // An account's invitations go with it; the audit log keeps what was sent and accepted.
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(i => i.InvitedById).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(i => i.AcceptedById).OnDelete(DeleteBehavior.SetNull);
        // The mailed link is looked up by its hash.
        builder.HasIndex(i => i.TokenHash).IsUnique();
        // One open invitation per organisation and address: two admins inviting the same person at once make one.
        // (Both databases quote identifiers with double quotes.)
        builder.HasIndex(i => new { i.ActorId, i.NormalizedEmail }).IsUnique()
            .HasFilter("\"AcceptedAt\" IS NULL AND \"RevokedAt\" IS NULL")
            .HasDatabaseName("IX_Invitations_Open");
        // Accepting and revoking happen only from the state read: of two at once (a link opened twice, accept against revoke), one is made.
        builder.Property(i => i.AcceptedAt).IsConcurrencyToken();
        builder.Property(i => i.RevokedAt).IsConcurrencyToken();
    }
}
