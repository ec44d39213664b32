using SscPortal.Web.Reference;
using FluentValidation;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Forms;
using SscPortal.Web.Localization;

namespace SscPortal.Web.Pages.Initiatives;

public sealed class CountryRow
{
    public string? Code { get; set; }
    public CountryRole Role { get; set; } = CountryRole.Provider;
}

public sealed class ActorRow
{
    public int? ActorId { get; set; }
    public ActorRole Role { get; set; } = ActorRole.Participating;
}

public sealed class ContributionRow
{
    public int? ActorId { get; set; }
    public ContributionKind Kind { get; set; } = ContributionKind.InKind;
    public decimal? Amount { get; set; }
    public string? Currency { get; set; }
    public string? Description { get; set; }
    public bool IsEmpty => ActorId is null && Amount is null && string.IsNullOrWhiteSpace(Currency) && string.IsNullOrWhiteSpace(Description);
}

public sealed class RightsHolderRow
{
    public RightsHolderGroup Group { get; set; }
    public bool Reached { get; set; }
    public int? Count { get; set; }
}

public sealed class LocationRow
{
    public string? CountryCode { get; set; }
    public LocationPrecision Precision { get; set; } = LocationPrecision.Country;
    public string? Region { get; set; }
    public string? Place { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(CountryCode) && string.IsNullOrWhiteSpace(Region) && string.IsNullOrWhiteSpace(Place)
                           && Latitude is null && Longitude is null;

    public static LocationRow From(InitiativeLocation location) => new()
    {
        CountryCode = location.CountryCode, Region = location.Region, Place = location.Place,
        Latitude = location.Latitude, Longitude = location.Longitude,
        // Before locations had a precision, a place was recorded at country level: it is a municipality or place.
        Precision = location.Precision == LocationPrecision.Country && location.Place is not null ? LocationPrecision.Municipality : location.Precision,
    };

    public InitiativeLocation ToLocation() => new()
    {
        CountryCode = CountryCode!.Trim().ToUpperInvariant(), Precision = Precision,
        Region = string.IsNullOrWhiteSpace(Region) ? null : Region.Trim(),
        Place = string.IsNullOrWhiteSpace(Place) ? null : Place.Trim(),
        Latitude = Latitude, Longitude = Longitude,
    };
}

public sealed class LinkRow
{
    public string? Title { get; set; }
    public string? Url { get; set; }
}

public sealed class ResultRow
{
    public string? Text { get; set; }
    public bool Achieved { get; set; }
}

public sealed class TranslationRow
{
    public string Language { get; set; } = "";
    public string? Title { get; set; }
    public string? Summary { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Title) && string.IsNullOrWhiteSpace(Summary);
}

/// <summary>What the initiative form (and a spreadsheet row) says about an initiative, before it is checked and applied.</summary>
public sealed class InitiativeInput
{
    /// <summary>Only for a new record: which of the person's organisations owns it.</summary>
    public int OwnerId { get; set; }
    public string? Title { get; set; }
    public string? Summary { get; set; }
    public string? Description { get; set; }
    public string? Objectives { get; set; }
    public string? Contact { get; set; }
    public List<ThematicArea> ThematicAreas { get; set; } = [];

    /// <summary>Whether it works in a conflict-affected or otherwise sensitive setting (see <see cref="SafeLocations"/>).</summary>
    public SettingSensitivity Sensitivity { get; set; }
    public string Language { get; set; } = "en";
    public Modality Modality { get; set; } = Modality.Bilateral;
    public Instrument Instrument { get; set; } = Instrument.Project;
    public ActivityStatus Status { get; set; } = ActivityStatus.Pipeline;
    public DateOnly? ApprovalDate { get; set; }
    public DateOnly? PlannedStart { get; set; }
    public DateOnly? PlannedEnd { get; set; }
    public DateOnly? ActualStart { get; set; }
    public DateOnly? ActualEnd { get; set; }
    public List<CountryRow> Countries { get; set; } = [];

    /// <summary>The SDGs the initiative contributes to, and the one that is primary (if any).</summary>
    public List<int> Goals { get; set; } = [];
    public int? PrimaryGoal { get; set; }

    /// <summary>SDG targets such as "2.3", each within one of the goals.</summary>
    public List<string?> Targets { get; set; } = [];

