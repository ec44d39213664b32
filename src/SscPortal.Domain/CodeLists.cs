namespace SscPortal.Domain;

/// <summary>An ISO 3166-1 alpha-2 country, named in each portal language (from the IATI Country code list).</summary>
public class Country
{
    public required string Code { get; init; }
    public required string NameEn { get; set; }
    public required string NameEs { get; set; }
    public required string NamePt { get; set; }
    public required string NameFr { get; set; }

    /// <summary>The portal's world region (see regions.json), for filtering and statistics; null for uninhabited territories.</summary>
    public string? RegionCode { get; set; }

    public string NameIn(string language) => language switch
    {
        "es" => NameEs,
        "pt" => NamePt,
        "fr" => NameFr,
        _ => NameEn,
    };

    public static bool IsWellFormedCode(string? code) =>
        code is { Length: 2 } && char.IsAsciiLetterUpper(code[0]) && char.IsAsciiLetterUpper(code[1]);
}

/// <summary>A Sustainable Development Goal (1–17), with its short name in each portal language.</summary>
public class SdgGoal
{
    public required int Code { get; init; }
    public required string NameEn { get; set; }
    public required string NameEs { get; set; }
    public required string NamePt { get; set; }
    public required string NameFr { get; set; }
    public required string Description { get; set; }

    public string NameIn(string language) => language switch
    {
        "es" => NameEs,
        "pt" => NamePt,
        "fr" => NameFr,
        _ => NameEn,
    };
}

/// <summary>
/// A code-list entry named in the portal's languages: in English always (the official name), in Spanish, Portuguese and
/// French once translated. A name not yet translated is null, and the English one stands in for it (marked as English
/// where it is shown, so that screen readers pronounce it right).
/// </summary>
public abstract class TranslatedCodeListEntry
{
    public required string NameEn { get; set; }
    public string? NameEs { get; set; }
    public string? NamePt { get; set; }
    public string? NameFr { get; set; }

    /// <summary>The name in every language it has (not mapped: built from the columns above).</summary>
    public LocalText Name => new(NameEn, NameEs, NamePt, NameFr);

    /// <summary>The name in the language, or in English until it is translated.</summary>
    public string NameIn(string language) => Name.In(language);
}

/// <summary>An OECD-DAC 3-digit sector category.</summary>
public class SectorCategory : TranslatedCodeListEntry
{
    public required string Code { get; init; }
}

/// <summary>An OECD-DAC 5-digit purpose code (IATI sector vocabulary 1).</summary>
public class Sector : TranslatedCodeListEntry
{
    public required string Code { get; init; }
    public required string CategoryCode { get; set; }
}

/// <summary>A target of the Sustainable Development Goals, such as "1.1" or "17.a"; its name is the target's text.</summary>
public class SdgTarget : TranslatedCodeListEntry
{
    public required string Code { get; init; }
    public required int GoalCode { get; set; }

    /// <summary>The order the UN lists targets in: by goal, numbered targets before lettered ones ("1.5" before "1.a", "8.9" before "8.10").</summary>
    public static (int Goal, int Lettered, int Number, string Letter) Order(string code)
    {
        var parts = code.Split('.', 2);
        var goal = int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var g) ? g : int.MaxValue;
        var rest = parts.Length > 1 ? parts[1] : "";
        return int.TryParse(rest, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? (goal, 0, number, "") : (goal, 1, 0, rest);
    }
}

/// <summary>An ISO 4217 currency (IATI Currency list).</summary>
public class Currency : TranslatedCodeListEntry
{
    public required string Code { get; init; }
}
