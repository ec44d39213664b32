using FluentValidation;
using Microsoft.AspNetCore.Authorization;
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
using SscPortal.Web.Records;
using SscPortal.Web.Reference;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.GoodPractices;

/// <summary>
/// Writing a good practice (/good-practices/new) or editing one (/good-practices/{id}/edit), including one a call for good
/// practices made from a selected application: members with the right to write good practices write their organisation's
/// drafts; its admins publish them and edit published ones.
/// </summary>
[Authorize]
public abstract class GoodPracticeFormModel(AppDbContext db, Rights rights, RecordSaver saver, SubmitOnce once, ReferenceData referenceData,
    IStringLocalizer<SharedResource> L) : PageModel
{
    public const int Rows = 4;
    public const int InitiativeChoices = 500;

    [BindProperty] public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public int OwnerId { get; set; }
        public string? Title { get; set; }
        public string? Practice { get; set; }
        public string? Context { get; set; }
        public string? Results { get; set; }
        public string? Transferable { get; set; }
        public string? TransferableTo { get; set; }
        public string Language { get; set; } = "en";
        public List<ThematicArea> Themes { get; set; } = [];
        public List<string?> Countries { get; set; } = [];
        public int? InitiativeId { get; set; }
        public int Version { get; set; }

        public List<string> CountryCodes => Countries.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!.Trim().ToUpperInvariant()).ToList();

        public GoodPracticeContent Content() => new(Title ?? "", Practice ?? "", Context, Results, Transferable, TransferableTo, Language, Themes, CountryCodes, InitiativeId);

        public static InputModel From(GoodPractice practice) => new()
        {
            OwnerId = practice.OwnerId, Title = practice.Title, Practice = practice.Practice, Context = practice.Context, Results = practice.Results,
            Transferable = practice.Transferable, TransferableTo = practice.TransferableTo, Language = practice.Language, Themes = practice.Themes.ToList(),
            Countries = [.. practice.Countries], InitiativeId = practice.InitiativeId, Version = practice.Version,
        };
    }

    /// <summary>What the form checks before the record's own rules: lengths, and codes that exist in the reference lists.</summary>
    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> L, ReferenceData.Snapshot names)
        {
            var choose = L["Choose one of the listed options."].Value;
            var longText = L["Use at most {0} characters.", GoodPractice.TextLength].Value;
            RuleFor(i => i.Title).NotEmpty().WithMessage(L["Give the good practice a title."])
                .MaximumLength(GoodPractice.TitleLength).WithMessage(L["Use at most {0} characters.", GoodPractice.TitleLength]);
            RuleFor(i => i.Practice).NotEmpty().WithMessage(L["Describe the practice: what was done, and how."]).MaximumLength(GoodPractice.TextLength).WithMessage(longText);
            RuleFor(i => i.Context).MaximumLength(GoodPractice.TextLength).WithMessage(longText);
            RuleFor(i => i.Results).MaximumLength(GoodPractice.TextLength).WithMessage(longText);
            RuleFor(i => i.Transferable).MaximumLength(GoodPractice.TextLength).WithMessage(longText);
            RuleFor(i => i.TransferableTo).MaximumLength(GoodPractice.TextLength).WithMessage(longText);
            RuleFor(i => i.Language).Must(PortalLanguages.IsContentLanguage).WithMessage(choose);
            RuleForEach(i => i.Themes).IsInEnum().WithMessage(choose);
            RuleForEach(i => i.Countries).Must(code => string.IsNullOrWhiteSpace(code) || names.Countries.ContainsKey(code.Trim().ToUpperInvariant()))
                .WithMessage(L["Choose a country from the list."]);
        }
    }

    public sealed record Choice(int Id, string Name, int OwnerId);

    public int? Id { get; private set; }
    public IReadOnlyList<Access.ActiveMembership> Organisations { get; private set; } = [];
    public IReadOnlyList<Choice> InitiativeOptions { get; private set; } = [];
    public ReferenceData.Snapshot Names { get; private set; } = null!;
    public EditConflict? Conflict { get; private set; }
    /// <summary>The call a good practice was selected in, if it was (its title, for the form's heading).</summary>
    public (int Id, string Title)? FromCall { get; private set; }

    protected async Task<IActionResult> GetFormAsync(int? id, CancellationToken cancellationToken)
    {
        if (await PrepareAsync(id, cancellationToken) is { } refused) return refused;
        if (id is not null) Input = InputModel.From((await saver.LoadAsync(VersionedRecords.GoodPractice, id.Value, cancellationToken, tracked: false))!);
        else
        {
            Input.OwnerId = Organisations[0].ActorId;
            Input.Language = PortalLanguages.IsContentLanguage(PortalCultures.Current) ? PortalCultures.Current : "en";
        }
        await LoadInitiativeOptionsAsync(cancellationToken);
        Pad();
        return Page();
    }

    /// <summary>Saves the form; a new good practice's form creates one record however often it is sent.</summary>
    protected Task<IActionResult> PostFormAsync(int? id, CancellationToken cancellationToken) =>
        id is null ? once.CreateAsync(() => SaveAsync(null, cancellationToken), cancellationToken) : SaveAsync(id, cancellationToken);

    private async Task<IActionResult> SaveAsync(int? id, CancellationToken cancellationToken)
    {
        if (await PrepareAsync(id, cancellationToken) is { } refused) return refused;
        if (id is null && Organisations.All(o => o.ActorId != Input.OwnerId))
        {
            // Good practices only for one's own organisation: another's id, crafted into the form, is refused.
            await rights.RefuseAsync(AuditTargets.Organisation, Input.OwnerId, Operations.Edit);
            return Forbid();
        }
        await LoadInitiativeOptionsAsync(cancellationToken);
        ModelState.AddErrors(await new InputValidator(L, Names).ValidateAsync(Input, cancellationToken));
        if (Input.InitiativeId is { } initiative && InitiativeOptions.All(o => o.Id != initiative || o.OwnerId != Input.OwnerId))
            ModelState.AddModelError("Input.InitiativeId", L["Choose one of the organisation's published initiatives."]);
        if (!ModelState.IsValid)
        {
            Pad();
            return Page();
        }

        var now = saver.Now;
        var practice = id is null
            ? new GoodPractice { OwnerId = Input.OwnerId, CreatedAt = now, UpdatedAt = now }
            : (await saver.LoadAsync(VersionedRecords.GoodPractice, id.Value, cancellationToken))!;
        var before = id is null ? null : RecordSaver.Before(VersionedRecords.GoodPractice, practice);
        practice.Apply(Input.Content());
        var problems = practice.Check();
        if (problems.Count > 0)
        {
            foreach (var field in problems.GroupBy(p => $"Input.{p.Field}"))
                ModelState.AddModelError(field.Key, string.Join(" ", field.Select(p => GoodPracticeMessages.For(p, L)).Distinct()));
            db.ChangeTracker.Clear();
            Pad();
            return Page();
        }
        var outcome = await saver.SaveAsync(VersionedRecords.GoodPractice, practice, before, Input.Version,
            id is null ? AuditEventType.GoodPracticeCreated : AuditEventType.GoodPracticeEdited, cancellationToken,
            auditDetails: practice.Title, alsoRecord: created => { if (id is null) once.Record($"/good-practices/{created.Id}"); });
        switch (outcome)
        {
            case EditOutcome.Conflict conflict:
                Conflict = conflict.Sides;
                Input.Version = conflict.SavedVersion;
                ModelState.ShowConflict(L);
                Pad();
                return Page();
            case EditOutcome.Gone:
                return NotFound();
        }
        return Redirect($"/good-practices/{practice.Id}");
    }

    private async Task<IActionResult?> PrepareAsync(int? id, CancellationToken cancellationToken)
    {
        Id = id;
        Names = await referenceData.GetAsync(cancellationToken);
        // The organisations in whose name the person may write a good practice (a new one is its owner's draft).
        Organisations = await rights.OrganisationsForAsync(owner => new GoodPracticeResource(owner), Operations.Edit);
        if (id is null)
        {
            if (Organisations.Count > 0) return null;
            await rights.RefuseAsync(AuditTargets.GoodPractice, "new", Operations.Edit);
            return Forbid();
        }
        var record = await db.GoodPractices.AsNoTracking().Where(g => g.Id == id)
            .Select(g => new { Rights = new GoodPracticeResource(g.OwnerId, g.Publication, g.HeldByModerator), g.CallId }).SingleOrDefaultAsync(cancellationToken);
        if (record is null)
        {
            await rights.RefuseAsync(AuditTargets.GoodPractice, id, Operations.See);
            return NotFound();
        }
        if (await rights.RequireAsync(record.Rights, Operations.Edit, AuditTargets.GoodPractice, id) is { } refused) return refused;
        Input.OwnerId = record.Rights.OwnerId;
        if (record.CallId is { } callId)
            FromCall = (callId, await db.Calls.AsNoTracking().Where(c => c.Id == callId).Select(c => c.Title).SingleOrDefaultAsync(cancellationToken) ?? "");
        return null;
    }

    /// <summary>The published initiatives of the organisations the form may be for (a good practice links one of its owner's).</summary>
    private async Task LoadInitiativeOptionsAsync(CancellationToken cancellationToken)
    {
        var owners = Id is null ? Organisations.Select(o => o.ActorId).ToList() : [Input.OwnerId];
        InitiativeOptions = await db.Initiatives.AsNoTracking()
            .Where(i => i.Publication == PublicationState.Published && owners.Contains(i.OwnerId))
            .OrderBy(i => i.Title).Take(InitiativeChoices)
            .Select(i => new Choice(i.Id, i.Title, i.OwnerId)).ToListAsync(cancellationToken);
    }

    /// <summary>Empty rows to fill for countries.</summary>
    private void Pad()
    {
        while (Input.Countries.Count < Rows) Input.Countries.Add(null);
    }
}

/// <summary>Editing a good practice (/good-practices/{id}/edit).</summary>
[Authorize]
public class EditModel(AppDbContext db, Rights rights, RecordSaver saver, SubmitOnce once, ReferenceData referenceData, IStringLocalizer<SharedResource> L)
    : GoodPracticeFormModel(db, rights, saver, once, referenceData, L)
{
    public Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) => GetFormAsync(id, cancellationToken);

    public Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) => PostFormAsync(id, cancellationToken);
}
