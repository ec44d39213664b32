namespace SscPortal.Domain;

public enum ContributionKind
{
    Money = 1,
    /// <summary>Experts, training, equipment: the norm in SSC, recordable without a money value.</summary>
    InKind = 2,
}

/// <summary>What one partner puts into the initiative, in money (with its ISO 4217 currency) or in kind.</summary>
public class InitiativeContribution
{
    public int Id { get; set; }
    public int InitiativeId { get; set; }
    public int ActorId { get; set; }
    public Actor? Actor { get; set; }
    public ContributionKind Kind { get; set; }
    public decimal? Amount { get; set; }
    public string? Currency { get; set; }
    public string? Description { get; set; }

    public const decimal MaxAmount = 1_000_000_000_000m;
}

public enum RightsHolderGroup
{
    Women = 1,
    Youth = 2,
    Children = 3,
    IndigenousPeoples = 4,
    Workers = 5,
    Farmers = 6,
    PeopleWithDisabilities = 7,
    LocalCommunities = 8,
    Migrants = 9,
    OlderPeople = 10,
}

/// <summary>A group of rights-holders the initiative reaches, with how many people where known.</summary>
public class InitiativeRightsHolder
{
    public int InitiativeId { get; set; }
    public RightsHolderGroup Group { get; set; }
    public int? Count { get; set; }
}

/// <summary>Where the initiative takes place: a country, and optionally an area or city.</summary>
public class InitiativeLocation
{
    public int Id { get; set; }
    public int InitiativeId { get; set; }
    public required string CountryCode { get; set; }
    public string? Place { get; set; }
}

/// <summary>A document or web page about the initiative.</summary>
public class InitiativeLink
{
    public int Id { get; set; }
    public int InitiativeId { get; set; }
    public required string Title { get; set; }
    public required string Url { get; set; }
}

/// <summary>An expected or achieved result.</summary>
public class InitiativeResult
{
    public int Id { get; set; }
    public int InitiativeId { get; set; }
    public required string Text { get; set; }
    public bool Achieved { get; set; }
}
