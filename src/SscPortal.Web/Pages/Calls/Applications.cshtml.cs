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

namespace SscPortal.Web.Pages.Calls;

/// <summary>
/// A call's submitted applications for its admins: each reviewer's weighted score side by side (with their names), the means
/// by criterion, the spread between reviewers, the ranking; a decision with feedback per application once the deadline passed;
/// publishing the results (every applicant told); then carrying the selected applications forward in one step.
/// </summary>
[Authorize]
public class ApplicationsModel(AppDbContext db, Rights rights, RecordSaver saver, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    public CallHeading Heading { get; private set; } = null!;
    public CooperationCall Call { get; private set; } = null!;
    public ResultsBoard.Board Board { get; private set; } = null!;
    /// <summary>
    /// The applications whose scores the reader may not see yet: they review the call too, and have not submitted (nor declared a
    /// conflict with) the application, so the others' scores would unblind them.
    /// </summary>
    public IReadOnlySet<int> Blind { get; private set; } = new HashSet<int>();
    public bool HasClosed { get; private set; }
    public bool CanDecide { get; private set; }
    public int Waiting { get; private set; }

    [BindProperty] public int ApplicationId { get; set; }
    [BindProperty] public CallDecision? Decision { get; set; }
    [BindProperty] public string? Feedback { get; set; }
    [BindProperty] public int Version { get; set; }

    private ResultsBoard Results => HttpContext.RequestServices.GetRequiredService<ResultsBoard>();

    public static string DecisionKey(int applicationId) => $"Decision-{applicationId}";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) => await LoadAsync(id, cancellationToken) ?? Page();

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var heading = await CallHeading.ReadAsync(db, id, cancellationToken);
        if (heading is null)
        {
            await rights.RefuseAsync(AuditTargets.Call, id, Operations.ReadApplications);
            return NotFound();
        }
        if (await rights.RequireAsync(heading.Resource, Operations.ReadApplications, AuditTargets.Call, id) is { } refused) return refused;
        Heading = heading;
        Call = (await saver.LoadAsync(VersionedRecords.Call, id, cancellationToken, tracked: false))!;
        Board = await Results.BoardAsync(Call, cancellationToken);
        HasClosed = Call.HasClosed(clock.GetUtcNow().UtcDateTime);
        CanDecide = await rights.MayAsync(heading.Resource, Operations.Decide);
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var reviewer = await db.CallReviewers.AsNoTracking().Where(r => r.CallId == id && r.UserId == userId && r.State == ReviewerState.Active).Select(r => (int?)r.Id)
            .SingleOrDefaultAsync(cancellationToken);
        if (reviewer is { } reviewerId)
        {
            var done = await db.Reviews.AsNoTracking().Where(v => v.ReviewerId == reviewerId && (v.SubmittedAt != null || v.Conflict)).Select(v => v.ApplicationId)
                .ToListAsync(cancellationToken);
            Blind = Board.Rows.Select(r => r.ApplicationId).Except(done).ToHashSet();
        }
        Waiting = Board.Rows.Count(r => r.Decision == CallDecision.Selected && r.InitiativeId is null && r.GoodPracticeId is null && !r.JoinedNetwork);
        return null;
    }

    public async Task<IActionResult> OnPostDecideAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused) return refused;
        var row = Board.Rows.FirstOrDefault(r => r.ApplicationId == ApplicationId);
        // An application of another call, or none, is not on this page: a crafted id is refused and the refusal kept.
        if (row is null)
        {
            await rights.RefuseAsync(AuditTargets.Application, ApplicationId, Operations.Decide);
            return NotFound();
        }
        var resource = new ApplicationResource(ApplicationId, row.ApplicantId, Heading.OwnerId, ApplicationState.Submitted);
        if (await rights.RequireAsync(resource, Operations.Decide, AuditTargets.Application, ApplicationId) is { } forbidden) return forbidden;
        if (Decision is not { } decision)
        {
            ModelState.AddModelError(DecisionKey(ApplicationId), L["Choose a decision."]);
            return Page();
        }
        switch (await Results.DecideAsync(Call, ApplicationId, Version, decision, Feedback, cancellationToken))
        {
            case ChangeOutcome.Done:
                TempData[PageMessages.Message] = L["The decision on “{0}” was recorded.", row.Title].Value;
                return Redirect($"{ResultsBoard.PathOf(id)}#application-{ApplicationId}");
            case ChangeOutcome.Refused problem:
                ModelState.AddViolations(problem.Violation.Violations, _ => DecisionKey(ApplicationId), L, RecordType.CallApplication);
                return Page();
            default:
                ModelState.AddModelError(DecisionKey(ApplicationId), L["Someone else changed this record a moment ago, so nothing was changed: check it and try again."]);
                return Page();
        }
    }

    public async Task<IActionResult> OnPostPublishAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused) return refused;
        if (await rights.RequireAsync(Heading.Resource, Operations.Decide, AuditTargets.Call, id) is { } forbidden) return forbidden;
        switch (await Results.PublishAsync(id, Version, cancellationToken))
        {
            case ChangeOutcome.Done:
                TempData[PageMessages.Message] = L["The results were published: every applicant was told."].Value;
                return RedirectToPage(new { id });
            case ChangeOutcome.Refused problem:
                ModelState.AddViolations(problem.Violation.Violations, _ => "Publish", L, RecordType.Call);
                return Page();
            default:
                ModelState.AddModelError("Publish", L["Someone else changed this record a moment ago, so nothing was changed: check it and try again."]);
                return Page();
        }
    }

    /// <summary>Every selected application not yet carried forward, or only the one named (<see cref="ApplicationId"/>).</summary>
    public async Task<IActionResult> OnPostCarryForwardAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused) return refused;
        if (await rights.RequireAsync(Heading.Resource, Operations.Decide, AuditTargets.Call, id) is { } forbidden) return forbidden;
        if (Heading.ResultsPublishedAt is null)
        {
            ModelState.AddModelError("CarryForward", RuleMessages.For(RuleCode.ResultsNotPublished, L, RecordType.Call));
            return Page();
        }
        var made = 0;
        foreach (var applicationId in await Results.WaitingAsync(id, ApplicationId == 0 ? null : ApplicationId, cancellationToken))
            if (await Results.CarryForwardAsync(id, applicationId, cancellationToken) == CarryOutcome.Done) made++;
        TempData[PageMessages.Message] = made == 0
            ? L["Every selected application was carried forward already."].Value
            : Heading.Kind switch
            {
                CallKind.Funding => L["{0} selected application(s) became draft initiatives of their organisations, which complete and publish them.", made].Value,
                CallKind.GoodPractice => L["{0} selected application(s) became draft good practices of their organisations, which complete and publish them.", made].Value,
                _ => L["{0} selected organisation(s) became members of the network.", made].Value,
            };
        return RedirectToPage(new { id });
    }
}
