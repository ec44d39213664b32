using SscPortal.Web.Records;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Accounts;
using SscPortal.Web.Authorization;
using SscPortal.Web.Data;
using SscPortal.Web.Forms;
using SscPortal.Web.Reference;
using SscPortal.Web.Security;
using SscPortal.Web.Pages.Account;

namespace SscPortal.Web.Pages.Admin;

/// <summary>
/// Getting organisations onto the portal, for administrators: the first-run page of a fresh portal (linked from /admin and
/// the home page while no organisation is verified). An organisation added here is verified at once (staff add it, so there
/// is nothing for a moderator to check) and its first admin is invited by e-mail; accepting the invitation makes them its
/// organisation admin, and they invite their colleagues from the organisation's members page.
/// </summary>
[Authorize(Policy = PlatformPermissions.CreateOrganisations)]
public class StartModel(AppDbContext db, Access access, AuditLog audit, OrganisationInvitations invitations, ReferenceData referenceData, SubmitOnce once,
    TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    public sealed record WithoutAdmin(int Id, string Name, int OpenInvitations);

    [BindProperty] public OrganisationsModel.ProposalInput Organisation { get; set; } = new();
    [BindProperty] public OrganisationInvitations.InviteInput FirstAdmin { get; set; } = new() { Role = MembershipRole.OrganisationAdmin };

    public ReferenceData.Snapshot Names { get; private set; } = null!;
    public bool AnyVerified { get; private set; }

    /// <summary>Verified organisations that have no active organisation admin yet, and how many invitations wait for each.</summary>
    public IReadOnlyList<WithoutAdmin> NeedAnAdmin { get; private set; } = [];

    /// <summary>Whether the portal has no verified organisation yet: then /admin and the home page lead administrators here.</summary>
    public static async Task<bool> IsFreshAsync(AppDbContext db, CancellationToken cancellationToken) =>
        !await db.Actors.AnyAsync(a => a.IsVerified, cancellationToken);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) => once.CreateAsync(() => CreateAsync(cancellationToken), cancellationToken);

    private async Task<IActionResult> CreateAsync(CancellationToken cancellationToken)
    {
        Names = await referenceData.GetAsync(cancellationToken);
        FirstAdmin.Email = FirstAdmin.Email?.Trim();
        FirstAdmin.Role = MembershipRole.OrganisationAdmin;
        await Organisation.ValidateAsync(ModelState, nameof(Organisation), db, L, Names, cancellationToken);
        ModelState.AddErrors(await new OrganisationInvitations.InviteValidator(L).ValidateAsync(FirstAdmin, cancellationToken), nameof(FirstAdmin));
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }
        var actor = Organisation.ToActor(clock.GetUtcNow().UtcDateTime, verified: true);
        db.Actors.Add(actor);
        // The organisation, its audit entry, the invitation with its mail and the form's key are saved together, or nothing is.
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
            audit.Add(AuditEventType.OrganisationCreated, AuditTargets.Organisation, actor.Id, AuditDetails.CreatedVerified(actor.Name));
            if (await invitations.AddAsync(actor, FirstAdmin.Email!, MembershipRole.OrganisationAdmin, access.UserId!, User.Identity?.Name, cancellationToken) is { } refusal)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                ModelState.AddModelError("FirstAdmin.Email", refusal == OrganisationInvitations.Refusal.NoPublicAddress
                    ? L["The portal has no public address (Portal:PublicUrl), so no invitation link can be mailed. Ask the portal's administrator to set it."]
                    : L["This address was already invited: the invitation is waiting below. Withdraw it first to send a new one."]);
                await LoadAsync(cancellationToken);
                return Page();
            }
            once.Record("/admin/start");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        TempData[PageMessages.Message] = L["{0} is on the portal, verified, and {1} was invited to be its organisation admin.", actor.Name, FirstAdmin.Email!].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Names ??= await referenceData.GetAsync(cancellationToken);
        AnyVerified = !await IsFreshAsync(db, cancellationToken);
        NeedAnAdmin = await db.Actors.AsNoTracking()
            .Where(a => a.IsVerified && !a.Memberships.Any(m => m.Status == MembershipStatus.Active && m.Role == MembershipRole.OrganisationAdmin))
            .OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Take(50)
            .Select(a => new WithoutAdmin(a.Id, a.Name, db.Invitations.Count(i => i.ActorId == a.Id && i.AcceptedAt == null && i.RevokedAt == null)))
            .ToListAsync(cancellationToken);
    }
}
