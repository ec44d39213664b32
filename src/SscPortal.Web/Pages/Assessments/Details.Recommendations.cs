using SscPortal.Web.Records;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Authorization;
using SscPortal.Web.Forms;
using SscPortal.Web.Localization;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.Assessments;

/// <summary>
/// An assessment's recommendations and what is said of them (issue 16): the addressed party's admins answer each and post
/// progress; the assessor's admins give their view of each of those statements, shown beside it; a moderator hides any
/// statement on the assessment (a response, a comment, an answer, an update, a view) with a reason, and never edits it.
/// </summary>
public partial class DetailsModel
{
    public sealed record StatementView(
        int Id, StatementKind Kind, int OrganisationId, string OrganisationName, RecommendationStatus? Status, AssessorVerdict? Verdict, int? AboutId,
        string? Text, string? Commitment, DateOnly? TargetDate, string? EvidenceUrl, DateTime CreatedAt, DateTime? HiddenAt, string? HiddenReason);

    public sealed record RecommendationView(
        int Id, int Number, string Text, int AddressedToId, string AddressedToName, RecommendationPriority Priority, IReadOnlyList<string> Indicators,
        IReadOnlyList<string> Principles, RecommendationStatus Status, DateOnly? TargetDate, bool Overdue, IReadOnlyList<StatementView> Statements,
        bool CanAnswer, bool CanPostView)
    {
        /// <summary>The party's answer and updates, oldest first; the assessor's views are shown beside the one each is about.</summary>
        public IEnumerable<StatementView> PartyStatements => Statements.Where(s => s.Kind != StatementKind.AssessorView);
        public IEnumerable<StatementView> ViewsOf(int statementId) => Statements.Where(s => s.Kind == StatementKind.AssessorView && s.AboutId == statementId);
        public bool Answered => Status != RecommendationStatus.Awaiting;
        public bool TakesProgress => Status is RecommendationStatus.Accepted or RecommendationStatus.PartlyAccepted or RecommendationStatus.InProgress;
    }

    /// <summary>What a form about a recommendation says: an answer, a progress update, or the assessor's view of one of the party's statements.</summary>
    public sealed class StatementInput
    {
        public int RecommendationId { get; set; }
        public RecommendationStatus? Status { get; set; }
        public AssessorVerdict? Verdict { get; set; }
        public int? AboutId { get; set; }
        public string? Text { get; set; }
        public string? Commitment { get; set; }
        public DateOnly? TargetDate { get; set; }
        public string? EvidenceUrl { get; set; }
    }

    public IReadOnlyList<RecommendationView> RecommendationList { get; private set; } = [];
    /// <summary>Whether the reader may hide statements (a moderator).</summary>
    public bool CanHideStatements { get; private set; }

    [BindProperty] public StatementInput Statement { get; set; } = new();
    /// <summary>Which form the person sent ("answer-12", "progress-12", "view-40"), so its messages and what was typed come back in it.</summary>
    public string? SentForm { get; private set; }

    [BindProperty] public string? HideKind { get; set; }
    [BindProperty] public int HideId { get; set; }

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private async Task LoadRecommendationsAsync(View assessment, CancellationToken cancellationToken)
    {
        CanHideStatements = await rights.MayAsync(new AssessmentResource(assessment.AssessorId, assessment.InitiativeId, assessment.Publication, assessment.InitiativePublished, assessment.Id),
            Operations.HideStatement);
        var items = await db.Recommendations.AsNoTracking().Where(r => r.AssessmentId == assessment.Id).OrderBy(r => r.Number)
            .Select(r => new
            {
                r.Id, r.Number, r.Text, r.AddressedToId, AddressedToName = r.AddressedTo!.Name, r.Priority, r.Indicators, r.ThreadId,
                Principles = r.Principles.Select(p => p.PrincipleCode).ToList(), r.Status, r.TargetDate,
            })
            .ToListAsync(cancellationToken);
        if (items.Count == 0) return;
        var threads = items.Select(r => r.ThreadId ?? r.Id).ToList();
        // Hidden statements keep their place and the moderator's reason; what they said is never read out.
        var statements = (await db.RecommendationStatements.AsNoTracking().Where(s => threads.Contains(s.ThreadId))
            .OrderBy(s => s.CreatedAt).ThenBy(s => s.Id)
            .Select(s => new
            {
                s.ThreadId, View = new StatementView(s.Id, s.Kind, s.OrganisationId, s.Organisation!.Name, s.Status, s.Verdict, s.AboutId,
                    s.HiddenAt == null ? s.Text : null, s.HiddenAt == null ? s.Commitment : null, s.TargetDate, s.HiddenAt == null ? s.EvidenceUrl : null,
                    s.CreatedAt, s.HiddenAt, s.HiddenReason),
            })
            .ToListAsync(cancellationToken)).ToLookup(s => s.ThreadId, s => s.View);
        var current = assessment is { Publication: PublicationState.Published, SupersededById: null };
        var today = Today;
        var list = new List<RecommendationView>();
        foreach (var r in items)
        {
            var resource = new RecommendationResource(r.AddressedToId, assessment.AssessorId, current);
            list.Add(new RecommendationView(r.Id, r.Number, r.Text, r.AddressedToId, r.AddressedToName, r.Priority, r.Indicators,
                r.Principles, r.Status, r.TargetDate, Recommendation.IsOverdueAt(r.Status, r.TargetDate, today), statements[r.ThreadId ?? r.Id].ToList(),
                await rights.MayAsync(resource, Operations.AnswerRecommendation), await rights.MayAsync(resource, Operations.PostAssessorView)));
        }
        RecommendationList = list;
    }

