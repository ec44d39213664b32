using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Authorization;
using SscPortal.Web.Data;

namespace SscPortal.Web.Calls;

/// <summary>What the reviewing and results pages read of a call to ask who may (<see cref="CallResource"/>) and to head the page.</summary>
public sealed record CallHeading(int Id, string Title, string Language, CallKind Kind, int OwnerId, string Owner, PublicationState Publication, bool HeldByModerator,
    bool HasSubmissions, DateTime ClosesAt, string TimeZone, DateTime? ResultsPublishedAt, int Version)
{
    public CallResource Resource => new(OwnerId, Publication, HeldByModerator, HasSubmissions);

    public static Task<CallHeading?> ReadAsync(AppDbContext db, int id, CancellationToken cancellationToken) =>
        db.Calls.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new CallHeading(c.Id, c.Title, c.Language, c.Kind, c.OwnerId, c.Owner!.Name, c.Publication, c.HeldByModerator,
                db.CallApplications.Any(a => a.CallId == c.Id && a.State == ApplicationState.Submitted), c.ClosesAt, c.TimeZone, c.ResultsPublishedAt, c.Version))
            .SingleOrDefaultAsync(cancellationToken);
}
