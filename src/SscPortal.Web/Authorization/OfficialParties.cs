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

    /// <summary>The official parties to the initiative (its owner and the actors taking part that are official), by name.</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> OfInitiativeAsync(int initiativeId, CancellationToken cancellationToken = default)
    {
        var facts = await db.Initiatives.AsNoTracking().Where(i => i.Id == initiativeId).Select(i => new
        {
            Owner = new { i.Owner!.Id, i.Owner.Name, i.Owner.Type },
            Actors = i.Actors.Select(a => new { a.Actor!.Id, a.Actor.Name, a.Actor.Type }).ToList(),
        }).SingleOrDefaultAsync(cancellationToken);
        if (facts is null) return [];
        return facts.Actors.Prepend(facts.Owner).Where(a => AccessTable.KindOf(a.Type) == OrganisationKind.Official)
            .DistinctBy(a => a.Id).OrderBy(a => a.Name, StringComparer.CurrentCulture).Select(a => (a.Id, a.Name)).ToList();
    }
}
