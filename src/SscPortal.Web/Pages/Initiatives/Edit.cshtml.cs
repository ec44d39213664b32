using SscPortal.Web.Reference;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Web.Authorization;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Forms;
using SscPortal.Web.Localization;
using SscPortal.Web.Records;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.Initiatives;

/// <summary>
/// Registering a new initiative (/initiatives/new) or editing one (/initiatives/{id}/edit), as a member of the
/// owning organisation. The record is saved as it stands; publishing is a separate step for organisation admins.
/// </summary>
[Authorize]
public class EditModel(
    AppDbContext db, Rights rights, RecordSaver saver, ReferenceData referenceData, SubmitOnce once, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    public const int CountryRows = 6;

    [BindProperty] public InitiativeInput Input { get; set; } = new();

    public int? Id { get; private set; }
    public IReadOnlyList<Access.ActiveMembership> Organisations { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> ActorChoices { get; private set; } = [];
    public ReferenceData.Snapshot Names { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        if (await PrepareAsync(id, cancellationToken) is { } refused) return refused;
        if (id is not null)
        {
            var initiative = await saver.LoadAsync(VersionedRecords.Initiative, id.Value, cancellationToken, tracked: false);
            Input = InitiativeInput.From(initiative!);
        }
        else if (Organisations.Count > 0) Input.OwnerId = Organisations[0].ActorId;
        PadCountryRows();
        return Page();
    }

    /// <summary>"Add rows": shows the form again, as typed, with more empty rows in every repeating part; saves nothing.</summary>
    public async Task<IActionResult> OnPostAddRowsAsync(int? id, CancellationToken cancellationToken)
    {
        if (await PrepareAsync(id, cancellationToken) is { } refused) return refused;
        // Forget what was read, so the new rows show; keep what could not be read (an organisation typed but not picked,
        // letters in a number), so that it comes back as typed, with its message.
        ModelState.ExplainUnpicked(IsOrganisationPicker, L["Choose an organisation from the list."]);
        foreach (var key in ModelState.Where(entry => entry.Value is not { Errors.Count: > 0 }).Select(entry => entry.Key).ToList())
            ModelState.Remove(key);
        PadCountryRows(spare: 3);
        return Page();
    }

    private static bool IsOrganisationPicker(string key) =>
        (key.StartsWith("Input.Actors[", StringComparison.Ordinal) || key.StartsWith("Input.Contributions[", StringComparison.Ordinal))
        && key.EndsWith("].ActorId", StringComparison.Ordinal);

    /// <summary>Saves the form; a new record's form creates one record however often it is sent.</summary>
    public Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken) =>
        id is null ? once.CreateAsync(() => SaveAsync(null, cancellationToken), cancellationToken) : SaveAsync(id, cancellationToken);

    private async Task<IActionResult> SaveAsync(int? id, CancellationToken cancellationToken)
    {
        if (await PrepareAsync(id, cancellationToken) is { } refused) return refused;
        if (id is null && Organisations.All(o => o.ActorId != Input.OwnerId))
        {
            // A crafted owner: never trusted, always recorded.
            await rights.RefuseAsync(AuditTargets.Organisation, Input.OwnerId, Operations.Edit);
            return Forbid();
        }

        // An organisation typed but not picked from the list comes back as typed, with a message next to it.
        ModelState.ExplainUnpicked(IsOrganisationPicker, L["Choose an organisation from the list."]);
        ModelState.AddErrors(await new InitiativeInputValidator(L, Names, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)).ValidateAsync(Input, cancellationToken));
        var actorIds = Input.Actors.Select(a => a.ActorId).Concat(Input.Contributions.Select(c => c.ActorId)).OfType<int>().Distinct().ToList();
        if (await db.Actors.CountAsync(a => actorIds.Contains(a.Id), cancellationToken) != actorIds.Count)
            ModelState.AddModelError("Input.Actors", L["Choose organisations from the list."]);
        if (!ModelState.IsValid)
        {
            PadCountryRows();
            return Page();
        }

        var now = saver.Now;
        var initiative = id is null
            ? new Initiative { Title = "", Summary = "", OwnerId = Input.OwnerId, CreatedAt = now, UpdatedAt = now }
            : (await saver.LoadAsync(VersionedRecords.Initiative, id.Value, cancellationToken))!;
        var before = id is null ? null : RecordSaver.Before(VersionedRecords.Initiative, initiative);
        Input.ApplyTo(initiative);

        // The rules are checked on every save, so a draft is always one step from publishable.
        var problems = InitiativeRules.Check(initiative, DateOnly.FromDateTime(now));
        ModelState.AddViolations(problems, FieldFor, L);
        if (problems.Count > 0)
        {
            PadCountryRows();
            return Page();
        }

        var outcome = await saver.SaveAsync(VersionedRecords.Initiative, initiative, before, Input.Version,
            id is null ? AuditEventType.InitiativeCreated : AuditEventType.InitiativeEdited, cancellationToken,
            alsoRecord: created => { if (id is null) once.Record($"/initiatives/{created.Id}"); });
        if (outcome is EditOutcome.Conflict conflict)
        {
            Conflict = conflict.Sides;
            Input.Version = conflict.SavedVersion;
            ModelState.ShowConflict(L);
            PadCountryRows();
            return Page();
        }
        return Redirect($"/initiatives/{initiative.Id}");
    }

    /// <summary>
    /// Set when someone else saved while this person edited: the person's input stays in the form, the saved version is
    /// shown beside it, and the form carries the saved version number, so saving again means "keep mine" knowingly.
    /// </summary>
    public EditConflict? Conflict { get; private set; }

    /// <summary>Loads what the form needs and checks the person may use it: 404 for a record they cannot see, 403 for one they cannot edit.</summary>
    private async Task<IActionResult?> PrepareAsync(int? id, CancellationToken cancellationToken)
    {
        Id = id;
        Names = await referenceData.GetAsync(cancellationToken);
        // The organisations in whose name the person may register a record (a new record is its owner's draft).
        Organisations = await rights.OrganisationsForAsync(owner => new InitiativeResource(owner), Operations.Edit);
        ActorChoices = (await db.Actors.AsNoTracking().OrderBy(a => a.Name).Select(a => new { a.Id, a.Name }).ToListAsync(cancellationToken))
            .Select(a => (a.Id, a.Name)).ToList();
        if (id is null)
        {
            if (Organisations.Count > 0) return null;
            await rights.RefuseAsync(AuditTargets.Initiative, "new", Operations.Edit);
            return Forbid();
        }
        var record = await db.Initiatives.AsNoTracking().Where(i => i.Id == id)
            .Select(i => new InitiativeResource(i.OwnerId, i.Publication, i.HeldByModerator)).SingleOrDefaultAsync(cancellationToken);
        if (record is null)
        {
            await rights.RefuseAsync(AuditTargets.Initiative, id, Operations.See);
            return NotFound();
        }
        if (await rights.RequireAsync(record, Operations.Edit, AuditTargets.Initiative, id) is { } refused) return refused;
        Input.OwnerId = record.OwnerId;
        return null;
    }

    private static string FieldFor(string domainField) => domainField switch
    {
        nameof(Initiative.Countries) => "Input.Countries",
        nameof(Initiative.Actors) => "Input.Actors",
        nameof(Initiative.Contributions) => "Input.Contributions",
        nameof(Initiative.SdgTargets) => "Input.Targets",
        nameof(Initiative.Sdgs) => "Input.PrimaryGoal",
        _ => $"Input.{domainField}",
    };

    /// <summary>Empty rows to fill in: countries, sectors, actors, and a translation for each portal language other than the original.</summary>
    private void PadCountryRows(int spare = 0)
    {
        // Every repeating part keeps what was typed and offers empty rows beyond it (more after "Add rows").
        static int Rows(int used, int minimum, int spare) => Math.Max(minimum, used + spare);
        var countries = Rows(Input.Countries.Count(c => !string.IsNullOrWhiteSpace(c.Code)), CountryRows, spare);
        var sectors = Rows(Input.Sectors.Count(s => !string.IsNullOrWhiteSpace(s)), 3, spare);
        var targets = Rows(Input.Targets.Count(s => !string.IsNullOrWhiteSpace(s)), 3, spare);
        while (Input.Targets.Count < targets) Input.Targets.Add(null);
        var actors = Rows(Input.Actors.Count(a => a.ActorId is not null), 4, spare);
        var contributions = Rows(Input.Contributions.Count(c => !c.IsEmpty), 3, spare);
        var locations = Rows(Input.Locations.Count(l => !string.IsNullOrWhiteSpace(l.CountryCode)), 3, spare);
        var links = Rows(Input.Links.Count(l => !string.IsNullOrWhiteSpace(l.Url) || !string.IsNullOrWhiteSpace(l.Title)), 3, spare);
        var results = Rows(Input.Results.Count(r => !string.IsNullOrWhiteSpace(r.Text)), 3, spare);
        while (Input.Countries.Count < countries) Input.Countries.Add(new CountryRow());
        while (Input.Sectors.Count < sectors) Input.Sectors.Add(null);
        while (Input.Actors.Count < actors) Input.Actors.Add(new ActorRow());
        while (Input.Contributions.Count < contributions) Input.Contributions.Add(new ContributionRow());
        foreach (var group in Enum.GetValues<RightsHolderGroup>().Where(g => Input.RightsHolders.All(r => r.Group != g)))
            Input.RightsHolders.Add(new RightsHolderRow { Group = group });
        Input.RightsHolders = Input.RightsHolders.OrderBy(r => r.Group).ToList();
        while (Input.Locations.Count < locations) Input.Locations.Add(new LocationRow());
        while (Input.Links.Count < links) Input.Links.Add(new LinkRow());
        while (Input.Results.Count < results) Input.Results.Add(new ResultRow());
        foreach (var language in PortalLanguages.Content.Where(l => l != Input.Language && Input.Translations.All(t => t.Language != l)))
            Input.Translations.Add(new TranslationRow { Language = language });
        Input.Translations = Input.Translations.Where(t => t.Language != Input.Language || !t.IsEmpty)
            .OrderBy(t => PortalLanguages.Content.ToList().IndexOf(t.Language)).ToList();
    }
}
