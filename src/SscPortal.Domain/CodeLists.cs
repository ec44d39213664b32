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

/// <summary>An OECD-DAC 3-digit sector category.</summary>
public class SectorCategory
{
    public required string Code { get; init; }
    public required string NameEn { get; set; }
    public required string NameFr { get; set; }

    /// <summary>The DAC lists are published in English and French only; other languages fall back to English.</summary>
    public string NameIn(string language) => language == "fr" ? NameFr : NameEn;
}

/// <summary>An OECD-DAC 5-digit purpose code (IATI sector vocabulary 1).</summary>
public class Sector
{
    public required string Code { get; init; }
    public required string CategoryCode { get; set; }
    public required string NameEn { get; set; }
    public required string NameFr { get; set; }

    /// <summary>The DAC lists are published in English and French only; other languages fall back to English.</summary>
    public string NameIn(string language) => language == "fr" ? NameFr : NameEn;
}
