using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SscPortal.Domain;
using SscPortal.Web.Data;

namespace SscPortal.Web.Catalogue;

/// <summary>The configuration section "Assessments".</summary>
public sealed class AssessmentOptions
{
    public const string Section = "Assessments";

    /// <summary>How long the official parties have to respond to a published assessment before it says "no response after N days".</summary>
    public int ResponseDays { get; set; } = 60;

    /// <summary>How many days before the end of that period the parties that have not responded are reminded.</summary>
    public int DueSoonDays { get; set; } = 7;
}

/// <summary>Where an official party stands with a published assessment: it responded, it is awaited, or its period has passed.</summary>
public enum ResponseStatus
{
    Responded = 1,
    Awaited = 2,
    Overdue = 3,
}

/// <summary>
/// An organisation's record as a duty-bearer: the published assessments (current revisions) of the initiatives it owns or
/// takes part in, how many it responded to, the median number of days it took, and how many still wait for it, within
/// the response period or past it.
/// </summary>
public sealed record DutyBearerRecord(int Received, int RespondedTo, double? MedianDaysToRespond, int Awaited, int Overdue);

/// <summary>
/// The right of reply in time: when a response to a published assessment is due (<see cref="AssessmentOptions.ResponseDays"/>
/// after its publication), each party's status, and an organisation's <see cref="DutyBearerRecord"/>. Time is read from the
/// injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class ResponseDeadlines(AppDbContext db, Authorization.OfficialParties officialParties, IOptions<AssessmentOptions> options, TimeProvider clock)
{
    /// <summary>The organisation types that are official parties (agencies, governments, IGOs), for queries.</summary>
    public static readonly ActorType[] OfficialTypes =
        Enum.GetValues<ActorType>().Where(t => AccessTable.KindOf(t) == OrganisationKind.Official).ToArray();

    public int ResponseDays => Math.Max(options.Value.ResponseDays, 1);
    public int DueSoonDays => Math.Clamp(options.Value.DueSoonDays, 1, ResponseDays);

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>When the response to an assessment published at <paramref name="publishedAt"/> is due.</summary>
    public DateTime DueAt(DateTime publishedAt) => publishedAt.AddDays(ResponseDays);

    /// <summary>A party's status: responded (whenever), awaited within the period, or overdue past it.</summary>
    public ResponseStatus StatusOf(DateTime publishedAt, DateTime? respondedAt) =>
        respondedAt is not null ? ResponseStatus.Responded : Now < DueAt(publishedAt) ? ResponseStatus.Awaited : ResponseStatus.Overdue;

    /// <summary>Whole days since <paramref name="since"/>.</summary>
    public int DaysSince(DateTime since) => Math.Max(0, (int)Math.Floor((Now - since).TotalDays));

    /// <summary>The official parties that owe the assessment a response: every official party to the initiative but its assessor.</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> PartiesOwingAsync(int initiativeId, int assessorId, CancellationToken cancellationToken) =>
        (await officialParties.OfInitiativeAsync(initiativeId, cancellationToken)).Where(p => p.Id != assessorId).ToList();

    /// <summary>The organisation's record as a duty-bearer, in two queries whatever the number of assessments.</summary>
    public async Task<DutyBearerRecord> RecordOfAsync(int organisationId, CancellationToken cancellationToken)
    {
        var overdueBefore = Now.AddDays(-ResponseDays);
        var received = db.Assessments.AsNoTracking().ReceivedBy(organisationId);
        var counts = await received
            .Select(a => new { a.PublishedAt, Responded = db.AssessmentResponses.Any(r => r.AssessmentId == a.Id && r.ResponderId == organisationId) })
            .GroupBy(_ => 1)
            .Select(g => new
            {
                Received = g.Count(),
                Responded = g.Count(x => x.Responded),
                Awaited = g.Count(x => !x.Responded && x.PublishedAt > overdueBefore),
                Overdue = g.Count(x => !x.Responded && x.PublishedAt <= overdueBefore),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (counts is null) return new DutyBearerRecord(0, 0, null, 0, 0);
        var delays = await db.AssessmentResponses.AsNoTracking()
            .Where(r => r.ResponderId == organisationId && received.Any(a => a.Id == r.AssessmentId))
            .Select(r => new { Asked = r.Assessment!.PublishedAt, Answered = r.PublishedAt })
            .ToListAsync(cancellationToken);
        return new DutyBearerRecord(counts.Received, counts.Responded,
            Median(delays.Where(d => d.Asked is not null).Select(d => Math.Max(0, (d.Answered - d.Asked!.Value).TotalDays))), counts.Awaited, counts.Overdue);
    }

    private static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return null;
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

public static class DutyBearerQueries
{
    /// <summary>
    /// The assessments an organisation received as an official party: the public ones (<see cref="AssessmentQueries.CurrentlyPublished"/>)
    /// of the initiatives it owns or takes part in. Whether it is official is the caller's question.
    /// </summary>
    public static IQueryable<Assessment> ReceivedBy(this IQueryable<Assessment> assessments, int organisationId) =>
        assessments.CurrentlyPublished().Where(a => a.AssessorId != organisationId
            && (a.Initiative!.OwnerId == organisationId || a.Initiative.Actors.Any(x => x.ActorId == organisationId)));
}
