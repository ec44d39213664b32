using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;

namespace SscPortal.Web.Data.Seed;

/// <summary>
/// Keeps the code lists (countries, SDGs, DAC sectors) in step with the files in Data/Seed/CodeLists,
/// which tools/import-codelists generates from the official IATI lists, and the principles of SSC with
/// Data/Seed/Assessments; adds the first assessment framework. Safe to run on every start.
/// </summary>
public sealed class ReferenceDataSeeder(AppDbContext db, ILogger<ReferenceDataSeeder> logger)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private sealed record CountryRow(string Code, string En, string Es, string Pt, string Fr);
    private sealed record SdgRow(int Code, string En, string Es, string Pt, string Fr, string Description);
    private sealed record CategoryRow(string Code, string En, string Fr);
    private sealed record SectorRow(string Code, string Category, string En, string Fr);

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        var added = 0;
        var regionOf = Regions().SelectMany(r => r.Countries.Select(c => (Country: c, Region: r.Code))).ToDictionary(x => x.Country, x => x.Region);
        added += await UpsertAsync(db.Countries, Read<CountryRow>("countries"), r => r.Code, c => c.Code,
            r => new Country { Code = r.Code, NameEn = r.En, NameEs = r.Es, NamePt = r.Pt, NameFr = r.Fr, RegionCode = regionOf.GetValueOrDefault(r.Code) },
            (c, r) => { c.NameEn = r.En; c.NameEs = r.Es; c.NamePt = r.Pt; c.NameFr = r.Fr; c.RegionCode = regionOf.GetValueOrDefault(r.Code); }, cancellationToken);
        added += await UpsertAsync(db.SdgGoals, Read<SdgRow>("sdg-goals"), r => r.Code, g => g.Code,
            r => new SdgGoal { Code = r.Code, NameEn = r.En, NameEs = r.Es, NamePt = r.Pt, NameFr = r.Fr, Description = r.Description },
            (g, r) => { g.NameEn = r.En; g.NameEs = r.Es; g.NamePt = r.Pt; g.NameFr = r.Fr; g.Description = r.Description; }, cancellationToken);
        added += await UpsertAsync(db.SectorCategories, Read<CategoryRow>("sector-categories"), r => r.Code, c => c.Code,
            r => new SectorCategory { Code = r.Code, NameEn = r.En, NameFr = r.Fr },
            (c, r) => { c.NameEn = r.En; c.NameFr = r.Fr; }, cancellationToken);
        // Categories first: sectors refer to them.
        await db.SaveChangesAsync(cancellationToken);
        added += await UpsertAsync(db.Sectors, Read<SectorRow>("sectors"), r => r.Code, s => s.Code,
            r => new Sector { Code = r.Code, CategoryCode = r.Category, NameEn = r.En, NameFr = r.Fr },
            (s, r) => { s.CategoryCode = r.Category; s.NameEn = r.En; s.NameFr = r.Fr; }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        var principles = Principles();
        added += await UpsertAsync(db.Principles, principles, p => p.Code, p => p.Code, p => p,
            (existing, row) =>
            {
                existing.Name = row.Name; existing.Definition = row.Definition; existing.Source = row.Source;
                existing.Paragraph = row.Paragraph; existing.Origin = row.Origin; existing.Position = row.Position;
            }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        // The framework's first version ships with the portal; later versions are published by administrators.
        if (!await db.AssessmentFrameworks.AnyAsync(cancellationToken))
        {
            var framework = FirstFramework();
            var problems = framework.Problems(principles.Select(p => p.Code).ToHashSet());
            if (problems.Count > 0) throw new InvalidOperationException("The shipped framework is not sound: " + string.Join(" ", problems));
            framework.PublishedAt = new DateTime(2026, 11, 24, 0, 0, 0, DateTimeKind.Utc); // the day it first shipped
            db.AssessmentFrameworks.Add(framework);
            await db.SaveChangesAsync(cancellationToken);
            added++;
        }
        if (added > 0) logger.LogInformation("Added {Count} code list entries", added);
    }

    private sealed record PrincipleRow(string Code, string Origin, string Source, string? Paragraph, LocalText Name, LocalText Definition);

    /// <summary>The principles of SSC, in the order they are listed (Data/Seed/Assessments/principles.json).</summary>
    public static IReadOnlyList<Principle> Principles() =>
        Read<PrincipleRow>("principles", "Assessments").Select((row, position) => new Principle
        {
            Code = row.Code, Name = row.Name, Definition = row.Definition, Source = row.Source, Paragraph = row.Paragraph, Position = position,
            Origin = row.Origin switch
            {
                "Bapa1978" => PrincipleOrigin.Bapa1978,
                "Nairobi2009" => PrincipleOrigin.Nairobi2009,
                "Unga71_244" => PrincipleOrigin.Unga2016,
                "CivilSociety" => PrincipleOrigin.CivilSociety,
                _ => throw new InvalidOperationException($"Unknown origin {row.Origin} of principle {row.Code}."),
            },
        }).ToList();

    /// <summary>The first version of the assessment framework (Data/Seed/Assessments/framework-v1.json).</summary>
    public static AssessmentFramework FirstFramework()
    {
        using var stream = Open("framework-v1", "Assessments");
        return JsonSerializer.Deserialize<AssessmentFramework>(stream, Json) ?? throw new InvalidOperationException("framework-v1.json is empty.");
    }

    private static async Task<int> UpsertAsync<TEntity, TRow, TKey>(
        DbSet<TEntity> set, IReadOnlyList<TRow> rows, Func<TRow, TKey> rowKey, Func<TEntity, TKey> entityKey,
        Func<TRow, TEntity> create, Action<TEntity, TRow> update, CancellationToken cancellationToken)
        where TEntity : class where TKey : notnull
    {
        var existing = (await set.ToListAsync(cancellationToken)).ToDictionary(entityKey);
        var added = 0;
        foreach (var row in rows)
        {
            if (existing.TryGetValue(rowKey(row), out var entity)) update(entity, row);
            else { set.Add(create(row)); added++; }
        }
        return added;
    }

    /// <summary>A world region, named in the portal's languages, with its countries (tools/import-regions).</summary>
    public sealed record Region(string Code, string En, string Es, string Pt, string Fr, List<string> Countries)
    {
        public string NameIn(string language) => language switch { "es" => Es, "pt" => Pt, "fr" => Fr, _ => En };
    }

    public static IReadOnlyList<Region> Regions() => Read<Region>("regions");

    private sealed record CurrencyRow(string Code, string En);
    private sealed record TargetRow(string Code, int Goal, string En, string Fr);

    /// <summary>SDG targets (IATI list), code → text in English and French; read from the embedded file.</summary>
    public static IReadOnlyDictionary<string, (string En, string Fr)> SdgTargets() =>
        Read<TargetRow>("sdg-targets").ToDictionary(t => t.Code, t => (t.En, t.Fr));

    private static readonly Lazy<IReadOnlyDictionary<string, string>> CountryNames = new(() =>
        Read<CountryRow>("countries").ToDictionary(c => c.Code, c => string.Join(" ", new[] { c.En, c.Es, c.Pt, c.Fr }.Distinct())));

    /// <summary>A country's names in the four portal languages, for search ("Perú", "Peru", "Pérou" all find it).</summary>
    public static string CountryNamesFor(string code) => CountryNames.Value.GetValueOrDefault(code, code);

    /// <summary>ISO 4217 currencies (IATI list), code → English name; read from the embedded file, they need no table.</summary>
    public static IReadOnlyDictionary<string, string> Currencies() => Read<CurrencyRow>("currencies").ToDictionary(c => c.Code, c => c.En);

    private static List<T> Read<T>(string name, string folder = "CodeLists")
    {
        using var stream = Open(name, folder);
        return JsonSerializer.Deserialize<List<T>>(stream, Json) ?? [];
    }

    private static Stream Open(string name, string folder) =>
        typeof(ReferenceDataSeeder).Assembly.GetManifestResourceStream($"{folder}.{name}.json")
            ?? throw new InvalidOperationException($"{folder}/{name}.json is not embedded in the assembly.");
}
