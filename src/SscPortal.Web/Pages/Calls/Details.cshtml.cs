using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Authorization;
using SscPortal.Web.Calls;
using SscPortal.Web.Data;
using SscPortal.Web.Forms;
using SscPortal.Web.Localization;
using SscPortal.Web.Notifications;
using SscPortal.Web.Records;
using SscPortal.Web.Reference;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.Calls;

/// <summary>
/// One call: what it is for and who may apply, its opening and deadline in its own time zone and in UTC with the time left,
/// the questions applicants answer and the criteria they are scored against, its documents; "Apply" while it is open; the
/// selected applications (with their scores, if the call says so) and the network's members once the results are published.
/// Its admins extend the deadline (the one change allowed once applications were submitted), publish and unpublish it.
/// </summary>
[AllowAnonymous]
public class DetailsModel(AppDbContext db, Rights rights, History history, RecordSaver saver, Notices notices, ReferenceData referenceData,
    IStringLocalizer<SharedResource> L) : PageModel
{
    public sealed record Selected(int ApplicationId, string Title, int ApplicantId, string ApplicantName, int? InitiativeId, int? GoodPracticeId, bool JoinedNetwork,
        decimal? WeightedScore, IReadOnlyDictionary<int, decimal> Means);
    public sealed record Member(int OrganisationId, string Name, DateTime Since);

    public CooperationCall Call { get; private set; } = null!;
    public string OwnerName { get; private set; } = "";
    public ActorType OwnerType { get; private set; }
    public (string Language, string Title, string Text) Shown { get; private set; }
    public ReferenceData.Snapshot Names { get; private set; } = null!;
    public DateTime Now { get; private set; }
    public CallStatus Status { get; private set; }
    public bool HasSubmissions { get; private set; }
    public bool CanEdit { get; private set; }
    /// <summary>Would edit, but applications were submitted: only the deadline moves.</summary>
    public bool EditLocked { get; private set; }
    public bool CanPublish { get; private set; }
    public bool CanUnpublish { get; private set; }
    public bool CanRelease { get; private set; }
    public bool CanDelete { get; private set; }
    public bool CanExtend { get; private set; }
    public bool IsCallAdmin { get; private set; }
    public bool IsModeratorAction { get; private set; }
    public IReadOnlyList<Selected> Results { get; private set; } = [];
    public IReadOnlyList<Member> Members { get; private set; } = [];

    [BindProperty] public string? Reason { get; set; }
    [BindProperty(Name = "Version")] public int? SeenVersion { get; set; }
    /// <summary>The new deadline, a local date and time in the call's zone.</summary>
    [BindProperty] public string? NewDeadline { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var call = await saver.LoadAsync(VersionedRecords.Call, id, cancellationToken, tracked: false);
        if (call is null) return false;
        HasSubmissions = await db.CallApplications.AnyAsync(a => a.CallId == id && a.State == ApplicationState.Submitted, cancellationToken);
        var record = new CallResource(call.OwnerId, call.Publication, call.HeldByModerator, HasSubmissions);
        if (!await rights.MayAsync(record, Operations.See)) return false;
        Call = call;
        var owner = await db.Actors.AsNoTracking().Where(a => a.Id == call.OwnerId).Select(a => new { a.Name, a.Type }).SingleAsync(cancellationToken);
        OwnerName = owner.Name;
        OwnerType = owner.Type;
        var language = PortalCultures.Current;
        Shown = call.Translations.FirstOrDefault(t => t.Language == language) is { } t ? (t.Language, t.Title, t.Text) : (call.Language, call.Title, call.Text);
        Names = await referenceData.GetAsync(cancellationToken);
        Now = saver.Now;
        Status = CallSearch.StatusAt(call.OpensAt, call.ClosesAt, Now);

        var ownerAdmin = await rights.MayAsync(record, Operations.Publish);
        CanEdit = await rights.MayAsync(record, Operations.Edit);
        EditLocked = !CanEdit && HasSubmissions && await rights.MayAsync(record with { HasSubmissions = false }, Operations.Edit);
        CanPublish = ownerAdmin && call.Publication != PublicationState.Published;
        IsModeratorAction = !ownerAdmin && await rights.MayAsync(record, Operations.Unpublish);
        CanUnpublish = call.Publication == PublicationState.Published && (ownerAdmin || IsModeratorAction);
        CanRelease = call.HeldByModerator && await rights.MayAsync(record, Operations.Release);
        CanDelete = call.Publication == PublicationState.Draft && await rights.MayAsync(record, Operations.Delete);
        IsCallAdmin = await rights.MayAsync(record, Operations.ReadApplications);
        CanExtend = call.ResultsPublishedAt is null && await rights.MayAsync(record, Operations.ExtendDeadline);
        NewDeadline ??= CallText.LocalInput(call.ClosesAt.AddDays(7), call.TimeZone);

        if (call.ResultsPublishedAt is not null) await ResultsAsync(call, cancellationToken);
        return true;
    }

    /// <summary>The selected applications (and, if the call publishes them, their scores from submitted reviews), and the network's members.</summary>
    private async Task ResultsAsync(CooperationCall call, CancellationToken cancellationToken)
    {
        var id = call.Id;
        var selected = await db.CallApplications.AsNoTracking()
            .Where(a => a.CallId == id && a.State == ApplicationState.Submitted && a.Decision == CallDecision.Selected)
            .OrderBy(a => a.Title).ThenBy(a => a.Id)
            .Select(a => new { a.Id, a.Title, a.ApplicantId, Applicant = a.Applicant!.Name, a.InitiativeId, a.GoodPracticeId, a.JoinedNetwork })
            .ToListAsync(cancellationToken);
        var ranking = new Dictionary<int, RankedApplication>();
        if (call.PublishScores && selected.Count > 0)
        {
            var ids = selected.Select(s => s.Id).ToList();
            // Submitted reviews only, by application: never who reviewed.
            var reviews = await db.Reviews.AsNoTracking().Where(r => ids.Contains(r.ApplicationId) && r.SubmittedAt != null && !r.Conflict)
                .Select(r => new { r.ApplicationId, Scores = r.Scores.Select(s => new { s.CriterionId, s.Score }).ToList() }).ToListAsync(cancellationToken);
            ranking = CallRanking.Rank(call.Criteria.OrderBy(c => c.Position).ToList(), ids,
                    reviews.Select(r => new CallRanking.SubmittedReview(r.ApplicationId, r.Scores.Where(s => s.Score != null).ToDictionary(s => s.CriterionId, s => s.Score!.Value))))
                .ToDictionary(r => r.ApplicationId);
        }
        Results = selected.Select(s => new Selected(s.Id, s.Title, s.ApplicantId, s.Applicant, s.InitiativeId, s.GoodPracticeId, s.JoinedNetwork,
            ranking.GetValueOrDefault(s.Id)?.WeightedScore, ranking.GetValueOrDefault(s.Id)?.CriterionMeans ?? new Dictionary<int, decimal>())).ToList();
        if (call.Kind == CallKind.Network)
        {
            var members = await db.NetworkMemberships.AsNoTracking().Where(m => m.CallId == id)
                .Select(m => new { m.OrganisationId, m.Organisation!.Name, m.Since }).ToListAsync(cancellationToken);
            Members = members.OrderBy(m => m.Name, StringComparer.CurrentCultureIgnoreCase).Select(m => new Member(m.OrganisationId, m.Name, m.Since)).ToList();
        }
    }

    public Task<IActionResult> OnPostPublishAsync(int id, CancellationToken cancellationToken) =>
        history.TransitionAsync(() => ChangeAsync(id, Operations.Publish, record =>
        {
            var previous = record.Publication;
            record.Publish(saver.Now);
            return new StateChange(AuditEventType.CallPublished, ChangeKind.Published, [new(nameof(CooperationCall.Publication), previous.ToString(), record.Publication.ToString())]);
        }, L["This draft changed since you opened it: review it, then publish."], cancellationToken), () => Overtaken(id));

    public Task<IActionResult> OnPostUnpublishAsync(int id, CancellationToken cancellationToken) =>
        history.TransitionAsync(async () =>
        {
            var call = await saver.LoadAsync(VersionedRecords.Call, id, cancellationToken);
            var asOwner = call is not null && await rights.MayAsync(await RightsOfAsync(call, cancellationToken), Operations.Publish);
            return await ChangeAsync(id, Operations.Unpublish, record =>
            {
                record.Unpublish(Reason, byModerator: !asOwner);
                return new StateChange(AuditEventType.CallUnpublished, ChangeKind.Unpublished,
                    [new(nameof(CooperationCall.Publication), nameof(PublicationState.Published), nameof(PublicationState.Unpublished)), new(nameof(CooperationCall.UnpublishedReason), null, record.UnpublishedReason)],
                    AuditDetails.Unpublished(byModerator: !asOwner, record.UnpublishedReason!), AsModerator: !asOwner);
            }, L["This record changed since you opened it: review it, then unpublish it."], cancellationToken, call);
        }, () => Overtaken(id));

    public Task<IActionResult> OnPostReleaseAsync(int id, CancellationToken cancellationToken) =>
        history.TransitionAsync(() => ChangeAsync(id, Operations.Release, record =>
        {
            record.ReleaseModeratorHold();
            return new StateChange(AuditEventType.CallHoldReleased, ChangeKind.HoldReleased, [new(nameof(CooperationCall.HeldByModerator), "True", "False")], AsModerator: true);
        }, L["Someone else changed this record a moment ago, so nothing was changed: check it and try again."], cancellationToken, versionSeen: false), () => Overtaken(id));

    /// <summary>
    /// The call's admins move the deadline later (a local date and time in the call's zone): recorded in its history and the
    /// audit log, and told to the members of every organisation with an application to it, draft or submitted.
    /// </summary>
    public async Task<IActionResult> OnPostExtendAsync(int id, CancellationToken cancellationToken)
    {
        var call = await saver.LoadAsync(VersionedRecords.Call, id, cancellationToken);
        if (call is null || !await rights.MayAsync(await RightsOfAsync(call, cancellationToken), Operations.See))
        {
            await rights.RefuseAsync(AuditTargets.Call, id, Operations.See);
            return NotFound();
        }
        if (await rights.RequireAsync(await RightsOfAsync(call, cancellationToken), Operations.ExtendDeadline, AuditTargets.Call, id) is { } refused) return refused;
        if (CallText.ParseLocal(NewDeadline) is not { } local)
        {
            ModelState.AddModelError(nameof(NewDeadline), string.IsNullOrWhiteSpace(NewDeadline) ? L["Give a date and a time."] : L["Enter a date and a time, such as 2027-03-31 18:00."]);
            return await AgainAsync(id, cancellationToken);
        }
        var newClosesAt = CallTimeZones.ToUtc(local, call.TimeZone);
        var previous = call.ClosesAt;
        var written = $"{CallText.InZone(newClosesAt, call.TimeZone)} = {CallText.InUtc(newClosesAt)}";
        var applicants = await db.CallApplications.AsNoTracking().Where(a => a.CallId == id).Select(a => a.ApplicantId).Distinct().ToListAsync(cancellationToken);
        var outcome = await saver.ChangeAsync(VersionedRecords.Call, call, null, record =>
        {
            record.ExtendDeadline(newClosesAt, saver.Now);
            return new StateChange(AuditEventType.CallDeadlineExtended, ChangeKind.Edited,
                [new(nameof(CooperationCall.ClosesAt), Instant(previous), Instant(newClosesAt))], written)
            {
                AlsoRecord = async () => await notices.TellAsync(NotificationKind.CallDeadlineExtended,
                    await notices.MembersOfAsync(applicants, adminsOnly: false, cancellationToken), $"/calls/{id}", call.Title, written, RecordType.Call, ChangeKind.Edited, cancellationToken),
            };
        }, cancellationToken, versionSeen: false);
        switch (outcome)
        {
            case ChangeOutcome.Refused refusal:
                foreach (var violation in refusal.Violation.Violations)
                    ModelState.AddModelError(nameof(NewDeadline), RuleMessages.For(violation.Code, L, RecordType.Call));
                return await AgainAsync(id, cancellationToken);
            case ChangeOutcome.Done:
                TempData[PageMessages.Message] = L["The deadline is now {0}. The organisations that applied were told.", written].Value;
                return RedirectToPage(new { id });
            default:
                return Overtaken(id);
        }
    }

    private static string Instant(DateTime at) => at.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + " UTC";

    private async Task<IActionResult> AgainAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    private async Task<IActionResult?> ChangeAsync(int id, OperationAuthorizationRequirement operation, Func<CooperationCall, StateChange> change, string lookAgain,
        CancellationToken cancellationToken, CooperationCall? loaded = null, bool versionSeen = true)
    {
        var call = loaded ?? await saver.LoadAsync(VersionedRecords.Call, id, cancellationToken);
        if (call is null)
        {
            await rights.RefuseAsync(AuditTargets.Call, id, Operations.See);
            return NotFound();
        }
        if (await rights.RequireAsync(await RightsOfAsync(call, cancellationToken), operation, AuditTargets.Call, id) is { } refused) return refused;
        var outcome = await saver.ChangeAsync(VersionedRecords.Call, call, versionSeen ? SeenVersion : null, change, cancellationToken, versionSeen);
        return this.Answer(outcome, id, e => RuleMessages.For(e.Code, L, RecordType.Call), lookAgain);
    }

    /// <summary>Its organisation deletes a draft that was never published and has no applications.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(int id, bool confirm, CancellationToken cancellationToken)
    {
        var call = await saver.LoadAsync(VersionedRecords.Call, id, cancellationToken);
        if (call is null)
        {
            await rights.RefuseAsync(AuditTargets.Call, id, Operations.See);
            return NotFound();
        }
        if (await rights.RequireAsync(await RightsOfAsync(call, cancellationToken), Operations.Delete, AuditTargets.Call, id) is { } refused) return refused;
        var hasApplications = await db.CallApplications.AnyAsync(a => a.CallId == id, cancellationToken);
        if (!confirm || call.Publication != PublicationState.Draft || hasApplications)
        {
            TempData[PageMessages.Problem] = (!confirm
                ? L["Nothing was deleted: tick the box to confirm that the draft should go."]
                : hasApplications ? L["A call with applications cannot be deleted."]
                : L["A record that has been published cannot be deleted; it can be unpublished, with a reason."]).Value;
            return RedirectToPage(new { id });
        }
        var outcome = await saver.DeleteAsync(VersionedRecords.Call, call, AuditEventType.CallDeleted, [new(nameof(CooperationCall.Title), call.Title, null)],
            cancellationToken, auditDetails: call.Title);
        if (outcome == DeleteOutcome.Changed) return Overtaken(id);
        TempData[PageMessages.Message] = outcome == DeleteOutcome.Deleted ? L["The draft “{0}” was deleted.", call.Title].Value : L["The draft “{0}” was already deleted.", call.Title].Value;
        return Redirect("/calls");
    }

    private RedirectToPageResult Overtaken(int id)
    {
        TempData[PageMessages.Problem] = L["Someone else changed this record a moment ago, so nothing was changed: check it and try again."].Value;
        return RedirectToPage(new { id });
    }

    private async Task<CallResource> RightsOfAsync(CooperationCall call, CancellationToken cancellationToken) =>
        new(call.OwnerId, call.Publication, call.HeldByModerator,
            await db.CallApplications.AnyAsync(a => a.CallId == call.Id && a.State == ApplicationState.Submitted, cancellationToken));
}
