namespace SscPortal.Domain;

public enum Modality
{
    Bilateral = 1,
    Triangular = 2,
    Regional = 3,
    Decentralised = 4,
    PeopleToPeople = 5,
}

public enum Instrument
{
    Programme = 1,
    Project = 2,
    Action = 3,
}

/// <summary>IATI ActivityStatus codes.</summary>
public enum ActivityStatus
{
    Pipeline = 1,
    Implementation = 2,
    Finalisation = 3,
    Closed = 4,
    Cancelled = 5,
    Suspended = 6,
}

public enum CountryRole
{
    Provider = 1,
    Recipient = 2,
    /// <summary>Provider and recipient at once, common in regional SSC.</summary>
    Both = 3,
    /// <summary>The Southern provider in triangular cooperation.</summary>
    FirstProvider = 4,
    /// <summary>The supporting partner in triangular cooperation (often Northern or multilateral).</summary>
    SecondProvider = 5,
}

/// <summary>Themes, including the three UNOSSC peace-and-development pillars.</summary>
public enum ThematicArea
{
    ConflictPrevention = 1,
    PeaceNegotiationAndCrisisManagement = 2,
    ConflictTransformation = 3,
    FoodSecurity = 10,
    Health = 11,
    Education = 12,
    Environment = 13,
    Governance = 14,
    DecentWork = 15,
    GenderEquality = 16,
    Infrastructure = 17,
    Culture = 18,
}

public enum ActorRole
{
    Lead = 1,
    Implementing = 2,
    Funding = 3,
    Facilitating = 4,
    Participating = 5,
}

public enum PublicationState
{
    Draft = 0,
    Published = 1,
    Unpublished = 2,
}

