namespace SscPortal.Domain;

/// <summary>Where a principle of South-South cooperation was set down.</summary>
public enum PrincipleOrigin
{
    /// <summary>The Buenos Aires Plan of Action (A/RES/33/134).</summary>
    Bapa1978 = 1,
    /// <summary>The Nairobi outcome document (A/RES/64/222).</summary>
    Nairobi2009 = 2,
    /// <summary>UN General Assembly resolution 71/244.</summary>
    Unga2016 = 3,
    /// <summary>Set down by civil society (Reality of Aid, CPDE and the Southern CSO Alliance on South-South Cooperation, BAPA+40 side event, 2019).</summary>
    CivilSociety = 4,
}

/// <summary>A text in each portal language; English is always there, and stands in for a missing translation.</summary>
public sealed record LocalText(string En, string? Es = null, string? Pt = null, string? Fr = null)
{
    public string In(string language) => language switch
    {
        "es" => Es ?? En,
        "pt" => Pt ?? En,
        "fr" => Fr ?? En,
        _ => En,
    };

    /// <summary>Whether the text exists in the language itself (and not only in English).</summary>
    public bool Has(string language) => language switch
    {
        "es" => Es is not null,
        "pt" => Pt is not null,
        "fr" => Fr is not null,
        _ => true,
    };
}

/// <summary>A principle of South-South cooperation (DOMAIN.md, "Principles"), with a stable code and its source.</summary>
public class Principle
{
    public required string Code { get; init; }
    public required LocalText Name { get; set; }
    public required LocalText Definition { get; set; }
    /// <summary>The document that sets it down, such as "UNGA resolution 71/244".</summary>
    public required string Source { get; set; }
    /// <summary>Where in the document, such as "para 5".</summary>
    public string? Paragraph { get; set; }
    public PrincipleOrigin Origin { get; set; }
    /// <summary>The order in which the principles are listed.</summary>
    public int Position { get; set; }
}

/// <summary>A principle an initiative says it applies, so that assessments can test the claim.</summary>
public class InitiativePrinciple
{
    public int InitiativeId { get; set; }
    public required string PrincipleCode { get; set; }
    public Principle? Principle { get; set; }
}
