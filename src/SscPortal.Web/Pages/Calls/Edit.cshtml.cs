using System.Globalization;
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

namespace SscPortal.Web.Pages.Calls;

/// <summary>
/// Writing a call (/calls/new) or editing one (/calls/{id}/edit): members of a verified organisation with editing rights
/// write its drafts; its admins publish them and edit published ones. Questions and criteria are rows added ("Add a
/// question", "Add a criterion") and removed (a box to tick) without script; an existing row keeps its id so that answers
/// and scores stay linked. Once an application was submitted the call is not edited any more (only its deadline extended).
/// </summary>
[Authorize]
public class EditModel(AppDbContext db, Rights rights, RecordSaver saver, SubmitOnce once, ReferenceData referenceData, IStringLocalizer<SharedResource> L) : PageModel
{
    public const int CountryRows = 4;

    [BindProperty] public InputModel Input { get; set; } = new();

    public sealed class TranslationRow
    {
        public string Language { get; set; } = "";
        public string? Title { get; set; }
        public string? Text { get; set; }
    }

    public sealed class QuestionRow
    {
        public int Id { get; set; }
        public QuestionKind Kind { get; set; } = QuestionKind.ShortText;
        public string? Label { get; set; }
        public string? Help { get; set; }
        public bool Required { get; set; }
        public string? MaxLength { get; set; }
        /// <summary>A choice's options, one per line.</summary>
        public string? Choices { get; set; }
        public bool Remove { get; set; }

        public bool IsBlank => Id == 0 && string.IsNullOrWhiteSpace(Label) && string.IsNullOrWhiteSpace(Help) && string.IsNullOrWhiteSpace(Choices);
    }

    public sealed class CriterionRow
    {
        public int Id { get; set; }
        public string? Name { get; set; }
        public string? Weight { get; set; }
        public string? Guide { get; set; }
        public bool Remove { get; set; }

