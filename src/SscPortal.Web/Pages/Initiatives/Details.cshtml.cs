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
using SscPortal.Web.Evidence;

namespace SscPortal.Web.Pages.Initiatives;

/// <summary>
/// One initiative: who takes part, where, in which role, towards which goals. The public sees published records;
/// the owning organisation also sees its drafts, and its admins (or a moderator) publish and unpublish from here.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = AnonymousPageCache.PolicyName)]
[PreparedStatements]
public class DetailsModel(
    AppDbContext db, ReferenceData referenceData, Rights rights, History history, RecordSaver saver, LocationsForReader locations,
    Quality.QualityReports quality, Evidence.FileLists files, RecordPageCache recordPages, IStringLocalizer<SharedResource> L) : PageModel
{
    public sealed record ActorTakingPart(int Id, string Name, string? Acronym, ActorType Type, ActorRole Role);
    public sealed record GoalLink(int Code, bool IsPrimary);
    public sealed record Contribution(int ActorId, string ActorName, ContributionKind Kind, decimal? Amount, string? Currency, string? Description);

    /// <summary>The repeating parts of a record, read in one go after the main view.</summary>
    public sealed record Parts(
        IReadOnlyList<Contribution> Contributions, IReadOnlyList<InitiativeRightsHolder> RightsHolders,
        IReadOnlyList<InitiativeLocation> Locations, IReadOnlyList<InitiativeLink> Links, IReadOnlyList<InitiativeResult> Results,
        string? Objectives, string? Contact, IReadOnlyList<ThematicArea> ThematicAreas, IReadOnlyList<string> Targets, SettingSensitivity Sensitivity);

    public Parts Details { get; private set; } = null!;

    /// <summary>Whether the initiative works in a sensitive setting, and whether this reader sees its locations as recorded all the same.</summary>
    public LocationsForReader.Shown Locations { get; private set; } = null!;

    public sealed record View(
        int Id, string Title, string Summary, string? Description, string Language,
        Modality Modality, Instrument Instrument, ActivityStatus Status,
        DateOnly? ApprovalDate, DateOnly? PlannedStart, DateOnly? PlannedEnd, DateOnly? ActualStart, DateOnly? ActualEnd,
        PublicationState Publication, DateTime? PublishedAt, string? UnpublishedReason, bool HeldByModerator, DateTime UpdatedAt, int Version, int OwnerId, string OwnerName, ActorType OwnerType,
        IReadOnlyList<CountryWithRole> Countries, IReadOnlyList<ActorTakingPart> Actors,
        IReadOnlyList<GoalLink> Goals, IReadOnlyList<string> Sectors, IReadOnlyList<TextInLanguage> Translations)
    {
        /// <summary>The reader's language, when the record has it (a list of at most one, read with a plain join).</summary>
        public TextInLanguage? Translation => Translations.Count > 0 ? Translations[0] : null;

        /// <summary>The title and summary in the reader's language when translated, in the original otherwise.</summary>
        public TextInLanguage Shown => Translation ?? new TextInLanguage(Language, Title, Summary);
    }

    public View Initiative { get; private set; } = null!;
    public IReadOnlyList<(int Id, string Title)> Partnerships { get; private set; } = [];
    /// <summary>The published offers and needs whose agreed conversation started this initiative (Pages/Conversations).</summary>
    public IReadOnlyList<(int Id, string Title, ListingKind Kind)> StartedFrom { get; private set; } = [];

    /// <summary>An assessment shown beside the others; its own organisation also sees its drafts here.</summary>
    public sealed record AssessmentColumn(int Id, AssessmentPerspective Perspective, int AssessorId, string AssessorName, PublicationState Publication, int Responses)
    {
        public IReadOnlyList<AssessmentScore> Scores { get; init; } = [];
    }

    public IReadOnlyList<string> Principles { get; private set; } = [];
    public IReadOnlyList<AssessmentColumn> Assessments { get; private set; } = [];
    public IReadOnlyList<FrameworkDimension> Dimensions { get; private set; } = [];
    public bool CanAssess { get; private set; }
    public ReferenceData.Snapshot Names { get; private set; } = null!;
    public bool CanEdit { get; private set; }
    public bool CanPublish { get; private set; }
    public bool CanUnpublish { get; private set; }
    public bool IsModeratorAction { get; private set; }
    public bool CanRelease { get; private set; }

    /// <summary>The data-quality findings, for those who can edit or publish the record (critical ones stop publication).</summary>
    public IReadOnlyList<QualityFinding> Quality { get; private set; } = [];

    [BindProperty] public string? Reason { get; set; }

    /// <summary>The version the publish and unpublish forms were rendered with: the change is made only to what the person saw.</summary>
    [BindProperty(Name = "Version")] public int? SeenVersion { get; set; }

    /// <summary>The record's own row with its owner: enough to decide whether this reader may see it.</summary>
    public sealed record MainRow(
        int Id, string Title, string Summary, string? Description, string Language, Modality Modality, Instrument Instrument, ActivityStatus Status,
        DateOnly? ApprovalDate, DateOnly? PlannedStart, DateOnly? PlannedEnd, DateOnly? ActualStart, DateOnly? ActualEnd,
        PublicationState Publication, DateTime? PublishedAt, string? UnpublishedReason, bool HeldByModerator, DateTime UpdatedAt, int Version, int OwnerId,
        string OwnerName, ActorType OwnerType, string? Objectives, string? Contact, List<ThematicArea> ThematicAreas, SettingSensitivity Sensitivity);

    /// <summary>
    /// What the page reads of a record: the row, the assessments any reader may be shown (filtered per reader), every repeating
    /// part and the framework beside them.
    /// <see cref="Parts"/> is null when only the row was read (a record not published, when only a published one was wanted).
    /// </summary>
    public sealed record Loaded(MainRow Main, IReadOnlyList<AssessmentColumn> Columns, InitiativeParts? Parts, IReadOnlyList<FrameworkDimension> Dimensions);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var language = PortalCultures.Current;
        // A published record is kept as read until the content changes (Caching/RecordPageCache.cs), for every reader; a record
        // not published is read afresh for the reader who may see it.
        var loaded = await recordPages.GetAsync($"initiative|{id}|{language}", () => ReadAsync(id, language, publishedOnly: true, cancellationToken),
            keep: l => l.Parts is not null);
        // Drafts and unpublished records exist only for the owning organisation's members.
        if (loaded is null) return NotFound();
        var main = loaded.Main;
        var record = new InitiativeResource(main.OwnerId, main.Publication, main.HeldByModerator);
        if (!await rights.MayAsync(record, Operations.See)) return NotFound();
        if (loaded.Parts is null) loaded = await ReadAsync(id, language, publishedOnly: false, cancellationToken);
        if (loaded?.Parts is not { } parts) return NotFound();
        main = loaded.Main;
        record = new InitiativeResource(main.OwnerId, main.Publication, main.HeldByModerator);
        if (!await rights.MayAsync(record, Operations.See)) return NotFound();
        // The current published assessments, and the drafts of the reader's own organisations (none for the public).
        var mine = (await rights.OrganisationsForAsync(assessor => new AssessmentResource(assessor, id), Operations.See)).Select(m => m.ActorId).ToList();
        var columns = loaded.Columns.Where(c => c.Publication == PublicationState.Published || mine.Contains(c.AssessorId)).ToList();
        Names = await referenceData.GetAsync(cancellationToken);

        Initiative = new View(
            main.Id, main.Title, main.Summary, main.Description, main.Language, main.Modality, main.Instrument, main.Status,
            main.ApprovalDate, main.PlannedStart, main.PlannedEnd, main.ActualStart, main.ActualEnd,
            main.Publication, main.PublishedAt, main.UnpublishedReason, main.HeldByModerator, main.UpdatedAt, main.Version, main.OwnerId, main.OwnerName, main.OwnerType,
            parts.Countries, parts.Actors.Select(a => new ActorTakingPart(a.Id, a.Name, a.Acronym, a.Type, a.Role)).ToList(),
            parts.Goals.Select(g => new GoalLink(g.Code, g.IsPrimary)).ToList(), parts.Sectors, parts.Translations);
        var recorded = parts.Locations;
        // The locations this reader may see: precise for the owner's editors, at region level at most for everyone else when sensitive.
        Locations = await locations.ForAsync(record, main.Sensitivity, main.ThematicAreas, recorded);
        Details = new Parts(
            parts.Contributions.Select(c => new Contribution(c.ActorId, c.ActorName, c.Kind, c.Amount, c.Currency, c.Description)).ToList(),
            parts.RightsHolders, Locations.Locations, parts.Links, parts.Results,
            main.Objectives, main.Contact, main.ThematicAreas, parts.Targets, main.Sensitivity);
        Partnerships = parts.Partnerships;
        StartedFrom = parts.Origins;
        var order = Names.Principles.Select((p, index) => (p.Code, index)).ToDictionary(p => p.Code, p => p.index);
        Principles = parts.Principles.OrderBy(code => order.GetValueOrDefault(code, int.MaxValue)).ToList();
        var scores = parts.Scores;
        Assessments = columns.Select(c => c with { Scores = scores[c.Id].ToList() }).ToList();
        // The dimensions are shown only beside assessments.
        Dimensions = Assessments.Count > 0 ? loaded.Dimensions : [];
        CanAssess = main.Publication == PublicationState.Published && (await rights.OrganisationsForAsync(assessor => new AssessmentResource(assessor, id), Operations.Edit)).Count > 0;

        CanEdit = await rights.MayAsync(record, Operations.Edit);
        var ownerAdmin = await rights.MayAsync(record, Operations.Publish);
        CanPublish = ownerAdmin && main.Publication != PublicationState.Published;
        IsModeratorAction = !ownerAdmin && await rights.MayAsync(record, Operations.Unpublish);
        CanUnpublish = main.Publication == PublicationState.Published && (ownerAdmin || IsModeratorAction);
        CanRelease = main.HeldByModerator && await rights.MayAsync(record, Operations.Release);
        CanPublish = CanPublish && !main.HeldByModerator;
        if (CanEdit || CanPublish)
            await foreach (var checkedRecord in quality.ScanAsync(db.Initiatives.Where(i => i.Id == id), cancellationToken))
                Quality = checkedRecord.Findings;
        // The files section reads the files alone: the record's owner is known already.
        files.Know(new FileOwner(FileOwnerKind.Initiative, id, record, main.OwnerId, main.Title, $"/initiatives/{id}", InitiativeId: id));
        return Page();
    }

    /// <summary>
    /// Reads the record: 1. its row and owner; 2. the assessments any reader may be shown (the current published ones, and
    /// every organisation's drafts, which the page shows to that organisation's members only); 3. every repeating part
    /// (countries, organisations, goals, contributions, locations, partnerships, those assessments' scores…) in one statement,
    /// whatever their number; 4. the framework, only beside assessments (most records have none). With
    /// <paramref name="publishedOnly"/>, a record not published stops after its row. Null when there is no such record.
    /// </summary>
    private async Task<Loaded?> ReadAsync(int id, string language, bool publishedOnly, CancellationToken cancellationToken)
    {
        var main = await db.Initiatives.AsNoTracking()
            .Where(i => i.Id == id)
            .Select(i => new MainRow(
                i.Id, i.Title, i.Summary, i.Description, i.Language, i.Modality, i.Instrument, i.Status,
                i.ApprovalDate, i.PlannedStart, i.PlannedEnd, i.ActualStart, i.ActualEnd,
                i.Publication, i.PublishedAt, i.UnpublishedReason, i.HeldByModerator, i.UpdatedAt, i.Version, i.OwnerId,
                i.Owner!.Name, i.Owner.Type, i.Objectives, i.Contact, i.ThematicAreas, i.Sensitivity))
            .SingleOrDefaultAsync(cancellationToken);
        if (main is null) return null;
        if (publishedOnly && main.Publication != PublicationState.Published) return new Loaded(main, [], null, []);
        var shown = db.Assessments.AsNoTracking()
            .Where(a => a.InitiativeId == id && ((a.Publication == PublicationState.Published && a.SupersededById == null)
                || a.Publication == PublicationState.Draft));
        var columns = await shown.OrderBy(a => a.Perspective).ThenBy(a => a.PublishedAt)
            .Select(a => new AssessmentColumn(a.Id, a.Perspective, a.AssessorId, a.Assessor!.Name, a.Publication, db.AssessmentResponses.Count(r => r.AssessmentId == a.Id)))
            .ToListAsync(cancellationToken);
        var parts = new InitiativeParts(await InitiativePartRows.ReadAsync(db, [id],
            new InitiativePartRows.Wanted(language, PageParts: true, Assessments: columns.Count == 0 ? null : shown), cancellationToken));
        var dimensions = columns.Count == 0 ? []
            : (await db.AssessmentFrameworks.AsNoTracking().OrderByDescending(f => f.Version).FirstAsync(cancellationToken)).Dimensions;
        return new Loaded(main, columns, parts, dimensions);
    }

    private static InitiativeResource RightsOf(Initiative initiative) => new(initiative.OwnerId, initiative.Publication, initiative.HeldByModerator);

    /// <summary>The owner's organisation admins make a complete record public.</summary>
    public Task<IActionResult> OnPostPublishAsync(int id, CancellationToken cancellationToken) =>
        history.TransitionAsync(() => PublishAsync(id, cancellationToken), () => Overtaken(id));

    /// <summary>One attempt at publishing; null when another request changed the record first (nothing saved).</summary>
    private async Task<IActionResult?> PublishAsync(int id, CancellationToken cancellationToken)
    {
        var initiative = await LoadForChangeAsync(id, cancellationToken);
        if (initiative is null) return await HiddenAsync(id);
        if (!await rights.MayAsync(RightsOf(initiative), Operations.Publish))
            return await RefuseAsync(id, Operations.Publish);
        var outcome = await saver.ChangeAsync(VersionedRecords.Initiative, initiative, SeenVersion, record =>
        {
            var previous = record.Publication;
            record.Publish(saver.Now);
            return new StateChange(AuditEventType.InitiativePublished, ChangeKind.Published, [new(nameof(Initiative.Publication), previous.ToString(), record.Publication.ToString())]);
        }, cancellationToken);
        return this.Answer(outcome, id, e => RuleMessages.For(e.Code, L), L["This draft changed since you opened it: review it, then publish."]);
    }

    /// <summary>The owner's organisation admins, or a moderator, withdraw a published record, always saying why.</summary>
    public Task<IActionResult> OnPostUnpublishAsync(int id, CancellationToken cancellationToken) =>
        history.TransitionAsync(() => UnpublishAsync(id, cancellationToken), () => Overtaken(id));

    private async Task<IActionResult?> UnpublishAsync(int id, CancellationToken cancellationToken)
    {
        var initiative = await LoadForChangeAsync(id, cancellationToken);
        if (initiative is null) return await HiddenAsync(id);
        // The owner's admins unpublish as its owner; anyone else allowed to, as a moderator (whose hold only they lift).
        var asOwner = await rights.MayAsync(RightsOf(initiative), Operations.Publish);
        if (!await rights.MayAsync(RightsOf(initiative), Operations.Unpublish))
            return await RefuseAsync(id, Operations.Unpublish);
        var outcome = await saver.ChangeAsync(VersionedRecords.Initiative, initiative, SeenVersion, record =>
        {
            record.Unpublish(Reason, byModerator: !asOwner);
            return new StateChange(AuditEventType.InitiativeUnpublished, ChangeKind.Unpublished,
                [new(nameof(Initiative.Publication), nameof(PublicationState.Published), nameof(PublicationState.Unpublished)), new(nameof(Initiative.UnpublishedReason), null, record.UnpublishedReason)],
                AuditDetails.Unpublished(byModerator: !asOwner, record.UnpublishedReason!), AsModerator: !asOwner);
        }, cancellationToken);
        return this.Answer(outcome, id, e => RuleMessages.For(e.Code, L), L["This record changed since you opened it: review it, then unpublish it."]);
    }

    /// <summary>A moderator lifts the hold on a record they (or another moderator) unpublished, so its owners may publish it again.</summary>
    public Task<IActionResult> OnPostReleaseAsync(int id, CancellationToken cancellationToken) =>
        history.TransitionAsync(() => ReleaseAsync(id, cancellationToken), () => Overtaken(id));

    private async Task<IActionResult?> ReleaseAsync(int id, CancellationToken cancellationToken)
    {
        var initiative = await LoadForChangeAsync(id, cancellationToken);
        if (initiative is null) return await HiddenAsync(id);
        if (!await rights.MayAsync(RightsOf(initiative), Operations.Release))
            return await RefuseAsync(id, Operations.Release);
        // Lifting a hold changes nothing the public reads: it is not tied to the version the moderator saw.
        var outcome = await saver.ChangeAsync(VersionedRecords.Initiative, initiative, seenVersion: null, record =>
        {
            record.ReleaseModeratorHold();
            return new StateChange(AuditEventType.ModeratorHoldReleased, ChangeKind.HoldReleased, [new(nameof(Initiative.HeldByModerator), "True", "False")], AsModerator: true);
        }, cancellationToken, versionSeen: false);
        return this.Answer(outcome, id, e => RuleMessages.For(e.Code, L), L["Someone else changed this record a moment ago, so nothing was changed: check it and try again."]);
    }

    /// <summary>Owners may delete a draft that was never published; a published record stays, and so does the deletion in its history.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(int id, bool confirm, CancellationToken cancellationToken)
    {
        var initiative = await LoadForChangeAsync(id, cancellationToken);
        if (initiative is null) return await HiddenAsync(id);
        if (!await rights.MayAsync(RightsOf(initiative), Operations.Delete))
            return await RefuseAsync(id, Operations.Delete);
        if (!confirm)
        {
            TempData[PageMessages.Problem] = L["Nothing was deleted: tick the box to confirm that the draft should go."].Value;
            return RedirectToPage(new { id });
        }
        if (initiative.Publication != PublicationState.Draft)
        {
            TempData[PageMessages.Problem] = L["A record that has been published cannot be deleted; it can be unpublished, with a reason."].Value;
            return RedirectToPage(new { id });
        }
        var outcome = await saver.DeleteAsync(VersionedRecords.Initiative, initiative, AuditEventType.InitiativeDeleted,
            [new(nameof(Initiative.Title), initiative.Title, null)], cancellationToken, auditDetails: initiative.Title);
        if (outcome == DeleteOutcome.Changed) return Overtaken(id);
        TempData[PageMessages.Message] = outcome == DeleteOutcome.Deleted ? L["The draft “{0}” was deleted.", initiative.Title].Value : L["The draft “{0}” was already deleted.", initiative.Title].Value;
        return Redirect("/my");
    }

    /// <summary>Another request changed the record twice while this one tried: nothing was changed; the page shows how it stands.</summary>
    private RedirectToPageResult Overtaken(int id)
    {
        TempData[PageMessages.Problem] = L["Someone else changed this record a moment ago, so nothing was changed: check it and try again."].Value;
        return RedirectToPage(new { id });
    }

    private async Task<Initiative?> LoadForChangeAsync(int id, CancellationToken cancellationToken)
    {
        // Whole: publishing checks every rule, and the history compares every field.
        var initiative = await saver.LoadAsync(VersionedRecords.Initiative, id, cancellationToken);
        // A record the person cannot see does not exist for them, whatever they post.
        return initiative is not null && await rights.MayAsync(RightsOf(initiative), Operations.See) ? initiative : null;
    }

    /// <summary>A record that does not exist, or that the person may not see: 404, and the attempt is recorded.</summary>
    private async Task<IActionResult> HiddenAsync(int id)
    {
        await rights.RefuseAsync(AuditTargets.Initiative, id, Operations.See);
        return NotFound();
    }

    private async Task<IActionResult> RefuseAsync(int id, OperationAuthorizationRequirement operation)
    {
        await rights.RefuseAsync(AuditTargets.Initiative, id, operation);
        return Forbid();
    }
}
