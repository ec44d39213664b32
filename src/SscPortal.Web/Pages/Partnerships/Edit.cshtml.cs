using FluentValidation;
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
using SscPortal.Web.Localization;
using SscPortal.Web.Records;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.Partnerships;

/// <summary>
/// Recording a partnership (/partnerships/new) or editing one (/partnerships/{id}/edit): only members of official
/// organisations (agencies, governments, IGOs) may; signatories and initiatives are picked from searchable lists.
/// </summary>
[Authorize]
public class EditModel(AppDbContext db, Rights rights, RecordSaver saver, SubmitOnce once, IStringLocalizer<SharedResource> L) : PageModel
{
    public const int Rows = 6;
    public const int InitiativeChoices = 500;

    [BindProperty] public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public int OwnerId { get; set; }
        public string? Title { get; set; }
        public PartnershipType Type { get; set; } = PartnershipType.MemorandumOfUnderstanding;
        public string? Scope { get; set; }
        public DateOnly? SignedOn { get; set; }
        public DateOnly? StartsOn { get; set; }
        public DateOnly? EndsOn { get; set; }
        public string? DocumentUrl { get; set; }
        /// <summary>
        /// What each picker sent: an id, filled in by the suggestion list, or a name typed without picking it. Read as
        /// text, so that one unpicked name neither stops the rows after it from being read nor is lost: it comes back as typed.
        /// </summary>
        public List<string?> Signatories { get; set; } = [];
        public List<string?> Initiatives { get; set; } = [];

        public List<int> SignatoryIds => Pickers.Ids(Signatories);
        public List<int> InitiativeIds => Pickers.Ids(Initiatives);
        public int Version { get; set; }

