using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Reference;

namespace SscPortal.Web.Calls;

/// <summary>How the confirmed partners of an application are made up (from their kinds of organisation, <see cref="AccessTable.KindOf"/>).</summary>
public enum PartnerMix
{
    NoPartner = 0,
    CivilSociety = 1,
    Official = 2,
    Both = 3,
    /// <summary>Confirmed partners, none of them civil society or official (private companies).</summary>
    OtherOnly = 4,
}

/// <summary>
/// The figures of calls (<c>/calls/figures</c>, issue 19). Applications are private until decided, so only calls whose results
/// are published (and that are themselves published) count: an open call, or one still being decided, is never counted.
/// Submitted applications and those selected, with the success rate (selected ÷ submitted), by the applicant's world region
/// (its country's region in the code lists) and by its kind of organisation; and, for one such call, by country, by kind of
/// organisation and by partner mix. Grouped queries bounded by the number of countries and kinds, whatever the number of
/// applications; the partner mix of one call reads its confirmed partners' kinds.
/// </summary>
public static class CallFigures
{
    public sealed record Count(string Key, int Submitted, int Selected)
    {
        /// <summary>Selected ÷ submitted (null when none was submitted).</summary>
        public double? Rate => Submitted == 0 ? null : (double)Selected / Submitted;
    }

    public sealed record DecidedCall(int Id, string Title, string Language, DateTime ResultsPublishedAt);

    /// <summary>The calls that count: published, with their results published; the latest results first.</summary>
    public static async Task<List<DecidedCall>> DecidedCallsAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var calls = await Decided(db).Select(c => new { c.Id, c.Title, c.Language, ResultsPublishedAt = c.ResultsPublishedAt!.Value }).ToListAsync(cancellationToken);
        return calls.OrderByDescending(c => c.ResultsPublishedAt).ThenByDescending(c => c.Id)
            .Select(c => new DecidedCall(c.Id, c.Title, c.Language, c.ResultsPublishedAt)).ToList();
    }

    private static IQueryable<CooperationCall> Decided(AppDbContext db) =>
        db.Calls.AsNoTracking().Where(c => c.ResultsPublishedAt != null && c.Publication == PublicationState.Published);

    private static IQueryable<CallApplication> Submitted(AppDbContext db, int? callId)
    {
        var calls = Decided(db).Select(c => c.Id);
        var applications = db.CallApplications.AsNoTracking().Where(a => a.State == ApplicationState.Submitted && calls.Contains(a.CallId));
        return callId is { } id ? applications.Where(a => a.CallId == id) : applications;
    }

    private sealed class Row
    {
        public string? Country { get; init; }
        public ActorType Type { get; init; }
        public int Submitted { get; init; }
        public int Selected { get; init; }
    }

    /// <summary>Submitted and selected applications by the applicant's country and kind (one grouped query), across all counted calls or of one.</summary>
    private static async Task<List<Row>> RowsAsync(AppDbContext db, int? callId, CancellationToken cancellationToken) =>
        await Submitted(db, callId).GroupBy(a => new { a.Applicant!.CountryCode, a.Applicant.Type })
            .Select(g => new Row { Country = g.Key.CountryCode, Type = g.Key.Type, Submitted = g.Count(), Selected = g.Count(a => a.Decision == CallDecision.Selected) })
            .ToListAsync(cancellationToken);

    /// <summary>The key of the region of applicants whose country (or its region) is not known.</summary>
    public const string Unknown = "unknown";

    public sealed record Overview(Count Total, IReadOnlyList<Count> ByRegion, IReadOnlyList<Count> ByKind);

    /// <summary>Across every counted call: in all, by world region of the applicant, by its kind of organisation.</summary>
    public static async Task<Overview> OverviewAsync(AppDbContext db, ReferenceData.Snapshot names, CancellationToken cancellationToken)
    {
        var rows = await RowsAsync(db, null, cancellationToken);
        string RegionOf(string? country) =>
            country is not null && names.Countries.TryGetValue(country.Trim().ToUpperInvariant(), out var c) && c.RegionCode is { } region ? region : Unknown;
        return new Overview(
            new Count("all", rows.Sum(r => r.Submitted), rows.Sum(r => r.Selected)),
            Sum(rows, r => RegionOf(r.Country)),
            Sum(rows, r => r.Type.ToString()));
    }

    public sealed record OfCall(Count Total, IReadOnlyList<Count> ByCountry, IReadOnlyList<Count> ByKind, IReadOnlyList<Count> ByPartnerMix);

    /// <summary>One counted call: in all, by the applicant's country, by its kind of organisation, by partner mix.</summary>
    public static async Task<OfCall> OfCallAsync(AppDbContext db, int callId, CancellationToken cancellationToken)
    {
        var rows = await RowsAsync(db, callId, cancellationToken);
        var applications = await Submitted(db, callId).Select(a => new { a.Id, Selected = a.Decision == CallDecision.Selected }).ToListAsync(cancellationToken);
        var ids = applications.Select(a => a.Id).ToList();
        var partners = await db.Set<ApplicationPartner>().AsNoTracking().Where(p => p.Confirmed && ids.Contains(p.ApplicationId))
            .Select(p => new { p.ApplicationId, p.Organisation!.Type }).ToListAsync(cancellationToken);
        var kinds = partners.GroupBy(p => p.ApplicationId).ToDictionary(g => g.Key, g => g.Select(p => AccessTable.KindOf(p.Type)).ToHashSet());
        var mixes = applications.Select(a => (Mix: MixOf(kinds.GetValueOrDefault(a.Id)), a.Selected)).ToList();
        var byMix = Enum.GetValues<PartnerMix>()
            .Select(mix => new Count(mix.ToString(), mixes.Count(m => m.Mix == mix), mixes.Count(m => m.Mix == mix && m.Selected)))
            // "Other partners only" is shown only when there are some: the four usual groups always are.
            .Where(c => c.Key != nameof(PartnerMix.OtherOnly) || c.Submitted > 0).ToList();
        return new OfCall(
            new Count("all", rows.Sum(r => r.Submitted), rows.Sum(r => r.Selected)),
            Sum(rows, r => r.Country?.Trim().ToUpperInvariant() ?? Unknown),
            Sum(rows, r => r.Type.ToString()),
            byMix);
    }

    /// <summary>The mix of an application's confirmed partners' kinds.</summary>
    public static PartnerMix MixOf(IReadOnlySet<OrganisationKind>? kinds)
    {
        if (kinds is null || kinds.Count == 0) return PartnerMix.NoPartner;
        var civil = kinds.Contains(OrganisationKind.CivilSociety);
        var official = kinds.Contains(OrganisationKind.Official);
        return (civil, official) switch
        {
            (true, true) => PartnerMix.Both,
            (true, false) => PartnerMix.CivilSociety,
            (false, true) => PartnerMix.Official,
            _ => PartnerMix.OtherOnly,
        };
    }

    private static List<Count> Sum(IEnumerable<Row> rows, Func<Row, string> key) =>
        rows.GroupBy(key).Select(g => new Count(g.Key, g.Sum(r => r.Submitted), g.Sum(r => r.Selected)))
            .OrderByDescending(c => c.Submitted).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
}
