namespace SscPortal.Domain;

public enum PartnershipType
{
    MemorandumOfUnderstanding = 1,
    FrameworkAgreement = 2,
    TriangularArrangement = 3,
    Twinning = 4,
    Other = 9,
}

/// <summary>
/// An agreement between two or more actors (an MoU between agencies, a triangular arrangement, a city twinning),
/// with the initiatives carried out under it. Recorded and published by official organisations.
/// </summary>
public class Partnership : IVersioned
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public PartnershipType Type { get; set; }
    public string? Scope { get; set; }
    public DateOnly? SignedOn { get; set; }
    public DateOnly? StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    public string? DocumentUrl { get; set; }

    public int OwnerId { get; set; }
    public Actor? Owner { get; set; }

    public PublicationState Publication { get; private set; } = PublicationState.Draft;
    public DateTime? PublishedAt { get; private set; }
    public string? UnpublishedReason { get; private set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; } = 1;

    public List<PartnershipSignatory> Signatories { get; } = [];
    public List<PartnershipInitiative> Initiatives { get; } = [];

    public bool IsPublished => Publication == PublicationState.Published;

    public void Touch(DateTime utcNow)
    {
        Version++;
        UpdatedAt = utcNow;
    }

    /// <summary>
    /// Takes what a form (or any other source) says of the partnership: texts trimmed, empty ones as none, and the
    /// signatories and initiatives made exactly those listed (each once), keeping the links that stay.
    /// </summary>
    public void Apply(string title, PartnershipType type, string? scope, DateOnly? signedOn, DateOnly? startsOn, DateOnly? endsOn, string? documentUrl,
        IEnumerable<int> signatoryIds, IEnumerable<int> initiativeIds)
    {
        Title = title.Trim();
        Type = type;
        Scope = string.IsNullOrWhiteSpace(scope) ? null : scope.Trim();
        SignedOn = signedOn;
        StartsOn = startsOn;
        EndsOn = endsOn;
        DocumentUrl = string.IsNullOrWhiteSpace(documentUrl) ? null : documentUrl.Trim();
        var signatories = signatoryIds.Distinct().ToList();
        var initiatives = initiativeIds.Distinct().ToList();
        Signatories.RemoveAll(s => !signatories.Contains(s.ActorId));
        Signatories.AddRange(signatories.Where(a => Signatories.All(s => s.ActorId != a)).Select(a => new PartnershipSignatory { ActorId = a }));
        Initiatives.RemoveAll(i => !initiatives.Contains(i.InitiativeId));
        Initiatives.AddRange(initiatives.Where(n => Initiatives.All(i => i.InitiativeId != n)).Select(n => new PartnershipInitiative { InitiativeId = n }));
    }

    /// <summary>What a partnership must have before it can be saved: two signatories, the owner among them, consistent dates.</summary>
    public IReadOnlyList<RuleViolation> Check()
    {
        var problems = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(Title)) problems.Add(new(nameof(Title), RuleCode.TitleRequired));
        if (Signatories.Select(s => s.ActorId).Distinct().Count() < 2) problems.Add(new(nameof(Signatories), RuleCode.PartnershipNeedsTwoSignatories));
        if (Signatories.All(s => s.ActorId != OwnerId)) problems.Add(new(nameof(Signatories), RuleCode.OwnerNotAmongSignatories));
        if (StartsOn is { } start && EndsOn is { } end && end < start) problems.Add(new(nameof(EndsOn), RuleCode.EndBeforeStart));
        return problems;
    }

    public void Publish(DateTime utcNow)
    {
        if (IsPublished) throw new RuleViolationException(nameof(Publication), RuleCode.AlreadyPublished);
        if (Check() is { Count: > 0 } problems) throw new RuleViolationException(problems);
        Publication = PublicationState.Published;
        PublishedAt = utcNow;
        UnpublishedReason = null;
    }

    /// <summary>Withdraws a published partnership, saying why (<see cref="UnpublishReason"/>).</summary>
    public void Unpublish(string? reason)
    {
        if (!IsPublished) throw new RuleViolationException(nameof(Publication), RuleCode.NotPublished);
        UnpublishedReason = UnpublishReason.Check(reason);
        Publication = PublicationState.Unpublished;
    }
}

public class PartnershipSignatory
{
    public int PartnershipId { get; set; }
    public int ActorId { get; set; }
    public Actor? Actor { get; set; }
}

public class PartnershipInitiative
{
    public int PartnershipId { get; set; }
    public Partnership? Partnership { get; set; }
    public int InitiativeId { get; set; }
    public Initiative? Initiative { get; set; }
}
