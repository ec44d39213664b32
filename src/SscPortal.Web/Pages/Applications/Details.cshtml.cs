using System.Security.Claims;
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
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.Applications;

/// <summary>
/// One application (/applications/{id}), read by its organisation, the partners it names and, once submitted, the call's
/// admins and its reviewers: its answers by question, its partners with their status, what is still missing; for its
/// organisation, partners to name and submission before the deadline; for a named partner's members, confirming or declining;
/// once submitted, the receipt with its fingerprint; once the call's results are published, the decision, the feedback and
/// its own scores by criterion (never who gave them).
/// </summary>
[Authorize]
public class DetailsModel(AppDbContext db, Rights rights, RecordSaver saver, AuditLog audit, IServiceProvider services, IStringLocalizer<SharedResource> L) : PageModel
{
    public const int PartnerChoices = 1000;

    public sealed record Partner(int Id, string Name, ActorType Type, bool Confirmed, DateTime InvitedAt, DateTime? ConfirmedAt);
    public sealed record Organisation(int Id, string Name);
    public sealed record Shown(CallQuestion Question, string? Text, string? Link);
    public sealed record CriterionScore(string Name, int Weight, decimal? Mean);

    public CallApplication Application { get; private set; } = null!;
    public CooperationCall Call { get; private set; } = null!;
    public string ApplicantName { get; private set; } = "";
    public IReadOnlyList<Partner> Partners { get; private set; } = [];
    public IReadOnlyList<Shown> Answers { get; private set; } = [];
    public IReadOnlyList<RuleViolation> Missing { get; private set; } = [];
    public IReadOnlyList<RuleViolation> Ineligible { get; private set; } = [];
    public IReadOnlyList<Organisation> InviteOptions { get; private set; } = [];
    /// <summary>The named partner organisations the reader answers for, and whether each confirmed already.</summary>
    public IReadOnlyList<Partner> MyPartnerSides { get; private set; } = [];
    public bool CanEdit { get; private set; }
    public bool IsOpen { get; private set; }
    public bool HasClosed { get; private set; }
    public string? SubmittedBy { get; private set; }
    public IReadOnlyList<CriterionScore> Scores { get; private set; } = [];
    public decimal? WeightedScore { get; private set; }
    /// <summary>Why a submission was just refused.</summary>
    public IReadOnlyList<string> SubmitProblems { get; private set; } = [];

    [BindProperty] public int OrganisationId { get; set; }
    [BindProperty(Name = "Version")] public int? SeenVersion { get; set; }

