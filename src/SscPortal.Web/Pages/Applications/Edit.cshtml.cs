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

namespace SscPortal.Web.Pages.Applications;

/// <summary>
/// Writing a draft application (/applications/{id}/edit): its title and summary, a funding call's amount and total cost, and
/// one field per question of the call. Saved as often as needed; what breaks a hard limit (a length, a choice not listed,
/// an amount out of range, money without its currency) is said beside its field and nothing is saved, while missing answers
/// are allowed in a draft and listed on its page. A submitted application is frozen.
/// </summary>
[Authorize]
public class EditModel(AppDbContext db, Rights rights, RecordSaver saver, ReferenceData referenceData, IServiceProvider services,
    IStringLocalizer<SharedResource> L) : PageModel
{
    public const int InitiativeChoices = 500;

    /// <summary>What the form checks the record's own rules for before saving: these are refused; the rest is "still missing".</summary>
    private static readonly HashSet<RuleCode> HardLimits = [RuleCode.TextTooLong, RuleCode.AnswerTooLong, RuleCode.NotAChoice, RuleCode.AmountOutOfRange, RuleCode.AmountNeedsCurrency];

    [BindProperty] public InputModel Input { get; set; } = new();

    public sealed class AnswerInput
    {
        public int QuestionId { get; set; }
        public string? Text { get; set; }
        public decimal? Number { get; set; }
        public string? Currency { get; set; }
        public int? InitiativeId { get; set; }
        public int? FileId { get; set; }
    }

    public sealed class InputModel
    {
        public string? Title { get; set; }
        public string? Summary { get; set; }
        public decimal? RequestedAmount { get; set; }
        public decimal? TotalCost { get; set; }
        public List<AnswerInput> Answers { get; set; } = [];
        public int Version { get; set; }
    }

    public sealed record Choice(int Id, string Name);

    public int Id { get; private set; }
    public CooperationCall Call { get; private set; } = null!;
    public int ApplicantId { get; private set; }
    public IReadOnlyList<CallQuestion> Questions { get; private set; } = [];
    public IReadOnlyList<Choice> InitiativeOptions { get; private set; } = [];
    public IReadOnlyList<Choice> FileOptions { get; private set; } = [];
    public IReadOnlyList<string> ConfirmedPartners { get; private set; } = [];
    public ReferenceData.Snapshot Names { get; private set; } = null!;
    public EditConflict? Conflict { get; private set; }

    /// <summary>The messages the form has for a question's field (any of its parts).</summary>
    public string? ErrorOf(int index)
    {
        var prefix = $"Input.Answers[{index}]";
        var messages = ModelState.Where(e => e.Key == prefix || e.Key.StartsWith(prefix + ".", StringComparison.Ordinal))
            .SelectMany(e => e.Value!.Errors).Select(e => e.ErrorMessage).Distinct().ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }

    public static string Amount(decimal? amount) => amount?.ToString("0.##", CultureInfo.CurrentCulture) ?? "";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var application = await saver.LoadAsync(VersionedRecords.Application, id, cancellationToken, tracked: false);
        if (await PrepareAsync(id, application, cancellationToken) is { } refused) return refused;
        Input = new InputModel
        {
            Title = application!.Title, Summary = application.Summary, RequestedAmount = application.RequestedAmount, TotalCost = application.TotalCost,
            Version = application.Version,
            Answers = Questions.Select(q => application.Answers.FirstOrDefault(a => a.QuestionId == q.Id) is { } a
                ? new AnswerInput { QuestionId = q.Id, Text = a.Text, Number = a.Number, Currency = a.Currency, InitiativeId = a.InitiativeId, FileId = a.FileId }
                : new AnswerInput { QuestionId = q.Id }).ToList(),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var application = await saver.LoadAsync(VersionedRecords.Application, id, cancellationToken);
        if (await PrepareAsync(id, application, cancellationToken) is { } refused) return refused;
        // The form's answers in the call's order, whatever order (or crafted extra ones) it was sent with.
        var posted = Input.Answers.Where(a => a is not null).GroupBy(a => a.QuestionId).ToDictionary(g => g.Key, g => g.First());
        var postedIndex = Input.Answers.Select((a, i) => (a, i)).Where(x => x.a is not null).GroupBy(x => x.a.QuestionId).ToDictionary(g => g.Key, g => g.First().i);
        var bound = ModelState.Where(e => e.Value!.Errors.Count > 0).Select(e => (e.Key, Messages: e.Value!.Errors.Select(x => x.ErrorMessage).ToList())).ToList();
        ModelState.Clear();
        Input.Answers = Questions.Select(q => posted.GetValueOrDefault(q.Id) ?? new AnswerInput { QuestionId = q.Id }).ToList();
        // Errors of binding (a word for a number) stay beside their field, now at its place in the call's order.
        foreach (var (key, messages) in bound)
        {
            var moved = key;
            if (key.StartsWith("Input.Answers[", StringComparison.Ordinal) && int.TryParse(key["Input.Answers[".Length..key.IndexOf(']')], out var was)
                && postedIndex.FirstOrDefault(p => p.Value == was) is { Key: var question } && Questions.ToList().FindIndex(q => q.Id == question) is >= 0 and var now)
                moved = $"Input.Answers[{now}]{key[(key.IndexOf(']') + 1)..]}";
            foreach (var message in messages) ModelState.AddModelError(moved, message);
        }

        var initiatives = InitiativeOptions.Select(i => i.Id).ToHashSet();
        var files = FileOptions.Select(f => f.Id).ToHashSet();
        var answers = new List<ApplicationAnswer>();
        for (var i = 0; i < Questions.Count; i++)
        {
            var question = Questions[i];
            var given = Input.Answers[i];
            var key = $"Input.Answers[{i}]";
            var answer = new ApplicationAnswer { QuestionId = question.Id };
            switch (question.Kind)
            {
                case QuestionKind.ShortText or QuestionKind.LongText or QuestionKind.Choice:
                    answer.Text = given.Text;
                    break;
                case QuestionKind.Number or QuestionKind.Money:
                    answer.Number = given.Number;
                    if (given.Number is { } number && (number <= -InitiativeContribution.MaxAmount || number >= InitiativeContribution.MaxAmount))
                        ModelState.AddModelError(key, ApplicationLabels.Rule(RuleCode.AmountOutOfRange, L));
                    if (question.Kind == QuestionKind.Money)
                    {
                        answer.Currency = string.IsNullOrWhiteSpace(given.Currency) ? null : given.Currency.Trim().ToUpperInvariant();
                        if (answer.Currency is { } currency && !Names.Currencies.ContainsKey(currency)) ModelState.AddModelError(key, L["Choose a currency from the list."]);
                    }
                    break;
                case QuestionKind.Initiative:
                    answer.InitiativeId = given.InitiativeId;
                    if (given.InitiativeId is { } initiative && !initiatives.Contains(initiative)) ModelState.AddModelError(key, L["Choose an initiative from the list."]);
                    break;
                case QuestionKind.File:
                    answer.FileId = given.FileId;
                    if (given.FileId is { } file && !files.Contains(file)) ModelState.AddModelError(key, L["Choose one of this application's own files."]);
                    break;
            }
            answers.Add(answer);
        }
        foreach (var (name, amount) in new[] { (nameof(InputModel.RequestedAmount), Input.RequestedAmount), (nameof(InputModel.TotalCost), Input.TotalCost) })
            if (amount is { } value && (value < 0 || value >= InitiativeContribution.MaxAmount))
                ModelState.AddModelError($"Input.{name}", ApplicationLabels.Rule(RuleCode.AmountOutOfRange, L));

        var before = RecordSaver.Before(VersionedRecords.Application, application!);
        try
        {
            application!.Apply(Call, Input.Title ?? "", Input.Summary, Input.RequestedAmount, Input.TotalCost, answers);
        }
        catch (RuleViolationException violation)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", string.Join(" ", violation.Violations.Select(v => ApplicationLabels.Rule(v.Code, L))));
            return Page();
        }
        var types = await Applying.Of(services).ConfirmedPartnerTypesAsync(id, cancellationToken);
        foreach (var violation in application.Missing(Call, types).Where(v => HardLimits.Contains(v.Code)))
            ModelState.AddModelError(FieldOf(violation.Field), ApplicationLabels.Rule(violation.Code, L));
        if (!ModelState.IsValid)
        {
            // Nothing is saved: the person's input stays in the form, with the messages beside it.
            db.ChangeTracker.Clear();
            return Page();
        }
        var outcome = await saver.SaveAsync(VersionedRecords.Application, application, before, Input.Version, AuditEventType.ApplicationEdited, cancellationToken,
            auditDetails: application.Title);
        switch (outcome)
        {
            case EditOutcome.Conflict conflict:
                Conflict = conflict.Sides;
                Input.Version = conflict.SavedVersion;
                ModelState.ShowConflict(L);
                return Page();
            case EditOutcome.Gone:
                return NotFound();
        }
        TempData[PageMessages.Message] = L["The draft was saved. It is seen only by your organisation and its partners until it is submitted."].Value;
        return Redirect(Applying.PathOf(id));
    }

    /// <summary>The form's field for a field the record's rules name ("Answers[12]" is the field of question 12).</summary>
    private string FieldOf(string field)
    {
        if (field.StartsWith("Answers[", StringComparison.Ordinal) && int.TryParse(field["Answers[".Length..^1], out var question))
            return $"Input.Answers[{Questions.ToList().FindIndex(q => q.Id == question)}]";
        return field switch
        {
            nameof(CallApplication.Partners) => "",
            _ => $"Input.{field}",
        };
    }

    private async Task<IActionResult?> PrepareAsync(int id, CallApplication? application, CancellationToken cancellationToken)
    {
        Id = id;
        if (application is null)
        {
            await rights.RefuseAsync(AuditTargets.Application, id, Operations.See);
            return NotFound();
        }
        var call = await saver.LoadAsync(VersionedRecords.Call, application.CallId, cancellationToken, tracked: false);
        var partners = application.Partners.Select(p => p.OrganisationId).ToList();
        if (await rights.RequireAsync(new ApplicationResource(id, application.ApplicantId, call!.OwnerId, application.State, partners), Operations.Edit,
                AuditTargets.Application, id) is { } refused) return refused;
        Call = call;
        ApplicantId = application.ApplicantId;
        Questions = call.Questions.OrderBy(q => q.Position).ToList();
        Names = await referenceData.GetAsync(cancellationToken);
        var owners = partners.Append(application.ApplicantId).ToList();
        InitiativeOptions = await db.Initiatives.AsNoTracking()
            .Where(i => i.Publication == PublicationState.Published && owners.Contains(i.OwnerId))
            .OrderByDescending(i => i.UpdatedAt).Take(InitiativeChoices)
            .Select(i => new Choice(i.Id, i.Title)).ToListAsync(cancellationToken);
        FileOptions = await db.EvidenceFiles.AsNoTracking()
            .Where(f => f.OwnerKind == FileOwnerKind.CallApplication && f.OwnerId == id && f.SupersededById == null)
            .OrderBy(f => f.FileName).Select(f => new Choice(f.Id, f.FileName)).ToListAsync(cancellationToken);
        var confirmed = application.Partners.Where(p => p.Confirmed).Select(p => p.OrganisationId).ToList();
        ConfirmedPartners = await db.Actors.AsNoTracking().Where(a => confirmed.Contains(a.Id)).OrderBy(a => a.Name).Select(a => a.Name).ToListAsync(cancellationToken);
        return null;
    }
}
