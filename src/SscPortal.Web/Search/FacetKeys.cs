using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Data;

namespace SscPortal.Web.Search;

/// <summary>
/// The catalogue's facet keys: every value an initiative can be filtered or counted by, as one short string each, held in
/// <see cref="Initiative.FacetKeys"/> (a text array with a GIN index on PostgreSQL, a JSON array on SQLite). A filter is
/// "the keys contain these", and the facet counts are one pass over the matching initiatives' keys
/// (<see cref="CatalogueFacets"/>) instead of one query per facet.
/// </summary>
/// <remarks>
/// A key is its facet's letter, then what it says: the first letter alone tells which facet a key counts for, so the counts
/// can leave a facet's own filter out with a plain prefix test. The keys are computed by the database from the stored
/// rows (<see cref="RefreshSql"/>), after every save that touches an initiative, its parts or its assessments, in the
/// save's transaction, so they can never disagree with what the record page shows; the same statement filled them in
/// for existing records when the column was added.
/// </remarks>
public static class FacetKeys
{
    /// <summary>Every initiative has it: counted with every filter applied, it is the number of results.</summary>
    public const string All = "*";

    /// <summary>A country in any role ("c:PE"); as a provider ("cp:PE") or recipient ("cr:PE"). One facet: letter c.</summary>
    public static string Country(string code) => "c:" + code;
    public static string CountryAs(CountryFilterRole role, string code) => (role == CountryFilterRole.Provider ? "cp:" : "cr:") + code;
    public static string Region(string code) => "r:" + code;
    public static string Modality(Modality value) => "m:" + Number((int)value);
    public static string Instrument(Instrument value) => "i:" + Number((int)value);
    public static string Status(ActivityStatus value) => "s:" + Number((int)value);
    public static string Category(string code) => "k:" + code;
    public static string Goal(int goal) => "g:" + Number(goal);
    public static string Actor(int id) => "a:" + Number(id);
    public static string ActorType(ActorType value) => "t:" + Number((int)value);
    public static string Principle(string code) => "p:" + code;
    public static string Year(int year) => "y:" + Number(year);
    public const string Assessed = "x:1";

    /// <summary>The facet a key counts for: its first letter ("c" for c:, cp: and cr:).</summary>
    public static char FacetOf(string key) => key[0];

    /// <summary>The part after the colon ("PE" of "cp:PE").</summary>
    public static string ValueOf(string key) => key[(key.IndexOf(':') + 1)..];

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Writes the keys of the initiatives <paramref name="where"/> selects (a condition on the alias <c>i</c>, e.g.
    /// <c>i."Id" IN (…)</c>; "TRUE" for all) from what is stored: one statement, run by the save path after its rows are
    /// written and by the migration that added the column.
    /// </summary>
    public static string RefreshSql(bool postgres, string where)
    {
        var providers = string.Join(", ", InitiativeSearch.ProviderRoles.Select(r => (int)r));
        var recipients = string.Join(", ", InitiativeSearch.RecipientRoles.Select(r => (int)r));
        var published = (int)PublicationState.Published;
        var text = postgres ? "::text" : "";
        var year = postgres
            ? "extract(year from coalesce(i.\"ActualStart\", i.\"PlannedStart\", i.\"ApprovalDate\"))::int::text"
            : "CAST(CAST(substr(coalesce(i.\"ActualStart\", i.\"PlannedStart\", i.\"ApprovalDate\"), 1, 4) AS INTEGER) AS TEXT)";
        var keys = $"""
            SELECT '{All}' AS k
            UNION SELECT 'm:' || i."Modality"{text}
            UNION SELECT 'i:' || i."Instrument"{text}
            UNION SELECT 's:' || i."Status"{text}
            UNION SELECT 'y:' || {year} WHERE coalesce(i."ActualStart", i."PlannedStart", i."ApprovalDate") IS NOT NULL
            UNION SELECT 'c:' || trim(c."CountryCode") FROM "InitiativeCountry" c WHERE c."InitiativeId" = i."Id"
            UNION SELECT 'cp:' || trim(c."CountryCode") FROM "InitiativeCountry" c WHERE c."InitiativeId" = i."Id" AND c."Role" IN ({providers})
            UNION SELECT 'cr:' || trim(c."CountryCode") FROM "InitiativeCountry" c WHERE c."InitiativeId" = i."Id" AND c."Role" IN ({recipients})
            UNION SELECT 'r:' || n."RegionCode" FROM "InitiativeCountry" c JOIN "Countries" n ON n."Code" = c."CountryCode" WHERE c."InitiativeId" = i."Id" AND n."RegionCode" IS NOT NULL
            UNION SELECT 'k:' || s."CategoryCode" FROM "InitiativeSector" x JOIN "Sectors" s ON s."Code" = x."SectorCode" WHERE x."InitiativeId" = i."Id"
            UNION SELECT 'g:' || g."GoalCode"{text} FROM "InitiativeSdg" g WHERE g."InitiativeId" = i."Id"
            UNION SELECT 'a:' || a."ActorId"{text} FROM "InitiativeActor" a WHERE a."InitiativeId" = i."Id"
            UNION SELECT 't:' || o."Type"{text} FROM "InitiativeActor" a JOIN "Actors" o ON o."Id" = a."ActorId" WHERE a."InitiativeId" = i."Id"
            UNION SELECT 'p:' || p."PrincipleCode" FROM "InitiativePrinciple" p WHERE p."InitiativeId" = i."Id"
            UNION SELECT '{Assessed}' WHERE EXISTS (SELECT 1 FROM "Assessments" e WHERE e."InitiativeId" = i."Id" AND e."Publication" = {published})
            """;
        return postgres
            ? $"""UPDATE "Initiatives" AS i SET "FacetKeys" = ARRAY(SELECT k FROM ({keys}) AS keys ORDER BY k) WHERE {where}"""
            : $"""UPDATE "Initiatives" AS i SET "FacetKeys" = (SELECT json_group_array(k) FROM (SELECT k FROM ({keys}) ORDER BY k)) WHERE {where}""";
    }

    /// <summary>Refreshes the keys of these initiatives (in batches, so no statement outgrows a parameter limit).</summary>
    public static async Task RefreshAsync(AppDbContext db, IReadOnlyCollection<int> initiativeIds, bool async, CancellationToken cancellationToken)
    {
        var postgres = db.Database.IsNpgsql();
        foreach (var batch in initiativeIds.Distinct().Order().Chunk(500))
        {
            // Integers only, written by us: no text from outside reaches this statement.
            var sql = RefreshSql(postgres, $"i.\"Id\" IN ({string.Join(", ", batch.Select(id => id.ToString(CultureInfo.InvariantCulture)))})");
            if (async) await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
            else db.Database.ExecuteSqlRaw(sql);
        }
    }
}
