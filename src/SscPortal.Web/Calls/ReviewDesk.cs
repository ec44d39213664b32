using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Records;
using SscPortal.Web.Security;

namespace SscPortal.Web.Calls;

/// <summary>Where a reviewer stands with one application.</summary>
public enum ReviewStage
{
    /// <summary>No declaration yet: the reviewer sees only the title and the applicant.</summary>
    ToDeclare = 1,
    ConflictDeclared = 2,
    Draft = 3,
    Submitted = 4,
}

/// <summary>What one attempt on a review came to.</summary>
public abstract record ReviewOutcome
{
    public sealed record Done : ReviewOutcome;
    /// <summary>The domain refused it (outside the scale, unknown criterion, not every criterion scored…): nothing was saved.</summary>
    public sealed record Refused(RuleViolationException Violation) : ReviewOutcome;
    /// <summary>The review changed since the form was shown (another tab), or was declared twice at once: nothing was saved.</summary>
    public sealed record Changed : ReviewOutcome;
}

/// <summary>
/// A reviewer's work: the applications assigned (every submitted application of a call they actively review, less those they
/// declared a conflict with), the declaration of conflict of interest, scores saved and submitted. Blind: another reviewer's
/// scores are given only to a reviewer who submitted their own review of the same application, and never with names.
/// Who may is decided before, by the page (<see cref="Authorization.ApplicationRightsHandler"/>); what may happen, by <see cref="Review"/>.
/// </summary>
public sealed class ReviewDesk(AppDbContext db, AuditLog audit, History history, TimeProvider clock)
{
    public sealed record Assigned(int ApplicationId, string Title, string Applicant, ReviewStage Stage);

    public sealed record CallAssignments(int CallId, string CallTitle, string CallOwner, int ReviewerId, IReadOnlyList<Assigned> Applications);

    /// <summary>Another reviewer's submitted scores, numbered in the order the reviews were submitted, without a name.</summary>
    public sealed record OtherReview(int Number, IReadOnlyDictionary<int, int> Scores, decimal? Weighted);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public static string PathOf(int applicationId) => $"/applications/{applicationId.ToString(CultureInfo.InvariantCulture)}/review";

