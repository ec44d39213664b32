using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SscPortal.Domain;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Data;
using SscPortal.Web.OpenData;
using SscPortal.Web.Reference;

namespace SscPortal.Web.Quality;

/// <summary>One initiative with its findings and its score (<see cref="DataQuality.Score"/>).</summary>
public sealed record RecordQuality(int Id, int OwnerId, string Title, string Language, PublicationState Publication, IReadOnlyList<QualityFinding> Findings)
{
    public int Score => DataQuality.Score(Findings);
    public bool Has(QualitySeverity severity) => Findings.Any(f => f.Severity == severity);
}

/// <summary>
/// An organisation's figures over its published initiatives: its score (the mean of the records' scores), how many records,
/// and how many have a finding of each severity and of each check.
/// </summary>
public sealed record OrganisationQuality(int ActorId, string Name, int? Score, int Records, int WithCritical, int WithWarning, int WithInfo,
    IReadOnlyDictionary<QualityCheck, int> RecordsWith)
{
    /// <summary>The share (0–100, rounded) of the records with a finding of the check.</summary>
    public int ShareWith(QualityCheck check) => Share(RecordsWith.GetValueOrDefault(check));

    public int Share(int count) => Records == 0 ? 0 : (int)Math.Round(100.0 * count / Records, MidpointRounding.AwayFromZero);
}