    /// <summary>The codes of the principles of SSC the initiative says it applies.</summary>
    public List<string> Principles { get; set; } = [];

    /// <summary>OECD-DAC 5-digit sector codes.</summary>
    public List<string?> Sectors { get; set; } = [];

    /// <summary>Other organisations taking part, with their role (the owner always takes part).</summary>
    public List<ActorRow> Actors { get; set; } = [];

    public List<ContributionRow> Contributions { get; set; } = [];
    public List<RightsHolderRow> RightsHolders { get; set; } = [];
    public List<LocationRow> Locations { get; set; } = [];
    public List<LinkRow> Links { get; set; } = [];
    public List<ResultRow> Results { get; set; } = [];

    /// <summary>The title and summary in the other portal languages (a row for the original language is ignored).</summary>
    public List<TranslationRow> Translations { get; set; } = [];

    /// <summary>The version of the record the form was opened on (optimistic concurrency).</summary>
    public int Version { get; set; }

    public static InitiativeInput From(Initiative initiative) => new()
    {
        OwnerId = initiative.OwnerId, Title = initiative.Title, Summary = initiative.Summary, Description = initiative.Description,
        Objectives = initiative.Objectives, Contact = initiative.Contact, ThematicAreas = initiative.ThematicAreas.ToList(),
        Sensitivity = initiative.Sensitivity,
        Language = initiative.Language, Modality = initiative.Modality, Instrument = initiative.Instrument, Status = initiative.Status,
        ApprovalDate = initiative.ApprovalDate, PlannedStart = initiative.PlannedStart, PlannedEnd = initiative.PlannedEnd,
        ActualStart = initiative.ActualStart, ActualEnd = initiative.ActualEnd, Version = initiative.Version,
        Countries = initiative.Countries.OrderBy(c => c.Role).ThenBy(c => c.CountryCode)
            .Select(c => new CountryRow { Code = c.CountryCode, Role = c.Role }).ToList(),
        Translations = initiative.Translations.Select(t => new TranslationRow { Language = t.Language, Title = t.Title, Summary = t.Summary }).ToList(),
        Goals = initiative.Sdgs.Select(s => s.GoalCode).Order().ToList(),
        PrimaryGoal = initiative.Sdgs.FirstOrDefault(s => s.IsPrimary)?.GoalCode,
        Sectors = initiative.Sectors.Select(s => (string?)s.SectorCode).Order().ToList(),
        Targets = initiative.SdgTargets.Select(t => (string?)t.TargetCode).Order().ToList(),
        Principles = initiative.Principles.Select(p => p.PrincipleCode).Order(StringComparer.Ordinal).ToList(),
        Actors = initiative.Actors.Where(a => !(a.ActorId == initiative.OwnerId && a.Role == ActorRole.Lead))
            .Select(a => new ActorRow { ActorId = a.ActorId, Role = a.Role }).ToList(),
        Contributions = initiative.Contributions.OrderBy(c => c.Id).Select(c => new ContributionRow
            { ActorId = c.ActorId, Kind = c.Kind, Amount = c.Amount, Currency = c.Currency, Description = c.Description }).ToList(),
        RightsHolders = initiative.RightsHolders.Select(r => new RightsHolderRow { Group = r.Group, Reached = true, Count = r.Count }).ToList(),
        Locations = initiative.Locations.OrderBy(l => l.Id).Select(LocationRow.From).ToList(),
        Links = initiative.Links.OrderBy(l => l.Id).Select(l => new LinkRow { Title = l.Title, Url = l.Url }).ToList(),
        Results = initiative.Results.OrderBy(r => r.Id).Select(r => new ResultRow { Text = r.Text, Achieved = r.Achieved }).ToList(),
    };

