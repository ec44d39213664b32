using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Web.Authorization;
using SscPortal.Web.Calls;
using SscPortal.Web.Data;
using SscPortal.Web.Forms;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.My;

/// <summary>
/// The signed-in person's reviewing: invitations to accept or decline, and for each call they review, its submitted
/// applications (title and applicant only) with where their review of each stands.
/// </summary>
[Authorize]
public class ReviewsModel(AppDbContext db, Rights rights, IStringLocalizer<SharedResource> L) : PageModel
{
    public IReadOnlyList<ReviewerRoster.Invitation> Invitations { get; private set; } = [];
    public IReadOnlyList<ReviewDesk.CallAssignments> Calls { get; private set; } = [];

    [BindProperty] public int ReviewerId { get; set; }
    [BindProperty] public bool Accept { get; set; }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var invitations = new List<ReviewerRoster.Invitation>();
        foreach (var invitation in await HttpContext.RequestServices.GetRequiredService<ReviewerRoster>().InvitationsOfAsync(UserId, cancellationToken))
            if (await rights.MayAsync(new ReviewerResource(UserId, invitation.OrganisationId), Operations.AnswerInvitation)) invitations.Add(invitation);
        Invitations = invitations;
        Calls = await HttpContext.RequestServices.GetRequiredService<ReviewDesk>().AssignmentsOfAsync(UserId, cancellationToken);
    }

    public async Task<IActionResult> OnPostAnswerAsync(CancellationToken cancellationToken)
    {
        var reviewer = await db.CallReviewers.AsNoTracking().Where(r => r.Id == ReviewerId).Select(r => new { r.UserId, r.OrganisationId, r.CallId }).SingleOrDefaultAsync(cancellationToken);
        // Only the person invited answers: anyone else learns nothing of the invitation.
        if (reviewer is null)
        {
            await rights.RefuseAsync(AuditTargets.Call, null, Operations.AnswerInvitation);
            return NotFound();
        }
        if (await rights.RequireAsync(new ReviewerResource(reviewer.UserId, reviewer.OrganisationId), Operations.AnswerInvitation, AuditTargets.Call, reviewer.CallId) is { } refused)
            return refused;
        if (!await HttpContext.RequestServices.GetRequiredService<ReviewerRoster>().AnswerAsync(ReviewerId, Accept, cancellationToken))
            TempData[PageMessages.Problem] = L["This invitation was answered already."].Value;
        else TempData[PageMessages.Message] = Accept
            ? L["You accepted: the call's applications are listed below for you to review."].Value
            : L["You declined the invitation; the call's organisation was told."].Value;
        return RedirectToPage();
    }
}
