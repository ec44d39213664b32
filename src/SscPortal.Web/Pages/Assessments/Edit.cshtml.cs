using SscPortal.Web.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Web.Authorization;
using SscPortal.Domain;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Data;
using SscPortal.Web.Forms;
using SscPortal.Web.Records;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.Assessments;

/// <summary>
/// Writing an assessment (/initiatives/{id}/assess) or going on with a draft (/assessments/{id}/edit), over as many
/// sittings as it takes: every save keeps a draft; publishing, from the assessment's page, needs every indicator answered.
/// </summary>
[Authorize]
public partial class EditModel(
    AppDbContext db, ReferenceData referenceData, Rights rights, RecordSaver saver, SubmitOnce once, OfficialParties officialParties,
    IStringLocalizer<SharedResource> L) : PageModel
{
    /// <summary>An organisation the person may assess the initiative for, and whether that would be a self-assessment.</summary>
    public sealed record Assessor(int ActorId, string Name, bool SelfAssessment);

    [BindProperty] public AssessmentInput Input { get; set; } = new();

    public int? Id { get; private set; }
    public int InitiativeId { get; private set; }
    public string InitiativeTitle { get; private set; } = "";
    public string InitiativeLanguage { get; private set; } = "en";
    public AssessmentFramework Framework { get; private set; } = null!;
    public IReadOnlyList<Assessor> Assessors { get; private set; } = [];
    /// <summary>Whether this is (or would be) an official party's self-assessment: its relationship is fixed.</summary>
    public bool IsSelfAssessment { get; private set; }
    public int Revision { get; private set; } = 1;
    public EditConflict? Conflict { get; private set; }
    public ReferenceData.Snapshot Names { get; private set; } = null!;
    /// <summary>The initiative's official parties: those a recommendation may be addressed to.</summary>
    public IReadOnlyList<(int Id, string Name)> Parties { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, int? initiativeId, CancellationToken cancellationToken)
    {
        if (await PrepareAsync(id, initiativeId, cancellationToken) is { } refused) return refused;
        if (id is not null) Input = AssessmentInput.From((await saver.LoadAsync(VersionedRecords.Assessment, id.Value, cancellationToken, tracked: false))!, Framework);
        else
        {
            Input.AssessorId = Assessors[0].ActorId;
            Input.Answers = Framework.Indicators.Select(i => new AssessmentInput.AnswerRow { IndicatorCode = i.Code }).ToList();
        }
        Pad();
        return Page();
    }

    /// <summary>"More rows": the form again, as typed, with more empty evidence rows; saves nothing.</summary>
    public async Task<IActionResult> OnPostAddRowsAsync(int? id, int? initiativeId, CancellationToken cancellationToken)
    {
        if (await PrepareAsync(id, initiativeId, cancellationToken) is { } refused) return refused;
        ModelState.Clear();
        Pad(spare: 2);
        return Page();
    }

    /// <summary>Saves the form; a new assessment's form creates one assessment however often it is sent.</summary>
    public Task<IActionResult> OnPostAsync(int? id, int? initiativeId, CancellationToken cancellationToken) =>
        id is null ? once.CreateAsync(() => SaveAsync(null, initiativeId, cancellationToken), cancellationToken) : SaveAsync(id, initiativeId, cancellationToken);

    private async Task<IActionResult> SaveAsync(int? id, int? initiativeId, CancellationToken cancellationToken)
    {
        if (await PrepareAsync(id, initiativeId, cancellationToken) is { } refused) return refused;
        if (id is null && Assessors.All(a => a.ActorId != Input.AssessorId))
        {
            await rights.RefuseAsync(AuditTargets.Organisation, Input.AssessorId, Operations.Edit);
            return Forbid();
        }
        if (IsSelfAssessment) Input.Relationship = AssessorRelationship.Party;
        // An assessor addresses recommendations to the initiative's other official parties, never to itself.
        Parties = Parties.Where(p => p.Id != Input.AssessorId).ToList();
        var validation = await new AssessmentInputValidator(L, Framework, Parties.Select(p => p.Id).ToHashSet(),
            Names.Principles.Select(p => p.Code).ToHashSet(StringComparer.Ordinal)).ValidateAsync(Input, cancellationToken);
        ModelState.AddErrors(validation);
        // Errors on fields the form does not show (an indicator's code, a group: hidden, so only a crafted or damaged form
        // gets them wrong) are said at the top of the form, where the person sees them.
        foreach (var message in validation.Errors.Where(e => HiddenField().IsMatch(e.PropertyName)).Select(e => e.ErrorMessage).Distinct())
            ModelState.AddModelError("", message);
        if (!IsSelfAssessment && Input.Relationship == AssessorRelationship.Party)
            ModelState.AddModelError("Input.Relationship", L["Only an official party to the initiative writes a self-assessment; choose how your organisation relates to it."]);
        if (!ModelState.IsValid)
        {
            Pad();
            return Page();
        }

        var now = saver.Now;
        var assessment = id is null
            ? new Assessment
            {
                InitiativeId = InitiativeId, AssessorId = Input.AssessorId, FrameworkId = Framework.Id, CreatedAt = now, UpdatedAt = now,
                Perspective = Assessment.PerspectiveOf(IsSelfAssessment ? OrganisationKind.Official : OrganisationKind.CivilSociety, Input.Relationship),
            }
            : (await saver.LoadAsync(VersionedRecords.Assessment, id.Value, cancellationToken))!;
        var before = id is null ? null : RecordSaver.Before(VersionedRecords.Assessment, assessment);
        Input.ApplyTo(assessment, recommendationsOffered: Parties.Count > 0);
        if (!IsSelfAssessment) assessment.Perspective = Assessment.PerspectiveOf(OrganisationKind.CivilSociety, assessment.Relationship);

        var outcome = await saver.SaveAsync(VersionedRecords.Assessment, assessment, before, Input.Version,
            id is null ? AuditEventType.AssessmentCreated : AuditEventType.AssessmentEdited, cancellationToken,
            alsoRecord: created => { if (id is null) once.Record($"/assessments/{created.Id}"); });
        switch (outcome)
        {
            case EditOutcome.Conflict conflict:
                // Someone in the organisation saved since this person opened the form: both versions, nothing overwritten.
                Conflict = conflict.Sides;
                Input.Version = conflict.SavedVersion;
                ModelState.ShowConflict(L);
                Pad();
                return Page();
            case EditOutcome.Saved:
                TempData[PageMessages.Message] = L["The draft is saved. Come back to it at any time; it stays visible only to your organisation until it is published."].Value;
                break;
        }
        return Redirect($"/assessments/{assessment.Id}");
    }

    /// <summary>
    /// Checks the person may use the form and loads what it needs: a new assessment needs a published initiative and an
    /// organisation that may assess it; a draft, membership of its assessor. 404 for what the person cannot see, 403 otherwise.
    /// </summary>
    private async Task<IActionResult?> PrepareAsync(int? id, int? initiativeId, CancellationToken cancellationToken)
    {
        Id = id;
        Names = await referenceData.GetAsync(cancellationToken);
        if (id is not null)
        {
            var record = await db.Assessments.AsNoTracking().Where(a => a.Id == id)
                .Select(a => new { a.InitiativeId, a.AssessorId, a.FrameworkId, a.Perspective, a.Revision,
                    Rights = new AssessmentResource(a.AssessorId, a.InitiativeId, a.Publication, a.Initiative!.Publication == PublicationState.Published) })
                .SingleOrDefaultAsync(cancellationToken);
            if (record is null)
            {
                await rights.RefuseAsync(AuditTargets.Assessment, id, Operations.See);
                return NotFound();
            }
            if (await rights.RequireAsync(record.Rights, Operations.Edit, AuditTargets.Assessment, id) is { } refused) return refused;
            initiativeId = record.InitiativeId;
            IsSelfAssessment = record.Perspective == AssessmentPerspective.SelfAssessment;
            Revision = record.Revision;
            Framework = await db.AssessmentFrameworks.AsNoTracking().SingleAsync(f => f.Id == record.FrameworkId, cancellationToken);
            Input.AssessorId = record.AssessorId;
        }
        var initiative = await db.Initiatives.AsNoTracking().Where(i => i.Id == initiativeId)
            .Select(i => new { i.Title, i.Language, i.Publication }).SingleOrDefaultAsync(cancellationToken);
        // Only published initiatives are assessed: a draft is not yet a claim anyone can test.
        if (initiative is null || (id is null && initiative.Publication != PublicationState.Published)) return NotFound();
        InitiativeId = initiativeId!.Value;
        Parties = (await officialParties.OfInitiativeAsync(InitiativeId, cancellationToken)).Where(p => p.Id != Input.AssessorId).ToList();
        InitiativeTitle = initiative.Title;
        InitiativeLanguage = initiative.Language;
        if (id is null)
        {
            // The organisations in whose name the person may assess this initiative; an official one assesses itself.
            Assessors = (await rights.OrganisationsForAsync(assessor => new AssessmentResource(assessor, InitiativeId), Operations.Edit))
                .Select(m => new Assessor(m.ActorId, m.ActorName, AccessTable.KindOf(m.ActorType) == OrganisationKind.Official)).ToList();
            if (Assessors.Count == 0)
            {
                await rights.RefuseAsync(AuditTargets.Initiative, InitiativeId, Operations.Edit);
                return Forbid();
            }
            // The framework's latest version: an assessment keeps it even after a newer one is published.
            Framework = await db.AssessmentFrameworks.AsNoTracking().OrderByDescending(f => f.Version).FirstAsync(cancellationToken);
            IsSelfAssessment = Assessors.FirstOrDefault(a => a.ActorId == Input.AssessorId)?.SelfAssessment
                ?? (Input.AssessorId == 0 && Assessors[0].SelfAssessment);
        }
        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(Answers|Answers\[\d+\]\.IndicatorCode|Consultations\[\d+\]\.Group)$")]
    private static partial System.Text.RegularExpressions.Regex HiddenField();

    /// <summary>Every indicator gets a row, every group a consultation row, and each answer empty evidence rows to fill in.</summary>
    private void Pad(int spare = 0)
    {
        // The rows come from the form, so they may name an indicator twice, not at all, or one the framework lacks:
        // the framework decides the rows, and the first row posted for an indicator is the one kept.
        var answers = new Dictionary<string, AssessmentInput.AnswerRow>(StringComparer.Ordinal);
        foreach (var answer in Input.Answers.Where(a => a?.IndicatorCode is not null)) answers.TryAdd(answer.IndicatorCode, answer);
        Input.Answers = Framework.Indicators.Select(i => answers.GetValueOrDefault(i.Code) ?? new AssessmentInput.AnswerRow { IndicatorCode = i.Code }).ToList();
        foreach (var answer in Input.Answers)
        {
            var rows = Math.Max(AssessmentInput.EvidenceRows, answer.Evidence.Count(e => !e.IsEmpty) + spare);
            while (answer.Evidence.Count < rows) answer.Evidence.Add(new AssessmentInput.EvidenceRow());
        }
        Input.Consultations = Input.Consultations.Where(c => c is not null && Enum.IsDefined(c.Group)).DistinctBy(c => c.Group).ToList();
        foreach (var group in Enum.GetValues<RightsHolderGroup>().Where(g => Input.Consultations.All(c => c.Group != g)))
            Input.Consultations.Add(new AssessmentInput.ConsultationRow { Group = group });
        Input.Consultations = Input.Consultations.OrderBy(c => c.Group).ToList();
        Input.RecommendationRows = Input.RecommendationRows.Where(r => r is not null).ToList();
        var recommendations = Math.Min(Recommendation.MostPerAssessment,
            Input.RecommendationRows.Count(r => !r.IsEmpty) + Math.Max(AssessmentInput.SpareRecommendationRows, spare));
        while (Input.RecommendationRows.Count < recommendations) Input.RecommendationRows.Add(new AssessmentInput.RecommendationRow());
    }
}