    private Applying Applying => Applying.Of(services);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    private async Task<(CallApplication Application, ApplicationResource Rights)?> ReadAsync(int id, CancellationToken cancellationToken)
    {
        var application = await saver.LoadAsync(VersionedRecords.Application, id, cancellationToken, tracked: false);
        if (application is null) return null;
        var callOwner = await db.Calls.AsNoTracking().Where(c => c.Id == application.CallId).Select(c => c.OwnerId).SingleAsync(cancellationToken);
        return (application, new ApplicationResource(id, application.ApplicantId, callOwner, application.State, application.Partners.Select(p => p.OrganisationId).ToList()));
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        if (await ReadAsync(id, cancellationToken) is not { } read || !await rights.MayAsync(read.Rights, Operations.See)) return false;
        var application = read.Application;
        Application = application;
        Call = (await saver.LoadAsync(VersionedRecords.Call, application.CallId, cancellationToken, tracked: false))!;
        var language = PortalCultures.Current;
        if (Call.Translations.FirstOrDefault(t => t.Language == language) is { } translation) Call.Title = translation.Title;
        ApplicantName = await db.Actors.AsNoTracking().Where(a => a.Id == application.ApplicantId).Select(a => a.Name).SingleAsync(cancellationToken);
        var partnerIds = application.Partners.Select(p => p.OrganisationId).ToList();
        var actors = await db.Actors.AsNoTracking().Where(a => partnerIds.Contains(a.Id)).Select(a => new { a.Id, a.Name, a.Type }).ToListAsync(cancellationToken);
        Partners = application.Partners.Join(actors, p => p.OrganisationId, a => a.Id, (p, a) => new Partner(a.Id, a.Name, a.Type, p.Confirmed, p.InvitedAt, p.ConfirmedAt))
            .OrderBy(p => p.Name, StringComparer.CurrentCulture).ToList();
        CanEdit = await rights.MayAsync(read.Rights, Operations.Edit);
        IsOpen = Call.IsOpenAt(saver.Now);
        HasClosed = Call.HasClosed(saver.Now);
        var sides = new List<Partner>();
        foreach (var partner in Partners)
            if (await rights.MayAsync(new PartnerResource(application.ApplicantId, partner.Id), Operations.ConfirmPartnership)) sides.Add(partner);
        MyPartnerSides = sides;
        Answers = await AnswersAsync(application, cancellationToken);
        if (CanEdit)
        {
            Missing = application.Missing(Call, Partners.Where(p => p.Confirmed).Select(p => p.Type).ToList());
            Ineligible = await Applying.RefusalsAsync(Call, application.ApplicantId, cancellationToken) is var reasons && reasons.Any(r => r.Code is RuleCode.CallNotOpen or RuleCode.DeadlinePassed)
                ? [] : reasons;
            var applicant = application.ApplicantId;
            InviteOptions = await db.Actors.AsNoTracking().Where(a => a.IsVerified && a.Id != applicant && !partnerIds.Contains(a.Id))
                .OrderBy(a => a.Name).Take(PartnerChoices).Select(a => new Organisation(a.Id, a.Name)).ToListAsync(cancellationToken);
        }
        if (application.IsSubmitted && application.SubmittedByUserId is { } by && await rights.MayAsync(read.Rights, Operations.SeePeople))
            SubmittedBy = await db.Users.AsNoTracking().Where(u => u.Id == by).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
        if (application.IsSubmitted && Call.ResultsPublishedAt is not null) await ScoresAsync(application, cancellationToken);
        return true;
    }

    /// <summary>Each question with its answer as readers see it: text, a number, an amount with its currency, a linked initiative or file, the partners.</summary>
    private async Task<IReadOnlyList<Shown>> AnswersAsync(CallApplication application, CancellationToken cancellationToken)
    {
        var initiativeIds = application.Answers.Where(a => a.InitiativeId is not null).Select(a => a.InitiativeId!.Value).ToList();
        var fileIds = application.Answers.Where(a => a.FileId is not null).Select(a => a.FileId!.Value).ToList();
        var initiatives = await db.Initiatives.AsNoTracking().Where(i => initiativeIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Title, cancellationToken);
        var files = await db.EvidenceFiles.AsNoTracking().Where(f => fileIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, f => f.FileName, cancellationToken);
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        return Call.Questions.OrderBy(q => q.Position).Select(q =>
        {
            var answer = application.Answers.FirstOrDefault(a => a.QuestionId == q.Id);
            return q.Kind switch
            {
                QuestionKind.Partners => new Shown(q, Partners.Any(p => p.Confirmed) ? string.Join(", ", Partners.Where(p => p.Confirmed).Select(p => p.Name)) : null, "#partners"),
                _ when answer is null => new Shown(q, null, null),
                QuestionKind.Number => new Shown(q, answer.Number?.ToString("0.####", culture), null),
                QuestionKind.Money => new Shown(q, answer.Number is { } n ? $"{n.ToString("N2", culture)} {answer.Currency}" : null, null),
                QuestionKind.Initiative => new Shown(q, answer.InitiativeId is { } i ? initiatives.GetValueOrDefault(i, $"#{i}") : null, answer.InitiativeId is { } j ? $"/initiatives/{j}" : null),
                QuestionKind.File => new Shown(q, answer.FileId is { } f ? files.GetValueOrDefault(f, $"#{f}") : null, answer.FileId is { } g ? $"/files/{g}" : null),
                _ => new Shown(q, answer.Text, null),
            };
        }).ToList();
    }