    /// <summary>Writes this input onto the record; it must have passed the validator.</summary>
    public void ApplyTo(Initiative initiative)
    {
        initiative.Title = Title!.Trim();
        initiative.Summary = Summary!.Trim();
        initiative.Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim();
        initiative.Objectives = string.IsNullOrWhiteSpace(Objectives) ? null : Objectives.Trim();
        initiative.Contact = string.IsNullOrWhiteSpace(Contact) ? null : Contact.Trim();
        initiative.ThematicAreas = ThematicAreas.Distinct().Order().ToList();
        initiative.Sensitivity = Sensitivity;
        initiative.Language = Language;
        initiative.Modality = Modality;
        initiative.Instrument = Instrument;
        initiative.Status = Status;
        initiative.ApprovalDate = ApprovalDate;
        initiative.PlannedStart = PlannedStart;
        initiative.PlannedEnd = PlannedEnd;
        initiative.ActualStart = ActualStart;
        initiative.ActualEnd = ActualEnd;

        var wanted = Countries.Where(c => !string.IsNullOrWhiteSpace(c.Code))
            .Select(c => new InitiativeCountry { CountryCode = c.Code!.Trim().ToUpperInvariant(), Role = c.Role }).ToList();
        // Update in place by country (the key), so changing a country's role is an update, not a delete and insert.
        initiative.Countries.RemoveAll(existing => wanted.All(w => w.CountryCode != existing.CountryCode));
        foreach (var existing in initiative.Countries) existing.Role = wanted.First(w => w.CountryCode == existing.CountryCode).Role;
        initiative.Countries.AddRange(wanted.Where(w => initiative.Countries.All(e => e.CountryCode != w.CountryCode)));

        var translations = Translations.Where(t => t.Language != Language && !t.IsEmpty).ToList();
        initiative.Translations.RemoveAll(existing => translations.All(t => t.Language != existing.Language));
        foreach (var row in translations)
        {
            if (initiative.Translations.FirstOrDefault(t => t.Language == row.Language) is { } existing)
            {
                existing.Title = row.Title!.Trim();
                existing.Summary = row.Summary!.Trim();
            }
            else initiative.Translations.Add(new InitiativeTranslation { Language = row.Language, Title = row.Title!.Trim(), Summary = row.Summary!.Trim() });
        }

        // Repeating parts without a natural key are replaced as a whole; rights-holder groups are keyed by group.
        initiative.Contributions.Clear();
        initiative.Contributions.AddRange(Contributions.Where(c => !c.IsEmpty).Select(c => new InitiativeContribution
        {
            ActorId = c.ActorId!.Value, Kind = c.Kind, Amount = c.Amount,
            Currency = string.IsNullOrWhiteSpace(c.Currency) ? null : c.Currency.Trim().ToUpperInvariant(),
            Description = string.IsNullOrWhiteSpace(c.Description) ? null : c.Description.Trim(),
        }));
        var reached = RightsHolders.Where(r => r.Reached).ToList();
        initiative.RightsHolders.RemoveAll(r => reached.All(w => w.Group != r.Group));
        foreach (var row in reached)
        {
            if (initiative.RightsHolders.FirstOrDefault(r => r.Group == row.Group) is { } existing) existing.Count = row.Count;
            else initiative.RightsHolders.Add(new InitiativeRightsHolder { Group = row.Group, Count = row.Count });
        }
        initiative.Locations.Clear();
        initiative.Locations.AddRange(Locations.Where(l => !string.IsNullOrWhiteSpace(l.CountryCode)).Select(l => l.ToLocation()));
        // A link kept at the same address keeps what an IATI file said of it (its document category and media type).
        var known = initiative.Links.GroupBy(l => l.Url, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        initiative.Links.Clear();
        foreach (var row in Links.Where(l => !string.IsNullOrWhiteSpace(l.Url)))
        {
            var url = row.Url!.Trim();
            var before = known.GetValueOrDefault(url);
            initiative.Links.Add(new InitiativeLink { Title = row.Title!.Trim(), Url = url, Category = before?.Category, Format = before?.Format });
        }
        initiative.Results.Clear();
        initiative.Results.AddRange(Results.Where(r => !string.IsNullOrWhiteSpace(r.Text)).Select(r => new InitiativeResult { Text = r.Text!.Trim(), Achieved = r.Achieved }));

        var goals = Goals.Distinct().ToList();
        initiative.Sdgs.RemoveAll(s => !goals.Contains(s.GoalCode));
        initiative.Sdgs.AddRange(goals.Where(g => initiative.Sdgs.All(s => s.GoalCode != g)).Select(g => new InitiativeSdg { GoalCode = g }));
        foreach (var sdg in initiative.Sdgs) sdg.IsPrimary = sdg.GoalCode == PrimaryGoal;

        var targets = Targets.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!.Trim()).Distinct().ToList();
        initiative.SdgTargets.RemoveAll(t => !targets.Contains(t.TargetCode));
        initiative.SdgTargets.AddRange(targets.Where(c => initiative.SdgTargets.All(t => t.TargetCode != c)).Select(c => new InitiativeSdgTarget { TargetCode = c }));

        var principles = Principles.Distinct().ToList();
        initiative.Principles.RemoveAll(p => !principles.Contains(p.PrincipleCode));
        initiative.Principles.AddRange(principles.Where(c => initiative.Principles.All(p => p.PrincipleCode != c)).Select(c => new InitiativePrinciple { PrincipleCode = c }));

        var sectors = Sectors.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!.Trim()).Distinct().ToList();
        initiative.Sectors.RemoveAll(s => !sectors.Contains(s.SectorCode));
        initiative.Sectors.AddRange(sectors.Where(c => initiative.Sectors.All(s => s.SectorCode != c)).Select(c => new InitiativeSector { SectorCode = c }));

