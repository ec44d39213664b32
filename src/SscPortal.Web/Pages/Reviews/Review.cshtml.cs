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

namespace SscPortal.Web.Pages.Reviews;

/// <summary>
/// A reviewer's review of one application. Before declaring, only its title and applicant, and the question of a conflict of
/// interest; a declared conflict takes the application away from the reviewer. With none declared: the application's answers,
/// read-only, and a score on the call's scale with a comment per criterion, saved as often as needed and then submitted.
/// Blind: only after submitting does the reviewer see the other submitted reviews' scores, as "Reviewer 1, 2…".
/// </summary>
[Authorize]
public class ReviewModel(AppDbContext db, Rights rights, RecordSaver saver, ReviewAssignments assignments, IStringLocalizer<SharedResource> L) : PageModel
{
    public sealed record Heading(int Id, int CallId, string Title, string Applicant, int ApplicantId, int CallOwnerId, ApplicationState State, string? Summary,
        decimal? RequestedAmount, decimal? TotalCost);

    /// <summary>One question and how it was answered, ready to show.</summary>
    public sealed record AnswerLine(CallQuestion Question, ApplicationAnswer? Answer, string? InitiativeTitle);

    public Heading Application { get; private set; } = null!;
    public CooperationCall Call { get; private set; } = null!;
    public Review? Mine { get; private set; }
    public IReadOnlyList<AnswerLine> Answers { get; private set; } = [];
    public IReadOnlyList<string> Partners { get; private set; } = [];
    public IReadOnlyList<ReviewDesk.OtherReview> Others { get; private set; } = [];

