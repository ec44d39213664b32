using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Data;

namespace SscPortal.Web.Authorization;

/// <summary>
/// Which organisations are official parties to an initiative: an agency, government or IGO taking part in it or owning
/// it. Self-assessments and responses are theirs (Authorization/RecordRightsHandlers.cs).
/// </summary>
public sealed class OfficialParties(AppDbContext db)
{
    /// <summary>Whether the organisation is an official party to the initiative.</summary>
    public async Task<bool> IsOfficialPartyAsync(int initiativeId, int organisationId, CancellationToken cancellationToken = default)
    {
        var type = await db.Actors.AsNoTracking().Where(a => a.Id == organisationId).Select(a => (ActorType?)a.Type).SingleOrDefaultAsync(cancellationToken);
        if (type is null || AccessTable.KindOf(type.Value) != OrganisationKind.Official) return false;
        return await db.Initiatives.AsNoTracking().AnyAsync(i => i.Id == initiativeId
            && (i.OwnerId == organisationId || i.Actors.Any(a => a.ActorId == organisationId)), cancellationToken);
    }
}