/// <summary>A South-South cooperation initiative: a programme, project or action.</summary>
public class Initiative : IVersioned
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public required string Summary { get; set; }
    public string? Description { get; set; }
    public string? Objectives { get; set; }

    /// <summary>An organisational contact (an office address or shared mailbox, never a private person's).</summary>
    public string? Contact { get; set; }

    public List<ThematicArea> ThematicAreas { get; set; } = [];

    /// <summary>Whether it works in a conflict-affected or otherwise sensitive setting, as its owner says (see <see cref="SafeLocations"/>).</summary>
    public SettingSensitivity Sensitivity { get; set; }

    /// <summary>Marked sensitive by its owner, or under a peace-and-development pillar without its owner confirming it is not.</summary>
    public bool IsInSensitiveSetting => SafeLocations.IsSensitive(Sensitivity, ThematicAreas);

    /// <summary>The language the title and summary were written in (en, es, pt or fr).</summary>
    public string Language { get; set; } = "en";

    public Modality Modality { get; set; }
    public Instrument Instrument { get; set; }
    public ActivityStatus Status { get; set; }

    public DateOnly? ApprovalDate { get; set; }
    public DateOnly? PlannedStart { get; set; }
    public DateOnly? PlannedEnd { get; set; }
    public DateOnly? ActualStart { get; set; }
    public DateOnly? ActualEnd { get; set; }

    /// <summary>The organisation that owns (and alone may edit) this record.</summary>
    public int OwnerId { get; set; }
    public Actor? Owner { get; set; }

    /// <summary>
    /// The <c>iati-identifier</c> of the IATI activity this record was imported from (unique in the portal): importing the
    /// activity again updates this record, and the IATI export reports it under this identifier. Null for records made here.
    /// </summary>
    public string? IatiIdentifier { get; set; }

    public PublicationState Publication { get; private set; } = PublicationState.Draft;
    public DateTime? PublishedAt { get; private set; }
    public string? UnpublishedReason { get; private set; }

    /// <summary>Set when a moderator unpublished the record: its owners cannot publish it again until a moderator lifts the hold.</summary>
    public bool HeldByModerator { get; private set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>
    /// What search looks in, kept by the database layer on every save (see <see cref="Domain.SearchText"/>): the title in
    /// every language, and the summaries, description, objectives, organisations and countries (named in every language).
    /// </summary>
    public string SearchTitle { get; set; } = "";
    public string SearchBody { get; set; } = "";

    /// <summary>
    /// What the catalogue's filters and facet counts look at, one key per value ("c:PE" a country, "r:lac" a region,
    /// "y:2019" the start year…), written by the database itself after every save that could change them (see the web
    /// project's Data/FacetIndexing.cs) and never by this class: one indexed column answers every filter and every count.
    /// </summary>
    public List<string> FacetKeys { get; set; } = [];

    /// <summary>Goes up by one with every saved edit; a save from an older version is a conflict, never a silent overwrite.</summary>
    public int Version { get; set; } = 1;

    public List<InitiativeCountry> Countries { get; } = [];
    public List<InitiativeActor> Actors { get; } = [];
    public List<InitiativeSdg> Sdgs { get; } = [];
    public List<InitiativeSector> Sectors { get; } = [];
    public List<InitiativeSdgTarget> SdgTargets { get; } = [];

    public List<InitiativeContribution> Contributions { get; } = [];
    public List<InitiativeRightsHolder> RightsHolders { get; } = [];
    public List<InitiativeLocation> Locations { get; } = [];
    public List<InitiativeLink> Links { get; } = [];
    public List<InitiativeResult> Results { get; } = [];

    /// <summary>The principles of South-South cooperation the initiative says it applies.</summary>
    public List<InitiativePrinciple> Principles { get; } = [];

    /// <summary>The title and summary in other languages than <see cref="Language"/>, the original.</summary>
    public List<InitiativeTranslation> Translations { get; } = [];

    public bool IsPublished => Publication == PublicationState.Published;

    /// <summary>
    /// The locations as anyone but the owner's members may see them: at region level at most when the initiative is in a
    /// sensitive setting, as recorded otherwise.
    /// </summary>
    public IReadOnlyList<InitiativeLocation> PublicLocations() => SafeLocations.ForPublic(IsInSensitiveSetting, Locations);

    public void Touch(DateTime utcNow)
    {
        Version++;
        UpdatedAt = utcNow;
    }

    /// <summary>
    /// Makes the record public. Only a complete, consistent record can be published, and only one the IATI file can carry
    /// (no <see cref="QualitySeverity.Critical"/> finding of <see cref="DataQuality"/>: <see cref="RuleCode.ExportWouldBeInvalid"/>).
    /// </summary>
    public void Publish(DateTime utcNow)
    {
        if (Publication == PublicationState.Published)
            throw new RuleViolationException(nameof(Publication), RuleCode.AlreadyPublished);
        if (HeldByModerator)
            throw new RuleViolationException(nameof(HeldByModerator), RuleCode.HeldByModerator);
        var today = DateOnly.FromDateTime(utcNow);
        var problems = InitiativeRules.Check(this, today);
        if (problems.Count > 0)
            throw new RuleViolationException(problems);
        // A record that would make the IATI file invalid stays a draft: each critical data-quality finding is named, with its field.
        var critical = DataQuality.Critical(QualityFacts.Of(this), today);
        if (critical.Count > 0)
            throw new RuleViolationException(critical.Select(f => new RuleViolation(f.Field, RuleCode.ExportWouldBeInvalid, f.Check.ToString())).ToList());
        Publication = PublicationState.Published;
        PublishedAt = utcNow;
        UnpublishedReason = null;
    }

    /// <summary>Withdraws a published record from the public, saying why to its owners (<see cref="UnpublishReason"/>).</summary>
    public void Unpublish(string? reason, bool byModerator = false)
    {
        if (Publication != PublicationState.Published)
            throw new RuleViolationException(nameof(Publication), RuleCode.NotPublished);
        UnpublishedReason = UnpublishReason.Check(reason);
        Publication = PublicationState.Unpublished;
        HeldByModerator = byModerator;
    }

    /// <summary>A moderator lets the owners publish the record again (it stays unpublished until they do).</summary>
    public void ReleaseModeratorHold()
    {
        if (!HeldByModerator)
            throw new RuleViolationException(nameof(HeldByModerator), RuleCode.NotHeld);
        HeldByModerator = false;
    }
}

public class InitiativeCountry
{
    public int InitiativeId { get; set; }
    public required string CountryCode { get; set; }
    public Country? Country { get; set; }
    public CountryRole Role { get; set; }
}

public class InitiativeActor
{
    public int InitiativeId { get; set; }
    public Initiative? Initiative { get; set; }
    public int ActorId { get; set; }
    public Actor? Actor { get; set; }
    public ActorRole Role { get; set; }
}

public class InitiativeSdg
{
    public int InitiativeId { get; set; }
    public int GoalCode { get; set; }
    public SdgGoal? Goal { get; set; }
    public bool IsPrimary { get; set; }
}

public class InitiativeSector
{
    public int InitiativeId { get; set; }
    public required string SectorCode { get; set; }
    public Sector? Sector { get; set; }
}

/// <summary>An initiative's title and summary in another language than the one it was written in.</summary>
public class InitiativeTranslation
{
    public int InitiativeId { get; set; }
    public required string Language { get; set; }
    public required string Title { get; set; }
    public required string Summary { get; set; }
}

/// <summary>An SDG target ("2.3") the initiative contributes to; it belongs to one of the initiative's goals.</summary>
public class InitiativeSdgTarget
{
    public int InitiativeId { get; set; }
    public required string TargetCode { get; set; }

    public int GoalCode => int.Parse(TargetCode.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture);
}
