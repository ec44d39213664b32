namespace SscPortal.Domain;

/// <summary>Kinds of organisation, numbered as IATI OrganisationType where one fits.</summary>
public enum ActorType
{
    Government = 10,
    LocalGovernment = 11,
    OtherPublicSector = 15,
    InternationalCso = 21,
    NationalCso = 22,
    RegionalCso = 23,
    Intergovernmental = 40,
    Foundation = 60,
    PrivateSector = 70,
    Academia = 80,
}

/// <summary>An organisation that takes part in South-South cooperation (never a private person).</summary>
public class Actor
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? Acronym { get; set; }
    public ActorType Type { get; set; }

    /// <summary>ISO 3166-1 alpha-2; null for regional or global organisations (IGOs, networks).</summary>
    public string? CountryCode { get; set; }
    public Country? Country { get; set; }

    /// <summary>Where an organisation without a single country works, e.g. "Latin America and the Caribbean".</summary>
    public string? Scope { get; set; }
    public string? Website { get; set; }
    public string? IatiIdentifier { get; set; }
    public string? Description { get; set; }
    public bool IsVerified { get; set; }
    public DateTime CreatedAt { get; set; }

    public List<InitiativeActor> Initiatives { get; } = [];
    public List<OrganisationMembership> Memberships { get; } = [];

    public string DisplayName => Acronym is null ? Name : $"{Name} ({Acronym})";
}

public enum MembershipRole
{
    Member = 1,
    OrganisationAdmin = 2,
}

public enum MembershipStatus
{
    Pending = 1,
    Active = 2,
    Rejected = 3,
}

/// <summary>A user's membership of an organisation; it gives rights only once it is active.</summary>
public class OrganisationMembership
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public int ActorId { get; set; }
    public Actor? Actor { get; set; }
    public MembershipRole Role { get; set; } = MembershipRole.Member;
    public MembershipStatus Status { get; set; } = MembershipStatus.Pending;
    public DateTime CreatedAt { get; set; }
    public DateTime? DecidedAt { get; set; }
}
