using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Authorization;
using SscPortal.Web.Data;

namespace SscPortal.Web.Events;

/// <summary>What an event's report page and the report on its details page read of the event: its report, and who decides on it.</summary>
public sealed record EventReport(
    int EventId, string Title, DateTime StartsAt, DateTime? ParticipantDataDeletedAt,
    string? Summary, string? Outcomes, DateTime? PublishedAt, int Version, EventResource Rights)
{
    public bool IsPublished => PublishedAt is not null;
    public bool HasDraft => Summary is not null && PublishedAt is null;

    public static Task<EventReport?> LoadAsync(AppDbContext db, int eventId, CancellationToken cancellationToken) =>
        db.Events.AsNoTracking().Where(e => e.Id == eventId)
            .Select(e => new EventReport(e.Id, e.Title, e.StartsAt, e.ParticipantDataDeletedAt, e.ReportSummary, e.ReportOutcomes, e.ReportPublishedAt, e.Version,
                new EventResource(e.OwnerId, e.Publication, e.HeldByModerator,
                    e.CoOrganisers.Where(o => o.State == CoOrganiserState.Confirmed).Select(o => o.ActorId).ToList())))
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>A text as paragraphs: split at blank lines, each paragraph's own line breaks kept (shown with <c>class="prose"</c>).</summary>
    public static IReadOnlyList<string> Paragraphs(string? text) =>
        string.IsNullOrWhiteSpace(text) ? []
        : System.Text.RegularExpressions.Regex.Split(text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim(), @"\n[ \t]*\n\s*")
            .Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
}
