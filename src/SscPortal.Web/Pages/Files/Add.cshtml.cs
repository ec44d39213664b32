using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Authorization;
using SscPortal.Web.Data;
using SscPortal.Web.Evidence;
using SscPortal.Web.Forms;
using SscPortal.Web.Records;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.Files;

/// <summary>
/// Adds a file to a record (an initiative, a partnership, a draft assessment's indicator or findings), or a new version of
/// one: only members of the organisation whose record it is. The file is checked from its content, images and recordings
/// lose their hidden metadata, and a document carrying its author's name waits for its uploader to decide before anyone else sees it.
/// </summary>
[Authorize]
public class AddModel(AppDbContext db, Rights rights, FileOwners owners, FileIntake intake, History history, AuditLog audit, SubmitOnce once,
    OfficialParties officialParties, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty(SupportsGet = true)] public string? Section { get; set; }
    [BindProperty(SupportsGet = true)] public int? Replaces { get; set; }

    [BindProperty] public string? Description { get; set; }
    [BindProperty] public EvidenceVisibility Visibility { get; set; } = EvidenceVisibility.Public;
    [BindProperty] public List<int> Parties { get; set; } = [];
    [BindProperty] public IFormFile? Upload { get; set; }

    public FileOwner? Owner { get; private set; }
    public FileItem? Replaced { get; private set; }
    public IReadOnlyList<(int Id, string Name)> OfficialParties { get; private set; } = [];
    public long MaxBytes => intake.MaxBytes;
    public int MaxMegabytes => intake.MaxMegabytes;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refused) return refused;
        if (Replaced is not null) (Description, Visibility, Parties) = (Replaced.Description, Replaced.Visibility, Replaced.Parties.ToList());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refused) return refused;
        return await once.CreateAsync(() => AddAsync(cancellationToken), cancellationToken);
    }

    private async Task<IActionResult> AddAsync(CancellationToken cancellationToken)
    {
        var owner = Owner!;
        Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim();
        if (Description?.Length > EvidenceFile.DescriptionLength)
            ModelState.AddModelError(nameof(Description), L["Keep the description to {0} characters.", EvidenceFile.DescriptionLength]);
        if (!Enum.IsDefined(Visibility) || !EvidenceFile.Allows(owner.Kind, Visibility))
            ModelState.AddModelError(nameof(Visibility), L["Choose who may read the file."]);
        Parties = Parties.Distinct().ToList();
        if (Visibility == EvidenceVisibility.Parties && Parties.Count == 0)
            ModelState.AddModelError(nameof(Parties), L["Choose the parties it is shared with."]);
        if (Parties.Any(p => OfficialParties.All(o => o.Id != p)))
            ModelState.AddModelError(nameof(Parties), L["Only the initiative's official parties can be chosen."]);
        if (Visibility != EvidenceVisibility.Parties) Parties = [];
        if (!ModelState.IsValid) return Page();

        var (prepared, problem) = await intake.PrepareAsync(Upload, cancellationToken);
        if (prepared is null)
        {
            ModelState.AddModelError(nameof(Upload), problem == "TooLarge" ? L["The file is larger than {0} MB: nothing was saved. Add a smaller file, or split it.", MaxMegabytes] : L[problem!]);
            return Page();
        }
        using (prepared)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var key = await intake.StoreAsync(prepared, cancellationToken);
            try
            {
                var file = new EvidenceFile
                {
                    OwnerKind = owner.Kind, OwnerId = owner.Id, OrganisationId = owner.OrganisationId, Section = owner.HasSections ? Section : null,
                    FileName = EvidenceFile.SafeName(Upload!.FileName, prepared.Type.Extension), Description = Description,
                    ContentType = prepared.Type.ContentType, Size = prepared.Size, Sha256 = prepared.Sha256, StorageKey = key,
                    UploadedByUserId = User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, UploadedAt = now,
                    Visibility = Visibility,
                    State = prepared.AuthorMetadata.Count > 0 ? FileState.AwaitingReview : FileState.Published,
                    FoundMetadata = prepared.AuthorMetadata.Count > 0 ? Truncate(string.Join('\n', prepared.AuthorMetadata.Select(m => $"{m.Field}: {m.Value}")), 4000) : null,
                    RemovedMetadata = prepared.Removed.Count > 0 ? Truncate(string.Join("; ", prepared.Removed), 1000) : null,
                };
                file.Parties.AddRange(Parties.Select(p => new EvidenceFileParty { PartyId = p }));
                if (Replaced is not null)
                    (file.SeriesId, file.VersionNumber) = (Replaced.Series, Replaced.VersionNumber + 1);
                db.EvidenceFiles.Add(file);
                var saved = await history.SaveWithHistoryAsync(async () =>
                {
                    if (Replaced is not null && file.State == FileState.Published)
                        await SupersedeAsync(Replaced.Id, file.Id, cancellationToken);
                    audit.Add(AuditEventType.FileAdded, AuditTargets.File, file.Id, AuditDetails.FileAdded(file.VersionNumber, file.Sha256));
                    if (file.State == FileState.Published)
                        await history.AddAsync(HistoryTypeOf(owner.Kind), owner.AssessmentId ?? owner.Id, owner.OrganisationId, ChangeKind.FileAdded,
                            [new("Files", Replaced is null ? null : FileLists.HistoryName(Replaced.Id, Replaced.FileName, Replaced.VersionNumber, Replaced.Visibility),
                                FileLists.HistoryName(file.Id, file.FileName, file.VersionNumber, file.Visibility))]);
                    once.Record($"/files/{file.Id}");
                }, cancellationToken);
                if (!saved) throw new DbUpdateConcurrencyException("The replaced version was replaced meanwhile.");
                if (file.State == FileState.AwaitingReview)
                {
                    TempData[PageMessages.Message] = L["The file was received. It carries the names below: decide whether to remove them before anyone else can see it."].Value;
                    return Redirect($"/files/{file.Id}");
                }
                TempData[PageMessages.Message] = file.RemovedMetadata is null
                    ? L["The file was added."].Value
                    : L["The file was added. Hidden metadata (such as a camera's GPS position) was removed from it: {0}.", file.RemovedMetadata].Value;
                return Redirect(owner.Path + (file.Section is null ? "#files" : "#indicator-" + file.Section));
            }
            catch (Exception e) when (e is not DbUpdateException)
            {
                await intake.ForgetAsync(key);
                throw;
            }
            catch (DbUpdateException e)
            {
                await intake.ForgetAsync(key);
                if (Replaced is not null && (e is DbUpdateConcurrencyException || DatabaseErrors.IsUniqueViolation(e)))
                {
                    db.ChangeTracker.Clear();
                    TempData[PageMessages.Problem] = L["Someone added a new version of this file meanwhile: look at it before adding yours."].Value;
                    return Redirect($"/files/{Replaced.Id}");
                }
                throw;
            }
        }
    }

    /// <summary>Marks the replaced version superseded, only if it still is the current one (two replacements at once make one).</summary>
    private async Task SupersedeAsync(int replacedId, int newId, CancellationToken cancellationToken)
    {
        var changed = await db.EvidenceFiles.Where(f => f.Id == replacedId && f.SupersededById == null)
            .ExecuteUpdateAsync(u => u.SetProperty(f => f.SupersededById, newId), cancellationToken);
        if (changed == 0) throw new DbUpdateConcurrencyException("The replaced version was replaced meanwhile.");
    }

    public static RecordType HistoryTypeOf(FileOwnerKind kind) => kind switch
    {
        FileOwnerKind.Initiative => RecordType.Initiative,
        FileOwnerKind.Partnership => RecordType.Partnership,
        FileOwnerKind.Call => RecordType.Call,
        FileOwnerKind.CallApplication => RecordType.CallApplication,
        FileOwnerKind.Event => RecordType.Event,
        _ => RecordType.Assessment,
    };

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    /// <summary>Finds the record (or the version replaced) and checks that the reader may add files to it; 404 for what they may not see.</summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        if (Replaces is { } replaces)
        {
            Replaced = await FileLists.Items(db.EvidenceFiles.AsNoTracking().Where(f => f.Id == replaces)).SingleOrDefaultAsync(cancellationToken);
            if (Replaced is null || Replaced.OwnerKind == FileOwnerKind.Testimony) return NotFound();
            (To, Id, Section) = (Replaced.OwnerKind.ToString(), Replaced.OwnerId, Replaced.Section);
        }
        if (!FileOwners.TryParse(To, out var kind)) return NotFound();
        Owner = await owners.FindAsync(kind, Id, cancellationToken);
        if (Owner is null) return NotFound();
        // A version the reader may not read or replace answers as a guessed id would: nothing tells them it exists.
        if (Replaced is not null && (!await rights.MayAsync(Owner.Resource, Operations.See) || !await rights.MayAsync(Replaced.Resource(Owner.AssessmentId), Operations.See)
                || !await rights.MayAsync(Replaced.Resource(Owner.AssessmentId), Operations.ManageEvidence)))
        {
            await rights.RefuseAsync(AuditTargets.File, Replaced.Id, Operations.ManageEvidence);
            return NotFound();
        }
        if (await rights.RequireAsync(Owner.Resource, Operations.Edit, AuditTargets.File, Replaces ?? Id) is { } refused) return refused;
        if (await rights.RequireAsync(new EvidenceResource(Owner.OrganisationId), Operations.AddEvidence, AuditTargets.File, Replaces ?? Id) is { } cannot) return cannot;
        if (Replaced is not null)
        {
            if (Replaced.SupersededById is not null || Replaced.AwaitingReview || Replaced.Hidden)
            {
                TempData[PageMessages.Problem] = L["Only the current, published version of a file can be replaced."].Value;
                return Redirect($"/files/{Replaced.Id}");
            }
        }
        if (Owner.HasSections && (Section is null || !Owner.Sections!.Contains(Section))) return NotFound();
        if (!Owner.HasSections) Section = null;
        if (Owner.Kind == FileOwnerKind.Assessment && Owner.InitiativeId is { } initiative)
            OfficialParties = (await officialParties.OfInitiativeAsync(initiative, cancellationToken)).Where(p => p.Id != Owner.OrganisationId).ToList();
        return null;
    }
}
