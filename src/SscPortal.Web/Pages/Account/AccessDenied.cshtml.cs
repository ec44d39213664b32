using SscPortal.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.Account;

/// <summary>
/// Where a refused action lands (403). Says in plain words what the person's account can do, from the same access
/// table the handlers apply, and what to do for more: join an organisation, wait for a claim, ask an admin.
/// </summary>
[AllowAnonymous]
public class AccessDeniedModel(AppDbContext db, Access access) : PageModel
{
    public sealed record OrganisationRights(string Name, MembershipRole Role, IReadOnlyList<Permission> Permissions);

    public bool SignedIn { get; private set; }
    public IReadOnlyList<OrganisationRights> Organisations { get; private set; } = [];
    public IReadOnlyList<string> Waiting { get; private set; } = [];
    public IReadOnlyList<Permission> PlatformPermissions { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        SignedIn = User.Identity?.IsAuthenticated == true;
        if (!SignedIn) return;
        Organisations = (await access.MembershipsAsync())
            .Select(m => new OrganisationRights(m.ActorName, m.Role,
                Enum.GetValues<Permission>().Where(p => AccessTable.Grants(m.ActorType, m.Role, p)).ToList()))
            .ToList();
        var userId = access.UserId;
        Waiting = await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId && (m.Status == MembershipStatus.Pending || (m.Status == MembershipStatus.Active && !m.Actor!.IsVerified)))
            .OrderBy(m => m.Actor!.Name).Select(m => m.Actor!.Name).ToListAsync(HttpContext.RequestAborted);
        PlatformPermissions = Enum.GetValues<Permission>().Where(access.CanOnPlatform).ToList();
    }
}
