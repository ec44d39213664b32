using SscPortal.Domain;

namespace SscPortal.Web.Catalogue;

public static class PartnershipQueries
{
    /// <summary>The published partnerships the organisation signed: what its page lists and its feed carries.</summary>
    public static IQueryable<Partnership> PublishedSignedBy(this IQueryable<Partnership> partnerships, int actorId) =>
        partnerships.Where(p => p.Publication == PublicationState.Published && p.Signatories.Any(s => s.ActorId == actorId));
}
