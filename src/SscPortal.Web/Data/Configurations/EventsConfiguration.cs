using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SscPortal.Domain;

namespace SscPortal.Web.Data.Configurations;

public sealed class CooperationEventConfiguration : IEntityTypeConfiguration<CooperationEvent>
{
    public void Configure(EntityTypeBuilder<CooperationEvent> builder)
    {
        builder.ToTable("Events", t =>
        {
            t.HasCheckConstraint("CK_Events_Kind", "\"Kind\" BETWEEN 1 AND 6");
            t.HasCheckConstraint("CK_Events_Format", "\"Format\" BETWEEN 1 AND 3");
            t.HasCheckConstraint("CK_Events_Dates", "\"EndsAt\" > \"StartsAt\"");
            t.HasCheckConstraint("CK_Events_Capacity", "\"Capacity\" IS NULL OR \"Capacity\" BETWEEN 1 AND 100000");
            // Never more registered than places, whatever the order concurrent registrations commit in.
            t.HasCheckConstraint("CK_Events_Places", "\"RegisteredCount\" >= 0 AND (\"Capacity\" IS NULL OR \"RegisteredCount\" <= \"Capacity\")");
            t.HasCheckConstraint("CK_Events_Parent", "\"ParentEventId\" IS NULL OR \"ParentEventId\" <> \"Id\"");
        });
        builder.Property(e => e.Title).HasMaxLength(CooperationEvent.TitleLength);
        builder.Property(e => e.Description).HasMaxLength(CooperationEvent.TextLength);
        builder.Property(e => e.Language).HasMaxLength(2);
        builder.Property(e => e.TimeZone).HasMaxLength(64);
        builder.Property(e => e.Venue).HasMaxLength(CooperationEvent.NameLength);
        builder.Property(e => e.Address).HasMaxLength(CooperationEvent.AddressLength);
        builder.Property(e => e.City).HasMaxLength(CooperationEvent.NameLength);
        builder.Property(e => e.CountryCode).HasMaxLength(2);
        builder.Property(e => e.OnlineLink).HasMaxLength(CooperationEvent.LinkLength);
        builder.Property(e => e.ReportSummary).HasMaxLength(CooperationEvent.TextLength);
        builder.Property(e => e.ReportOutcomes).HasMaxLength(CooperationEvent.TextLength);
        builder.Property(e => e.UnpublishedReason).HasMaxLength(UnpublishReason.MaxLength);
        builder.Property(e => e.SearchTitle).HasMaxLength(2000);
        builder.Property(e => e.SearchBody).HasMaxLength(60000);
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.HasOne(e => e.Owner).WithMany().HasForeignKey(e => e.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CooperationEvent>().WithMany().HasForeignKey(e => e.ParentEventId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Country>().WithMany().HasForeignKey(e => e.CountryCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(e => e.Translations).WithOne().HasForeignKey(t => t.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(e => e.Sessions).WithOne().HasForeignKey(s => s.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(e => e.Questions).WithOne().HasForeignKey(q => q.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(e => e.Initiatives).WithOne().HasForeignKey(i => i.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(e => e.CoOrganisers).WithOne().HasForeignKey(o => o.EventId).OnDelete(DeleteBehavior.Cascade);
        // /events lists published events by start (upcoming first), an organisation's by owner, a country's by venue, a conference's side events.
        builder.HasIndex(e => new { e.Publication, e.StartsAt, e.Id });
        builder.HasIndex(e => new { e.Publication, e.EndsAt, e.Id });
        builder.HasIndex(e => e.OwnerId);
        builder.HasIndex(e => e.CountryCode);
        builder.HasIndex(e => e.ParentEventId);
        // The retention job looks for ended events whose participants' data is still kept.
        builder.HasIndex(e => new { e.ParticipantDataDeletedAt, e.EndsAt });
    }
}

public sealed class EventTranslationConfiguration : IEntityTypeConfiguration<EventTranslation>
{
    public void Configure(EntityTypeBuilder<EventTranslation> builder)
    {
        builder.HasKey(t => new { t.EventId, t.Language });
        builder.Property(t => t.Language).HasMaxLength(2);
        builder.Property(t => t.Title).HasMaxLength(CooperationEvent.TitleLength);
        builder.Property(t => t.Description).HasMaxLength(CooperationEvent.TextLength);
    }
}

public sealed class EventSessionConfiguration : IEntityTypeConfiguration<EventSession>
{
    public void Configure(EntityTypeBuilder<EventSession> builder)
    {
        builder.ToTable(t => t.HasCheckConstraint("CK_EventSessions_Dates", "\"EndsAt\" > \"StartsAt\""));
        builder.Property(s => s.Title).HasMaxLength(CooperationEvent.TitleLength);
        builder.Property(s => s.Topic).HasMaxLength(CooperationEvent.NameLength * 10);
        builder.Property(s => s.Room).HasMaxLength(CooperationEvent.NameLength);
        builder.HasMany(s => s.Speakers).WithOne().HasForeignKey(p => p.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.EventId, s.Position });
    }
}

public sealed class EventSpeakerConfiguration : IEntityTypeConfiguration<EventSpeaker>
{
    public void Configure(EntityTypeBuilder<EventSpeaker> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(CooperationEvent.NameLength);
        builder.Property(p => p.Organisation).HasMaxLength(CooperationEvent.NameLength);
        builder.HasIndex(p => new { p.SessionId, p.Position });
    }
}

public sealed class EventQuestionConfiguration : IEntityTypeConfiguration<EventQuestion>
{
    public void Configure(EntityTypeBuilder<EventQuestion> builder)
    {
        builder.Property(q => q.Label).HasMaxLength(CooperationCall.GuideLength);
        builder.HasIndex(q => new { q.EventId, q.Position });
    }
}

public sealed class EventInitiativeConfiguration : IEntityTypeConfiguration<EventInitiative>
{
    public void Configure(EntityTypeBuilder<EventInitiative> builder)
    {
        builder.HasKey(i => new { i.EventId, i.InitiativeId });
        builder.HasOne(i => i.Initiative).WithMany().HasForeignKey(i => i.InitiativeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => i.InitiativeId);
    }
}

public sealed class EventOrganiserConfiguration : IEntityTypeConfiguration<EventOrganiser>
{
    public void Configure(EntityTypeBuilder<EventOrganiser> builder)
    {
        builder.ToTable("EventOrganisers", t => t.HasCheckConstraint("CK_EventOrganisers_State", "\"State\" BETWEEN 1 AND 3"));
        builder.HasKey(o => new { o.EventId, o.ActorId });
        builder.HasOne(o => o.Actor).WithMany().HasForeignKey(o => o.ActorId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(o => o.AnsweredByUserId).HasMaxLength(450);
        builder.HasIndex(o => new { o.ActorId, o.State });
    }
}

public sealed class EventRegistrationConfiguration : IEntityTypeConfiguration<EventRegistration>
{
    public void Configure(EntityTypeBuilder<EventRegistration> builder)
    {
        builder.ToTable("EventRegistrations", t =>
        {
            t.HasCheckConstraint("CK_EventRegistrations_State", "\"State\" BETWEEN 1 AND 3");
            t.HasCheckConstraint("CK_EventRegistrations_Waiting", "(\"State\" = 3) = (\"WaitingSince\" IS NOT NULL)");
            t.HasCheckConstraint("CK_EventRegistrations_Gender", "\"Gender\" IS NULL OR \"Gender\" IN ('woman', 'man', 'other')");
        });
        builder.Property(r => r.UserId).HasMaxLength(450);
        builder.Property(r => r.Email).HasMaxLength(320);
        builder.Property(r => r.Name).HasMaxLength(EventRegistration.NameLength);
        builder.Property(r => r.OrganisationName).HasMaxLength(EventRegistration.NameLength);
        builder.Property(r => r.CountryCode).HasMaxLength(2);
        builder.Property(r => r.Gender).HasMaxLength(8);
        builder.Property(r => r.AccessibilityNeeds).HasMaxLength(EventRegistration.NeedsLength);
        builder.Property(r => r.MailLanguage).HasMaxLength(2);
        builder.Property(r => r.TokenHash).HasMaxLength(64);
        builder.HasOne(r => r.Event).WithMany().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Actor>().WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(r => r.Answers).WithOne().HasForeignKey(a => a.RegistrationId).OnDelete(DeleteBehavior.Cascade);
        // One registration per person and event: per account, and per address (a visitor's too).
        builder.HasIndex(r => new { r.EventId, r.Email }).IsUnique();
        builder.HasIndex(r => new { r.EventId, r.UserId }).IsUnique().HasFilter("\"UserId\" IS NOT NULL");
        builder.HasIndex(r => r.UserId);
        builder.HasIndex(r => r.TokenHash).IsUnique();
        // The waiting list in order; unconfirmed registrations by age (they are deleted after two days).
        builder.HasIndex(r => new { r.EventId, r.State, r.WaitingSince });
        builder.HasIndex(r => new { r.State, r.CreatedAt });
    }
}

public sealed class EventAnswerConfiguration : IEntityTypeConfiguration<EventAnswer>
{
    public void Configure(EntityTypeBuilder<EventAnswer> builder)
    {
        builder.HasKey(a => new { a.RegistrationId, a.QuestionId });
        builder.Property(a => a.Text).HasMaxLength(EventRegistration.AnswerLength);
        builder.HasOne<EventQuestion>().WithMany().HasForeignKey(a => a.QuestionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.QuestionId);
    }
}

public sealed class EventMessageConfiguration : IEntityTypeConfiguration<EventMessage>
{
    public void Configure(EntityTypeBuilder<EventMessage> builder)
    {
        builder.Property(m => m.Subject).HasMaxLength(EventMessage.SubjectLength);
        builder.Property(m => m.Body).HasMaxLength(EventMessage.BodyLength);
        builder.Property(m => m.SentByUserId).HasMaxLength(450);
        builder.HasOne<CooperationEvent>().WithMany().HasForeignKey(m => m.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.EventId, m.SentAt });
    }
}

public sealed class EventTallyConfiguration : IEntityTypeConfiguration<EventTally>
{
    public void Configure(EntityTypeBuilder<EventTally> builder)
    {
        builder.ToTable("EventTallies", t => t.HasCheckConstraint("CK_EventTallies_Counts", "\"Registered\" >= 0 AND \"Attended\" >= 0"));
        builder.HasKey(t => new { t.EventId, t.Dimension, t.Key });
        builder.Property(t => t.Dimension).HasMaxLength(32);
        builder.Property(t => t.Key).HasMaxLength(64);
        builder.HasOne<CooperationEvent>().WithMany().HasForeignKey(t => t.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}
