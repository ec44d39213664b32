using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Notifications;
using SscPortal.Web.Records;
using SscPortal.Web.Security;

namespace SscPortal.Web.Calls;

/// <summary>What carrying one selected application forward came to.</summary>
public enum CarryOutcome
{
    Done,
    /// <summary>It had been carried forward already (by an earlier press, or another at the same moment): nothing more was made.</summary>
    AlreadyDone,
    /// <summary>Not selected, or the results are not published yet: nothing was made.</summary>
    NotReady,
}

/// <summary>
/// The call's admins' side: every submitted application with each reviewer's weighted score side by side, the means by
/// criterion, the spread and the ranking (<see cref="CallRanking"/>); decisions with feedback; publishing the results (every
/// applicant's members told); and carrying the selected applications forward into what the call is for. Who may is decided
/// before, by the page (<see cref="Authorization.CallRightsHandler"/>, <see cref="Authorization.ApplicationRightsHandler"/>).
/// </summary>
public sealed class ResultsBoard(AppDbContext db, AuditLog audit, History history, Notices notices, RecordSaver saver)
{
    public sealed record ReviewerColumn(int ReviewerId, string Name, string Organisation);

    public sealed record Row(
        int ApplicationId, string Title, string Applicant, int ApplicantId, RankedApplication Ranking, IReadOnlyDictionary<int, decimal?> ByReviewer,
        int Submitted, int Conflicts, CallDecision? Decision, string? Feedback, int Version, int? InitiativeId, int? GoodPracticeId, bool JoinedNetwork);

    public sealed record Board(IReadOnlyList<ReviewerColumn> Reviewers, IReadOnlyList<Row> Rows);

    public static string PathOf(int callId) => $"/calls/{callId.ToString(CultureInfo.InvariantCulture)}/applications";

