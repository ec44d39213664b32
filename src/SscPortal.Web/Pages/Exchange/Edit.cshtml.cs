using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Authorization;
using SscPortal.Web.Data;
using SscPortal.Web.Forms;
using SscPortal.Web.Localization;
using SscPortal.Web.Records;
using SscPortal.Web.Reference;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.Exchange;

/// <summary>
/// Writing an offer or a need (/exchange/new) or editing one (/exchange/{id}/edit): members of any verified organisation with
/// editing rights write their organisation's drafts; its admins publish them and edit published ones.
/// </summary>
[Authorize]
public class EditModel(AppDbContext db, Rights rights, RecordSaver saver, SubmitOnce once, ReferenceData referenceData, TimeProvider clock,
    IStringLocalizer<SharedResource> L) : PageModel
{
    public const int Rows = 4;
    public const int InitiativeChoices = 500;

    [BindProperty] public InputModel Input { get; set; } = new();

    public sealed class TranslationRow
    {
        public string Language { get; set; } = "";
        public string? Title { get; set; }
        public string? Description { get; set; }
    }

    public sealed class InputModel
    {
        public int OwnerId { get; set; }
        public ListingKind Kind { get; set; } = ListingKind.Offer;
        public CooperationForm Form { get; set; } = CooperationForm.TechnicalAssistance;
        public string? Title { get; set; }
        public string? Description { get; set; }
        public string Language { get; set; } = "en";
        public List<TranslationRow> Translations { get; set; } = [];
        public List<ThematicArea> Themes { get; set; } = [];
        public List<int> Sdgs { get; set; } = [];
        public List<string?> Sectors { get; set; } = [];
        public List<string?> Countries { get; set; } = [];
        public List<string> Regions { get; set; } = [];
        public List<string> WorkingLanguages { get; set; } = [];
        public string? ContributionInKind { get; set; }
        public decimal? ContributionAmount { get; set; }
        public string? ContributionCurrency { get; set; }
        public int? DurationMonths { get; set; }
        public DateOnly? OpenUntil { get; set; }
        public string? Contact { get; set; }
        /// <summary>What each initiative picker sent: an id picked from the list, or a title typed without picking it.</summary>
        public List<string?> Initiatives { get; set; } = [];
        public int Version { get; set; }

        public List<int> InitiativeIds => Pickers.Ids(Initiatives);
        public List<string> CountryCodes => Countries.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!.Trim().ToUpperInvariant()).ToList();
        public List<string> SectorCodes => Sectors.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()).ToList();

        public ListingContent Content() => new(Kind, Form, Title ?? "", Description ?? "", Language, Themes, WorkingLanguages,
            ContributionInKind, ContributionAmount, ContributionCurrency, DurationMonths, OpenUntil, Contact,
            CountryCodes, Regions.Select(r => r.Trim().ToUpperInvariant()).ToList(), SectorCodes, Sdgs,
            Translations.Where(t => t.Language != Language && !string.IsNullOrWhiteSpace(t.Title) && !string.IsNullOrWhiteSpace(t.Description))
                .Select(t => new ListingTranslation { Language = t.Language, Title = t.Title!, Description = t.Description! }).ToList(),
            InitiativeIds);

        public static InputModel From(Listing listing) => new()
        {
            OwnerId = listing.OwnerId, Kind = listing.Kind, Form = listing.Form, Title = listing.Title, Description = listing.Description,
            Language = listing.Language, Themes = listing.Themes.ToList(), Sdgs = listing.Sdgs.Select(s => s.GoalCode).Order().ToList(),
            Sectors = [.. listing.Sectors.Select(s => s.SectorCode).Order(StringComparer.Ordinal)],
            Countries = [.. listing.Countries.Select(c => c.CountryCode).Order(StringComparer.Ordinal)],
            Regions = listing.Regions.Select(r => r.RegionCode).ToList(), WorkingLanguages = listing.WorkingLanguages.ToList(),
            ContributionInKind = listing.ContributionInKind, ContributionAmount = listing.ContributionAmount, ContributionCurrency = listing.ContributionCurrency,
            DurationMonths = listing.DurationMonths, OpenUntil = listing.OpenUntil, Contact = listing.Contact,
            Translations = listing.Translations.Select(t => new TranslationRow { Language = t.Language, Title = t.Title, Description = t.Description }).ToList(),
            Initiatives = [.. listing.Initiatives.Select(i => Pickers.Text(i.InitiativeId))],
            Version = listing.Version,
        };
    }

    /// <summary>What the form checks before the record's own rules: lengths, and codes that exist in the reference lists.</summary>
    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> L, ReferenceData.Snapshot names, DateOnly today)
        {
            var choose = L["Choose one of the listed options."].Value;
            RuleFor(i => i.Kind).IsInEnum().WithMessage(choose);
            RuleFor(i => i.Form).IsInEnum().WithMessage(choose);
            RuleFor(i => i.Title).NotEmpty().WithMessage(L["Give the offer or need a title."]).MaximumLength(Listing.TitleLength).WithMessage(L["Use at most {0} characters.", Listing.TitleLength]);
            RuleFor(i => i.Description).NotEmpty().WithMessage(L["Describe what is offered or needed."]).MaximumLength(Listing.DescriptionLength)
                .WithMessage(L["Use at most {0} characters.", Listing.DescriptionLength]);
            RuleFor(i => i.Language).Must(PortalLanguages.IsContentLanguage).WithMessage(choose);
            RuleForEach(i => i.Translations).ChildRules(row =>
            {
                row.RuleFor(t => t.Language).Must(PortalLanguages.IsContentLanguage).WithMessage(choose);
                row.RuleFor(t => t.Title).MaximumLength(Listing.TitleLength).WithMessage(L["Use at most {0} characters.", Listing.TitleLength]);
                row.RuleFor(t => t.Description).MaximumLength(Listing.DescriptionLength).WithMessage(L["Use at most {0} characters.", Listing.DescriptionLength]);
                row.RuleFor(t => t.Description).NotEmpty().When(t => !string.IsNullOrWhiteSpace(t.Title)).WithMessage(L["Give the description in this language too, or leave both empty."]);
                row.RuleFor(t => t.Title).NotEmpty().When(t => !string.IsNullOrWhiteSpace(t.Description)).WithMessage(L["Give the title in this language too, or leave both empty."]);
            });
            RuleFor(i => i.Translations).Must(rows => rows.Count <= PortalLanguages.Content.Count && rows.Select(r => r.Language).Distinct().Count() == rows.Count).WithMessage(choose);
            RuleForEach(i => i.Themes).IsInEnum().WithMessage(choose);
            RuleForEach(i => i.Sdgs).Must(goal => names.Goals.ContainsKey(goal)).WithMessage(choose);
            RuleForEach(i => i.Sectors).Must(code => string.IsNullOrWhiteSpace(code) || names.Sectors.ContainsKey(code.Trim()))
                .WithMessage(L["Choose a sector from the list."]);
            RuleForEach(i => i.Countries).Must(code => string.IsNullOrWhiteSpace(code) || names.Countries.ContainsKey(code.Trim().ToUpperInvariant()))
                .WithMessage(L["Choose a country from the list."]);
            RuleForEach(i => i.Regions).Must(code => names.Regions.Any(r => string.Equals(r.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase))).WithMessage(choose);
            RuleForEach(i => i.WorkingLanguages).Must(WorkingLanguages.IsKnown).WithMessage(choose);
            RuleFor(i => i.ContributionInKind).MaximumLength(Listing.InKindLength).WithMessage(L["Use at most {0} characters.", Listing.InKindLength]);
            RuleFor(i => i.ContributionCurrency).Must(code => string.IsNullOrWhiteSpace(code) || names.Currencies.ContainsKey(code.Trim().ToUpperInvariant()))
                .WithMessage(L["Choose a currency from the list."]);
            RuleFor(i => i.ContributionCurrency).NotEmpty().When(i => i.ContributionAmount is not null).WithMessage(L["An amount needs its currency."]);
            RuleFor(i => i.ContributionAmount).Must(a => a is null || (a > 0 && a < InitiativeContribution.MaxAmount)).WithMessage(L["Enter an amount above zero and below a trillion."]);
            RuleFor(i => i.DurationMonths).Must(m => m is null || (m >= 1 && m <= Listing.MaxDurationMonths)).WithMessage(L["Enter a duration from 1 to {0} months.", Listing.MaxDurationMonths]);
            // Said with the other messages at once, not only once everything else is right (the record's own rule checks it again).
            RuleFor(i => i.OpenUntil).Cascade(CascadeMode.Stop).NotNull().WithMessage(L["Say until when it is open."])
                .Must(d => d >= today).WithMessage(L["The open-until date cannot be in the past."])
                .Must(d => d <= today.AddYears(Listing.MaxOpenYears)).WithMessage(L["It can stay open at most {0} years from today.", Listing.MaxOpenYears]);
            RuleFor(i => i.Contact).MaximumLength(Listing.ContactLength).WithMessage(L["Use at most {0} characters.", Listing.ContactLength]);
            RuleForEach(i => i.Initiatives).Must(Pickers.IsBlankOrId).WithMessage(L["Choose an initiative from the list."]);
            RuleFor(i => i.InitiativeIds).Must(ids => ids.Distinct().Count() == ids.Count).OverridePropertyName(nameof(InputModel.Initiatives))
                .WithMessage(L["Each initiative can be listed only once."]);
        }
    }

    public sealed record Choice(int Id, string Name);

    public int? Id { get; private set; }
    public IReadOnlyList<Access.ActiveMembership> Organisations { get; private set; } = [];
    public IReadOnlyList<Choice> InitiativeOptions { get; private set; } = [];
    public ReferenceData.Snapshot Names { get; private set; } = null!;
    public EditConflict? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, ListingKind? kind, CancellationToken cancellationToken)
    {
        if (await PrepareAsync(id, cancellationToken) is { } refused) return refused;
        if (id is not null) Input = InputModel.From((await saver.LoadAsync(VersionedRecords.Listing, id.Value, cancellationToken, tracked: false))!);
        else
        {
            Input.OwnerId = Organisations[0].ActorId;
            if (kind is { } chosen && Enum.IsDefined(chosen)) Input.Kind = chosen;
            Input.Language = PortalLanguages.IsContentLanguage(PortalCultures.Current) ? PortalCultures.Current : "en";
            Input.OpenUntil = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddMonths(6);
        }
        Pad();
        return Page();
    }

    /// <summary>Saves the form; a new offer's or need's form creates one record however often it is sent.</summary>
    public Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken) =>
        id is null ? once.CreateAsync(() => SaveAsync(null, cancellationToken), cancellationToken) : SaveAsync(id, cancellationToken);

    private async Task<IActionResult> SaveAsync(int? id, CancellationToken cancellationToken)
    {
        if (await PrepareAsync(id, cancellationToken) is { } refused) return refused;
        if (id is null && Organisations.All(o => o.ActorId != Input.OwnerId))
        {
            // Offers and needs only for one's own organisation: another's id, crafted into the form, is refused.
            await rights.RefuseAsync(AuditTargets.Organisation, Input.OwnerId, Operations.Edit);
            return Forbid();
        }
        ModelState.AddErrors(await new InputValidator(L, Names, DateOnly.FromDateTime(saver.Now)).ValidateAsync(Input, cancellationToken));
        var initiatives = Input.InitiativeIds.Distinct().ToList();
        var owner = Input.OwnerId;
        if (await db.Initiatives.CountAsync(i => initiatives.Contains(i.Id) && (i.Publication == PublicationState.Published || i.OwnerId == owner), cancellationToken) != initiatives.Count)
            ModelState.AddModelError("Input.Initiatives", L["Choose initiatives from the list of published initiatives."]);
        if (!ModelState.IsValid)
        {
            Pad();
            return Page();
        }

        var now = saver.Now;
        var listing = id is null
            ? new Listing { Title = "", Description = "", OwnerId = Input.OwnerId, CreatedAt = now, UpdatedAt = now }
            : (await saver.LoadAsync(VersionedRecords.Listing, id.Value, cancellationToken))!;
        var before = id is null ? null : RecordSaver.Before(VersionedRecords.Listing, listing);
        listing.Apply(Input.Content());
        var problems = listing.Check(DateOnly.FromDateTime(now));
        if (problems.Count > 0)
        {
            ModelState.AddViolations(problems, field => $"Input.{field}", L, RecordType.Listing);
            Pad();
            return Page();
        }
        var outcome = await saver.SaveAsync(VersionedRecords.Listing, listing, before, Input.Version,
            id is null ? AuditEventType.ListingCreated : AuditEventType.ListingEdited, cancellationToken,
            auditDetails: listing.Title, alsoRecord: created => { if (id is null) once.Record($"/exchange/{created.Id}"); });
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
        return Redirect($"/exchange/{listing.Id}");
    }

    private async Task<IActionResult?> PrepareAsync(int? id, CancellationToken cancellationToken)
    {
        Id = id;
        Names = await referenceData.GetAsync(cancellationToken);
        // The organisations in whose name the person may write an offer or need (a new one is its owner's draft).
        Organisations = await rights.OrganisationsForAsync(owner => new ListingResource(owner), Operations.Edit);
        if (id is null)
        {
            if (Organisations.Count > 0) { await LoadInitiativeOptionsAsync(cancellationToken); return null; }
            await rights.RefuseAsync(AuditTargets.Listing, "new", Operations.Edit);
            return Forbid();
        }
        var record = await db.Listings.AsNoTracking().Where(l => l.Id == id)
            .Select(l => new ListingResource(l.OwnerId, l.Publication, l.HeldByModerator)).SingleOrDefaultAsync(cancellationToken);
        if (record is null)
        {
            await rights.RefuseAsync(AuditTargets.Listing, id, Operations.See);
            return NotFound();
        }
        if (await rights.RequireAsync(record, Operations.Edit, AuditTargets.Listing, id) is { } refused) return refused;
        Input.OwnerId = record.OwnerId;
        await LoadInitiativeOptionsAsync(cancellationToken);
        return null;
    }

    private async Task LoadInitiativeOptionsAsync(CancellationToken cancellationToken)
    {
        var owners = Organisations.Select(o => o.ActorId).Append(Input.OwnerId).ToList();
        InitiativeOptions = await db.Initiatives.AsNoTracking()
            .Where(i => i.Publication == PublicationState.Published || owners.Contains(i.OwnerId))
            .OrderByDescending(i => i.UpdatedAt).Take(InitiativeChoices)
            .Select(i => new Choice(i.Id, i.Title)).ToListAsync(cancellationToken);
    }

    /// <summary>Empty rows to fill: a translation row for each other content language, and a few for sectors, countries and initiatives.</summary>
    private void Pad()
    {
        foreach (var language in PortalLanguages.Content.Where(l => l != Input.Language && Input.Translations.All(t => t.Language != l)))
            Input.Translations.Add(new TranslationRow { Language = language });
        Input.Translations = Input.Translations.Where(t => t.Language != Input.Language).OrderBy(t => PortalLanguages.Content.ToList().IndexOf(t.Language)).ToList();
        while (Input.Sectors.Count < Rows) Input.Sectors.Add(null);
        while (Input.Countries.Count < Rows) Input.Countries.Add(null);
        while (Input.Initiatives.Count < Rows) Input.Initiatives.Add(null);
    }
}
