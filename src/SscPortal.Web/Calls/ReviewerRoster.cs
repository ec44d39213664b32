using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Notifications;
using SscPortal.Web.Records;
using SscPortal.Web.Security;

namespace SscPortal.Web.Calls;

/// <summary>What naming a reviewer came to.</summary>
public abstract record NamingOutcome
{
    public sealed record Named(ReviewerState State, string OrganisationName) : NamingOutcome;
    /// <summary>The person is a reviewer of the call already: nothing was added.</summary>
    public sealed record AlreadyNamed : NamingOutcome;
    /// <summary>No account with the address is an active member, with the right to review, of a verified organisation.</summary>
    public sealed record NotAReviewer : NamingOutcome;
    /// <summary>The person reviews for more than one organisation: the admin chooses which.</summary>
    public sealed record ChooseOrganisation(IReadOnlyList<(int Id, string Name)> Organisations) : NamingOutcome;
}

/// <summary>
/// A call's reviewers: named by the call's admins from an account's address (a member of the call's own organisation is a
/// reviewer at once; a member of another verified organisation is invited, and told), removed while they have submitted
/// no review, and the answer of an invited person. Who may is decided before, by the page; each change is audited.
/// </summary>
public sealed class ReviewerRoster(AppDbContext db, AuditLog audit, History history, Notices notices, TimeProvider clock)
{
    public sealed record Row(int Id, string UserId, string Name, string Email, int OrganisationId, string Organisation, ReviewerState State,
        DateTime InvitedAt, DateTime? AnsweredAt, int Submitted, int Declared);

    public sealed record Invitation(int ReviewerId, int CallId, string CallTitle, string CallOwner, int OrganisationId, string Organisation, DateTime InvitedAt);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public static string PathOf(int callId) => $"/calls/{callId.ToString(CultureInfo.InvariantCulture)}/reviewers";

