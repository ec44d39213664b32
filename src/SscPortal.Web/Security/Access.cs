using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Data;

namespace SscPortal.Web.Security;

/// <summary>
/// Answers "may the signed-in person do this, to this organisation's records?" from the access table and
/// their active memberships, read fresh from the database on each request (so an approval or removal takes
/// effect at once). Pages call it before every write and on every page that shows a write.
/// </summary>
public sealed class Access(AppDbContext db, IHttpContextAccessor http)
{
    public sealed record ActiveMembership(int ActorId, string ActorName, ActorType ActorType, MembershipRole Role);

    private IReadOnlyList<ActiveMembership>? _memberships;

    private ClaimsPrincipal User => http.HttpContext?.User ?? new ClaimsPrincipal();

    public string? UserId => User.FindFirstValue(ClaimTypes.NameIdentifier);

    public async Task<IReadOnlyList<ActiveMembership>> MembershipsAsync()
    {
        if (_memberships is not null) return _memberships;
        var userId = UserId;
        _memberships = userId is null ? [] : await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId && m.Status == MembershipStatus.Active && m.Actor!.IsVerified)
            .OrderBy(m => m.Actor!.Name)
            .Select(m => new ActiveMembership(m.ActorId, m.Actor!.Name, m.Actor.Type, m.Role))
            .ToListAsync();
        return _memberships;
    }

    /// <summary>Whether an active membership of <paramref name="organisationId"/> grants the permission.</summary>
    public async Task<bool> CanAsync(Permission permission, int organisationId) =>
        (await MembershipsAsync()).Any(m => m.ActorId == organisationId && AccessTable.Grants(m.ActorType, m.Role, permission));

    /// <summary>The organisations in which the person holds the permission.</summary>
    public async Task<IReadOnlyList<ActiveMembership>> OrganisationsWhereAsync(Permission permission) =>
        (await MembershipsAsync()).Where(m => AccessTable.Grants(m.ActorType, m.Role, permission)).ToList();

    /// <summary>Published records are public; drafts and unpublished ones exist only for the owner's members.</summary>
    public async Task<bool> CanSeeAsync(PublicationState publication, int ownerId) =>
        publication == PublicationState.Published
        || await CanAsync(Permission.EditOwnInitiatives, ownerId)
        // Moderators keep sight of what they unpublished, to lift a hold.
        || (publication == PublicationState.Unpublished && CanOnPlatform(Permission.UnpublishAnyRecord));

    /// <summary>Members edit their organisation's drafts; published or unpublished records, only its admins.</summary>
    public Task<bool> CanEditAsync(PublicationState publication, int ownerId) =>
        CanAsync(publication == PublicationState.Draft ? Permission.EditOwnInitiatives : Permission.PublishOwnRecords, ownerId);

    /// <summary>Whether the person's platform role (moderator, administrator) grants the permission.</summary>
    public bool CanOnPlatform(Permission permission) => SscPortal.Web.Authorization.PlatformPermissions.Holds(User, permission);
}