    [BindProperty] public bool Conflict { get; set; }
    [BindProperty] public string? ConflictNote { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public Dictionary<int, int?> Scores { get; set; } = [];
    [BindProperty] public Dictionary<int, string?> Comments { get; set; } = [];

    private ReviewDesk Desk => HttpContext.RequestServices.GetRequiredService<ReviewDesk>();
    private int ReviewerId { get; set; }

    public IReadOnlyList<CallCriterion> Criteria => Call.Criteria.OrderBy(c => c.Position).ToList();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused) return refused;
        if (Mine is { } review)
        {
            Version = review.Version;
            foreach (var score in review.Scores)
            {
                Scores[score.CriterionId] = score.Score;
                Comments[score.CriterionId] = score.Comment;
            }
        }
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var application = await db.CallApplications.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new Heading(a.Id, a.CallId, a.Title, a.Applicant!.Name, a.ApplicantId, a.Call!.OwnerId, a.State, a.Summary, a.RequestedAmount, a.TotalCost))
            .SingleOrDefaultAsync(cancellationToken);
        if (application is null)
        {
            await rights.RefuseAsync(AuditTargets.Application, id, Operations.ReviewApplication);
            return NotFound();
        }
        var partners = await db.CallApplications.AsNoTracking().Where(a => a.Id == id).SelectMany(a => a.Partners.Select(p => p.OrganisationId)).ToListAsync(cancellationToken);
        var resource = new ApplicationResource(id, application.ApplicantId, application.CallOwnerId, application.State, partners);
        // A reviewer of another call, one not (or no longer) assigned, and one who declared a conflict are refused, and the refusal kept.
        if (!await rights.MayAsync(resource, Operations.ReviewApplication))
        {
            await rights.RefuseAsync(AuditTargets.Application, id, Operations.ReviewApplication);
            return await rights.MayAsync(resource, Operations.See) ? Forbid() : NotFound();
        }
        var standing = (await assignments.ReviewerForAsync(User.FindFirstValue(ClaimTypes.NameIdentifier)!, id, cancellationToken))!;
        ReviewerId = standing.ReviewerId;
        Application = application;
        Call = (await saver.LoadAsync(VersionedRecords.Call, application.CallId, cancellationToken, tracked: false))!;
        Mine = await Desk.ReviewAsync(ReviewerId, id, cancellationToken);
        if (Mine is { Conflict: false })
        {
            var whole = (await saver.LoadAsync(VersionedRecords.Application, id, cancellationToken, tracked: false))!;
            var initiativeIds = whole.Answers.Where(a => a.InitiativeId is not null).Select(a => a.InitiativeId!.Value).ToList();
            var initiatives = await db.Initiatives.AsNoTracking().Where(i => initiativeIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Title, cancellationToken);
            Answers = Call.Questions.OrderBy(q => q.Position).Select(q =>
            {
                var answer = whole.Answers.FirstOrDefault(a => a.QuestionId == q.Id);
                return new AnswerLine(q, answer, answer?.InitiativeId is { } i ? initiatives.GetValueOrDefault(i) : null);
            }).ToList();
            var confirmed = whole.Partners.Where(p => p.Confirmed).Select(p => p.OrganisationId).ToList();
            Partners = await db.Actors.AsNoTracking().Where(a => confirmed.Contains(a.Id)).OrderBy(a => a.Name).Select(a => a.Name).ToListAsync(cancellationToken);
            if (Mine.IsSubmitted) Others = await Desk.OthersAsync(ReviewerId, id, Call.Criteria, cancellationToken);
        }
        return null;
    }

    public async Task<IActionResult> OnPostDeclareAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused) return refused;
        if (Mine is not null) return RedirectToPage(new { id });
        switch (await Desk.DeclareAsync(ReviewerId, id, Conflict, ConflictNote, cancellationToken))
        {
            case ReviewOutcome.Done when Conflict:
                TempData[PageMessages.Message] = L["You declared a conflict of interest: this application is no longer yours to review."].Value;
                return Redirect("/my/reviews");
            case ReviewOutcome.Done:
                return RedirectToPage(new { id });
            case ReviewOutcome.Refused problem:
                ModelState.AddViolations(problem.Violation.Violations, _ => nameof(ConflictNote), L, RecordType.CallApplication);
                return Page();
            default:
                return RedirectToPage(new { id });
        }
    }

    public Task<IActionResult> OnPostSaveAsync(int id, CancellationToken cancellationToken) => ScoreAsync(id, submit: false, cancellationToken);

    public Task<IActionResult> OnPostSubmitAsync(int id, CancellationToken cancellationToken) => ScoreAsync(id, submit: true, cancellationToken);

    private async Task<IActionResult> ScoreAsync(int id, bool submit, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused) return refused;
        if (Mine is null || Mine.Conflict) return RedirectToPage(new { id });
        if (!ModelState.IsValid) return Page();
        var scores = Scores.Keys.Union(Comments.Keys).Distinct()
            .Select(c => new ReviewScore { CriterionId = c, Score = Scores.GetValueOrDefault(c), Comment = Comments.GetValueOrDefault(c) }).ToList();
        var outcome = await Desk.ScoreAsync(ReviewerId, id, Version, Call, scores, submit, cancellationToken);
        return await AnswerAsync(id, outcome, submit ? L["Your review was submitted. You can now see the other reviewers' scores."] : L["Your scores were saved."], cancellationToken);
    }

    public async Task<IActionResult> OnPostConflictAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused) return refused;
        if (Mine is null || Mine.Conflict) return RedirectToPage(new { id });
        var outcome = await Desk.DeclareConflictAsync(ReviewerId, id, Version, ConflictNote, cancellationToken);
        if (outcome is ReviewOutcome.Done)
        {
            TempData[PageMessages.Message] = L["You declared a conflict of interest: this application is no longer yours to review."].Value;
            return Redirect("/my/reviews");
        }
        return await AnswerAsync(id, outcome, "", cancellationToken);
    }

    private async Task<IActionResult> AnswerAsync(int id, ReviewOutcome outcome, string done, CancellationToken cancellationToken)
    {
        switch (outcome)
        {
            case ReviewOutcome.Done:
                TempData[PageMessages.Message] = done;
                return RedirectToPage(new { id });
            case ReviewOutcome.Refused problem:
                var known = Call.Criteria.Select(c => $"Scores[{c.Id}]").ToHashSet();
                ModelState.AddViolations(problem.Violation.Violations,
                    field => known.Contains(field) ? field : field == nameof(Review.ConflictNote) ? nameof(ConflictNote) : "", L, RecordType.CallApplication);
                break;
            default:
                ModelState.AddModelError("", L["Someone else changed this record a moment ago, so nothing was changed: check it and try again."]);
                Mine = await Desk.ReviewAsync(ReviewerId, id, cancellationToken);
                Version = Mine?.Version ?? 0;
                break;
        }
        return Page();
    }
}