    /// <summary>The addressed party's admins answer a recommendation: accepted (with a commitment and a target date), partly accepted, not accepted, already done.</summary>
    public Task<IActionResult> OnPostAnswerRecommendationAsync(int id, CancellationToken cancellationToken) =>
        SayAsync(id, StatementKind.Answer, cancellationToken);

    /// <summary>The addressed party's admins post progress on what they accepted: in progress or implemented, with evidence.</summary>
    public Task<IActionResult> OnPostPostProgressAsync(int id, CancellationToken cancellationToken) =>
        SayAsync(id, StatementKind.Progress, cancellationToken);

    /// <summary>The assessor's admins give their view of one of the party's statements: agrees it is done, disputes it, or comments.</summary>
    public Task<IActionResult> OnPostPostViewAsync(int id, CancellationToken cancellationToken) =>
        SayAsync(id, StatementKind.AssessorView, cancellationToken);

    /// <summary>A file sent with a progress update, as evidence of it.</summary>
    [BindProperty] public IFormFile? StatementFile { get; set; }

    private async Task<IActionResult> SayAsync(int id, StatementKind kind, CancellationToken cancellationToken)
    {
        // The recommendation is looked up within this assessment: an id from another one is not found here.
        var recommendation = await db.Recommendations.Where(r => r.Id == Statement.RecommendationId && r.AssessmentId == id).SingleOrDefaultAsync(cancellationToken);
        var facts = await db.Assessments.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new
            {
                Rights = new AssessmentResource(a.AssessorId, a.InitiativeId, a.Publication, a.Initiative!.Publication == PublicationState.Published, a.Id),
                Current = a.Publication == PublicationState.Published && a.SupersededById == null, a.Initiative.Title,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (facts is null || recommendation is null || !await rights.MayAsync(facts.Rights, Operations.See)) return await RefuseAsync(id, Operations.See, NotFound());
        var resource = new RecommendationResource(recommendation.AddressedToId, facts.Rights.AssessorId, facts.Current);
        var operation = kind == StatementKind.AssessorView ? Operations.PostAssessorView : Operations.AnswerRecommendation;
        if (await rights.RequireAsync(resource, operation, AuditTargets.Assessment, id) is { } refused) return refused;
        // What the recommendation's state allows is said at the top of the page (the form for it is no longer shown).
        var stateProblem = kind switch
        {
            StatementKind.Answer when recommendation.Status != RecommendationStatus.Awaiting => RuleCode.AlreadyAnswered,
            StatementKind.Progress when recommendation.Status == RecommendationStatus.Awaiting => RuleCode.NotYetAnswered,
            StatementKind.Progress when !recommendation.TakesProgress => RuleCode.NoProgressExpected,
            _ => (RuleCode?)null,
        };
        if (stateProblem is { } code)
        {
            TempData[PageMessages.Problem] = RuleMessages.For(code, L);
            return Redirect($"/assessments/{id}#recommendation-{recommendation.Id}");
        }
        SentForm = kind switch
        {
            StatementKind.Answer => $"answer-{recommendation.Id}",
            StatementKind.Progress => $"progress-{recommendation.Id}",
            _ => $"view-{Statement.AboutId}",
        };

        // What the form says, checked beside its fields; then the recommendation's own rules, said the same way.
        var text = Statement.Text?.Trim();
        var evidence = string.IsNullOrWhiteSpace(Statement.EvidenceUrl) ? null : Statement.EvidenceUrl.Trim();
        if (ModelState[$"{nameof(Statement)}.{nameof(StatementInput.TargetDate)}"] is { Errors.Count: > 0 })
        {
            ModelState.Remove($"{nameof(Statement)}.{nameof(StatementInput.TargetDate)}");
            Problem(nameof(StatementInput.TargetDate), L["Enter a date."]);
        }
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith(nameof(Statement) + ".", StringComparison.Ordinal) && ModelState[k]!.Errors.Count > 0).ToList())
        {
            ModelState.Remove(key);
            Problem(key[(nameof(Statement).Length + 1)..], L["Choose one of the listed options."]);
        }
        if (string.IsNullOrEmpty(text)) Problem(nameof(StatementInput.Text), RuleMessages.For(RuleCode.TextRequired, L));
        else if (text.Length > RecommendationStatement.TextLength) Problem(nameof(StatementInput.Text), L["Use at most {0} characters.", RecommendationStatement.TextLength]);
        if (Statement.Commitment?.Trim().Length > RecommendationStatement.CommitmentLength)
            Problem(nameof(StatementInput.Commitment), L["Use at most {0} characters.", RecommendationStatement.CommitmentLength]);
        if (evidence is not null && (evidence.Length > 500 || !Uri.TryCreate(evidence, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
            Problem(nameof(StatementInput.EvidenceUrl), L["Enter a full web address starting with https://"]);
        RecommendationStatement? about = null;
        if (kind == StatementKind.AssessorView)
        {
            about = Statement.AboutId is { } aboutId
                ? await db.RecommendationStatements.AsNoTracking().SingleOrDefaultAsync(s => s.Id == aboutId && s.ThreadId == (recommendation.ThreadId ?? recommendation.Id), cancellationToken)
                : null;
            if (about is null || about.Kind == StatementKind.AssessorView)
            {
                // Only a crafted form names a statement that is not the party's in this thread.
                await rights.RefuseAsync(AuditTargets.Assessment, id, operation);
                Problem(nameof(StatementInput.AboutId), RuleMessages.For(RuleCode.NotAPartyStatement, L));
            }
            if (Statement.Verdict is not { } verdict || !Enum.IsDefined(verdict)) Problem(nameof(StatementInput.Verdict), L["Choose one of the listed options."]);
        }
        else if (Statement.Status is not { } status || !Enum.IsDefined(status)
            || (kind == StatementKind.Answer ? !Recommendation.IsAnswer(status) : !Recommendation.IsProgress(status)))
            Problem(nameof(StatementInput.Status), RuleMessages.For(kind == StatementKind.Answer ? RuleCode.NotAnAnswer : RuleCode.NotAProgressStatus, L));
        // A progress update may bring a document, a photo or a recording as evidence, checked as every file is (Evidence/).
        Evidence.PreparedFile? file = null;
        if (kind == StatementKind.Progress && StatementFile is { Length: > 0 } && ModelState.IsValid)
        {
            var (prepared, fileProblem) = await intake.PrepareAsync(StatementFile, cancellationToken);
            if (prepared is null) Problem(nameof(StatementFile), fileProblem == "TooLarge" ? L["The file is larger than {0} MB: nothing was saved. Add a smaller file, or split it.", intake.MaxMegabytes] : L[fileProblem!]);
            else if (prepared.AuthorMetadata.Count == 0) file = prepared;
            else
            {
                using (prepared) file = await intake.WithoutAuthorMetadataAsync(prepared, cancellationToken);
            }
        }
        if (!ModelState.IsValid)
        {
            file?.Dispose();
            return await OnGetAsync(id, cancellationToken);
        }
        using var evidenceFile = file;

        RecommendationStatement said;
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            said = kind switch
            {
                StatementKind.Answer => recommendation.Answer(recommendation.AddressedToId, access.UserId, Statement.Status!.Value, text!, Statement.Commitment,
                    Statement.TargetDate, evidence, now),
                StatementKind.Progress => recommendation.Progress(recommendation.AddressedToId, access.UserId, Statement.Status!.Value, text!, Statement.TargetDate, evidence, now),
                _ => recommendation.View(facts.Rights.AssessorId, access.UserId, about!, Statement.Verdict!.Value, text!, evidence, now),
            };
        }
        catch (RuleViolationException e)
        {
            foreach (var violation in e.Violations)
                Problem(violation.Field is "Status" or "Commitment" or "TargetDate" or "Text" or "Verdict" or "AboutId" ? violation.Field : nameof(StatementInput.Status),
                    RuleMessages.For(violation.Code, L));
            return await OnGetAsync(id, cancellationToken);
        }
        db.RecommendationStatements.Add(said);
        var speaker = kind == StatementKind.AssessorView ? facts.Rights.AssessorId : recommendation.AddressedToId;
        var speakerName = await db.Actors.AsNoTracking().Where(a => a.Id == speaker).Select(a => a.Name).SingleAsync(cancellationToken);
        var (auditType, change, field) = kind switch
        {
            StatementKind.Answer => (AuditEventType.RecommendationAnswered, ChangeKind.RecommendationAnswered, "Answer"),
            StatementKind.Progress => (AuditEventType.RecommendationProgressPosted, ChangeKind.ProgressPosted, "Progress"),
            _ => (AuditEventType.RecommendationViewPosted, ChangeKind.AssessorViewPosted, "AssessorView"),
        };
        var label = said.Status?.ToString() ?? said.Verdict?.ToString();
        audit.Add(auditType, AuditTargets.Assessment, id, AuditDetails.Statement(recommendation.Number, said.Status, said.Verdict, speakerName));
        // The history says who said what kind of thing when; the words themselves are on the page, where a moderator may hide them.
        await history.AddAsync(RecordType.Assessment, id, speaker, change,
            [new($"{field}:{recommendation.Number}", null, said.TargetDate is { } target ? $"{label} (by {target:yyyy-MM-dd})" : label)]);
        await notices.RecommendationStatementAsync(id, recommendation.Id, facts.Title, kind, facts.Rights.AssessorId, recommendation.AddressedToId, speakerName, cancellationToken);
        string? storedKey = null;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            if (evidenceFile is not null)
            {
                storedKey = await intake.StoreAsync(evidenceFile, cancellationToken);
                var attached = new EvidenceFile
                {
                    OwnerKind = FileOwnerKind.RecommendationStatement, OwnerId = said.Id, OrganisationId = speaker,
                    FileName = EvidenceFile.SafeName(StatementFile!.FileName, evidenceFile.Type.Extension), ContentType = evidenceFile.Type.ContentType,
                    Size = evidenceFile.Size, Sha256 = evidenceFile.Sha256, StorageKey = storedKey, UploadedByUserId = access.UserId, UploadedAt = now,
                    RemovedMetadata = evidenceFile.Removed.Count > 0 ? string.Join("; ", evidenceFile.Removed) : null,
                    // Published with the statement, never changed: the names a document carries are removed rather than asked about.
                    FoundMetadata = null,
                };
                db.EvidenceFiles.Add(attached);
                audit.Add(AuditEventType.FileAdded, AuditTargets.File, null, AuditDetails.FileAdded(1, attached.Sha256));
                await db.SaveChangesAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception e) when (storedKey is not null && e is not DbUpdateException)
        {
            await intake.ForgetAsync(storedKey);
            throw;
        }
        catch (DbUpdateException)
        {
            if (storedKey is not null) await intake.ForgetAsync(storedKey);
            // Another statement on it was saved a moment ago (the database keeps one answer, and the standing changes only
            // from the one this person saw): nothing of this one was saved.
            db.ChangeTracker.Clear();
            TempData[PageMessages.Problem] = kind == StatementKind.Answer ? RuleMessages.For(RuleCode.AlreadyAnswered, L)
                : L["Someone else posted on this recommendation a moment ago, so nothing was saved: check it and try again."].Value;
            return Redirect($"/assessments/{id}#recommendation-{recommendation.Id}");
        }
        TempData[PageMessages.Message] = kind == StatementKind.AssessorView ? L["Your organisation's view was published beside the party's."].Value
            : L["Your organisation's statement on recommendation {0} was published.", recommendation.Number].Value;
        return Redirect($"/assessments/{id}#recommendation-{recommendation.Id}");
    }

    /// <summary>The message beside a field of the form the person sent, or null (other forms on the page show none).</summary>
    public string? ErrorFor(string form, string field) =>
        SentForm == form && ModelState.TryGetValue($"{nameof(Statement)}.{field}", out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    /// <summary>The id of a field's message, for its <c>aria-describedby</c>, when it has one; and <c>aria-invalid</c>.</summary>
    public string? ErrorId(string form, string field, string id) => ErrorFor(form, field) is null ? null : id;
    public string? Invalid(string form, string field) => ErrorFor(form, field) is null ? null : "true";

    /// <summary>What was typed in the form, if it is the one the person sent and it comes back with messages; otherwise an empty form.</summary>
    public StatementInput Typed(string form) => SentForm == form ? Statement : new();

    private void Problem(string field, string message) => ModelState.AddModelError($"{nameof(Statement)}.{field}", message);

    /// <summary>
    /// A moderator hides a statement that breaks the terms (a response, a comment, an answer, an update, a view), with a
    /// reason the page shows in its place; what it said is kept, unchanged, and no longer shown.
    /// </summary>
    public async Task<IActionResult> OnPostHideStatementAsync(int id, CancellationToken cancellationToken)
    {
        var facts = await db.Assessments.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new AssessmentResource(a.AssessorId, a.InitiativeId, a.Publication, a.Initiative!.Publication == PublicationState.Published, a.Id))
            .SingleOrDefaultAsync(cancellationToken);
        if (facts is null || !await rights.MayAsync(facts, Operations.See)) return await RefuseAsync(id, Operations.See, NotFound());
        if (await rights.RequireAsync(facts, Operations.HideStatement, AuditTargets.Assessment, id) is { } refused) return refused;
        var now = clock.GetUtcNow().UtcDateTime;
        string reason;
        try { reason = UnpublishReason.Check(Reason); }
        catch (RuleViolationException)
        {
            TempData[PageMessages.Problem] = L["Give the reason, in at most {0} characters: it is shown in place of the statement.", UnpublishReason.MaxLength].Value;
            return RedirectToPage(new { id });
        }
        // The statement is looked up within this assessment: an id from another one is not found here.
        int? organisation = null;
        var already = false;
        switch (HideKind)
        {
            case "response" when await db.AssessmentResponses.SingleOrDefaultAsync(r => r.Id == HideId && r.AssessmentId == id, cancellationToken) is { } response:
                (organisation, already) = (response.ResponderId, response.HiddenAt is not null);
                if (!already) (response.HiddenAt, response.HiddenReason) = (now, reason);
                break;
            case "comment" when await db.AssessmentComments.SingleOrDefaultAsync(c => c.Id == HideId && c.AssessmentId == id, cancellationToken) is { } comment:
                (organisation, already) = (comment.OrganisationId, comment.HiddenAt is not null);
                if (!already) (comment.HiddenAt, comment.HiddenReason) = (now, reason);
                break;
            case "statement" when await db.RecommendationStatements.SingleOrDefaultAsync(s => s.Id == HideId
                && db.Recommendations.Any(r => r.AssessmentId == id && (r.ThreadId ?? r.Id) == s.ThreadId), cancellationToken) is { } statement:
                (organisation, already) = (statement.OrganisationId, statement.HiddenAt is not null);
                if (!already) statement.Hide(reason, now);
                break;
        }
        if (organisation is null) return await RefuseAsync(id, Operations.HideStatement, NotFound());
        if (already)
        {
            TempData[PageMessages.Problem] = RuleMessages.For(RuleCode.AlreadyHidden, L);
            return RedirectToPage(new { id });
        }
        audit.Add(AuditEventType.StatementHidden, AuditTargets.Assessment, id, AuditDetails.Hidden(HideKind!, HideId, reason));
        await history.AddAsync(RecordType.Assessment, id, organisation.Value, ChangeKind.StatementHidden, [new("Hidden", $"{HideKind} #{HideId}", reason)], asModerator: true);
        await db.SaveChangesAsync(cancellationToken);
        TempData[PageMessages.Message] = L["The statement was hidden; the reason is shown in its place."].Value;
        return RedirectToPage(new { id });
    }
}
