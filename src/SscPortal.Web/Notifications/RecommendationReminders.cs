using System.Data;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Data;

namespace SscPortal.Web.Notifications;

/// <summary>
/// Tells the addressed party and the assessor when a recommendation's target date has passed and the party has not reported
/// it implemented (current revisions of published assessments only). Each person is told once per recommendation and target
/// date: a notification of that kind, for that recommendation and that date, already theirs, is the memory; the check and the
/// telling are one serializable transaction, so two instances checking at once cannot both tell. Only dates that passed in
/// the last <see cref="LookBackDays"/> days are looked at, so the check stays small.
/// </summary>
public sealed class RecommendationReminders(AppDbContext db, Notices notices)
{
    public const int LookBackDays = 7;

    /// <summary>Tells whoever is due a reminder at <paramref name="now"/>; returns how many notifications it made.</summary>
    public async Task<int> SendDueAsync(DateTime now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now);
        var earliest = today.AddDays(-LookBackDays);
        var due = await db.Recommendations.AsNoTracking()
            .Where(r => r.Assessment!.Publication == PublicationState.Published && r.Assessment.SupersededById == null
                && r.Assessment.Initiative!.Publication == PublicationState.Published
                && (r.Status == RecommendationStatus.Accepted || r.Status == RecommendationStatus.PartlyAccepted || r.Status == RecommendationStatus.InProgress)
                && r.TargetDate < today && r.TargetDate >= earliest)
            .OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.AssessmentId, r.AddressedToId, r.Assessment!.AssessorId, r.Assessment.Initiative!.Title, TargetDate = r.TargetDate!.Value })
            .ToListAsync(cancellationToken);
        var told = 0;
        foreach (var recommendation in due)
        {
            var path = $"/assessments/{recommendation.AssessmentId}#recommendation-{recommendation.Id}";
            var date = recommendation.TargetDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            told += await TellAsync(path, recommendation.Title, date, [recommendation.AddressedToId, recommendation.AssessorId], cancellationToken);
        }
        return told;
    }

    private async Task<int> TellAsync(string path, string title, string date, int[] organisations, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
        var members = await notices.MembersOfAsync(organisations, adminsOnly: false, cancellationToken);
        var already = await db.Notifications.AsNoTracking()
            .Where(n => n.Kind == NotificationKind.TargetDatePassed && n.Path == path && n.Detail == date && members.Contains(n.UserId))
            .Select(n => n.UserId).ToListAsync(cancellationToken);
        var recipients = members.Except(already).ToList();
        if (recipients.Count == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return 0;
        }
        await notices.TellAsync(NotificationKind.TargetDatePassed, recipients, path, title, date, RecordType.Assessment, cancellationToken: cancellationToken);
        var made = db.ChangeTracker.Entries<Notification>().Count(e => e.State == EntityState.Added);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return made;
    }
}
