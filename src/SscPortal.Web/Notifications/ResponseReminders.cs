using System.Data;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Data;

namespace SscPortal.Web.Notifications;

/// <summary>
/// Reminds the official parties that have not responded to a published assessment (current revisions only): once when the
/// response is due within <see cref="AssessmentOptions.DueSoonDays"/>, once when its period has passed. Each person is told
/// of each once: a notification of that kind for that assessment, already theirs, is the memory, and the check and the
/// telling are one serializable transaction, so two instances checking at once cannot both tell. Only assessments whose
/// deadline is near (within <see cref="AssessmentOptions.DueSoonDays"/> either side of now) are looked at, so the check stays
/// small, and nothing is told again once its notifications are deleted.
/// </summary>
public sealed class ResponseReminders(AppDbContext db, Notices notices, ResponseDeadlines deadlines)
{
    /// <summary>Tells whoever is due a reminder at <paramref name="now"/>; returns how many notifications it made.</summary>
    public async Task<int> SendDueAsync(DateTime now, CancellationToken cancellationToken)
    {
        var period = TimeSpan.FromDays(deadlines.ResponseDays);
        var soon = TimeSpan.FromDays(deadlines.DueSoonDays);
        // Due soon: the deadline is in (now, now + soon]; overdue: it passed in (now - soon, now].
        var earliest = now - period - soon;
        var latest = now - period + soon;
        var official = ResponseDeadlines.OfficialTypes;
        var candidates = await db.Assessments.AsNoTracking().CurrentlyPublished()
            .Where(a => a.PublishedAt > earliest && a.PublishedAt <= latest)
            .OrderBy(a => a.Id)
            .Select(a => new
            {
                a.Id, a.AssessorId, PublishedAt = a.PublishedAt!.Value, a.Initiative!.Title, a.Initiative.OwnerId,
                OwnerIsOfficial = official.Contains(a.Initiative.Owner!.Type),
                Taking = a.Initiative.Actors.Where(x => official.Contains(x.Actor!.Type)).Select(x => x.ActorId).ToList(),
                Responders = db.AssessmentResponses.Where(r => r.AssessmentId == a.Id).Select(r => r.ResponderId).ToList(),
            })
            .ToListAsync(cancellationToken);
        var told = 0;
        foreach (var assessment in candidates)
        {
            var due = assessment.PublishedAt + period;
            var kind = due <= now ? NotificationKind.ResponseOverdue : NotificationKind.ResponseDueSoon;
            var waiting = assessment.Taking.Concat(assessment.OwnerIsOfficial ? [assessment.OwnerId] : [])
                .Except(assessment.Responders).Where(party => party != assessment.AssessorId).Distinct().ToList();
            if (waiting.Count == 0) continue;
            told += await TellAsync(kind, $"/assessments/{assessment.Id}", assessment.Title, due, waiting, cancellationToken);
        }
        return told;
    }

    private async Task<int> TellAsync(NotificationKind kind, string path, string title, DateTime due, List<int> parties, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
        var members = await notices.MembersOfAsync(parties, adminsOnly: false, cancellationToken);
        var already = await db.Notifications.AsNoTracking().Where(n => n.Kind == kind && n.Path == path && members.Contains(n.UserId))
            .Select(n => n.UserId).ToListAsync(cancellationToken);
        var recipients = members.Except(already).ToList();
        if (recipients.Count == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return 0;
        }
        await notices.TellAsync(kind, recipients, path, title, due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
        var made = db.ChangeTracker.Entries<Notification>().Count(e => e.State == EntityState.Added);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return made;
    }
}