    public async Task<IReadOnlyList<Row>> ListAsync(int callId, CancellationToken cancellationToken)
    {
        var rows = await db.CallReviewers.AsNoTracking().Where(r => r.CallId == callId)
            .OrderBy(r => r.InvitedAt).ThenBy(r => r.Id)
            .Select(r => new
            {
                r.Id, r.UserId, r.OrganisationId, r.State, r.InvitedAt, r.AnsweredAt,
                User = db.Users.Where(u => u.Id == r.UserId).Select(u => new { u.DisplayName, u.Email }).FirstOrDefault(),
                Organisation = db.Actors.Where(a => a.Id == r.OrganisationId).Select(a => a.Name).FirstOrDefault(),
                Submitted = db.Reviews.Count(v => v.ReviewerId == r.Id && v.SubmittedAt != null),
                Declared = db.Reviews.Count(v => v.ReviewerId == r.Id),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new Row(r.Id, r.UserId, r.User?.DisplayName ?? r.User?.Email ?? "", r.User?.Email ?? "", r.OrganisationId, r.Organisation ?? "",
            r.State, r.InvitedAt, r.AnsweredAt, r.Submitted, r.Declared)).ToList();
    }

    /// <summary>
    /// Names the account with <paramref name="email"/> a reviewer of the call: active at once when it is an active member, with
    /// the right to review, of the call's organisation; otherwise invited for the verified organisation it reviews for
    /// (<paramref name="organisationId"/> when it has several), and told.
    /// </summary>
    public async Task<NamingOutcome> NameAsync(int callId, string? email, int? organisationId, CancellationToken cancellationToken)
    {
        var call = await db.Calls.AsNoTracking().Where(c => c.Id == callId).Select(c => new { c.Id, c.Title, c.OwnerId }).SingleAsync(cancellationToken);
        var normalized = email?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(normalized)) return new NamingOutcome.NotAReviewer();
        var userId = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
        if (userId is null) return new NamingOutcome.NotAReviewer();
        var memberships = (await db.Memberships.AsNoTracking()
                .Where(m => m.UserId == userId && m.Status == MembershipStatus.Active && m.Actor!.IsVerified)
                .Select(m => new { m.ActorId, m.Role, m.Actor!.Type, m.Actor.Name })
                .ToListAsync(cancellationToken))
            .Where(m => AccessTable.Grants(m.Type, m.Role, Permission.ReviewApplications))
            .OrderBy(m => m.Name, StringComparer.CurrentCulture).ToList();
        if (memberships.Count == 0) return new NamingOutcome.NotAReviewer();
        if (await db.CallReviewers.AnyAsync(r => r.CallId == callId && r.UserId == userId, cancellationToken)) return new NamingOutcome.AlreadyNamed();

        var own = memberships.FirstOrDefault(m => m.ActorId == call.OwnerId);
        var chosen = own ?? (organisationId is { } wanted ? memberships.FirstOrDefault(m => m.ActorId == wanted) : memberships.Count == 1 ? memberships[0] : null);
        if (chosen is null) return new NamingOutcome.ChooseOrganisation(memberships.Select(m => (m.ActorId, m.Name)).ToList());

        var reviewer = new CallReviewer
        {
            CallId = callId, UserId = userId, OrganisationId = chosen.ActorId, InvitedAt = Now,
            State = own is not null ? ReviewerState.Active : ReviewerState.Invited, AnsweredAt = own is not null ? Now : null,
        };
        db.CallReviewers.Add(reviewer);
        try
        {
            await history.SaveWithHistoryAsync(async () =>
            {
                audit.Add(AuditEventType.ReviewerNamed, AuditTargets.Call, callId, Details(reviewer));
                if (reviewer.State == ReviewerState.Invited)
                    await notices.TellAsync(NotificationKind.ReviewerInvited, [userId], "/my/reviews", call.Title, chosen.Name, RecordType.Call, cancellationToken: cancellationToken);
            }, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Named twice at once: the unique rule kept one.
            db.ChangeTracker.Clear();
            if (await db.CallReviewers.AnyAsync(r => r.CallId == callId && r.UserId == userId, cancellationToken)) return new NamingOutcome.AlreadyNamed();
            throw;
        }
        return new NamingOutcome.Named(reviewer.State, chosen.Name);
    }

    private static string Details(CallReviewer reviewer) =>
        FormattableString.Invariant($"reviewer={reviewer.Id}; organisation={reviewer.OrganisationId}; state={reviewer.State}");

    /// <summary>Removes a reviewer who submitted no review (their declarations and drafts go with them); false when they did submit one, or are gone.</summary>
    public async Task<bool> RemoveAsync(int callId, int reviewerId, CancellationToken cancellationToken)
    {
        var reviewer = await db.CallReviewers.SingleOrDefaultAsync(r => r.Id == reviewerId && r.CallId == callId, cancellationToken);
        if (reviewer is null || await db.Reviews.AnyAsync(v => v.ReviewerId == reviewerId && v.SubmittedAt != null, cancellationToken)) return false;
        db.Reviews.RemoveRange(await db.Reviews.Where(v => v.ReviewerId == reviewerId).ToListAsync(cancellationToken));
        db.CallReviewers.Remove(reviewer);
        await history.SaveWithHistoryAsync(() =>
        {
            audit.Add(AuditEventType.ReviewerRemoved, AuditTargets.Call, callId, Details(reviewer));
            return Task.CompletedTask;
        }, cancellationToken);
        return true;
    }

    /// <summary>The person's open invitations to review.</summary>
    public async Task<IReadOnlyList<Invitation>> InvitationsOfAsync(string userId, CancellationToken cancellationToken) =>
        (await db.CallReviewers.AsNoTracking().Where(r => r.UserId == userId && r.State == ReviewerState.Invited)
            .Join(db.Calls.AsNoTracking(), r => r.CallId, c => c.Id, (r, c) => new { r, c })
            .OrderBy(x => x.r.Id)
            .Select(x => new
            {
                x.r.Id, x.r.CallId, x.c.Title, Owner = x.c.Owner!.Name, x.r.OrganisationId,
                Organisation = db.Actors.Where(a => a.Id == x.r.OrganisationId).Select(a => a.Name).FirstOrDefault(), x.r.InvitedAt,
            })
            .ToListAsync(cancellationToken))
        .Select(x => new Invitation(x.Id, x.CallId, x.Title, x.Owner, x.OrganisationId, x.Organisation ?? "", x.InvitedAt)).ToList();

    /// <summary>The invited person accepts or declines; the call's admins are told. False when the invitation was answered already.</summary>
    public async Task<bool> AnswerAsync(int reviewerId, bool accept, CancellationToken cancellationToken)
    {
        var reviewer = await db.CallReviewers.SingleAsync(r => r.Id == reviewerId, cancellationToken);
        if (reviewer.State != ReviewerState.Invited) return false;
        reviewer.State = accept ? ReviewerState.Active : ReviewerState.Declined;
        reviewer.AnsweredAt = Now;
        var call = await db.Calls.AsNoTracking().Where(c => c.Id == reviewer.CallId).Select(c => new { c.Title, c.OwnerId }).SingleAsync(cancellationToken);
        var who = await db.Users.AsNoTracking().Where(u => u.Id == reviewer.UserId).Select(u => u.DisplayName ?? u.Email).SingleAsync(cancellationToken);
        await history.SaveWithHistoryAsync(async () =>
        {
            audit.Add(AuditEventType.ReviewerAnswered, AuditTargets.Call, reviewer.CallId, Details(reviewer));
            await notices.TellAsync(NotificationKind.ReviewerAnswered, await notices.MembersOfAsync([call.OwnerId], adminsOnly: true, cancellationToken),
                PathOf(reviewer.CallId), call.Title, who, RecordType.Call, cancellationToken: cancellationToken);
        }, cancellationToken);
        return true;
    }
}