/// <summary>
/// Runs the data-quality checks over an organisation's initiatives, or over every published initiative for the public
/// figures: the record-level checks of <see cref="DataQuality"/>, and those that need the database — a link the link checker
/// found broken <see cref="QualityOptions.BrokenAfterFailures"/> times in a row, an initiative the IATI file leaves out (its
/// owner has no IATI organisation identifier and the portal has no publisher identifier), and published assessments that
/// no official party has responded to within the response period. Reads in keyset batches of <see cref="Batch"/> records,
/// each batch in a few set-based queries (no query per record), so memory and time grow with the batch, not the table.
/// </summary>
public sealed class QualityReports(AppDbContext db, ReferenceData referenceData, IConfiguration configuration, IOptions<QualityOptions> options,
    ResponseDeadlines deadlines, TimeProvider clock)
{
    public const int Batch = 500;

    private sealed record Row(int Id, int OwnerId, string Title, string Language, PublicationState Publication, QualityFacts Facts);

    /// <summary>One organisation's records (drafts included unless <paramref name="publishedOnly"/>), weakest first, and its figures over its published ones.</summary>
    public async Task<(OrganisationQuality Figures, IReadOnlyList<RecordQuality> Records)> OrganisationAsync(int actorId, bool publishedOnly, CancellationToken cancellationToken)
    {
        var name = await db.Actors.AsNoTracking().Where(a => a.Id == actorId).Select(a => a.Name).SingleAsync(cancellationToken);
        var scope = db.Initiatives.Where(i => i.OwnerId == actorId);
        if (publishedOnly) scope = scope.Where(i => i.Publication == PublicationState.Published);
        var records = new List<RecordQuality>();
        await foreach (var record in ScanAsync(scope, cancellationToken)) records.Add(record);
        var figures = new Figures(actorId, name);
        foreach (var record in records.Where(r => r.Publication == PublicationState.Published)) figures.Add(record);
        return (figures.ToResult(), records.OrderBy(r => r.Score).ThenBy(r => r.Id).ToList());
    }

    /// <summary>The public figures: every organisation with published initiatives, counted over those only (drafts never).</summary>
    public async Task<IReadOnlyList<OrganisationQuality>> AllAsync(CancellationToken cancellationToken)
    {
        var byOwner = new Dictionary<int, Figures>();
        await foreach (var record in ScanAsync(db.Initiatives.Where(i => i.Publication == PublicationState.Published), cancellationToken))
        {
            if (!byOwner.TryGetValue(record.OwnerId, out var figures)) byOwner[record.OwnerId] = figures = new Figures(record.OwnerId, "");
            figures.Add(record);
        }
        var ids = byOwner.Keys.ToList();
        var names = await db.Actors.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.Name }).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        return byOwner.Values.Select(f => f.ToResult() with { Name = names.GetValueOrDefault(f.ActorId, "") }).ToList();
    }

    /// <summary>The checks over the initiatives of <paramref name="scope"/>, batch by batch in the order of their ids.</summary>
    public async IAsyncEnumerable<RecordQuality> ScanAsync(IQueryable<Initiative> scope, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var names = await referenceData.GetAsync(cancellationToken);
        var publisher = IatiPublisher.From(configuration, names.Countries.ContainsKey);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var brokenAfter = Math.Max(1, options.Value.BrokenAfterFailures);
        var overdueBefore = deadlines.Now.AddDays(-deadlines.ResponseDays);
        var official = ResponseDeadlines.OfficialTypes;
        var ownerHasIdentifier = new Dictionary<int, bool>();
        var after = 0;
        while (true)
        {
            var rows = (await scope.AsNoTracking().Where(i => i.Id > after).OrderBy(i => i.Id).Take(Batch)
                    .Select(i => new
                    {
                        i.Id, i.OwnerId, i.Title, i.Language, i.Publication, i.Status, i.PlannedStart, i.PlannedEnd, i.ActualStart, i.ActualEnd,
                        Translations = i.Translations.Select(t => new { t.Language, t.Title }).ToList(),
                        Sectors = i.Sectors.Select(s => s.SectorCode).ToList(),
                        Goals = i.Sdgs.Count(),
                        Recipients = i.Countries.Count(c => c.Role == CountryRole.Recipient || c.Role == CountryRole.Both),
                        Contributions = i.Contributions.OrderBy(c => c.Id).Select(c => new { c.Kind, c.Amount, c.Currency }).ToList(),
                        Links = i.Links.OrderBy(l => l.Id).Select(l => l.Url).ToList(),
                    })
                    .AsSplitQuery().ToListAsync(cancellationToken))
                .Select(r => new Row(r.Id, r.OwnerId, r.Title, r.Language, r.Publication, new QualityFacts(
                    r.Title, r.Language, r.Status, r.PlannedStart, r.PlannedEnd, r.ActualStart, r.ActualEnd,
                    r.Translations.Select(t => (t.Language, t.Title)).ToList(), r.Sectors.Order(StringComparer.Ordinal).ToList(), r.Goals, r.Recipients,
                    r.Contributions.Select(c => (c.Kind, c.Amount, c.Currency)).ToList(), r.Links)))
                .ToList();
            if (rows.Count == 0) yield break;
            after = rows[^1].Id;
            var ids = rows.Select(r => r.Id).ToList();

            // The owners' IATI identifiers, once per owner over the whole scan.
            var unknown = rows.Select(r => r.OwnerId).Distinct().Where(o => !ownerHasIdentifier.ContainsKey(o)).ToList();
            if (unknown.Count > 0)
                foreach (var owner in await db.Actors.AsNoTracking().Where(a => unknown.Contains(a.Id)).Select(a => new { a.Id, Has = a.IatiIdentifier != null }).ToListAsync(cancellationToken))
                    ownerHasIdentifier[owner.Id] = owner.Has;

            // Links found broken enough times in a row.
            var urls = rows.SelectMany(r => r.Facts.Links).Where(u => u.Length <= LinkCheck.UrlLength).Distinct(StringComparer.Ordinal).ToList();
            var broken = urls.Count == 0 ? [] : (await db.LinkChecks.AsNoTracking()
                .Where(c => urls.Contains(c.Url) && c.Problem != null && c.Failures >= brokenAfter)
                .Select(c => c.Url).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);

            // Published assessments past their response period that no official party (other than the assessor) has responded to.
            var unanswered = (await db.Assessments.AsNoTracking().CurrentlyPublished()
                    .Where(a => ids.Contains(a.InitiativeId) && a.PublishedAt <= overdueBefore
                        && ((a.Initiative!.OwnerId != a.AssessorId && official.Contains(a.Initiative.Owner!.Type))
                            || a.Initiative.Actors.Any(x => x.ActorId != a.AssessorId && official.Contains(x.Actor!.Type)))
                        && !db.AssessmentResponses.Any(r => r.AssessmentId == a.Id && r.ResponderId != a.AssessorId))
                    .OrderBy(a => a.Id)
                    .Select(a => new { a.InitiativeId, a.Id }).ToListAsync(cancellationToken))
                .ToLookup(a => a.InitiativeId, a => a.Id);

            foreach (var row in rows)
            {
                var findings = DataQuality.Check(row.Facts, today).ToList();
                for (var i = 0; i < row.Facts.Links.Count; i++)
                    if (broken.Contains(row.Facts.Links[i]))
                        findings.Add(DataQuality.Finding(QualityCheck.BrokenLink, $"{nameof(Initiative.Links)}[{i}].Url", i, row.Facts.Links[i]));
                if (!ownerHasIdentifier.GetValueOrDefault(row.OwnerId) && publisher.Identifier is null)
                    findings.Add(DataQuality.Finding(QualityCheck.LeftOutOfIatiFile));
                foreach (var assessment in unanswered[row.Id])
                    findings.Add(DataQuality.Finding(QualityCheck.AssessmentWithoutResponse, item: assessment));
                var ordered = findings.OrderBy(f => f.Severity).ThenBy(f => IndexOf(f.Check)).ToList();
                yield return new RecordQuality(row.Id, row.OwnerId, row.Title, row.Language, row.Publication, ordered);
            }
            if (rows.Count < Batch) yield break;
        }
    }

    private static int IndexOf(QualityCheck check)
    {
        for (var i = 0; i < DataQuality.Rules.Count; i++)
            if (DataQuality.Rules[i].Check == check) return i;
        return int.MaxValue;
    }

    /// <summary>Running totals for one organisation, whatever its number of records.</summary>
    private sealed class Figures(int actorId, string name)
    {
        public int ActorId { get; } = actorId;
        private long _scoreSum;
        private int _records, _critical, _warning, _info;
        private readonly Dictionary<QualityCheck, int> _with = [];

        public void Add(RecordQuality record)
        {
            _records++;
            _scoreSum += record.Score;
            if (record.Has(QualitySeverity.Critical)) _critical++;
            if (record.Has(QualitySeverity.Warning)) _warning++;
            if (record.Has(QualitySeverity.Info)) _info++;
            foreach (var check in record.Findings.Select(f => f.Check).Distinct()) _with[check] = _with.GetValueOrDefault(check) + 1;
        }

        public OrganisationQuality ToResult() => new(ActorId, name,
            _records == 0 ? null : (int)Math.Round((double)_scoreSum / _records, MidpointRounding.AwayFromZero),
            _records, _critical, _warning, _info, _with);
    }
}
