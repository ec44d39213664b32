using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;

namespace SscPortal.Web.Data.Seed;

/// <summary>
/// Keeps the code lists (countries, SDGs and their targets, DAC sectors and categories, currencies) in step with the files
/// in Data/Seed/CodeLists, which tools/import-codelists generates from the official IATI lists, and with the portal's own
/// translations of them in Data/Seed/CodeLists/translations (see the README there), and the principles of SSC with
/// Data/Seed/Assessments; adds the first assessment framework. Safe to run on every start.
/// </summary>
public sealed class ReferenceDataSeeder(AppDbContext db, ILogger<ReferenceDataSeeder> logger)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private sealed record CountryRow(string Code, string En, string Es, string Pt, string Fr);
    private sealed record SdgRow(int Code, string En, string Es, string Pt, string Fr, string Description);
    private sealed record CategoryRow(string Code, string En, string Fr);
    private sealed record SectorRow(string Code, string Category, string En, string Fr);
    private sealed record TargetRow(string Code, int Goal, string En, string Fr);
    private sealed record CurrencyRow(string Code, string En);

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
        var categoryNames = TranslationsOf("sector-categories");
        added += await UpsertAsync(db.SectorCategories, Read<CategoryRow>("sector-categories"), r => r.Code, c => c.Code,
            r => Named(new SectorCategory { Code = r.Code, NameEn = r.En }, categoryNames, r.Code, r.En, r.Fr),
            (c, r) => Named(c, categoryNames, r.Code, r.En, r.Fr), cancellationToken);
        var currencyNames = TranslationsOf("currencies");
        added += await UpsertAsync(db.Currencies, Read<CurrencyRow>("currencies"), r => r.Code, c => c.Code,
            r => Named(new Currency { Code = r.Code, NameEn = r.En }, currencyNames, r.Code, r.En, officialFr: null),
            (c, r) => Named(c, currencyNames, r.Code, r.En, officialFr: null), cancellationToken);
        // Categories and goals first: sectors and targets refer to them.
        await db.SaveChangesAsync(cancellationToken);
        var sectorNames = TranslationsOf("sectors");
        added += await UpsertAsync(db.Sectors, Read<SectorRow>("sectors"), r => r.Code, s => s.Code,
            r => Named(new Sector { Code = r.Code, CategoryCode = r.Category, NameEn = r.En }, sectorNames, r.Code, r.En, r.Fr),
            (s, r) => { s.CategoryCode = r.Category; Named(s, sectorNames, r.Code, r.En, r.Fr); }, cancellationToken);
        var targetTexts = TranslationsOf("sdg-targets");
        added += await UpsertAsync(db.SdgTargets, Read<TargetRow>("sdg-targets"), r => r.Code, t => t.Code,
            r => Named(new SdgTarget { Code = r.Code, GoalCode = r.Goal, NameEn = r.En }, targetTexts, r.Code, r.En, r.Fr),
            (t, r) => { t.GoalCode = r.Goal; Named(t, targetTexts, r.Code, r.En, r.Fr); }, cancellationToken);
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

    /// <summary>
    /// The portal's own names of a code list's entries in Spanish, Portuguese and French (code → name), from
    /// Data/Seed/CodeLists/translations/{list}.{language}.json. The official lists (IATI, OECD-DAC) are published in
    /// English and, for some, French; tools/import-codelists regenerates them and never touches these files.
    /// A missing file or entry means "not translated yet".
    /// </summary>
    public sealed record Translations(IReadOnlyDictionary<string, string> Es, IReadOnlyDictionary<string, string> Pt, IReadOnlyDictionary<string, string> Fr)
    {
        public string? Of(string code, string language) =>
            (language switch { "es" => Es, "pt" => Pt, "fr" => Fr, _ => null })?.GetValueOrDefault(code) is { } name && !string.IsNullOrWhiteSpace(name)
                ? name.Trim() : null;
    }

    public static readonly IReadOnlyList<string> TranslatedLists = ["sectors", "sector-categories", "sdg-targets", "currencies"];

    public static Translations TranslationsOf(string list) => new(Translation(list, "es"), Translation(list, "pt"), Translation(list, "fr"));

    private static Dictionary<string, string> Translation(string list, string language)
    {
        using var stream = typeof(ReferenceDataSeeder).Assembly.GetManifestResourceStream($"CodeLists.translations.{list}.{language}.json");
        return stream is null ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? [];
    }

    /// <summary>The official codes of a translated list, in the order of its file (for the tests that check every code is translated).</summary>
    public static IReadOnlyList<string> CodesOf(string list) => list switch
    {
        "sectors" => Read<SectorRow>(list).Select(r => r.Code).ToList(),
        "sector-categories" => Read<CategoryRow>(list).Select(r => r.Code).ToList(),
        "sdg-targets" => Read<TargetRow>(list).Select(r => r.Code).ToList(),
        "currencies" => Read<CurrencyRow>(list).Select(r => r.Code).ToList(),
        _ => throw new ArgumentOutOfRangeException(nameof(list), list, "Not a translated code list."),
    };

    /// <summary>Names an entry: English and (where the official list has one) French from the official list, the rest from the portal's translations.</summary>
    private static T Named<T>(T entry, Translations translations, string code, string en, string? officialFr) where T : TranslatedCodeListEntry
    {
        entry.NameEn = en;
        entry.NameEs = translations.Of(code, "es");
        entry.NamePt = translations.Of(code, "pt");
        entry.NameFr = translations.Of(code, "fr") ?? (string.IsNullOrWhiteSpace(officialFr) ? null : officialFr);
        return entry;
    }

    private static readonly Lazy<IReadOnlyDictionary<string, string>> CountryNames = new(() =>
        Read<CountryRow>("countries").ToDictionary(c => c.Code, c => string.Join(" ", new[] { c.En, c.Es, c.Pt, c.Fr }.Distinct())));

    /// <summary>A country's names in the four portal languages, for search ("Perú", "Peru", "Pérou" all find it).</summary>
    public static string CountryNamesFor(string code) => CountryNames.Value.GetValueOrDefault(code, code);

    private static List<T> Read<T>(string name, string folder = "CodeLists")
    {
        using var stream = Open(name, folder);
        return JsonSerializer.Deserialize<List<T>>(stream, Json) ?? [];
    }

    private static Stream Open(string name, string folder) =>
        typeof(ReferenceDataSeeder).Assembly.GetManifestResourceStream($"{folder}.{name}.json")
            ?? throw new InvalidOperationException($"{folder}/{name}.json is not embedded in the assembly.");
}
