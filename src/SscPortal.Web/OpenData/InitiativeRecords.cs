using System.ComponentModel;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Catalogue;

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

    public static async Task<List<InitiativeRecord>> ReadAsync(IQueryable<Initiative> initiatives, string baseUrl, CancellationToken cancellationToken)
    {
        var rows = await initiatives.AsNoTracking().Select(i => new
        {
            i.Id, i.Title, i.Summary, i.Language, i.Modality, i.Instrument, i.Status, i.ApprovalDate, i.PlannedStart, i.PlannedEnd, i.ActualStart, i.ActualEnd,
            PublishedAt = i.PublishedAt!.Value, i.OwnerId, OwnerName = i.Owner!.Name, OwnerType = i.Owner.Type,
            Translations = i.Translations.Select(t => new TitleTranslation(t.Language, t.Title, t.Summary)).ToList(),
            Countries = i.Countries.OrderBy(c => c.Role).ThenBy(c => c.CountryCode).Select(c => new { c.CountryCode, c.Role }).ToList(),
            Actors = i.Actors.OrderBy(a => a.Role).Select(a => new { a.ActorId, a.Actor!.Name, a.Actor.Type, a.Role }).ToList(),
            Sdgs = i.Sdgs.OrderBy(s => s.GoalCode).Select(s => new { s.GoalCode, s.IsPrimary }).ToList(),
            Targets = i.SdgTargets.Select(t => t.TargetCode).ToList(),
            Sectors = i.Sectors.Select(s => s.SectorCode).ToList(),
            Principles = i.Principles.Select(p => p.PrincipleCode).ToList(),
            i.Sensitivity, i.ThematicAreas,
            Locations = i.Locations.OrderBy(l => l.Id).ToList(),
        }).AsSplitQuery().ToListAsync(cancellationToken);
        return rows.Select(r => new InitiativeRecord(
            r.Id, $"{baseUrl}/initiatives/{r.Id}", r.Title, r.Summary, r.Language, r.Translations,
            r.Modality.ToString(), r.Instrument.ToString(), r.Status.ToString(),
            r.ApprovalDate, r.PlannedStart, r.PlannedEnd, r.ActualStart, r.ActualEnd, r.PublishedAt,
            new OrganisationReference(r.OwnerId, r.OwnerName, r.OwnerType.ToString()), RecordKinds.Label(r.OwnerType),
            r.Countries.Select(c => new CountryInInitiative(c.CountryCode, c.Role.ToString())).ToList(),
            r.Actors.Select(a => new OrganisationInInitiative(a.ActorId, a.Name, a.Type.ToString(), a.Role.ToString())).ToList(),
            r.Sdgs.Select(s => s.GoalCode).ToList(), r.Sdgs.FirstOrDefault(s => s.IsPrimary)?.GoalCode,
            r.Targets.Order(StringComparer.Ordinal).ToList(), r.Sectors.Order(StringComparer.Ordinal).ToList(), r.Principles.Order(StringComparer.Ordinal).ToList(),
            SafeLocations.IsSensitive(r.Sensitivity, r.ThematicAreas),
            // Open data is public, whoever asks: never more precise than the public may see.
            LocationsForReader.ForPublic(r.Sensitivity, r.ThematicAreas, r.Locations).Select(LocationInInitiative.Of).ToList())).ToList();
    }

    /// <summary>Every initiative the query gives, batch after batch in id order; only one batch is held at a time.</summary>
    public static async IAsyncEnumerable<InitiativeRecord> StreamAsync(
        IQueryable<Initiative> initiatives, string baseUrl, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = 0;
        while (true)
        {
            var ids = await initiatives.Where(i => i.Id > after).OrderBy(i => i.Id).Select(i => i.Id).Take(Batch).ToListAsync(cancellationToken);
            if (ids.Count == 0) yield break;
            var batch = await ReadAsync(initiatives.Where(i => ids.Contains(i.Id)).OrderBy(i => i.Id), baseUrl, cancellationToken);
            foreach (var record in batch.OrderBy(r => r.Id)) yield return record;
            after = ids[^1];
        }
    }
}
