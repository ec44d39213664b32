using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SscPortal.Domain;

namespace SscPortal.Web.Data.Configurations;

public sealed class CooperationCallConfiguration : IEntityTypeConfiguration<CooperationCall>
{
    public void Configure(EntityTypeBuilder<CooperationCall> builder)
    {
        builder.ToTable("Calls", t =>
        {
            t.HasCheckConstraint("CK_Calls_Kind", "\"Kind\" IN (1, 2, 3)");
            t.HasCheckConstraint("CK_Calls_Dates", "\"ClosesAt\" > \"OpensAt\"");
            t.HasCheckConstraint("CK_Calls_Scale", "\"ScaleMax\" BETWEEN 2 AND 10");
            t.HasCheckConstraint("CK_Calls_Partners", "\"MinPartners\" BETWEEN 0 AND 20");
            t.HasCheckConstraint("CK_Calls_Share", "\"MaxSharePercent\" IS NULL OR \"MaxSharePercent\" BETWEEN 1 AND 100");
            t.HasCheckConstraint("CK_Calls_Money", "(\"MaxAmount\" IS NULL) = (\"Currency\" IS NULL)");
        });
        builder.Property(c => c.Title).HasMaxLength(CooperationCall.TitleLength);
        builder.Property(c => c.Text).HasMaxLength(CooperationCall.TextLength);
        builder.Property(c => c.Language).HasMaxLength(2);
        builder.Property(c => c.TimeZone).HasMaxLength(64);
        builder.Property(c => c.MaxAmount).HasPrecision(18, 2);
        builder.Property(c => c.Currency).HasMaxLength(3);
        builder.Property(c => c.NetworkName).HasMaxLength(CooperationCall.NameLength);
        builder.Property(c => c.UnpublishedReason).HasMaxLength(UnpublishReason.MaxLength);
        builder.Property(c => c.SearchTitle).HasMaxLength(2000);
        builder.Property(c => c.SearchBody).HasMaxLength(60000);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasOne(c => c.Owner).WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Translations).WithOne().HasForeignKey(t => t.CallId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Questions).WithOne().HasForeignKey(q => q.CallId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Criteria).WithOne().HasForeignKey(q => q.CallId).OnDelete(DeleteBehavior.Cascade);
        // /calls lists published calls by deadline (open ones first) and newest; an organisation's calls by owner.
        builder.HasIndex(c => new { c.Publication, c.ClosesAt, c.Id });
        builder.HasIndex(c => new { c.Publication, c.PublishedAt, c.Id });
        builder.HasIndex(c => c.OwnerId);
    }
}

public sealed class CallTranslationConfiguration : IEntityTypeConfiguration<CallTranslation>
{
    public void Configure(EntityTypeBuilder<CallTranslation> builder)
    {
        builder.HasKey(t => new { t.CallId, t.Language });
        builder.Property(t => t.Language).HasMaxLength(2);
        builder.Property(t => t.Title).HasMaxLength(CooperationCall.TitleLength);
        builder.Property(t => t.Text).HasMaxLength(CooperationCall.TextLength);
    }
}

public sealed class CallQuestionConfiguration : IEntityTypeConfiguration<CallQuestion>
{
    public void Configure(EntityTypeBuilder<CallQuestion> builder)
    {
        builder.Property(q => q.Label).HasMaxLength(CooperationCall.GuideLength);
        builder.Property(q => q.Help).HasMaxLength(CooperationCall.GuideLength);
        builder.HasIndex(q => new { q.CallId, q.Position });
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_CallQuestions_Kind", "\"Kind\" BETWEEN 1 AND 8");
            t.HasCheckConstraint("CK_CallQuestions_MaxLength", "\"MaxLength\" IS NULL OR \"MaxLength\" BETWEEN 1 AND 20000");
        });
    }
}

public sealed class CallCriterionConfiguration : IEntityTypeConfiguration<CallCriterion>
{
    public void Configure(EntityTypeBuilder<CallCriterion> builder)
    {
        builder.ToTable("CallCriteria", t => t.HasCheckConstraint("CK_CallCriteria_Weight", "\"Weight\" BETWEEN 1 AND 100"));
        builder.Property(c => c.Name).HasMaxLength(CooperationCall.NameLength);
        builder.Property(c => c.Guide).HasMaxLength(CooperationCall.GuideLength);
        builder.HasIndex(c => new { c.CallId, c.Position });
    }
}