        // The owner always takes part as lead; the other organisations are as listed in the form.
        var actors = Actors.Where(a => a.ActorId is not null).Select(a => (Id: a.ActorId!.Value, a.Role))
            .Append((Id: initiative.OwnerId, Role: ActorRole.Lead)).Distinct().ToList();
        initiative.Actors.RemoveAll(a => !actors.Contains((a.ActorId, a.Role)));
        initiative.Actors.AddRange(actors.Where(w => !initiative.Actors.Any(a => a.ActorId == w.Id && a.Role == w.Role))
            .Select(w => new InitiativeActor { ActorId = w.Id, Role = w.Role }));
    }
}

/// <summary>
/// The field-level checks of an initiative's input; the rules across fields are in the domain (InitiativeRules). The
/// domain's date rules are checked here as well, so that a wrong date is reported with every other mistake at once.
/// </summary>
public sealed class InitiativeInputValidator : AbstractValidator<InitiativeInput>
{
    public InitiativeInputValidator(IStringLocalizer<SharedResource> L, ReferenceData.Snapshot names, DateOnly today)
    {
        RuleFor(i => i.Title).NotEmpty().WithMessage(L["Give the initiative a title."])
            .MaximumLength(300).WithMessage(L["Use at most {0} characters.", 300]);
        RuleFor(i => i.Summary).NotEmpty().WithMessage(L["Give the initiative a short summary."])
            .MaximumLength(2000).WithMessage(L["Use at most {0} characters.", 2000]);
        RuleFor(i => i.Description).MaximumLength(20000).WithMessage(L["Use at most {0} characters.", 20000]);
        RuleFor(i => i.Objectives).MaximumLength(4000).WithMessage(L["Use at most {0} characters.", 4000]);
        RuleFor(i => i.Contact).MaximumLength(300).WithMessage(L["Use at most {0} characters.", 300]);
        RuleForEach(i => i.ThematicAreas).IsInEnum().WithMessage(L["Choose one of the listed options."]);
        RuleFor(i => i.Language).Must(PortalLanguages.IsContentLanguage).WithMessage(L["Choose one of the listed languages."]);
        RuleFor(i => i.Modality).IsInEnum().WithMessage(L["Choose one of the listed options."]);
        RuleFor(i => i.Instrument).IsInEnum().WithMessage(L["Choose one of the listed options."]);
        RuleFor(i => i.Status).IsInEnum().WithMessage(L["Choose one of the listed options."]);
        RuleFor(i => i.ApprovalDate).IsPlausibleDate(L);
        RuleFor(i => i.PlannedStart).IsPlausibleDate(L);
        RuleFor(i => i.PlannedEnd).Cascade(CascadeMode.Stop).IsPlausibleDate(L).IsNotBefore(i => i.PlannedStart, L);
        RuleFor(i => i.ActualStart).Cascade(CascadeMode.Stop).IsPlausibleDate(L).IsNotInFuture(today, L);
        RuleFor(i => i.ActualEnd).Cascade(CascadeMode.Stop).IsPlausibleDate(L).IsNotBefore(i => i.ActualStart, L).IsNotInFuture(today, L);
        RuleForEach(i => i.Goals).Must(names.Goals.ContainsKey).WithMessage(L["Choose goals from the list."]);
        RuleFor(i => i.PrimaryGoal).Must((input, goal) => goal is null || input.Goals.Contains(goal.Value))
            .WithMessage(L["The primary goal must be one of the goals ticked."]);
        RuleForEach(i => i.Targets).Must(code => string.IsNullOrWhiteSpace(code) || names.Targets.ContainsKey(code.Trim()))
            .WithMessage(L["Enter an SDG target code from the list, such as 2.3."]);
        RuleFor(i => i.Targets).Must(codes => codes.Where(c => !string.IsNullOrWhiteSpace(c)).GroupBy(c => c!.Trim()).All(g => g.Count() == 1))
            .WithMessage(L["Each target can be listed only once."]);
        RuleForEach(i => i.Principles).Must(code => names.Principles.Any(p => p.Code == code)).WithMessage(L["Choose principles from the list."]);
        RuleForEach(i => i.Sectors).Must(code => string.IsNullOrWhiteSpace(code) || names.Sectors.ContainsKey(code.Trim()))
            .WithMessage(L["Enter a five-digit DAC sector code from the list, such as 31161 for food crop production."]);
        RuleFor(i => i.Sectors).Must(codes => codes.Where(c => !string.IsNullOrWhiteSpace(c)).GroupBy(c => c!.Trim()).All(g => g.Count() == 1))
            .WithMessage(L["Each sector can be listed only once."]);
        RuleForEach(i => i.Actors).ChildRules(row => row.RuleFor(r => r.Role).IsInEnum().WithMessage(L["Choose one of the listed options."]));
        RuleFor(i => i.Actors).Must(rows => rows.Where(r => r.ActorId is not null).GroupBy(r => (r.ActorId, r.Role)).All(g => g.Count() == 1))
            .WithMessage(L["Each organisation can be listed only once in each role."]);
        RuleForEach(i => i.Contributions).ChildRules(row =>
        {
            row.RuleFor(r => r.ActorId).NotNull().When(r => !r.IsEmpty).WithMessage(L["Say which organisation contributes."]);
            row.RuleFor(r => r.Kind).IsInEnum().WithMessage(L["Choose one of the listed options."]);
            row.RuleFor(r => r.Amount).InclusiveBetween(0.01m, InitiativeContribution.MaxAmount).When(r => r.Amount is not null)
                .WithMessage(L["Enter an amount above zero and below a trillion."]);
            row.RuleFor(r => r.Currency).Must(c => string.IsNullOrWhiteSpace(c) || names.Currencies.ContainsKey(c.Trim().ToUpperInvariant()))
                .WithMessage(L["Enter an ISO 4217 currency code from the list, such as USD or PEN."]);
            row.RuleFor(r => r.Description).MaximumLength(1000).WithMessage(L["Use at most {0} characters.", 1000]);
        });
        RuleForEach(i => i.RightsHolders).ChildRules(row =>
        {
            row.RuleFor(r => r.Group).IsInEnum().WithMessage(L["Choose one of the listed options."]);
            row.RuleFor(r => r.Count).InclusiveBetween(0, 2_000_000_000).When(r => r.Count is not null).WithMessage(L["Enter a number of people from 0 up."]);
        });
        RuleFor(i => i.RightsHolders).Must(rows => rows.GroupBy(r => r.Group).All(g => g.Count() == 1)).WithMessage(L["Each group can be listed only once."]);
        RuleForEach(i => i.Locations).ChildRules(row =>
        {
            row.RuleFor(r => r.CountryCode).Must(code => string.IsNullOrWhiteSpace(code) || names.Countries.ContainsKey(code.Trim().ToUpperInvariant()))
                .WithMessage(L["Enter a two-letter ISO country code, such as PE for Peru."]);
            row.RuleFor(r => r.CountryCode).NotEmpty().When(r => !r.IsEmpty).WithMessage(L["Say in which country this place is."]);
            row.RuleFor(r => r.Precision).IsInEnum().WithMessage(L["Choose how precise the location is."]);
            foreach (var name in new System.Linq.Expressions.Expression<Func<LocationRow, string?>>[] { r => r.Region, r => r.Place })
                row.RuleFor(name).Cascade(CascadeMode.Stop)
                    .MaximumLength(InitiativeLocation.NameLength).WithMessage(L["Use at most {0} characters.", InitiativeLocation.NameLength])
                    .Must(text => text is null || InitiativeLocation.IsPlainName(text)).WithMessage(L["Write the name as plain text, without < or > or control characters."]);
            row.RuleFor(r => r.Region).NotEmpty().When(r => r.Precision == LocationPrecision.Region && !r.IsEmpty)
                .WithMessage(L["Name the region (the first-level administrative area)."]);
            row.RuleFor(r => r.Place).NotEmpty().When(r => r.Precision == LocationPrecision.Municipality && !r.IsEmpty)
                .WithMessage(L["Name the municipality or place."]);
            row.RuleFor(r => r.Latitude).NotNull().When(r => r.Precision == LocationPrecision.Point && !r.IsEmpty).WithMessage(L["A point needs its latitude and longitude."])
                .InclusiveBetween(-90, 90).WithMessage(L["Enter a latitude from -90 to 90, in decimal degrees."]);
            row.RuleFor(r => r.Longitude).NotNull().When(r => r.Precision == LocationPrecision.Point && !r.IsEmpty).WithMessage(L["A point needs its latitude and longitude."])
                .InclusiveBetween(-180, 180).WithMessage(L["Enter a longitude from -180 to 180, in decimal degrees."]);
        });
        RuleFor(i => i.Sensitivity).IsInEnum().WithMessage(L["Choose one of the listed options."]);
        RuleForEach(i => i.Links).ChildRules(row =>
        {
            row.RuleFor(r => r.Title).NotEmpty().When(r => !string.IsNullOrWhiteSpace(r.Url)).WithMessage(L["Give the link a title."])
                .MaximumLength(300).WithMessage(L["Use at most {0} characters.", 300]);
            row.RuleFor(r => r.Url).NotEmpty().When(r => !string.IsNullOrWhiteSpace(r.Title)).WithMessage(L["Enter a full web address starting with https://"])
                .MaximumLength(500).WithMessage(L["Use at most {0} characters.", 500])
                .Must(url => string.IsNullOrWhiteSpace(url) || (Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
                .WithMessage(L["Enter a full web address starting with https://"]);
        });
        RuleForEach(i => i.Results).ChildRules(row => row.RuleFor(r => r.Text).MaximumLength(1000).WithMessage(L["Use at most {0} characters.", 1000]));
        RuleForEach(i => i.Translations).ChildRules(row =>
        {
            row.RuleFor(r => r.Language).Must(PortalLanguages.IsContentLanguage).WithMessage(L["Choose one of the listed languages."]);
            row.RuleFor(r => r.Title).NotEmpty().When(r => !r.IsEmpty).WithMessage(L["A translation needs both a title and a summary."])
                .MaximumLength(300).WithMessage(L["Use at most {0} characters.", 300]);
            row.RuleFor(r => r.Summary).NotEmpty().When(r => !r.IsEmpty).WithMessage(L["A translation needs both a title and a summary."])
                .MaximumLength(2000).WithMessage(L["Use at most {0} characters.", 2000]);
        });
        RuleFor(i => i.Translations).Must(rows => rows.GroupBy(r => r.Language).All(g => g.Count() == 1))
            .WithMessage(L["Each language can be given only once."]);
        RuleFor(i => i.Countries)
            .Must(rows => rows.Where(r => !string.IsNullOrWhiteSpace(r.Code)).GroupBy(r => r.Code!.Trim().ToUpperInvariant()).All(g => g.Count() == 1))
            .WithMessage(L["Each country can be listed only once."]);
        RuleForEach(i => i.Countries).ChildRules(row =>
        {
            row.RuleFor(r => r.Code).Must(code => string.IsNullOrWhiteSpace(code) || names.Countries.ContainsKey(code.Trim().ToUpperInvariant()))
                .WithMessage(L["Enter a two-letter ISO country code, such as PE for Peru."]);
            row.RuleFor(r => r.Role).IsInEnum().WithMessage(L["Choose one of the listed options."]);
        });
    }
}