    /// <summary>For each call the person actively reviews, its submitted applications and where the person stands with each.</summary>
    public async Task<IReadOnlyList<CallAssignments>> AssignmentsOfAsync(string userId, CancellationToken cancellationToken)
    {
        var reviewers = await db.CallReviewers.AsNoTracking().Where(r => r.UserId == userId && r.State == ReviewerState.Active)
            .Join(db.Calls.AsNoTracking(), r => r.CallId, c => c.Id, (r, c) => new { r.Id, r.CallId, r.OrganisationId, c.Title, Owner = c.Owner!.Name, c.ClosesAt })
            .ToListAsync(cancellationToken);
        if (reviewers.Count == 0) return [];
        var callIds = reviewers.Select(r => r.CallId).ToList();
        var reviewerIds = reviewers.Select(r => r.Id).ToList();
        var applications = await db.CallApplications.AsNoTracking()
            .Where(a => callIds.Contains(a.CallId) && a.State == ApplicationState.Submitted)
            .OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.CallId, a.Title, Applicant = a.Applicant!.Name })
            .ToListAsync(cancellationToken);
        var reviews = await db.Reviews.AsNoTracking().Where(v => reviewerIds.Contains(v.ReviewerId))
            .Select(v => new { v.ReviewerId, v.ApplicationId, v.Conflict, v.SubmittedAt }).ToListAsync(cancellationToken);
        return reviewers.OrderByDescending(r => r.ClosesAt).ThenBy(r => r.Id).Select(r => new CallAssignments(r.CallId, r.Title, r.Owner, r.Id,
            applications.Where(a => a.CallId == r.CallId).Select(a =>
            {
                var review = reviews.FirstOrDefault(v => v.ReviewerId == r.Id && v.ApplicationId == a.Id);
                var stage = review is null ? ReviewStage.ToDeclare : review.Conflict ? ReviewStage.ConflictDeclared
                    : review.SubmittedAt is not null ? ReviewStage.Submitted : ReviewStage.Draft;
                return new Assigned(a.Id, a.Title, a.Applicant, stage);
            }).ToList())).ToList();
    }

    /// <summary>The reviewer's review of the application, tracked, with its scores; null before the declaration.</summary>
    public Task<Review?> ReviewAsync(int reviewerId, int applicationId, CancellationToken cancellationToken, bool tracked = false)
    {
        var reviews = tracked ? db.Reviews : db.Reviews.AsNoTracking();
        return reviews.Include(v => v.Scores).SingleOrDefaultAsync(v => v.ReviewerId == reviewerId && v.ApplicationId == applicationId, cancellationToken);
    }

    /// <summary>The first declaration: a conflict of interest (with an optional note), or none.</summary>
    public async Task<ReviewOutcome> DeclareAsync(int reviewerId, int applicationId, bool conflict, string? note, CancellationToken cancellationToken)
    {
        Review review;
        try
        {
            review = Review.Declare(reviewerId, applicationId, conflict, note, Now);
        }
        catch (RuleViolationException violation)
        {
            return new ReviewOutcome.Refused(violation);
        }
        db.Reviews.Add(review);
        try
        {
            await history.SaveWithHistoryAsync(() =>
            {
                audit.Add(conflict ? AuditEventType.ConflictDeclared : AuditEventType.ReviewSaved, AuditTargets.Review, review.Id, Details(applicationId, conflict ? "conflict" : "no-conflict"));
                return Task.CompletedTask;
            }, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Declared twice at once: the unique rule kept the first declaration.
            db.ChangeTracker.Clear();
            return new ReviewOutcome.Changed();
        }
        return new ReviewOutcome.Done();
    }

    private static string Details(int applicationId, string what) => FormattableString.Invariant($"application={applicationId}; {what}");

    /// <summary>A conflict found after declaring none (before submitting): the scores given are dropped and the application is no longer the reviewer's.</summary>
    public Task<ReviewOutcome> DeclareConflictAsync(int reviewerId, int applicationId, int version, string? note, CancellationToken cancellationToken) =>
        ChangeAsync(reviewerId, applicationId, version, review =>
        {
            review.DeclareConflict(note, Now);
            return (AuditEventType.ConflictDeclared, "conflict");
        }, cancellationToken);

    /// <summary>Keeps the scores and comments given; submits the review too when <paramref name="submit"/> (every criterion scored).</summary>
    public Task<ReviewOutcome> ScoreAsync(int reviewerId, int applicationId, int version, CooperationCall call, IReadOnlyList<ReviewScore> scores, bool submit, CancellationToken cancellationToken) =>
        ChangeAsync(reviewerId, applicationId, version, review =>
        {
            review.Score(call, scores);
            if (!submit) return (AuditEventType.ReviewSaved, "scores");
            review.Submit(call, Now);
            return (AuditEventType.ReviewSubmitted, "submitted");
        }, cancellationToken);

    private async Task<ReviewOutcome> ChangeAsync(int reviewerId, int applicationId, int version, Func<Review, (AuditEventType Audited, string What)> change, CancellationToken cancellationToken)
    {
        var review = await ReviewAsync(reviewerId, applicationId, cancellationToken, tracked: true);
        if (review is null || review.Version != version) return new ReviewOutcome.Changed();
        (AuditEventType Audited, string What) done;
        try
        {
            done = change(review);
        }
        catch (RuleViolationException violation)
        {
            db.ChangeTracker.Clear();
            return new ReviewOutcome.Refused(violation);
        }
        // Saved only from the version the form showed (the database checks it too): two tabs cannot both win.
        db.Entry(review).Property(nameof(Review.Version)).OriginalValue = version;
        var saved = await history.SaveWithHistoryAsync(() =>
        {
            audit.Add(done.Audited, AuditTargets.Review, review.Id, Details(applicationId, done.What));
            return Task.CompletedTask;
        }, cancellationToken);
        if (!saved) db.ChangeTracker.Clear();
        return saved ? new ReviewOutcome.Done() : new ReviewOutcome.Changed();
    }

    /// <summary>
    /// The other reviewers' submitted reviews of the application, as "Reviewer 1, 2…" (in the order they were submitted):
    /// only for a reviewer who submitted their own (<paramref name="reviewerId"/>), otherwise nothing.
    /// </summary>
    public async Task<IReadOnlyList<OtherReview>> OthersAsync(int reviewerId, int applicationId, IReadOnlyList<CallCriterion> criteria, CancellationToken cancellationToken)
    {
        if (!await db.Reviews.AnyAsync(v => v.ReviewerId == reviewerId && v.ApplicationId == applicationId && v.SubmittedAt != null, cancellationToken)) return [];
        var others = await db.Reviews.AsNoTracking().Include(v => v.Scores)
            .Where(v => v.ApplicationId == applicationId && v.ReviewerId != reviewerId && v.SubmittedAt != null)
            .OrderBy(v => v.Id).ToListAsync(cancellationToken);
        return others.OrderBy(v => v.SubmittedAt).ThenBy(v => v.Id).Select((v, i) =>
        {
            var scores = v.Scores.Where(s => s.Score is not null).ToDictionary(s => s.CriterionId, s => s.Score!.Value);
            return new OtherReview(i + 1, scores, CallRanking.Weighted(criteria, scores.ToDictionary(s => s.Key, s => (decimal)s.Value)));
        }).ToList();
    }
}
