using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Authorization;
using SscPortal.Web.Calls;
using SscPortal.Web.Data;
using SscPortal.Web.Forms;
using SscPortal.Web.Localization;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.Calls;

/// <summary>
/// A call's reviewers, for the call's admins: who they are (names are for the admins only), whether invited, active or
/// declined, how many reviews each submitted; naming one by the address of their account, and removing one who submitted none.
/// </summary>
[Authorize]
public class ReviewersModel(AppDbContext db, Rights rights, IStringLocalizer<SharedResource> L) : PageModel
{
    public CallHeading Call { get; private set; } = null!;
    public IReadOnlyList<ReviewerRoster.Row> Reviewers { get; private set; } = [];
    /// <summary>The organisations to choose among, when the person named reviews for several.</summary>
    public IReadOnlyList<(int Id, string Name)> Choices { get; private set; } = [];

    [BindProperty] public string? Email { get; set; }
    [BindProperty] public int? OrganisationId { get; set; }
    [BindProperty] public int ReviewerId { get; set; }

    private ReviewerRoster Roster => HttpContext.RequestServices.GetRequiredService<ReviewerRoster>();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? Page();

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var call = await CallHeading.ReadAsync(db, id, cancellationToken);
        if (call is null)
        {
            await rights.RefuseAsync(AuditTargets.Call, id, Operations.ManageReviewers);
            return NotFound();
        }
        if (await rights.RequireAsync(call.Resource, Operations.ManageReviewers, AuditTargets.Call, id) is { } refused) return refused;
        Call = call;
        Reviewers = await Roster.ListAsync(id, cancellationToken);
        return null;
    }

    public async Task<IActionResult> OnPostNameAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused) return refused;
        switch (await Roster.NameAsync(id, Email, OrganisationId, cancellationToken))
        {
            case NamingOutcome.Named { State: ReviewerState.Active }:
                TempData[PageMessages.Message] = L["{0} is a reviewer of this call.", Email!.Trim()].Value;
                return RedirectToPage(new { id });
            case NamingOutcome.Named named:
                TempData[PageMessages.Message] = L["{0} was invited to review for {1} and was told; they become a reviewer once they accept.", Email!.Trim(), named.OrganisationName].Value;
                return RedirectToPage(new { id });
            case NamingOutcome.AlreadyNamed:
                ModelState.AddModelError(nameof(Email), L["This person is already a reviewer of this call."]);
                break;
            case NamingOutcome.ChooseOrganisation choose:
                Choices = choose.Organisations;
                ModelState.AddModelError(nameof(OrganisationId), L["This person reviews for more than one organisation: choose which."]);
                break;
            default:
                ModelState.AddModelError(nameof(Email), RuleMessages.For(RuleCode.NotAReviewer, L, RecordType.Call));
                break;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused) return refused;
        if (Reviewers.All(r => r.Id != ReviewerId))
        {
            await rights.RefuseAsync(AuditTargets.Call, id, Operations.ManageReviewers);
            return NotFound();
        }
        if (await Roster.RemoveAsync(id, ReviewerId, cancellationToken)) TempData[PageMessages.Message] = L["The reviewer was removed."].Value;
        else TempData[PageMessages.Problem] = L["A reviewer who submitted a review cannot be removed."].Value;
        return RedirectToPage(new { id });
    }
}
