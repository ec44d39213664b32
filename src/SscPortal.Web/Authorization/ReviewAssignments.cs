using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Data;

namespace SscPortal.Web.Authorization;

/// <summary>
/// Which applications a reviewer is assigned: every submitted application of a call they are an active reviewer of,
/// except those they declared a conflict of interest with (ApplicationRightsHandler asks, so a conflicted reviewer
/// cannot open the application whatever address they type).
/// </summary>
public sealed class ReviewAssignments(AppDbContext db)
{
    /// <summary>The person's standing as a reviewer of the application: null when not an active reviewer of its call.</summary>
    public sealed record Standing(int ReviewerId, int OrganisationId, bool Declared, bool Conflict);

    public async Task<Standing?> ReviewerForAsync(string userId, int applicationId, CancellationToken cancellationToken = default) =>
        await db.CallReviewers.AsNoTracking()
            .Where(r => r.UserId == userId && r.State == ReviewerState.Active
                && db.CallApplications.Any(a => a.Id == applicationId && a.CallId == r.CallId))
            .Select(r => new Standing(r.Id, r.OrganisationId,
                db.Reviews.Any(v => v.ReviewerId == r.Id && v.ApplicationId == applicationId),
                db.Reviews.Any(v => v.ReviewerId == r.Id && v.ApplicationId == applicationId && v.Conflict)))
            .SingleOrDefaultAsync(cancellationToken);
}
