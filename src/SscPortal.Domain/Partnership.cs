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
public class Partnership
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
        if (IsPublished) throw new DomainRuleException(RuleCode.AlreadyPublished);
        if (Check() is [var first, ..]) throw new DomainRuleException(first.Code);
        Publication = PublicationState.Published;
        PublishedAt = utcNow;
        UnpublishedReason = null;
    }

    public void Unpublish(string reason)
    {
        if (!IsPublished) throw new DomainRuleException(RuleCode.NotPublished);
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainRuleException(RuleCode.ReasonRequired);
        Publication = PublicationState.Unpublished;
        UnpublishedReason = reason.Trim();
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
