using SscPortal.Web.Reference;
using SscPortal.Web.Caching;
using SscPortal.Web.Authorization;
using SscPortal.Web.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Data;
using SscPortal.Web.Localization;
using SscPortal.Web.Records;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.Assessments;

/// <summary>
/// One assessment: scores by dimension and by principle, each answer with its evidence, the method and the narrative,
/// and the parties' responses beneath. Its organisation publishes or revises it from here; official parties answer it;
/// a moderator may unpublish it with a reason, never edit it.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = AnonymousPageCache.PolicyName)]
public partial class DetailsModel(
    AppDbContext db, ReferenceData referenceData, Access access, Rights rights, AuditLog audit, History history, RecordSaver saver, TimeProvider clock,
    ResponseDeadlines deadlines, OfficialParties officialParties, Notifications.Notices notices, Evidence.FileIntake intake, IStringLocalizer<SharedResource> L) : PageModel
{
    public sealed record View(
        int Id, int InitiativeId, string InitiativeTitle, string InitiativeLanguage, bool InitiativePublished, int AssessorId, string AssessorName,
        AssessmentPerspective Perspective, AssessorRelationship Relationship, string? ConflictOfInterest, List<AssessmentMethod> Methods,
        string? Findings, string? Recommendations, PublicationState Publication, DateTime? PublishedAt, string? UnpublishedReason,
        int Revision, int? RevisionOfId, int? SupersededById, DateTime UpdatedAt, int FrameworkId, int Version);

    /// <summary>A party's response; a moderator may have hidden it (<paramref name="HiddenReason"/>): then its text is not read out.</summary>
    public sealed record PartyResponse(int Id, int ResponderId, string ResponderName, string? Text, DateTime PublishedAt, string? HiddenReason = null);

    /// <summary>Where an official party stands: its response, or awaited since publication, or no response after so many days.</summary>
    public sealed record PartyStanding(int ActorId, string Name, ResponseStatus Status, PartyResponse? Response, int DaysWaited);

    /// <summary>A draft's offer for comment: when, until when (the publication, if that came first), to whom, and whether it is open now.</summary>
    public sealed record OfferView(DateTime OpenedAt, DateTime ClosedAt, bool IsOpen, IReadOnlyList<(int Id, string Name)> Parties);

    public sealed record CommentView(int Id, int OrganisationId, string OrganisationName, string? IndicatorCode, string? Text, bool IsPublic, DateTime CreatedAt, string? HiddenReason = null);

    public View Assessment { get; private set; } = null!;
    public AssessmentFramework Framework { get; private set; } = null!;
    public int LatestFrameworkVersion { get; private set; }
    public IReadOnlyList<AssessmentAnswer> Answers { get; private set; } = [];
    public IReadOnlyList<AssessmentEvidence> Evidence { get; private set; } = [];
    public IReadOnlyList<AssessmentConsultation> Consultations { get; private set; } = [];
    public IReadOnlyList<ScoreSummary> ByDimension { get; private set; } = [];
    public IReadOnlyList<ScoreSummary> ByPrinciple { get; private set; } = [];
    public IReadOnlyList<RuleViolation> Missing { get; private set; } = [];
    public IReadOnlyList<PartyResponse> Responses { get; private set; } = [];

    /// <summary>Each official party of the initiative and its response or its wait (the current revision of a published assessment only).</summary>
    public IReadOnlyList<PartyStanding> Parties { get; private set; } = [];

    /// <summary>Responses not shown among <see cref="Parties"/>: from an organisation no longer a party, or to a superseded revision.</summary>
    public IReadOnlyList<PartyResponse> OtherResponses { get; private set; } = [];

    /// <summary>When the parties' responses are due, for the current revision of a published assessment.</summary>
    public DateTime? ResponsesDueAt { get; private set; }
    public int ResponseDays => deadlines.ResponseDays;
    public ReferenceData.Snapshot Names { get; private set; } = null!;

    public bool CanEdit { get; private set; }
    public bool CanPublish { get; private set; }
    public bool CanRevise { get; private set; }
    public bool CanUnpublish { get; private set; }
    public IReadOnlyList<Access.ActiveMembership> CanRespondAs { get; private set; } = [];

    /// <summary>The offer for comment, if the draft was offered; the comments the reader may read; how many came in all.</summary>
    public OfferView? Offer { get; private set; }
    public IReadOnlyList<CommentView> Comments { get; private set; } = [];
    public int CommentCount { get; private set; }
    /// <summary>The assessor's members read every comment, those for the assessor only among them.</summary>
    public bool CanReadAllComments { get; private set; }
    /// <summary>Whether the reader's organisation may offer this (complete, never offered) draft, and to which parties.</summary>
    public bool CanOffer { get; private set; }
    public IReadOnlyList<(int Id, string Name)> OfferableParties { get; private set; } = [];
    public IReadOnlyList<Access.ActiveMembership> CanCommentAs { get; private set; } = [];

    [BindProperty] public List<int> OfferTo { get; set; } = [];
    [BindProperty] public int? Days { get; set; }
    [BindProperty] public int CommenterId { get; set; }
    [BindProperty] public string? CommentIndicator { get; set; }
    [BindProperty] public string? CommentText { get; set; }
    [BindProperty] public bool? CommentPublic { get; set; }

    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? ResponseText { get; set; }
    [BindProperty] public int ResponderId { get; set; }

    /// <summary>The version the publish and unpublish forms were rendered with: the change is made only to what the person saw.</summary>
    [BindProperty(Name = "Version")] public int? SeenVersion { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var assessment = await db.Assessments.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new View(a.Id, a.InitiativeId, a.Initiative!.Title, a.Initiative.Language, a.Initiative.Publication == PublicationState.Published,
                a.AssessorId, a.Assessor!.Name, a.Perspective, a.Relationship, a.ConflictOfInterest, a.Methods, a.Findings, a.Recommendations,
                a.Publication, a.PublishedAt, a.UnpublishedReason, a.Revision, a.RevisionOfId, a.SupersededById, a.UpdatedAt, a.FrameworkId, a.Version))
            .SingleOrDefaultAsync(cancellationToken);
        if (assessment is null) return NotFound();
        var record = new AssessmentResource(assessment.AssessorId, assessment.InitiativeId, assessment.Publication, assessment.InitiativePublished, assessment.Id);
        if (!await rights.MayAsync(record, Operations.See)) return NotFound();
        Assessment = assessment;
        Names = await referenceData.GetAsync(cancellationToken);
        Framework = await db.AssessmentFrameworks.AsNoTracking().SingleAsync(f => f.Id == assessment.FrameworkId, cancellationToken);
        LatestFrameworkVersion = await db.AssessmentFrameworks.MaxAsync(f => f.Version, cancellationToken);
        var parts = await db.Assessments.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new { a.Answers, Evidence = a.Evidence.OrderBy(e => e.Id).ToList(), a.Consultations }).AsSplitQuery().SingleAsync(cancellationToken);
        Answers = parts.Answers;
        Evidence = parts.Evidence;
        Consultations = parts.Consultations.OrderBy(c => c.Group).ToList();
        ByDimension = AssessmentScoring.ByDimension(Framework, Answers);
        var order = Names.Principles.Select(p => p.Code).ToList();
        ByPrinciple = AssessmentScoring.ByPrinciple(Framework, Answers).OrderBy(s => order.IndexOf(s.Code) is var i and >= 0 ? i : int.MaxValue).ToList();
        Responses = await db.AssessmentResponses.AsNoTracking().Where(r => r.AssessmentId == id).OrderBy(r => r.PublishedAt)
            .Select(r => new PartyResponse(r.Id, r.ResponderId, r.Responder!.Name, r.HiddenAt == null ? r.Text : null, r.PublishedAt, r.HiddenReason)).ToListAsync(cancellationToken);
        OtherResponses = Responses;
        if (assessment is { Publication: PublicationState.Published, PublishedAt: { } published, SupersededById: null })
        {
            ResponsesDueAt = deadlines.DueAt(published);
            var byResponder = Responses.ToDictionary(r => r.ResponderId);
            Parties = (await deadlines.PartiesOwingAsync(assessment.InitiativeId, assessment.AssessorId, cancellationToken))
                .Select(p => byResponder.GetValueOrDefault(p.Id) is { } response
                    ? new PartyStanding(p.Id, p.Name, ResponseStatus.Responded, response, 0)
                    : new PartyStanding(p.Id, p.Name, deadlines.StatusOf(published, null), null, deadlines.DaysSince(published)))
                .OrderBy(p => p.Response is null).ThenBy(p => p.Response?.PublishedAt).ToList();
            var shown = Parties.Select(p => p.ActorId).ToHashSet();
            OtherResponses = Responses.Where(r => !shown.Contains(r.ResponderId)).ToList();
        }

        var publisher = await rights.MayAsync(record, Operations.Publish);
        CanEdit = await rights.MayAsync(record, Operations.Edit);
        if (CanEdit)
        {
            var draft = new Assessment { Methods = assessment.Methods, Findings = assessment.Findings };
            draft.Answers.AddRange(Answers);
            draft.Evidence.AddRange(Evidence);
            Missing = draft.CheckComplete(Framework);
        }
        CanPublish = CanEdit && publisher;
        CanRevise = assessment.SupersededById is null && await rights.MayAsync(record, Operations.Revise)
            && !await db.Assessments.AnyAsync(a => a.RevisionOfId == id && a.Publication == PublicationState.Draft, cancellationToken);
        CanUnpublish = assessment.Publication == PublicationState.Published && await rights.MayAsync(record, Operations.Unpublish);
        if (assessment.Publication == PublicationState.Published)
        {
            var responded = Responses.Select(r => r.ResponderId).ToHashSet();
            CanRespondAs = (await RespondersAsync(assessment.InitiativeId)).Where(m => !responded.Contains(m.ActorId)).ToList();
        }
        await LoadCommentsAsync(assessment, record, cancellationToken);
        await LoadRecommendationsAsync(assessment, cancellationToken);
        return Page();
    }

    /// <summary>
    /// The offer for comment and the comments the reader may read: every one for the assessor's members; a party's own while
    /// the window is open; once published, the ones their authors made public, for everyone who may read the assessment.
    /// </summary>
    private async Task LoadCommentsAsync(View assessment, AssessmentResource record, CancellationToken cancellationToken)
    {
        var id = assessment.Id;
        var draft = assessment.Publication == PublicationState.Draft;
        CanReadAllComments = await rights.MayAsync(record, Operations.ReadComments);
        CanCommentAs = draft ? await rights.OrganisationsForAsync(organisation => new CommentResource(id, organisation), Operations.Comment) : [];
        var window = await db.CommentWindows.AsNoTracking().Where(w => w.AssessmentId == id)
            .Select(w => new { w.OpenedAt, w.ClosesAt, Parties = w.Parties.Select(p => new { p.PartyId, p.Party!.Name }).ToList() })
            .SingleOrDefaultAsync(cancellationToken);
        if (window is not null)
        {
            var closed = assessment.PublishedAt is { } published && published < window.ClosesAt ? published : window.ClosesAt;
            Offer = new OfferView(window.OpenedAt, closed, draft && clock.GetUtcNow().UtcDateTime < window.ClosesAt,
                window.Parties.OrderBy(p => p.Name, StringComparer.CurrentCulture).Select(p => (p.PartyId, p.Name)).ToList());
            // How many comments came is public (the "how many comments came"); what the assessor-only ones say is not.
            CommentCount = await db.AssessmentComments.CountAsync(c => c.AssessmentId == id, cancellationToken);
        }
        var mine = CanCommentAs.Select(m => m.ActorId).ToList();
        var all = CanReadAllComments;
        Comments = await db.AssessmentComments.AsNoTracking()
            .Where(c => c.AssessmentId == id && (all || (!draft && c.IsPublic) || mine.Contains(c.OrganisationId)))
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new CommentView(c.Id, c.OrganisationId, c.Organisation!.Name, c.IndicatorCode, c.HiddenAt == null ? c.Text : null, c.IsPublic, c.CreatedAt, c.HiddenReason))
            .ToListAsync(cancellationToken);
        if (draft && window is null && CanEdit && Missing.Count == 0 && await rights.MayAsync(record, Operations.OfferForComment))
        {
            OfferableParties = (await officialParties.OfInitiativeAsync(assessment.InitiativeId, cancellationToken)).Where(p => p.Id != assessment.AssessorId).ToList();
            CanOffer = OfferableParties.Count > 0;
        }
    }

    /// <summary>
    /// The assessor organisation's admins offer a complete draft to official parties of the initiative for factual comment,
    /// for 7 to 30 days; the parties' members are told, and may read the draft and comment while the window is open.
    /// </summary>
    public async Task<IActionResult> OnPostOfferAsync(int id, CancellationToken cancellationToken)
    {
        var assessment = await saver.LoadAsync(VersionedRecords.Assessment, id, cancellationToken, tracked: false);
        if (assessment is null) return await RefuseAsync(id, Operations.See, NotFound());
        if (await rights.RequireAsync(RightsOf(assessment) with { Id = id }, Operations.OfferForComment, AuditTargets.Assessment, id) is { } refused) return refused;
        var framework = await db.AssessmentFrameworks.AsNoTracking().SingleAsync(f => f.Id == assessment.FrameworkId, cancellationToken);
        var already = L["This draft was already offered for comment."].Value;
        string? problem = assessment.CheckComplete(framework).Count > 0 ? L["Complete the draft before offering it for comment: the list below says what is missing."].Value
            : await db.CommentWindows.AnyAsync(w => w.AssessmentId == id, cancellationToken) ? already
            : null;
        if (problem is not null)
        {
            TempData[PageMessages.Problem] = problem;
            return RedirectToPage(new { id });
        }
        var parties = (await officialParties.OfInitiativeAsync(assessment.InitiativeId, cancellationToken)).Where(p => p.Id != assessment.AssessorId).ToList();
        var chosen = OfferTo.Distinct().ToList();
        if (chosen.Count == 0) ModelState.AddModelError(nameof(OfferTo), L["Choose at least one party to offer the draft to."]);
        else if (chosen.Any(c => parties.All(p => p.Id != c)))
        {
            // A crafted id: no such party of this initiative. Nothing is offered, and the attempt is recorded.
            await rights.RefuseAsync(AuditTargets.Assessment, id, Operations.OfferForComment);
            ModelState.AddModelError(nameof(OfferTo), L["A draft can only be offered to the official parties of the initiative."]);
        }
        if (Days is not { } days || !CommentWindow.IsAllowedLength(days))
            ModelState.AddModelError(nameof(Days), L["The window for comments lasts from {0} to {1} days.", CommentWindow.ShortestDays, CommentWindow.LongestDays]);
        if (!ModelState.IsValid) return await OnGetAsync(id, cancellationToken);

        var window = CommentWindow.Open(id, chosen, Days!.Value, saver.Now, access.UserId);
        db.CommentWindows.Add(window);
        var names = parties.Where(p => chosen.Contains(p.Id)).Select(p => p.Name).ToList();
        var until = window.ClosesAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        audit.Add(AuditEventType.AssessmentOfferedForComment, AuditTargets.Assessment, id, AuditDetails.OfferedForComment(window.ClosesAt, names));
        var title = await db.Initiatives.AsNoTracking().Where(i => i.Id == assessment.InitiativeId).Select(i => i.Title).SingleAsync(cancellationToken);
        await notices.DraftOfferedAsync(id, title, chosen, window.ClosesAt, cancellationToken);
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateException)
        {
            // Two admins offered it at the same moment: the database keeps one window, and this one was not saved.
            db.ChangeTracker.Clear();
            if (!await db.CommentWindows.AnyAsync(w => w.AssessmentId == id, cancellationToken)) throw;
            TempData[PageMessages.Problem] = already;
            return RedirectToPage(new { id });
        }
        TempData[PageMessages.Message] = L["The draft was offered for comment until {0}. You may go on revising it, and publish it when you choose.", until].Value;
        return Redirect($"/assessments/{id}#comments");
    }

    /// <summary>
    /// A party the draft was offered to comments on it while the window is open, on the whole or on one indicator, public
    /// or for the assessor only; the assessor's members are told. The comment never changes the assessment.
    /// </summary>
    public async Task<IActionResult> OnPostCommentAsync(int id, CancellationToken cancellationToken)
    {
        var assessment = await db.Assessments.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new
            {
                Rights = new AssessmentResource(a.AssessorId, a.InitiativeId, a.Publication, a.Initiative!.Publication == PublicationState.Published, a.Id),
                a.FrameworkId, a.Initiative.Title,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (assessment is null || !await rights.MayAsync(assessment.Rights, Operations.See)) return await RefuseAsync(id, Operations.See, NotFound());
        var commenters = await rights.OrganisationsForAsync(organisation => new CommentResource(id, organisation), Operations.Comment);
        if (commenters.All(c => c.ActorId != CommenterId)) return await RefuseAsync(id, Operations.Comment, Forbid());

        var text = CommentText?.Trim();
        if (string.IsNullOrEmpty(text)) ModelState.AddModelError(nameof(CommentText), L["Write the comment before sending it."]);
        else if (text.Length > AssessmentComment.TextLength) ModelState.AddModelError(nameof(CommentText), L["Use at most {0} characters.", AssessmentComment.TextLength]);
        var indicator = string.IsNullOrWhiteSpace(CommentIndicator) ? null : CommentIndicator.Trim();
        if (indicator is not null)
        {
            var framework = await db.AssessmentFrameworks.AsNoTracking().SingleAsync(f => f.Id == assessment.FrameworkId, cancellationToken);
            if (framework.Indicators.All(i => i.Code != indicator))
                ModelState.AddModelError(nameof(CommentIndicator), L["Choose one of the assessment's indicators, or the whole assessment."]);
        }
        if (CommentPublic is null) ModelState.AddModelError(nameof(CommentPublic), L["Choose who may read the comment."]);
        if (!ModelState.IsValid) return await OnGetAsync(id, cancellationToken);

        var commenter = commenters.First(c => c.ActorId == CommenterId);
        db.AssessmentComments.Add(new AssessmentComment
        {
            AssessmentId = id, OrganisationId = CommenterId, UserId = access.UserId, IndicatorCode = indicator, Text = text!,
            IsPublic = CommentPublic!.Value, CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        audit.Add(AuditEventType.AssessmentCommented, AuditTargets.Assessment, id,
            AuditDetails.Commented(CommentPublic.Value, indicator, commenter.ActorName));
        await notices.CommentReceivedAsync(id, assessment.Title, assessment.Rights.AssessorId, commenter.ActorName, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        TempData[PageMessages.Message] = L["Your comment was sent to the assessor."].Value;
        return Redirect($"/assessments/{id}#comments");
    }

    /// <summary>The assessor organisation's admins publish a complete draft; from then on it never changes.</summary>
    public Task<IActionResult> OnPostPublishAsync(int id, CancellationToken cancellationToken) =>
        history.TransitionAsync(() => PublishAsync(id, cancellationToken), () =>
        {
            TempData[PageMessages.Problem] = L["Someone else saved this assessment a moment ago. Nothing was published: check it and publish again."].Value;
            return RedirectToPage(new { id });
        });

    /// <summary>One attempt at publishing; null when another request changed the assessment first (nothing saved).</summary>
    private async Task<IActionResult?> PublishAsync(int id, CancellationToken cancellationToken)
    {
        var assessment = await saver.LoadAsync(VersionedRecords.Assessment, id, cancellationToken);
        if (assessment is null) return await RefuseAsync(id, Operations.See, NotFound());
        if (await rights.RequireAsync(RightsOf(assessment), Operations.Publish, AuditTargets.Assessment, id) is { } refused) return refused;
        var framework = await db.AssessmentFrameworks.AsNoTracking().SingleAsync(f => f.Id == assessment.FrameworkId, cancellationToken);
        // The revision it replaces in lists, which stays readable and links to it.
        var revised = assessment.RevisionOfId is { } revisedId ? await db.Assessments.SingleOrDefaultAsync(a => a.Id == revisedId, cancellationToken) : null;
        // What the parties and the assessor said of the revised assessment's recommendations while this was a draft carries over.
        var earlier = revised is null ? [] : await db.Recommendations.AsNoTracking().Where(r => r.AssessmentId == revised.Id).ToListAsync(cancellationToken);
        var outcome = await saver.ChangeAsync(VersionedRecords.Assessment, assessment, SeenVersion, record =>
        {
            foreach (var carried in record.RecommendationItems.Where(r => r.ThreadId is not null))
                if (earlier.FirstOrDefault(e => e.Thread == carried.Thread) is { } standing) carried.TakeStanding(standing);
            var scores = record.Publish(framework, saver.Now, revised);
            return new StateChange(AuditEventType.AssessmentPublished, ChangeKind.Published,
                [new(nameof(Domain.Assessment.Publication), nameof(PublicationState.Draft), nameof(PublicationState.Published))])
            {
                // Kept once the publication itself is saved: of two presses at once, only the one that publishes writes them.
                AlsoRecord = async () =>
                {
                    db.AssessmentScores.AddRange(scores);
                    if (revised is not null)
                        await history.AddAsync(RecordType.Assessment, revised.Id, revised.AssessorId, ChangeKind.Edited,
                            [new(nameof(Domain.Assessment.Revision), null, $"superseded by revision {record.Revision} (#{id})")]);
                },
            };
        }, cancellationToken,
        // Another revision of the same assessment was published first (the database keeps one): this draft cannot replace it too.
        explainRefusal: assessment.RevisionOfId is not { } of ? null
            : () => db.Assessments.AnyAsync(a => a.RevisionOfId == of && a.Id != id && a.Publication != PublicationState.Draft, cancellationToken));
        return this.Answer(outcome, id,
            e => e.Code is RuleCode.AlreadyPublished or RuleCode.RevisionAlreadyPublished ? RuleMessages.For(e.Code, L, RecordType.Assessment)
                : L["It cannot be published yet: the list below says what is missing."].Value,
            L["This draft changed since you opened it: review it, then publish."],
            refusedByDatabase: RuleMessages.For(RuleCode.RevisionAlreadyPublished, L, RecordType.Assessment));
    }

    /// <summary>Starts a new draft from a published assessment; publishing the draft supersedes it, and both stay readable.</summary>
    public async Task<IActionResult> OnPostReviseAsync(int id, CancellationToken cancellationToken)
    {
        var assessment = await saver.LoadAsync(VersionedRecords.Assessment, id, cancellationToken, tracked: false);
        if (assessment is null) return await RefuseAsync(id, Operations.See, NotFound());
        if (await rights.RequireAsync(RightsOf(assessment), Operations.Revise, AuditTargets.Assessment, id) is { } refused) return refused;
        if (await OpenRevisionAsync(id, cancellationToken) is { } open) return open;
        Assessment revision;
        try { revision = assessment.StartRevision(saver.Now); }
        catch (RuleViolationException e)
        {
            TempData[PageMessages.Problem] = RuleMessages.For(e.Code, L, RecordType.Assessment);
            return RedirectToPage(new { id });
        }
        try
        {
            await saver.SaveAsync(VersionedRecords.Assessment, revision, before: null, revision.Version, AuditEventType.AssessmentCreated, cancellationToken,
                auditDetails: AuditDetails.Revision(revision.Revision, id), noted: [new(nameof(Domain.Assessment.Revision), null, $"{revision.Revision} (revises #{id})")]);
        }
        catch (DbUpdateException)
        {
            // Someone in the organisation pressed "Revise" at the same moment, and the database keeps one open revision: go on with theirs.
            db.ChangeTracker.Clear();
            if (await OpenRevisionAsync(id, cancellationToken) is { } theirs) return theirs;
            throw;
        }
        return Redirect($"/assessments/{revision.Id}/edit");
    }

    /// <summary>The open draft revision of an assessment, if there is one: "Revise" goes on with it rather than starting another.</summary>
    private async Task<IActionResult?> OpenRevisionAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.Assessments.AsNoTracking().Where(a => a.RevisionOfId == id && a.Publication == PublicationState.Draft).Select(a => (int?)a.Id).FirstOrDefaultAsync(cancellationToken) is not { } open)
            return null;
        TempData[PageMessages.Message] = L["A revision of this assessment was already started: here it is."].Value;
        return Redirect($"/assessments/{open}/edit");
    }

    /// <summary>A moderator withdraws an assessment that breaks the terms, with a recorded reason; nothing in it changes.</summary>
    public Task<IActionResult> OnPostUnpublishAsync(int id, CancellationToken cancellationToken) =>
        history.TransitionAsync(() => UnpublishAsync(id, cancellationToken), () =>
        {
            TempData[PageMessages.Problem] = L["Someone else changed this record a moment ago, so nothing was changed: check it and try again."].Value;
            return RedirectToPage(new { id });
        });

    private async Task<IActionResult?> UnpublishAsync(int id, CancellationToken cancellationToken)
    {
        var assessment = await saver.LoadAsync(VersionedRecords.Assessment, id, cancellationToken);
        if (assessment is null) return await RefuseAsync(id, Operations.See, NotFound());
        if (await rights.RequireAsync(RightsOf(assessment), Operations.Unpublish, AuditTargets.Assessment, id) is { } refused) return refused;
        var outcome = await saver.ChangeAsync(VersionedRecords.Assessment, assessment, SeenVersion, record =>
        {
            record.Unpublish(Reason);
            return new StateChange(AuditEventType.AssessmentUnpublished, ChangeKind.Unpublished,
                [new(nameof(Domain.Assessment.Publication), nameof(PublicationState.Published), nameof(PublicationState.Unpublished)), new(nameof(Domain.Assessment.UnpublishedReason), null, record.UnpublishedReason)],
                AuditDetails.Unpublished(byModerator: true, record.UnpublishedReason!), AsModerator: true);
        }, cancellationToken);
        return this.Answer(outcome, id, e => RuleMessages.For(e.Code, L, RecordType.Assessment), L["This record changed since you opened it: review it, then unpublish it."]);
    }

    /// <summary>An official party's admins publish one response to a published assessment; it is shown beneath it and never changes it.</summary>
    public async Task<IActionResult> OnPostRespondAsync(int id, CancellationToken cancellationToken)
    {
        var assessment = await db.Assessments.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new AssessmentResource(a.AssessorId, a.InitiativeId, a.Publication, a.Initiative!.Publication == PublicationState.Published))
            .SingleOrDefaultAsync(cancellationToken);
        if (assessment is null || !await rights.MayAsync(assessment, Operations.See)) return await RefuseAsync(id, Operations.See, NotFound());
        var responders = await RespondersAsync(assessment.InitiativeId);
        if (responders.All(r => r.ActorId != ResponderId)) return await RefuseAsync(id, Operations.Respond, Forbid());
        var text = ResponseText?.Trim();
        var already = L["Your organisation has already published its response to this assessment."].Value;
        string? problem = assessment.Publication != PublicationState.Published ? L["Only a published assessment can be answered."].Value
            : string.IsNullOrEmpty(text) ? L["Write the response before publishing it."].Value
            : text.Length > 10000 ? L["Use at most {0} characters.", 10000].Value
            : await db.AssessmentResponses.AnyAsync(r => r.AssessmentId == id && r.ResponderId == ResponderId, cancellationToken) ? already
            : null;
        if (problem is not null)
        {
            TempData[PageMessages.Problem] = problem;
            return RedirectToPage(new { id });
        }
        db.AssessmentResponses.Add(new AssessmentResponse { AssessmentId = id, ResponderId = ResponderId, Text = text!, PublishedAt = clock.GetUtcNow().UtcDateTime, UserId = access.UserId });
        audit.Add(AuditEventType.AssessmentResponded, AuditTargets.Assessment, id, responders.First(r => r.ActorId == ResponderId).ActorName);
        // The history names who responded; the words are on the page, where a moderator may hide them.
        await history.AddAsync(RecordType.Assessment, id, ResponderId, ChangeKind.ResponsePublished, [new("Response", null, responders.First(r => r.ActorId == ResponderId).ActorName)]);
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateException)
        {
            // The same response sent twice at once: the database keeps one per organisation, and this one was not saved.
            db.ChangeTracker.Clear();
            if (!await db.AssessmentResponses.AnyAsync(r => r.AssessmentId == id && r.ResponderId == ResponderId, cancellationToken)) throw;
            TempData[PageMessages.Problem] = already;
            return RedirectToPage(new { id });
        }
        return Redirect($"/assessments/{id}#responses");
    }

    /// <summary>The assessor organisation's members may delete a draft; published assessments stay, and so does the deletion in the history.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(int id, bool confirm, CancellationToken cancellationToken)
    {
        var assessment = await saver.LoadAsync(VersionedRecords.Assessment, id, cancellationToken);
        if (assessment is null) return await RefuseAsync(id, Operations.See, NotFound());
        if (await rights.RequireAsync(RightsOf(assessment), Operations.Delete, AuditTargets.Assessment, id) is { } refused) return refused;
        if (!confirm)
        {
            TempData[PageMessages.Problem] = L["Nothing was deleted: tick the box to confirm that the draft should go."].Value;
            return RedirectToPage(new { id });
        }
        if (assessment.Publication != PublicationState.Draft)
        {
            TempData[PageMessages.Problem] = L["A published assessment cannot be deleted: start a revision instead."].Value;
            return RedirectToPage(new { id });
        }
        var outcome = await saver.DeleteAsync(VersionedRecords.Assessment, assessment, AuditEventType.AssessmentDeleted,
            [new(nameof(Domain.Assessment.Publication), nameof(PublicationState.Draft), null)], cancellationToken);
        if (outcome == DeleteOutcome.Changed)
        {
            TempData[PageMessages.Problem] = L["Someone else changed this record a moment ago, so nothing was changed: check it and try again."].Value;
            return RedirectToPage(new { id });
        }
        TempData[PageMessages.Message] = outcome == DeleteOutcome.Deleted ? L["The draft assessment was deleted."].Value : L["The draft assessment was already deleted."].Value;
        return Redirect($"/initiatives/{assessment.InitiativeId}");
    }

    /// <summary>An assessment as the rights see it; the initiative's own publication matters only to readers outside the assessor.</summary>
    private static AssessmentResource RightsOf(Assessment assessment) => new(assessment.AssessorId, assessment.InitiativeId, assessment.Publication);

    /// <summary>The reader's organisations that may publish a response to an assessment of the initiative (its official parties).</summary>
    private Task<IReadOnlyList<Access.ActiveMembership>> RespondersAsync(int initiativeId) =>
        rights.OrganisationsForAsync(responder => new ResponseResource(responder, initiativeId), Operations.Respond);

    private async Task<IActionResult> RefuseAsync(int id, OperationAuthorizationRequirement operation, IActionResult result)
    {
        await rights.RefuseAsync(AuditTargets.Assessment, id, operation);
        return result;
    }
}