        public bool IsBlank => Id == 0 && string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Guide);
    }

    public sealed class InputModel
    {
        public int OwnerId { get; set; }
        public CallKind Kind { get; set; } = CallKind.Funding;
        public string? Title { get; set; }
        public string? Text { get; set; }
        public string Language { get; set; } = "en";
        public List<TranslationRow> Translations { get; set; } = [];
        public List<ActorType> EligibleTypes { get; set; } = [];
        public List<string?> Countries { get; set; } = [];
        public List<string> Regions { get; set; } = [];
        public int? MinPartners { get; set; }
        public List<ActorType> PartnerTypes { get; set; } = [];
        /// <summary>Local date and time in <see cref="TimeZone"/>, as a datetime-local field sends it.</summary>
        public string? OpensAt { get; set; }
        public string? ClosesAt { get; set; }
        public string TimeZone { get; set; } = "UTC";
        public decimal? MaxAmount { get; set; }
        public string? Currency { get; set; }
        public int? MaxSharePercent { get; set; }
        public List<string> Languages { get; set; } = [];
        public string? NetworkName { get; set; }
        public int ScaleMax { get; set; } = 5;
        public bool PublishScores { get; set; }
        public List<QuestionRow> Questions { get; set; } = [];
        public List<CriterionRow> Criteria { get; set; } = [];
        public int Version { get; set; }

        public static InputModel From(CooperationCall call) => new()
        {
            OwnerId = call.OwnerId, Kind = call.Kind, Title = call.Title, Text = call.Text, Language = call.Language,
            Translations = call.Translations.Select(t => new TranslationRow { Language = t.Language, Title = t.Title, Text = t.Text }).ToList(),
            EligibleTypes = call.EligibleTypes.ToList(), Countries = [.. call.EligibleCountries], Regions = call.EligibleRegions.ToList(),
            MinPartners = call.MinPartners, PartnerTypes = call.PartnerTypes.ToList(),
            OpensAt = CallText.LocalInput(call.OpensAt, call.TimeZone), ClosesAt = CallText.LocalInput(call.ClosesAt, call.TimeZone), TimeZone = call.TimeZone,
            MaxAmount = call.MaxAmount, Currency = call.Currency, MaxSharePercent = call.MaxSharePercent, Languages = call.Languages.ToList(),
            NetworkName = call.NetworkName, ScaleMax = call.ScaleMax, PublishScores = call.PublishScores,
            Questions = call.Questions.OrderBy(q => q.Position).Select(q => new QuestionRow
            {
                Id = q.Id, Kind = q.Kind, Label = q.Label, Help = q.Help, Required = q.Required,
                MaxLength = q.MaxLength?.ToString(CultureInfo.InvariantCulture), Choices = string.Join("\n", q.Choices),
            }).ToList(),
            Criteria = call.Criteria.OrderBy(c => c.Position).Select(c => new CriterionRow
            {
                Id = c.Id, Name = c.Name, Weight = c.Weight.ToString(CultureInfo.InvariantCulture), Guide = c.Guide,
            }).ToList(),
            Version = call.Version,
        };
    }

    /// <summary>The kinds of organisation that may write on the portal (and so apply to a call, or be a partner).</summary>
    public static IReadOnlyList<ActorType> ApplicantTypes { get; } =
        Enum.GetValues<ActorType>().Where(t => AccessTable.KindOf(t) != OrganisationKind.NoEditingRights).ToList();

    public int? Id { get; private set; }
    public IReadOnlyList<Access.ActiveMembership> Organisations { get; private set; } = [];
    public ReferenceData.Snapshot Names { get; private set; } = null!;
    public EditConflict? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, CallKind? kind, CancellationToken cancellationToken)
    {
        if (await PrepareAsync(id, cancellationToken) is { } refused) return refused;
        if (id is not null) Input = InputModel.From((await saver.LoadAsync(VersionedRecords.Call, id.Value, cancellationToken, tracked: false))!);
        else
        {
            Input.OwnerId = Organisations[0].ActorId;
            if (kind is { } chosen && Enum.IsDefined(chosen)) Input.Kind = chosen;
            Input.Language = PortalLanguages.IsContentLanguage(PortalCultures.Current) ? PortalCultures.Current : "en";
            Input.TimeZone = "UTC";
            var today = saver.Now.Date;
            Input.OpensAt = today.AddDays(1).AddHours(9).ToString(CallText.LocalFormat, CultureInfo.InvariantCulture);
            Input.ClosesAt = today.AddDays(43).AddHours(18).ToString(CallText.LocalFormat, CultureInfo.InvariantCulture);
            Input.Languages = [Input.Language];
            Input.Criteria.Add(new CriterionRow { Weight = "1" });
            Input.Questions.Add(new QuestionRow());
        }
        Pad();
        return Page();
    }

    /// <summary>"Add a question" / "Add a criterion": the form again, as typed, with one more empty row; saves nothing.</summary>
    public async Task<IActionResult> OnPostAddRowsAsync(int? id, string? add, CancellationToken cancellationToken)
    {
        if (await PrepareAsync(id, cancellationToken) is { } refused) return refused;
        ModelState.Clear();
        // Rows ticked for removal go; empty ones stay (they were asked for).
        Input.Questions = Input.Questions.Where(q => !q.Remove).ToList();
        Input.Criteria = Input.Criteria.Where(c => !c.Remove).ToList();
        if (add == "criterion") Input.Criteria.Add(new CriterionRow { Weight = "1" });
        else Input.Questions.Add(new QuestionRow());
        Pad();
        return Page();
    }

    public Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken) =>
        id is null ? once.CreateAsync(() => SaveAsync(null, cancellationToken), cancellationToken) : SaveAsync(id, cancellationToken);

    private async Task<IActionResult> SaveAsync(int? id, CancellationToken cancellationToken)
    {
        if (await PrepareAsync(id, cancellationToken) is { } refused) return refused;
        if (id is null && Organisations.All(o => o.ActorId != Input.OwnerId))
        {
            // Calls only for one's own organisation: another's id, crafted into the form, is refused.
            await rights.RefuseAsync(AuditTargets.Organisation, Input.OwnerId, Operations.Edit);
            return Forbid();
        }
        // Model binding's own messages (letters in a number) are said in the portal's words.
        foreach (var (key, entry) in ModelState.Where(e => e.Value is { Errors.Count: > 0 }).ToList())
        {
            entry!.Errors.Clear();
            ModelState.AddModelError(key, L["Enter a number."]);
        }
        Compact();
        var content = Read();
        if (!ModelState.IsValid)
        {
            Pad();
            return Page();
        }

        var now = saver.Now;
        var call = id is null
            ? new CooperationCall { Title = "", Text = "", OwnerId = Input.OwnerId, CreatedAt = now, UpdatedAt = now }
            : (await saver.LoadAsync(VersionedRecords.Call, id.Value, cancellationToken))!;
        var before = id is null ? null : RecordSaver.Before(VersionedRecords.Call, call);
        call.Apply(content);
        var problems = call.Check();
        if (problems.Count > 0)
        {
            ModelState.AddViolations(problems, FieldOf, L, RecordType.Call);
            Pad();
            return Page();
        }
        var outcome = await saver.SaveAsync(VersionedRecords.Call, call, before, Input.Version,
            id is null ? AuditEventType.CallCreated : AuditEventType.CallEdited, cancellationToken,
            auditDetails: call.Title, alsoRecord: created => { if (id is null) once.Record($"/calls/{created.Id}"); });
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
        return Redirect($"/calls/{call.Id}");
    }

    /// <summary>The form's field for a field the call's rules name ("Questions[2].Label" → "Input.Questions[2].Label").</summary>
    private static string FieldOf(string field) => field switch
    {
        nameof(CooperationCall.EligibleCountries) => "Input.Countries",
        nameof(CooperationCall.EligibleRegions) => "Input.Regions",
        nameof(CooperationCall.EligibleTypes) => "Input.EligibleTypes",
        _ => $"Input.{field}",
    };

    /// <summary>Drops the rows ticked for removal and the empty new ones, so that rows and the call's questions line up.</summary>
    private void Compact()
    {
        Input.Questions = Input.Questions.Where(q => !q.Remove && !q.IsBlank).ToList();
        Input.Criteria = Input.Criteria.Where(c => !c.Remove && !c.IsBlank).ToList();
    }

    /// <summary>What the form says, checked field by field (each problem beside its field); the call's own rules come after.</summary>
    private CallContent Read()
    {
        var choose = L["Choose one of the listed options."].Value;
        void Problem(string field, string message) => ModelState.AddModelError($"Input.{field}", message);

        if (!Enum.IsDefined(Input.Kind)) Problem(nameof(InputModel.Kind), choose);
        if (Input.Title is { Length: > CooperationCall.TitleLength }) Problem(nameof(InputModel.Title), L["Use at most {0} characters.", CooperationCall.TitleLength]);
        if (Input.Text is { Length: > CooperationCall.TextLength }) Problem(nameof(InputModel.Text), L["Use at most {0} characters.", CooperationCall.TextLength]);
        if (!PortalLanguages.IsContentLanguage(Input.Language)) Problem(nameof(InputModel.Language), choose);
        for (var i = 0; i < Input.Translations.Count; i++)
        {
            var t = Input.Translations[i];
            if (!PortalLanguages.IsContentLanguage(t.Language)) Problem($"Translations[{i}].Title", choose);
            if (t.Title is { Length: > CooperationCall.TitleLength }) Problem($"Translations[{i}].Title", L["Use at most {0} characters.", CooperationCall.TitleLength]);
            if (t.Text is { Length: > CooperationCall.TextLength }) Problem($"Translations[{i}].Text", L["Use at most {0} characters.", CooperationCall.TextLength]);
            if (string.IsNullOrWhiteSpace(t.Text) && !string.IsNullOrWhiteSpace(t.Title)) Problem($"Translations[{i}].Text", L["Give the text in this language too, or leave both empty."]);
            if (string.IsNullOrWhiteSpace(t.Title) && !string.IsNullOrWhiteSpace(t.Text)) Problem($"Translations[{i}].Title", L["Give the title in this language too, or leave both empty."]);
        }
        if (Input.Translations.Select(t => t.Language).Distinct().Count() != Input.Translations.Count || Input.Translations.Count > PortalLanguages.Content.Count)
            Problem(nameof(InputModel.Translations), choose);
        if (Input.EligibleTypes.Any(t => !ApplicantTypes.Contains(t))) Problem(nameof(InputModel.EligibleTypes), choose);
        if (Input.PartnerTypes.Any(t => !ApplicantTypes.Contains(t))) Problem(nameof(InputModel.PartnerTypes), choose);
        for (var i = 0; i < Input.Countries.Count; i++)
            if (Input.Countries[i] is { } code && !string.IsNullOrWhiteSpace(code) && !Names.Countries.ContainsKey(code.Trim().ToUpperInvariant()))
                Problem($"Countries[{i}]", L["Choose a country from the list."]);
        if (Input.Regions.Any(r => Names.Regions.All(n => !string.Equals(n.Code, r?.Trim(), StringComparison.OrdinalIgnoreCase)))) Problem(nameof(InputModel.Regions), choose);
        if (Input.Languages.Any(l => !WorkingLanguages.IsKnown(l))) Problem(nameof(InputModel.Languages), choose);
        if (Input.Kind == CallKind.Funding && !string.IsNullOrWhiteSpace(Input.Currency) && !Names.Currencies.ContainsKey(Input.Currency.Trim().ToUpperInvariant()))
            Problem(nameof(InputModel.Currency), L["Choose a currency from the list."]);
        if (Input.NetworkName is { Length: > CooperationCall.NameLength }) Problem(nameof(InputModel.NetworkName), L["Use at most {0} characters.", CooperationCall.NameLength]);

        var zone = Input.TimeZone?.Trim() ?? "";
        var knownZone = CallTimeZones.IsKnown(zone);
        if (!knownZone) Problem(nameof(InputModel.TimeZone), L["Choose a time zone from the list."]);
        DateTime? Instant(string field, string? text)
        {
            if (CallText.ParseLocal(text) is not { } local)
            {
                Problem(field, string.IsNullOrWhiteSpace(text) ? L["Give a date and a time."] : L["Enter a date and a time, such as 2027-03-31 18:00."]);
                return null;
            }
            return knownZone ? CallTimeZones.ToUtc(local, zone) : DateTime.SpecifyKind(local, DateTimeKind.Utc);
        }
        var opensAt = Instant(nameof(InputModel.OpensAt), Input.OpensAt);
        var closesAt = Instant(nameof(InputModel.ClosesAt), Input.ClosesAt);

        var questions = new List<CallQuestion>();
        for (var i = 0; i < Input.Questions.Count; i++)
        {
            var row = Input.Questions[i];
            int? maxLength = null;
            if (!string.IsNullOrWhiteSpace(row.MaxLength))
            {
                if (int.TryParse(row.MaxLength.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var max)) maxLength = max;
                else Problem($"Questions[{i}].MaxLength", L["Enter a whole number."]);
            }
            questions.Add(new CallQuestion
            {
                Id = row.Id, Kind = row.Kind, Label = row.Label ?? "", Help = row.Help, Required = row.Required, MaxLength = maxLength,
                Choices = (row.Choices ?? "").Split('\n').Select(c => c.Trim()).Where(c => c.Length > 0).ToList(),
            });
        }
        var criteria = new List<CallCriterion>();
        for (var i = 0; i < Input.Criteria.Count; i++)
        {
            var row = Input.Criteria[i];
            var weight = 0;
            if (!string.IsNullOrWhiteSpace(row.Weight) && !int.TryParse(row.Weight.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out weight))
                Problem($"Criteria[{i}].Weight", L["Enter a whole number."]);
            criteria.Add(new CallCriterion { Id = row.Id, Name = row.Name ?? "", Guide = row.Guide, Weight = weight });
        }

        var content = new CallContent(Input.Kind, Input.Title ?? "", Input.Text ?? "", Input.Language,
            Input.EligibleTypes, Input.Countries.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!.Trim().ToUpperInvariant()).ToList(),
            Input.Regions.Select(r => Names.Regions.FirstOrDefault(n => string.Equals(n.Code, r.Trim(), StringComparison.OrdinalIgnoreCase))?.Code ?? r).ToList(),
            Input.MinPartners ?? 0, Input.PartnerTypes,
            opensAt ?? DateTime.MinValue, closesAt ?? DateTime.MinValue, knownZone ? zone : Input.TimeZone ?? "",
            Input.MaxAmount, Input.Currency, Input.MaxSharePercent, Input.Languages, Input.NetworkName, Input.ScaleMax, Input.PublishScores,
            Input.Translations.Where(t => t.Language != Input.Language && !string.IsNullOrWhiteSpace(t.Title) && !string.IsNullOrWhiteSpace(t.Text))
                .Select(t => new CallTranslation { Language = t.Language, Title = t.Title!, Text = t.Text! }).ToList(),
            questions, criteria);
        // Ids that are not this call's own rows are not trusted: a crafted id would take over another call's question.
        if (Id is { } callId)
        {
            var own = db.Set<CallQuestion>().AsNoTracking().Where(q => q.CallId == callId).Select(q => q.Id).ToHashSet();
            var ownCriteria = db.Set<CallCriterion>().AsNoTracking().Where(c => c.CallId == callId).Select(c => c.Id).ToHashSet();
            foreach (var q in questions.Where(q => q.Id != 0 && !own.Contains(q.Id))) q.Id = 0;
            foreach (var c in criteria.Where(c => c.Id != 0 && !ownCriteria.Contains(c.Id))) c.Id = 0;
        }
        else
        {
            foreach (var q in questions) q.Id = 0;
            foreach (var c in criteria) c.Id = 0;
        }
        return content;
    }

    private async Task<IActionResult?> PrepareAsync(int? id, CancellationToken cancellationToken)
    {
        Id = id;
        Names = await referenceData.GetAsync(cancellationToken);
        // The organisations in whose name the person may open a call (a new one is its owner's draft).
        Organisations = await rights.OrganisationsForAsync(owner => new CallResource(owner), Operations.Edit);
        if (id is null)
        {
            if (Organisations.Count > 0) return null;
            await rights.RefuseAsync(AuditTargets.Call, "new", Operations.Edit);
            return Forbid();
        }
        var record = await db.Calls.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new CallResource(c.OwnerId, c.Publication, c.HeldByModerator,
                db.CallApplications.Any(a => a.CallId == c.Id && a.State == ApplicationState.Submitted)))
            .SingleOrDefaultAsync(cancellationToken);
        if (record is null || !await rights.MayAsync(record, Operations.See))
        {
            await rights.RefuseAsync(AuditTargets.Call, id, Operations.See);
            return NotFound();
        }
        if (await rights.RequireAsync(record, Operations.Edit, AuditTargets.Call, id) is { } refused) return refused;
        Input.OwnerId = record.OwnerId;
        return null;
    }

    /// <summary>Empty rows to fill: a translation for each other content language, a few countries, one question and one criterion.</summary>
    private void Pad()
    {
        foreach (var language in PortalLanguages.Content.Where(l => l != Input.Language && Input.Translations.All(t => t.Language != l)))
            Input.Translations.Add(new TranslationRow { Language = language });
        Input.Translations = Input.Translations.Where(t => t.Language != Input.Language).OrderBy(t => PortalLanguages.Content.ToList().IndexOf(t.Language)).ToList();
        while (Input.Countries.Count < CountryRows) Input.Countries.Add(null);
        if (Input.Questions.Count == 0) Input.Questions.Add(new QuestionRow());
        if (Input.Criteria.Count == 0) Input.Criteria.Add(new CriterionRow());
    }
}
