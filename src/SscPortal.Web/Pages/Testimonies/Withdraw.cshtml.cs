using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Authorization;
using SscPortal.Web.Data;
using SscPortal.Web.Evidence;
using SscPortal.Web.Forms;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.Testimonies;

/// <summary>
/// The assessor's organisation withdraws a testimony whose giver revoked consent, even in a published assessment: its words,
/// recording and name are deleted at once, everywhere; only the fact that a testimony was withdrawn remains.
/// </summary>
[Authorize]
public class WithdrawModel(AppDbContext db, Rights rights, TestimonyWithdrawals withdrawals, IStringLocalizer<SharedResource> L) : PageModel
{
    public int AssessmentId { get; private set; }
    /// <summary>The start of its words, so the person withdrawing knows which one it is.</summary>
    public string Excerpt { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) => await LoadAsync(id, withdrawnToo: false, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        // A withdrawal sent again (a double click, a second tab) finds it withdrawn, and says so to whoever may withdraw it.
        if (await LoadAsync(id, withdrawnToo: true, cancellationToken) is { } refused) return refused;
        TempData[PageMessages.Message] = await withdrawals.WithdrawAsync(id, TestimonyWithdrawal.ConsentRevoked, cancellationToken)
            ? L["The testimony was withdrawn: its words, recording and name were deleted."].Value
            : L["This testimony had already been withdrawn."].Value;
        return Redirect($"/assessments/{AssessmentId}");
    }

    private async Task<IActionResult?> LoadAsync(int id, bool withdrawnToo, CancellationToken cancellationToken)
    {
        var facts = await db.Testimonies.AsNoTracking().Where(t => t.Id == id && (withdrawnToo || t.WithdrawnAt == null))
            .Join(db.Assessments, t => t.AssessmentId, a => a.Id, (t, a) => new { a.Id, a.AssessorId, t.Text }).SingleOrDefaultAsync(cancellationToken);
        if (facts is null) return NotFound();
        AssessmentId = facts.Id;
        var words = facts.Text ?? "";
        Excerpt = words.Length <= 160 ? words : words[..160] + "…";
        return await rights.RequireAsync(new EvidenceResource(facts.AssessorId, EvidenceVisibility.Organisation), Operations.ManageEvidence, AuditTargets.Testimony, id);
    }
}