    /// <summary>The application's own scores once the results are published: each criterion's mean over submitted reviews, and the weighted score.</summary>
    private async Task ScoresAsync(CallApplication application, CancellationToken cancellationToken)
    {
        var reviews = await db.Reviews.AsNoTracking().Include(r => r.Scores)
            .Where(r => r.ApplicationId == application.Id && r.SubmittedAt != null && !r.Conflict).ToListAsync(cancellationToken);
        var submitted = reviews.Select(r => new CallRanking.SubmittedReview(r.ApplicationId,
            r.Scores.Where(s => s.Score is not null).ToDictionary(s => s.CriterionId, s => s.Score!.Value))).ToList();
        var criteria = Call.Criteria.OrderBy(c => c.Position).ToList();
        var ranked = CallRanking.Rank(criteria, [application.Id], submitted).Single();
        Scores = criteria.Select(c => new CriterionScore(c.Name, c.Weight, ranked.CriterionMeans.TryGetValue(c.Id, out var mean) ? mean : null)).ToList();
        WeightedScore = ranked.WeightedScore;
    }

    private async Task<IActionResult> AgainAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>The application for a change by its organisation (<paramref name="operation"/>), or the refusal (404 unseen, 403 seen), audited.</summary>
    private async Task<(CallApplication? Application, IActionResult? Refused)> RequireAsync(int id, Microsoft.AspNetCore.Authorization.Infrastructure.OperationAuthorizationRequirement operation,
        CancellationToken cancellationToken)
    {
        if (await ReadAsync(id, cancellationToken) is not { } read)
        {
            await rights.RefuseAsync(AuditTargets.Application, id, Operations.See);
            return (null, NotFound());
        }
        return (read.Application, await rights.RequireAsync(read.Rights, operation, AuditTargets.Application, id));
    }

    private IActionResult Answer(ApplyOutcome outcome, int id, string done)
    {
        switch (outcome)
        {
            case ApplyOutcome.Done:
                TempData[PageMessages.Message] = done;
                break;
            case ApplyOutcome.Refused { Reasons: var reasons }:
                TempData[PageMessages.Problem] = string.Join(" ", reasons.Select(r => ApplicationLabels.Rule(r.Code, L)).Distinct());
                break;
            case ApplyOutcome.AlreadyPartner:
                TempData[PageMessages.Problem] = L["This organisation is already named as a partner."].Value;
                break;
            case ApplyOutcome.NotNamed:
                return NotFound();
            case ApplyOutcome.Changed:
                TempData[PageMessages.Problem] = L["This application changed since you opened it: review it, then submit it."].Value;
                break;
            default:
                TempData[PageMessages.Problem] = L["Someone else changed this record a moment ago, so nothing was changed: check it and try again."].Value;
                break;
        }
        return RedirectToPage(new { id });
    }

    /// <summary>The applicant names a verified organisation as a partner; its members are asked to confirm from their own accounts.</summary>
    public async Task<IActionResult> OnPostInvitePartnerAsync(int id, CancellationToken cancellationToken)
    {
        var (application, refused) = await RequireAsync(id, Operations.Edit, cancellationToken);
        if (refused is not null) return refused;
        if (OrganisationId == application!.ApplicantId)
        {
            TempData[PageMessages.Problem] = ApplicationLabels.Rule(RuleCode.PartnerIsApplicant, L);
            return RedirectToPage(new { id });
        }
        if (!await db.Actors.AsNoTracking().AnyAsync(a => a.Id == OrganisationId && a.IsVerified, cancellationToken))
        {
            TempData[PageMessages.Problem] = L["Choose a verified organisation from the list."].Value;
            return RedirectToPage(new { id });
        }
        return Answer(await Applying.InviteAsync(id, OrganisationId, cancellationToken), id, L["The organisation was named as a partner: its members are asked to confirm."]);
    }

    public async Task<IActionResult> OnPostRemovePartnerAsync(int id, CancellationToken cancellationToken)
    {
        var (_, refused) = await RequireAsync(id, Operations.Edit, cancellationToken);
        if (refused is not null) return refused;
        if (!await db.Actors.AsNoTracking().AnyAsync(a => a.Id == OrganisationId, cancellationToken)) return NotFound();
        return Answer(await Applying.RemovePartnerAsync(id, OrganisationId, cancellationToken), id, L["The partner was taken off the application."]);
    }

