using SscPortal.Web.Security;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Data;

namespace SscPortal.Web.Authorization;

/// <summary>
/// The signed-in person's active memberships, read from the database once per request, and what the access table grants
/// through them. A form sent (anything but GET and HEAD) is always decided on what the database holds at that moment; a page
/// read uses what is kept about its reader (<see cref="Caching.ReaderCache"/>), which an approval or removal drops on this
/// instance at once after its commit and on the others within a second. Only the authorization handlers
/// (Authorization/RecordRightsHandlers.cs) decide with it; pages ask them through <see cref="Authorization.Rights"/>.
/// </summary>
public sealed class Access(AppDbContext db, IHttpContextAccessor http, Caching.ReaderCache readers)
{
    public sealed record ActiveMembership(int ActorId, string ActorName, ActorType ActorType, MembershipRole Role);

    private IReadOnlyList<ActiveMembership>? _memberships;

    private ClaimsPrincipal User => http.HttpContext?.User ?? new ClaimsPrincipal();

    public string? UserId => User.FindFirstValue(ClaimTypes.NameIdentifier);

    public async Task<IReadOnlyList<ActiveMembership>> MembershipsAsync()
    {
        if (_memberships is not null) return _memberships;
        if (UserId is not { } userId) return _memberships = [];
        Task<List<ActiveMembership>?> read() => db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId && m.Status == MembershipStatus.Active && m.Actor!.IsVerified)
            .OrderBy(m => m.Actor!.Name)
            .Select(m => new ActiveMembership(m.ActorId, m.Actor!.Name, m.Actor.Type, m.Role))
            .ToListAsync()!;
        _memberships = Caching.ReaderCache.MayUse(http.HttpContext, db)
            ? await readers.GetAsync($"memberships|{userId}", read, _ => true)
            : await read();
        return _memberships!;
    }

    /// <summary>Whether an active membership of <paramref name="organisationId"/> grants the permission.</summary>
    public async Task<bool> CanAsync(Permission permission, int organisationId) =>
        (await MembershipsAsync()).Any(m => m.ActorId == organisationId && AccessTable.Grants(m.ActorType, m.Role, permission));

    /// <summary>Whether the person's platform role (moderator, administrator) grants the permission.</summary>
    public bool CanOnPlatform(Permission permission) => SscPortal.Web.Authorization.PlatformPermissions.Holds(User, permission);
}
