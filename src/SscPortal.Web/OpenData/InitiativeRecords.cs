using System.ComponentModel;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Data;

namespace SscPortal.Web.OpenData;

public sealed record OrganisationReference(int Id, string Name, string Type);
public sealed record CountryInInitiative(string Code, string Role);
public sealed record OrganisationInInitiative(int Id, string Name, string Type, string Role);
public sealed record TitleTranslation(string Language, string Title, string Summary);

/// <summary>Where an initiative works, as the public may know it.</summary>
public sealed record LocationInInitiative(
    [property: Description("An ISO 3166-1 alpha-2 country code.")] string Country,
    [property: Description("How precise the location is: Country, Region (first-level administrative area), Municipality or Point. The locations of an initiative in a sensitive setting are given at Region precision at most.")] string Precision,
    [property: Description("The first-level administrative area (region, department, state, province), when known.")] string? Region,
    [property: Description("The municipality or place; never given for an initiative in a sensitive setting.")] string? Place,
    [property: Description("Latitude in decimal degrees (WGS 84), for a point; never given for an initiative in a sensitive setting.")] double? Latitude,
    [property: Description("Longitude in decimal degrees (WGS 84), for a point; never given for an initiative in a sensitive setting.")] double? Longitude)
{
    public static LocationInInitiative Of(InitiativeLocation location) =>
        new(location.CountryCode, location.Precision.ToString(), location.Region, location.Place, location.Latitude, location.Longitude);
}

/// <summary>A published initiative as the open data gives it: codes as in the IATI code lists, names in English.</summary>
public sealed record InitiativeRecord(
    int Id, string Url, string Title, string Summary, string Language, IReadOnlyList<TitleTranslation> Translations,
    string Modality, string Instrument, string Status,
    DateOnly? ApprovalDate, DateOnly? PlannedStart, DateOnly? PlannedEnd, DateOnly? ActualStart, DateOnly? ActualEnd, DateTime PublishedAt,
    OrganisationReference Owner, string RecordKind, IReadOnlyList<CountryInInitiative> Countries, IReadOnlyList<OrganisationInInitiative> Organisations,
    IReadOnlyList<int> Sdgs, int? PrimarySdg, IReadOnlyList<string> SdgTargets, IReadOnlyList<string> Sectors, IReadOnlyList<string> Principles,
    [property: Description("Whether the initiative works in a conflict-affected or otherwise sensitive setting: its locations are then given at region level at most, to protect the people involved.")] bool SensitiveSetting,
    IReadOnlyList<LocationInInitiative> Locations);

/// <summary>
/// Reads published initiatives for the exports and the API in batches of rows (by id), so that 100,000 initiatives
/// stream out with the memory of one batch.
/// </summary>
public static class InitiativeRecords
{
    public const int Batch = 500;

    /// <summary>
    /// The first batch of an export: small, so that the file starts at once (reading 500 rows of a filter that matches one
    /// initiative in seventy walks 35,000 at a million initiatives, 50 a tenth of that); the rest comes <see cref="Batch"/> at a time.
    /// </summary>
    public const int FirstBatch = 50;

    /// <summary>Whether the <paramref name="written"/>th record streamed is the last of its batch (<see cref="StreamAsync"/>'s sizes): the time to hand what was written to the reader.</summary>
    public static bool EndsBatch(int written) => written == FirstBatch || (written > FirstBatch && (written - FirstBatch) % Batch == 0);

    /// <summary>
    /// The initiatives the query gives, in its order, in two statements whatever their number: the query itself once (its
    /// filter, order and limit: the page's rows), then every repeating part of those rows only, by their ids
    /// (<see cref="InitiativePartRows"/>).
    /// </summary>
    public static async Task<List<InitiativeRecord>> ReadAsync(IQueryable<Initiative> initiatives, AppDbContext db, string baseUrl, CancellationToken cancellationToken)
    {
        var rows = await initiatives.AsNoTracking().Select(i => new
        {
            i.Id, i.Title, i.Summary, i.Language, i.Modality, i.Instrument, i.Status, i.ApprovalDate, i.PlannedStart, i.PlannedEnd, i.ActualStart, i.ActualEnd,
            PublishedAt = i.PublishedAt!.Value, i.OwnerId, OwnerName = i.Owner!.Name, OwnerType = i.Owner.Type,
            i.Sensitivity, i.ThematicAreas,
        }).ToListAsync(cancellationToken);
        var parts = (await InitiativePartRows.ReadAsync(db, rows.Select(r => r.Id).ToList(), new InitiativePartRows.Wanted(), cancellationToken))
            .ToLookup(p => p.InitiativeId);
        return rows.Select(r =>
        {
            var part = new InitiativeParts(parts[r.Id]);
            var goals = part.Goals;
            return new InitiativeRecord(
                r.Id, $"{baseUrl}/initiatives/{r.Id}", r.Title, r.Summary, r.Language,
                part.Translations.Select(t => new TitleTranslation(t.Language, t.Title, t.Summary)).ToList(),
                r.Modality.ToString(), r.Instrument.ToString(), r.Status.ToString(),
                r.ApprovalDate, r.PlannedStart, r.PlannedEnd, r.ActualStart, r.ActualEnd, r.PublishedAt,
                new OrganisationReference(r.OwnerId, r.OwnerName, r.OwnerType.ToString()), RecordKinds.Label(r.OwnerType),
                part.Countries.Select(c => new CountryInInitiative(c.Code, c.Role.ToString())).ToList(),
                part.Actors.Select(a => new OrganisationInInitiative(a.Id, a.Name, a.Type.ToString(), a.Role.ToString())).ToList(),
                goals.Select(g => g.Code).Order().ToList(), goals.FirstOrDefault(g => g.IsPrimary) is { IsPrimary: true } primary ? primary.Code : null,
                part.Targets, part.Sectors, part.Principles,
                SafeLocations.IsSensitive(r.Sensitivity, r.ThematicAreas),
                // Open data is public, whoever asks: never more precise than the public may see.
                LocationsForReader.ForPublic(r.Sensitivity, r.ThematicAreas, part.Locations).Select(LocationInInitiative.Of).ToList());
        }).ToList();
    }

    /// <summary>Every initiative the query gives, batch after batch in id order (the first one small); only one batch is held at a time.</summary>
    public static async IAsyncEnumerable<InitiativeRecord> StreamAsync(
        IQueryable<Initiative> initiatives, AppDbContext db, string baseUrl, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken,
        int firstBatch = FirstBatch, int batch = Batch)
    {
        var (after, size) = (0, firstBatch);
        while (true)
        {
            var ids = await initiatives.Where(i => i.Id > after).OrderBy(i => i.Id).Select(i => i.Id).Take(size).ToListAsync(cancellationToken);
            if (ids.Count == 0) yield break;
            var records = await ReadAsync(initiatives.Where(i => ids.Contains(i.Id)).OrderBy(i => i.Id), db, baseUrl, cancellationToken);
            foreach (var record in records.OrderBy(r => r.Id)) yield return record;
            (after, size) = (ids[^1], batch);
        }
    }
}