public sealed class CallApplicationConfiguration : IEntityTypeConfiguration<CallApplication>
{
    public void Configure(EntityTypeBuilder<CallApplication> builder)
    {
        builder.ToTable("CallApplications", t =>
        {
            t.HasCheckConstraint("CK_CallApplications_State", "\"State\" IN (1, 2)");
            t.HasCheckConstraint("CK_CallApplications_Submitted", "(\"State\" = 2) = (\"SubmittedAt\" IS NOT NULL AND \"Fingerprint\" IS NOT NULL)");
            t.HasCheckConstraint("CK_CallApplications_Decision", "\"Decision\" IS NULL OR (\"State\" = 2 AND \"Decision\" IN (1, 2, 3))");
            t.HasCheckConstraint("CK_CallApplications_Converted", "(\"InitiativeId\" IS NULL AND \"GoodPracticeId\" IS NULL AND NOT \"JoinedNetwork\") OR \"Decision\" = 1");
        });
        builder.Property(a => a.Title).HasMaxLength(CallApplication.TitleLength);
        builder.Property(a => a.Summary).HasMaxLength(CallApplication.SummaryLength);
        builder.Property(a => a.RequestedAmount).HasPrecision(18, 2);
        builder.Property(a => a.TotalCost).HasPrecision(18, 2);
        builder.Property(a => a.SubmittedByUserId).HasMaxLength(450);
        builder.Property(a => a.Fingerprint).HasMaxLength(64);
        builder.Property(a => a.Feedback).HasMaxLength(CallApplication.FeedbackLength);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasOne(a => a.Call).WithMany().HasForeignKey(a => a.CallId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Applicant).WithMany().HasForeignKey(a => a.ApplicantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Initiative>().WithMany().HasForeignKey(a => a.InitiativeId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<GoodPractice>().WithMany().HasForeignKey(a => a.GoodPracticeId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(a => a.Answers).WithOne().HasForeignKey(a => a.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Partners).WithOne().HasForeignKey(p => p.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        // One application per organisation and call: "Start an application" pressed twice makes one.
        builder.HasIndex(a => new { a.CallId, a.ApplicantId }).IsUnique();
        builder.HasIndex(a => new { a.CallId, a.State, a.Decision });
        builder.HasIndex(a => a.ApplicantId);
        builder.HasIndex(a => a.InitiativeId).IsUnique().HasFilter("\"InitiativeId\" IS NOT NULL");
        builder.HasIndex(a => a.GoodPracticeId).IsUnique().HasFilter("\"GoodPracticeId\" IS NOT NULL");
    }
}

public sealed class ApplicationAnswerConfiguration : IEntityTypeConfiguration<ApplicationAnswer>
{
    public void Configure(EntityTypeBuilder<ApplicationAnswer> builder)
    {
        builder.HasKey(a => new { a.ApplicationId, a.QuestionId });
        builder.Property(a => a.Text).HasMaxLength(CallQuestion.MaxAnswerLength);
        builder.Property(a => a.Number).HasPrecision(18, 4);
        builder.Property(a => a.Currency).HasMaxLength(3);
        builder.HasOne<CallQuestion>().WithMany().HasForeignKey(a => a.QuestionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Initiative>().WithMany().HasForeignKey(a => a.InitiativeId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<EvidenceFile>().WithMany().HasForeignKey(a => a.FileId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(a => a.QuestionId);
        builder.HasIndex(a => a.InitiativeId);
        builder.HasIndex(a => a.FileId);
    }
}

public sealed class ApplicationPartnerConfiguration : IEntityTypeConfiguration<ApplicationPartner>
{
    public void Configure(EntityTypeBuilder<ApplicationPartner> builder)
    {
        builder.HasKey(p => new { p.ApplicationId, p.OrganisationId });
        builder.Property(p => p.ConfirmedByUserId).HasMaxLength(450);
        builder.HasOne(p => p.Organisation).WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.OrganisationId);
        builder.ToTable(t => t.HasCheckConstraint("CK_ApplicationPartners_Confirmed", "\"Confirmed\" = (\"ConfirmedAt\" IS NOT NULL)"));
    }
}

public sealed class CallReviewerConfiguration : IEntityTypeConfiguration<CallReviewer>
{
    public void Configure(EntityTypeBuilder<CallReviewer> builder)
    {
        builder.Property(r => r.UserId).HasMaxLength(450);
        builder.HasOne<CooperationCall>().WithMany().HasForeignKey(r => r.CallId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Actor>().WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        // A person is named once per call.
        builder.HasIndex(r => new { r.CallId, r.UserId }).IsUnique();
        builder.HasIndex(r => r.UserId);
        builder.ToTable(t => t.HasCheckConstraint("CK_CallReviewers_State", "\"State\" IN (1, 2, 3)"));
    }
}

public sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> builder)
    {
        builder.Property(r => r.ConflictNote).HasMaxLength(Review.CommentLength);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasOne(r => r.Reviewer).WithMany().HasForeignKey(r => r.ReviewerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CallApplication>().WithMany().HasForeignKey(r => r.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Scores).WithOne().HasForeignKey(s => s.ReviewId).OnDelete(DeleteBehavior.Cascade);
        // One review (and so one declaration) per reviewer and application.
        builder.HasIndex(r => new { r.ReviewerId, r.ApplicationId }).IsUnique();
        builder.HasIndex(r => r.ApplicationId);
        builder.ToTable(t => t.HasCheckConstraint("CK_Reviews_Conflict", "NOT \"Conflict\" OR \"SubmittedAt\" IS NULL"));
    }
}

public sealed class ReviewScoreConfiguration : IEntityTypeConfiguration<ReviewScore>
{
    public void Configure(EntityTypeBuilder<ReviewScore> builder)
    {
        builder.HasKey(s => new { s.ReviewId, s.CriterionId });
        builder.Property(s => s.Comment).HasMaxLength(Review.CommentLength);
        builder.HasOne<CallCriterion>().WithMany().HasForeignKey(s => s.CriterionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.CriterionId);
        builder.ToTable(t => t.HasCheckConstraint("CK_ReviewScores_Score", "\"Score\" IS NULL OR \"Score\" BETWEEN 0 AND 10"));
    }
}

public sealed class GoodPracticeConfiguration : IEntityTypeConfiguration<GoodPractice>
{
    public void Configure(EntityTypeBuilder<GoodPractice> builder)
    {
        builder.Property(g => g.Title).HasMaxLength(GoodPractice.TitleLength);
        builder.Property(g => g.Practice).HasMaxLength(GoodPractice.TextLength);
        builder.Property(g => g.Context).HasMaxLength(GoodPractice.TextLength);
        builder.Property(g => g.Results).HasMaxLength(GoodPractice.TextLength);
        builder.Property(g => g.Transferable).HasMaxLength(GoodPractice.TextLength);
        builder.Property(g => g.TransferableTo).HasMaxLength(GoodPractice.TextLength);
        builder.Property(g => g.Language).HasMaxLength(2);
        builder.Property(g => g.UnpublishedReason).HasMaxLength(UnpublishReason.MaxLength);
        builder.Property(g => g.SearchTitle).HasMaxLength(2000);
        builder.Property(g => g.SearchBody).HasMaxLength(60000);
        builder.Property(g => g.Version).IsConcurrencyToken();
        builder.HasOne(g => g.Owner).WithMany().HasForeignKey(g => g.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CooperationCall>().WithMany().HasForeignKey(g => g.CallId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Initiative>().WithMany().HasForeignKey(g => g.InitiativeId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(g => new { g.Publication, g.PublishedAt, g.Id });
        builder.HasIndex(g => g.OwnerId);
        builder.HasIndex(g => g.CallId);
        builder.HasIndex(g => g.InitiativeId);
        // A selected application becomes one good practice at most.
        builder.HasIndex(g => g.ApplicationId).IsUnique().HasFilter("\"ApplicationId\" IS NOT NULL");
    }
}

public sealed class NetworkMembershipConfiguration : IEntityTypeConfiguration<NetworkMembership>
{
    public void Configure(EntityTypeBuilder<NetworkMembership> builder)
    {
        builder.HasOne<CooperationCall>().WithMany().HasForeignKey(m => m.CallId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(m => m.Organisation).WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CallApplication>().WithMany().HasForeignKey(m => m.ApplicationId).OnDelete(DeleteBehavior.SetNull);
        // An organisation joins a network once.
        builder.HasIndex(m => new { m.CallId, m.OrganisationId }).IsUnique();
        builder.HasIndex(m => m.OrganisationId);
    }
}
