using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Authorization;
using SscPortal.Web.Data;
using SscPortal.Web.Evidence;
using SscPortal.Web.Evidence.Inspection;
using SscPortal.Web.Forms;
using SscPortal.Web.Records;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.Testimonies;

/// <summary>
/// The assessor records a testimony in a draft assessment: the words (or a recording and its transcript), how its giver wished
/// to be named, how they consented, to which uses and until when. Only the assessor's members, while the assessment is a draft.
/// </summary>
[Authorize]
public class NewModel(AppDbContext db, Rights rights, FileOwners owners, FileIntake intake, History history, AuditLog audit, SubmitOnce once,
    TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Indicator { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public IFormFile? Recording { get; set; }
    [BindProperty] public TestimonyAttribution Attribution { get; set; } = TestimonyAttribution.Anonymous;
    [BindProperty] public string? AttributedTo { get; set; }
    [BindProperty] public ConsentMethod? ConsentMethod { get; set; }
    [BindProperty] public DateOnly? ConsentGivenOn { get; set; }
    [BindProperty] public DateOnly? ConsentUntil { get; set; }
    [BindProperty] public bool MayQuote { get; set; }
    [BindProperty] public bool MayShowPublicly { get; set; }
    [BindProperty] public bool MayShareWithParties { get; set; }
    [BindProperty] public string? ConsentNote { get; set; }

    public FileOwner Owner { get; private set; } = null!;
    public int MaxMegabytes => intake.MaxMegabytes;

    public async Task<IActionResult> OnGetAsync(int assessmentId, CancellationToken cancellationToken) =>
        await LoadAsync(assessmentId, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(int assessmentId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(assessmentId, cancellationToken) is { } refused) return refused;
        return await once.CreateAsync(() => RecordAsync(cancellationToken), cancellationToken);
    }

    private async Task<IActionResult> RecordAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var testimony = new Testimony
        {
            AssessmentId = Owner.AssessmentId!.Value, IndicatorCode = Indicator, Text = Text, Attribution = Attribution, AttributedTo = AttributedTo,
            ConsentMethod = ConsentMethod ?? 0, ConsentGivenOn = ConsentGivenOn ?? default, ConsentUntil = ConsentUntil,
            MayQuote = MayQuote, MayShowPublicly = MayShowPublicly, MayShareWithParties = MayShareWithParties, ConsentNote = ConsentNote,
            CreatedAt = now, CreatedByUserId = User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value,
        };
        if (!Enum.IsDefined(Attribution)) ModelState.AddModelError(nameof(Attribution), L["Choose how its giver wished to be named."]);
        if (ConsentGivenOn is null) ModelState.AddModelError(nameof(ConsentGivenOn), L["Enter the date consent was given."]);
        try
        {
            testimony.Check(DateOnly.FromDateTime(now));
        }
        catch (RuleViolationException e)
        {
            ModelState.AddViolations(e.Violations.Where(v => v.Field != nameof(Testimony.ConsentGivenOn) || ConsentGivenOn is not null), field => field, L);
        }
        PreparedFile? audio = null;
        if (Recording is { Length: > 0 } && ModelState.IsValid)
        {
            var (prepared, problem) = await intake.PrepareAsync(Recording, cancellationToken);
            if (prepared is null) ModelState.AddModelError(nameof(Recording), problem == "TooLarge" ? L["The file is larger than {0} MB: nothing was saved. Add a smaller file, or split it.", MaxMegabytes] : L[problem!]);
            else if (prepared.Type.Family != FileFamily.Audio)
            {
                prepared.Dispose();
                ModelState.AddModelError(nameof(Recording), L["A recording is an audio file (MP3, M4A, Ogg, WAV or FLAC)."]);
            }
            else audio = prepared;
        }
        if (!ModelState.IsValid) return Page();

        string? key = null;
        try
        {
            if (audio is not null) key = await intake.StoreAsync(audio, cancellationToken);
            db.Testimonies.Add(testimony);
            var saved = await history.SaveWithHistoryAsync(async () =>
            {
                if (audio is not null)
                {
                    var file = new EvidenceFile
                    {
                        OwnerKind = FileOwnerKind.Testimony, OwnerId = testimony.Id, OrganisationId = Owner.OrganisationId,
                        FileName = EvidenceFile.SafeName(Recording!.FileName, audio.Type.Extension), ContentType = audio.Type.ContentType,
                        Size = audio.Size, Sha256 = audio.Sha256, StorageKey = key!, UploadedByUserId = testimony.CreatedByUserId, UploadedAt = now,
                        Visibility = EvidenceVisibility.Organisation, RemovedMetadata = audio.Removed.Count > 0 ? string.Join("; ", audio.Removed) : null,
                    };
                    db.EvidenceFiles.Add(file);
                    await db.SaveChangesAsync(cancellationToken);
                    testimony.AudioFileId = file.Id;
                }
                audit.Add(AuditEventType.TestimonyRecorded, AuditTargets.Testimony, testimony.Id, AuditDetails.TestimonyRecorded(testimony.AssessmentId));
                // The history says a testimony was recorded, never its words nor its giver: those go when consent does.
                await history.AddAsync(RecordType.Assessment, testimony.AssessmentId, Owner.OrganisationId, ChangeKind.TestimonyRecorded,
                    [new("Testimonies", null, $"#{testimony.Id}")]);
                once.Record($"{Owner.Path}#testimony-{testimony.Id}");
            }, cancellationToken);
            if (!saved) throw new DbUpdateConcurrencyException();
        }
        catch (Exception) when (key is not null)
        {
            await intake.ForgetAsync(key);
            throw;
        }
        finally
        {
            audio?.Dispose();
        }
        TempData[PageMessages.Message] = L["The testimony was recorded; it is shown only as its giver consented."].Value;
        return Redirect($"{Owner.Path}#testimony-{testimony.Id}");
    }

    private async Task<IActionResult?> LoadAsync(int assessmentId, CancellationToken cancellationToken)
    {
        if (await owners.FindAsync(FileOwnerKind.Assessment, assessmentId, cancellationToken) is not { } owner) return NotFound();
        Owner = owner;
        if (await rights.RequireAsync(owner.Resource, Operations.Edit, AuditTargets.Assessment, assessmentId) is { } refused) return refused;
        if (await rights.RequireAsync(new EvidenceResource(owner.OrganisationId), Operations.AddEvidence, AuditTargets.Assessment, assessmentId) is { } cannot) return cannot;
        if (Indicator is not null && !owner.Sections!.Contains(Indicator)) return NotFound();
        if (Indicator == EvidenceFile.FindingsSection) Indicator = null;
        return null;
    }
}