    public Task<IActionResult> OnPostConfirmPartnershipAsync(int id, CancellationToken cancellationToken) => AnswerPartnershipAsync(id, confirm: true, cancellationToken);

    public Task<IActionResult> OnPostDeclinePartnershipAsync(int id, CancellationToken cancellationToken) => AnswerPartnershipAsync(id, confirm: false, cancellationToken);

    /// <summary>A member of the named partner organisation answers for it; anyone else is refused (404 when they cannot see the application), audited.</summary>
    private async Task<IActionResult> AnswerPartnershipAsync(int id, bool confirm, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(id, cancellationToken);
        var named = read is { } r && r.Application.Partners.Any(p => p.OrganisationId == OrganisationId);
        if (read is null || !named || !await rights.MayAsync(new PartnerResource(read.Value.Application.ApplicantId, OrganisationId), Operations.ConfirmPartnership))
        {
            var visible = read is { } seen && await rights.MayAsync(seen.Rights, Operations.See);
            await rights.RefuseAsync(AuditTargets.Application, id, Operations.ConfirmPartnership);
            return visible ? Forbid() : NotFound();
        }
        var outcome = await Applying.AnswerAsync(id, OrganisationId, confirm, User.FindFirstValue(ClaimTypes.NameIdentifier)!, cancellationToken);
        return Answer(outcome, id, confirm ? L["Your organisation confirmed it is a partner in this application."] : L["Your organisation declined to be a partner in this application."]);
    }

    /// <summary>Submits the draft the person saw: refused, with every reason, when late, not yet open, not eligible or incomplete.</summary>
    public async Task<IActionResult> OnPostSubmitAsync(int id, CancellationToken cancellationToken)
    {
        var (application, refused) = await RequireAsync(id, Operations.Edit, cancellationToken);
        if (refused is not null) return refused;
        var outcome = await Applying.SubmitAsync(id, SeenVersion, User.FindFirstValue(ClaimTypes.NameIdentifier)!, cancellationToken);
        switch (outcome)
        {
            case ApplyOutcome.Done:
                TempData[PageMessages.Message] = L["The application was submitted. Its receipt is below and was sent to your organisation's members."].Value;
                return RedirectToPage(new { id });
            case ApplyOutcome.Refused { Reasons: var reasons }:
                await audit.RecordRefusalAsync(AuditTargets.Application, id, ApplicationRefusals.Detail("submit", application!.ApplicantId, reasons));
                SubmitProblems = reasons.Select(r => ApplicationLabels.Rule(r.Code, L)).Distinct().ToList();
                return await AgainAsync(id, cancellationToken);
            default:
                return Answer(outcome, id, "");
        }
    }

    /// <summary>Its organisation deletes a draft.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(int id, bool confirm, CancellationToken cancellationToken)
    {
        var (_, refused) = await RequireAsync(id, Operations.Delete, cancellationToken);
        if (refused is not null) return refused;
        var application = await saver.LoadAsync(VersionedRecords.Application, id, cancellationToken);
        if (application is null) return NotFound();
        if (!confirm || application.IsSubmitted)
        {
            TempData[PageMessages.Problem] = (confirm ? L["This application was submitted: it can no longer be changed."] : L["Nothing was deleted: tick the box to confirm that the draft should go."]).Value;
            return RedirectToPage(new { id });
        }
        var title = string.IsNullOrWhiteSpace(application.Title) ? L["Untitled application"].Value : application.Title;
        var outcome = await saver.DeleteAsync(VersionedRecords.Application, application, AuditEventType.ApplicationDeleted, [new(nameof(CallApplication.Title), application.Title, null)],
            cancellationToken, auditDetails: application.Title);
        if (outcome == DeleteOutcome.Changed)
        {
            TempData[PageMessages.Problem] = L["Someone else changed this record a moment ago, so nothing was changed: check it and try again."].Value;
            return RedirectToPage(new { id });
        }
        TempData[PageMessages.Message] = outcome == DeleteOutcome.Deleted ? L["The draft “{0}” was deleted.", title].Value : L["The draft “{0}” was already deleted.", title].Value;
        return Redirect("/my/applications");
    }
}