        /// <summary>Puts what the form says into the partnership (<see cref="Partnership.Apply"/>).</summary>
        public void ApplyTo(Partnership partnership) =>
            partnership.Apply(Title ?? "", Type, Scope, SignedOn, StartsOn, EndsOn, DocumentUrl, SignatoryIds, InitiativeIds);
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> L)
        {
            RuleFor(i => i.Title).NotEmpty().WithMessage(L["Give the partnership a title."]).MaximumLength(300).WithMessage(L["Use at most {0} characters.", 300]);
            RuleFor(i => i.Type).IsInEnum().WithMessage(L["Choose one of the listed options."]);
            RuleFor(i => i.Scope).MaximumLength(4000).WithMessage(L["Use at most {0} characters.", 4000]);
            RuleFor(i => i.DocumentUrl).MaximumLength(500).WithMessage(L["Use at most {0} characters.", 500])
                .Must(url => string.IsNullOrWhiteSpace(url) || (Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
                .WithMessage(L["Enter a full web address starting with https://"]);
            RuleFor(i => i.SignedOn).IsPlausibleDate(L);
            RuleFor(i => i.StartsOn).IsPlausibleDate(L);
            RuleFor(i => i.EndsOn).Cascade(CascadeMode.Stop).IsPlausibleDate(L).IsNotBefore(i => i.StartsOn, L);
            RuleForEach(i => i.Signatories).Must(Pickers.IsBlankOrId).WithMessage(L["Choose an organisation from the list."]);
            RuleForEach(i => i.Initiatives).Must(Pickers.IsBlankOrId).WithMessage(L["Choose an initiative from the list."]);
            RuleFor(i => i.SignatoryIds).Must(ids => ids.GroupBy(id => id).All(g => g.Count() == 1)).OverridePropertyName(nameof(InputModel.Signatories))
                .WithMessage(L["Each signatory can be listed only once."]);
            RuleFor(i => i.InitiativeIds).Must(ids => ids.GroupBy(id => id).All(g => g.Count() == 1)).OverridePropertyName(nameof(InputModel.Initiatives))
                .WithMessage(L["Each initiative can be listed only once."]);
        }
    }

    public sealed record Choice(int Id, string Name);

    public int? Id { get; private set; }
    public IReadOnlyList<Access.ActiveMembership> Organisations { get; private set; } = [];
    public IReadOnlyList<Choice> ActorChoices { get; private set; } = [];
    public IReadOnlyList<Choice> InitiativeOptions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        if (await PrepareAsync(id, cancellationToken) is { } refused) return refused;
        if (id is not null)
        {
            var p = (await saver.LoadAsync(VersionedRecords.Partnership, id.Value, cancellationToken, tracked: false))!;
            Input = new InputModel
            {
                OwnerId = p.OwnerId, Title = p.Title, Type = p.Type, Scope = p.Scope, SignedOn = p.SignedOn, StartsOn = p.StartsOn, EndsOn = p.EndsOn,
                DocumentUrl = p.DocumentUrl, Version = p.Version,
                Signatories = [.. p.Signatories.Select(s => Pickers.Text(s.ActorId))], Initiatives = [.. p.Initiatives.Select(i => Pickers.Text(i.InitiativeId))],
            };
        }
        else
        {
            Input.OwnerId = Organisations[0].ActorId;
            Input.Signatories.Add(Pickers.Text(Input.OwnerId));
        }
        Pad();
        return Page();
    }

    /// <summary>Saves the form; a new partnership's form creates one partnership however often it is sent.</summary>
    public Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken) =>
        id is null ? once.CreateAsync(() => SaveAsync(null, cancellationToken), cancellationToken) : SaveAsync(id, cancellationToken);

    private async Task<IActionResult> SaveAsync(int? id, CancellationToken cancellationToken)
    {
        if (await PrepareAsync(id, cancellationToken) is { } refused) return refused;
        if (id is null && Organisations.All(o => o.ActorId != Input.OwnerId))
        {
            await rights.RefuseAsync(AuditTargets.Organisation, Input.OwnerId, Operations.Edit);
            return Forbid();
        }
        ModelState.AddErrors(await new InputValidator(L).ValidateAsync(Input, cancellationToken));
        var signatories = Input.SignatoryIds.Distinct().ToList();
        var initiatives = Input.InitiativeIds.Distinct().ToList();
        if (await db.Actors.CountAsync(a => signatories.Contains(a.Id), cancellationToken) != signatories.Count)
            ModelState.AddModelError("Input.Signatories", L["Choose signatories from the list of organisations."]);
        var visible = await db.Initiatives.CountAsync(i => initiatives.Contains(i.Id) && (i.Publication == PublicationState.Published || i.OwnerId == Input.OwnerId), cancellationToken);
        if (visible != initiatives.Count)
            ModelState.AddModelError("Input.Initiatives", L["Choose initiatives from the list of published initiatives."]);
        if (!ModelState.IsValid)
        {
            Pad();
            return Page();
        }

        var now = saver.Now;
        var partnership = id is null
            ? new Partnership { Title = "", OwnerId = Input.OwnerId, CreatedAt = now, UpdatedAt = now }
            : (await saver.LoadAsync(VersionedRecords.Partnership, id.Value, cancellationToken))!;
        var before = id is null ? null : RecordSaver.Before(VersionedRecords.Partnership, partnership);
        Input.ApplyTo(partnership);
        var problems = partnership.Check();
        ModelState.AddViolations(problems, field => $"Input.{field}", L);
        if (problems.Count > 0)
        {
            Pad();
            return Page();
        }

        var outcome = await saver.SaveAsync(VersionedRecords.Partnership, partnership, before, Input.Version,
            id is null ? AuditEventType.PartnershipCreated : AuditEventType.PartnershipEdited, cancellationToken,
            auditDetails: partnership.Title, alsoRecord: created => { if (id is null) once.Record($"/partnerships/{created.Id}"); });
        if (outcome is EditOutcome.Conflict conflict)
        {
            Conflict = conflict.Sides;
            Input.Version = conflict.SavedVersion;
            ModelState.ShowConflict(L);
            Pad();
            return Page();
        }
        return Redirect($"/partnerships/{partnership.Id}");
    }

    /// <summary>
    /// Set when someone else saved first: their version is shown beside this person's input, which stays in the form; the form now
    /// carries the saved version number, so saving again means "keep mine" knowingly, and reloading means "keep theirs".
    /// </summary>
    public EditConflict? Conflict { get; private set; }

    /// <summary>Only official organisations record partnerships: members their drafts, admins published ones.</summary>
    private async Task<IActionResult?> PrepareAsync(int? id, CancellationToken cancellationToken)
    {
        Id = id;
        // The organisations in whose name the person may record a partnership (a new one is its owner's draft).
        Organisations = await rights.OrganisationsForAsync(owner => new PartnershipResource(owner), Operations.Edit);
        ActorChoices = await db.Actors.AsNoTracking().OrderBy(a => a.Name).Select(a => new Choice(a.Id, a.Name)).ToListAsync(cancellationToken);
        if (id is null)
        {
            if (Organisations.Count > 0) { await LoadInitiativeOptionsAsync(cancellationToken); return null; }
            await rights.RefuseAsync(AuditTargets.Partnership, "new", Operations.Edit);
            return Forbid();
        }
        var record = await db.Partnerships.AsNoTracking().Where(p => p.Id == id).Select(p => new PartnershipResource(p.OwnerId, p.Publication)).SingleOrDefaultAsync(cancellationToken);
        if (record is null)
        {
            await rights.RefuseAsync(AuditTargets.Partnership, id, Operations.See);
            return NotFound();
        }
        if (await rights.RequireAsync(record, Operations.Edit, AuditTargets.Partnership, id) is { } refused) return refused;
        Input.OwnerId = record.OwnerId;
        await LoadInitiativeOptionsAsync(cancellationToken);
        return null;
    }

    private async Task LoadInitiativeOptionsAsync(CancellationToken cancellationToken)
    {
        var owners = Organisations.Select(o => o.ActorId).ToList();
        InitiativeOptions = await db.Initiatives.AsNoTracking()
            .Where(i => i.Publication == PublicationState.Published || owners.Contains(i.OwnerId))
            .OrderByDescending(i => i.UpdatedAt).Take(InitiativeChoices)
            .Select(i => new Choice(i.Id, i.Title)).ToListAsync(cancellationToken);
    }

    private void Pad()
    {
        while (Input.Signatories.Count < Rows) Input.Signatories.Add(null);
        while (Input.Initiatives.Count < Rows) Input.Initiatives.Add(null);
    }
}