    /// <summary>The side-by-side view, ranked by weighted score (unreviewed last).</summary>
    public async Task<Board> BoardAsync(CooperationCall call, CancellationToken cancellationToken)
    {
        var applications = await db.CallApplications.AsNoTracking().Where(a => a.CallId == call.Id && a.State == ApplicationState.Submitted)
            .OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.Title, a.ApplicantId, Applicant = a.Applicant!.Name, a.Decision, a.Feedback, a.Version, a.InitiativeId, a.GoodPracticeId, a.JoinedNetwork })
            .ToListAsync(cancellationToken);
        var reviewers = (await db.CallReviewers.AsNoTracking().Where(r => r.CallId == call.Id && r.State == ReviewerState.Active).OrderBy(r => r.Id)
                .Select(r => new
                {
                    r.Id,
                    Name = db.Users.Where(u => u.Id == r.UserId).Select(u => u.DisplayName ?? u.Email).FirstOrDefault(),
                    Organisation = db.Actors.Where(a => a.Id == r.OrganisationId).Select(a => a.Name).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken))
            .Select(r => new ReviewerColumn(r.Id, r.Name ?? "", r.Organisation ?? "")).ToList();
        var ids = applications.Select(a => a.Id).ToList();
        var reviews = await db.Reviews.AsNoTracking().Include(v => v.Scores).Where(v => ids.Contains(v.ApplicationId)).ToListAsync(cancellationToken);
        var submitted = reviews.Where(v => v.IsSubmitted).ToList();
        var ranking = CallRanking.Rank(call.Criteria, ids, submitted.Select(v => new CallRanking.SubmittedReview(v.ApplicationId,
            v.Scores.Where(s => s.Score is not null).ToDictionary(s => s.CriterionId, s => s.Score!.Value))));
        var rows = ranking.Select(rank =>
        {
            var a = applications.Single(x => x.Id == rank.ApplicationId);
            var byReviewer = submitted.Where(v => v.ApplicationId == a.Id).ToDictionary(v => v.ReviewerId,
                v => CallRanking.Weighted(call.Criteria, v.Scores.Where(s => s.Score is not null).ToDictionary(s => s.CriterionId, s => (decimal)s.Score!.Value)));
            return new Row(a.Id, a.Title, a.Applicant, a.ApplicantId, rank, byReviewer, rank.Reviews, reviews.Count(v => v.ApplicationId == a.Id && v.Conflict),
                a.Decision, a.Feedback, a.Version, a.InitiativeId, a.GoodPracticeId, a.JoinedNetwork);
        }).ToList();
        return new Board(reviewers, rows);
    }

    /// <summary>Records the decision on the application with its feedback, from the version the admin saw.</summary>
    public async Task<ChangeOutcome> DecideAsync(CooperationCall call, int applicationId, int version, CallDecision decision, string? feedback, CancellationToken cancellationToken)
    {
        var application = await saver.LoadAsync(VersionedRecords.Application, applicationId, cancellationToken);
        if (application is null || application.CallId != call.Id) return new ChangeOutcome.Changed();
        var before = RecordSaver.Before(VersionedRecords.Application, application);
        return await saver.ChangeAsync(VersionedRecords.Application, application, version, a =>
        {
            a.Decide(call, decision, feedback, saver.Now);
            return new StateChange(AuditEventType.ApplicationDecided, ChangeKind.Edited,
                RecordSnapshot.Diff(before, VersionedRecords.Application.Snapshot(a)), $"decision={decision}");
        }, cancellationToken);
    }

    /// <summary>Publishes the results (after the deadline, every application decided, once) and tells every applicant's members.</summary>
    public async Task<ChangeOutcome> PublishAsync(int callId, int version, CancellationToken cancellationToken)
    {
        var call = (await saver.LoadAsync(VersionedRecords.Call, callId, cancellationToken))!;
        var submitted = await db.CallApplications.AsNoTracking().Where(a => a.CallId == callId && a.State == ApplicationState.Submitted).ToListAsync(cancellationToken);
        return await saver.ChangeAsync(VersionedRecords.Call, call, version, c =>
        {
            c.PublishResults(submitted, saver.Now);
            return new StateChange(AuditEventType.CallResultsPublished, ChangeKind.Edited,
                [new FieldChange(nameof(CooperationCall.ResultsPublishedAt), null, c.ResultsPublishedAt!.Value.ToString("u", CultureInfo.InvariantCulture))])
            {
                AlsoRecord = async () =>
                {
                    foreach (var application in submitted)
                        await notices.TellAsync(NotificationKind.CallResults, await notices.MembersOfAsync([application.ApplicantId], adminsOnly: false, cancellationToken),
                            $"/applications/{application.Id.ToString(CultureInfo.InvariantCulture)}", c.Title, application.Title, RecordType.Call, cancellationToken: cancellationToken);
                },
            };
        }, cancellationToken);
    }

    /// <summary>The selected applications not yet carried forward (<paramref name="only"/>: just that one).</summary>
    public Task<List<int>> WaitingAsync(int callId, int? only, CancellationToken cancellationToken) =>
        db.CallApplications.AsNoTracking()
            .Where(a => a.CallId == callId && a.Decision == CallDecision.Selected && a.InitiativeId == null && a.GoodPracticeId == null && !a.JoinedNetwork
                && (only == null || a.Id == only))
            .OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(cancellationToken);

    /// <summary>
    /// Carries one selected application forward into what the call is for: a draft initiative, a draft good practice or a
    /// membership of the network, owned by the applicant, once (the application's version and the unique rules see to a
    /// second press at the same moment).
    /// </summary>
    public async Task<CarryOutcome> CarryForwardAsync(int callId, int applicationId, CancellationToken cancellationToken)
    {
        var call = (await saver.LoadAsync(VersionedRecords.Call, callId, cancellationToken, tracked: false))!;
        var application = await saver.LoadAsync(VersionedRecords.Application, applicationId, cancellationToken);
        if (application is null || application.CallId != callId || application.IsConverted) return CarryOutcome.AlreadyDone;
        // The domain's rules (selected, results published) are asked before anything is made.
        if (application.Decision != CallDecision.Selected || call.ResultsPublishedAt is null) return CarryOutcome.NotReady;
        var seen = application.Version;
        void Converted(int? initiativeId = null, int? goodPracticeId = null, bool joined = false)
        {
            application.Converted(call, initiativeId, goodPracticeId, joined);
            // Moves the application's version on: of two presses at once, the second saves nothing.
            db.Entry(application).Property(nameof(CallApplication.Version)).OriginalValue = seen;
            application.Touch(saver.Now);
            audit.Add(AuditEventType.ApplicationConverted, AuditTargets.Application, application.Id,
                initiativeId is { } i ? FormattableString.Invariant($"initiative={i}") : goodPracticeId is { } g ? FormattableString.Invariant($"good-practice={g}") : FormattableString.Invariant($"network={callId}"));
        }
        try
        {
            switch (call.Kind)
            {
                case CallKind.Funding:
                    var initiative = ResultsFromApplication.Initiative(call, application, saver.Now);
                    var made = await saver.SaveAsync(VersionedRecords.Initiative, initiative, null, 0, AuditEventType.InitiativeCreated, cancellationToken,
                        auditDetails: initiative.Title, alsoRecord: created => Converted(initiativeId: created.Id));
                    return made is EditOutcome.Saved ? CarryOutcome.Done : CarryOutcome.AlreadyDone;
                case CallKind.GoodPractice:
                    var country = await db.Actors.AsNoTracking().Where(a => a.Id == application.ApplicantId).Select(a => a.CountryCode).SingleAsync(cancellationToken);
                    var practice = ResultsFromApplication.GoodPractice(call, application, country, saver.Now);
                    var written = await saver.SaveAsync(VersionedRecords.GoodPractice, practice, null, 0, AuditEventType.GoodPracticeCreated, cancellationToken,
                        auditDetails: practice.Title, alsoRecord: created => Converted(goodPracticeId: created.Id));
                    return written is EditOutcome.Saved ? CarryOutcome.Done : CarryOutcome.AlreadyDone;
                default:
                    db.NetworkMemberships.Add(new NetworkMembership { CallId = callId, OrganisationId = application.ApplicantId, ApplicationId = application.Id, Since = saver.Now });
                    var joined = await history.SaveWithHistoryAsync(() =>
                    {
                        Converted(joined: true);
                        return Task.CompletedTask;
                    }, cancellationToken);
                    return joined ? CarryOutcome.Done : CarryOutcome.AlreadyDone;
            }
        }
        catch (DbUpdateException)
        {
            // Pressed twice at once: the application's version, or a unique rule, kept the first; nothing of this one was saved.
            db.ChangeTracker.Clear();
            return CarryOutcome.AlreadyDone;
        }
    }
}
