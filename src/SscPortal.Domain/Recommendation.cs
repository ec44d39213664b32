namespace SscPortal.Domain;

public enum RecommendationPriority
{
    High = 1,
    Medium = 2,
    Low = 3,
}

/// <summary>Where a recommendation stands, as its addressed party last said: awaiting an answer, the answer, then progress.</summary>
public enum RecommendationStatus
{
    Awaiting = 0,
    Accepted = 1,
    PartlyAccepted = 2,
    NotAccepted = 3,
    AlreadyDone = 4,
    InProgress = 5,
    Implemented = 6,
}

public enum StatementKind
{
    /// <summary>The addressed party's answer: accepted, partly accepted, not accepted or already done (one per recommendation).</summary>
    Answer = 1,
    /// <summary>The addressed party's progress update: in progress or implemented.</summary>
    Progress = 2,
    /// <summary>The assessor's view of one of the party's statements, shown beside it.</summary>
    AssessorView = 3,
}

/// <summary>What the assessor's organisation says of a party's answer or update.</summary>
public enum AssessorVerdict
{
    AgreesDone = 1,
    Disputes = 2,
    Comment = 3,
}

/// <summary>
/// One recommendation of an assessment (issue 16): what should be done, the official party of the initiative it is
/// addressed to, a priority, and the indicators and principles it relates to. It is written with the draft and fixed once
/// the assessment is published; from then on the addressed party answers it and reports progress, and the assessor gives
/// its view of each of those statements (<see cref="RecommendationStatement"/>). Nobody edits the other side's words.
/// A revision of the assessment carries its recommendations over: the copies share the original's thread
/// (<see cref="ThreadId"/>), so what was said stays with them.
/// </summary>
public class Recommendation
{
    public const int TextLength = 2000;
    public const int MostPerAssessment = 50;

    public int Id { get; set; }
    public int AssessmentId { get; set; }
    public Assessment? Assessment { get; set; }
    /// <summary>Its place in the assessment's list, from 1.</summary>
    public int Number { get; set; }
    public required string Text { get; set; }
    public int AddressedToId { get; set; }
    public Actor? AddressedTo { get; set; }
    public RecommendationPriority Priority { get; set; } = RecommendationPriority.Medium;
    /// <summary>Codes of the framework's indicators it relates to.</summary>
    public List<string> Indicators { get; set; } = [];
    public List<RecommendationPrinciple> Principles { get; } = [];

    /// <summary>The first recommendation of the thread it continues (an earlier revision's), or null when it starts one.</summary>
    public int? ThreadId { get; set; }

    // Kept with the recommendation so that lists and facets need no look at its statements; every statement updates them.
    public RecommendationStatus Status { get; set; } = RecommendationStatus.Awaiting;
    /// <summary>The date the party committed to, from its answer or its latest update that gave one.</summary>
    public DateOnly? TargetDate { get; set; }
    /// <summary>When the party last said something of it (answer or update).</summary>
    public DateTime? LastStatementAt { get; set; }

    /// <summary>The thread its statements belong to: its own, or the one it continues.</summary>
    public int Thread => ThreadId ?? Id;

    public static bool IsAnswer(RecommendationStatus status) =>
        status is RecommendationStatus.Accepted or RecommendationStatus.PartlyAccepted or RecommendationStatus.NotAccepted or RecommendationStatus.AlreadyDone;

    public static bool IsProgress(RecommendationStatus status) => status is RecommendationStatus.InProgress or RecommendationStatus.Implemented;

    /// <summary>Whether the party committed to doing something (a commitment and a target date are then required).</summary>
    public static bool IsCommitment(RecommendationStatus status) => status is RecommendationStatus.Accepted or RecommendationStatus.PartlyAccepted;

    /// <summary>Whether progress may be reported: the party accepted it (wholly or partly) and has not reported it implemented.</summary>
    public bool TakesProgress => Status is RecommendationStatus.Accepted or RecommendationStatus.PartlyAccepted or RecommendationStatus.InProgress;

    /// <summary>A commitment whose target date has passed with the work not reported implemented.</summary>
    public static bool IsOverdueAt(RecommendationStatus status, DateOnly? targetDate, DateOnly today) =>
        status is RecommendationStatus.Accepted or RecommendationStatus.PartlyAccepted or RecommendationStatus.InProgress && targetDate < today;

    public bool IsOverdue(DateOnly today) => IsOverdueAt(Status, TargetDate, today);

    /// <summary>The addressed party's answer; refused once answered, and without a commitment and a future target date when accepted.</summary>
    public RecommendationStatement Answer(int organisationId, string? userId, RecommendationStatus status, string text, string? commitment,
        DateOnly? targetDate, string? evidenceUrl, DateTime utcNow)
    {
        var problems = new List<RuleViolation>();
        if (Status != RecommendationStatus.Awaiting) problems.Add(new("Status", RuleCode.AlreadyAnswered));
        if (!IsAnswer(status)) problems.Add(new("Status", RuleCode.NotAnAnswer));
        if (organisationId != AddressedToId) problems.Add(new("Organisation", RuleCode.NotAddressed));
        if (IsCommitment(status))
        {
            if (string.IsNullOrWhiteSpace(commitment)) problems.Add(new("Commitment", RuleCode.CommitmentRequired));
            if (targetDate is null) problems.Add(new("TargetDate", RuleCode.TargetDateRequired));
        }
        if (targetDate is { } date && date < DateOnly.FromDateTime(utcNow)) problems.Add(new("TargetDate", RuleCode.TargetDateInPast));
        if (problems.Count > 0) throw new RuleViolationException(problems);
        Status = status;
        TargetDate = IsCommitment(status) ? targetDate : null;
        LastStatementAt = utcNow;
        return Statement(StatementKind.Answer, organisationId, userId, text, utcNow, s =>
        {
            s.Status = status;
            s.Commitment = IsCommitment(status) ? commitment!.Trim() : null;
            s.TargetDate = TargetDate;
            s.EvidenceUrl = evidenceUrl;
        });
    }

    /// <summary>The addressed party's progress update (in progress or implemented), possibly with a new target date; only on what it accepted.</summary>
    public RecommendationStatement Progress(int organisationId, string? userId, RecommendationStatus status, string text, DateOnly? newTargetDate,
        string? evidenceUrl, DateTime utcNow)
    {
        var problems = new List<RuleViolation>();
        if (!TakesProgress) problems.Add(new("Status", Status == RecommendationStatus.Awaiting ? RuleCode.NotYetAnswered : RuleCode.NoProgressExpected));
        if (!IsProgress(status)) problems.Add(new("Status", RuleCode.NotAProgressStatus));
        if (organisationId != AddressedToId) problems.Add(new("Organisation", RuleCode.NotAddressed));
        if (newTargetDate is { } date && date < DateOnly.FromDateTime(utcNow)) problems.Add(new("TargetDate", RuleCode.TargetDateInPast));
        if (problems.Count > 0) throw new RuleViolationException(problems);
        Status = status;
        if (newTargetDate is not null) TargetDate = newTargetDate;
        LastStatementAt = utcNow;
        return Statement(StatementKind.Progress, organisationId, userId, text, utcNow, s =>
        {
            s.Status = status;
            s.TargetDate = newTargetDate;
            s.EvidenceUrl = evidenceUrl;
        });
    }

    /// <summary>The assessor's view of one of the party's statements in this thread; it changes nothing the party said.</summary>
    public RecommendationStatement View(int assessorId, string? userId, RecommendationStatement about, AssessorVerdict verdict, string text,
        string? evidenceUrl, DateTime utcNow)
    {
        if (about.Kind == StatementKind.AssessorView || about.ThreadId != Thread)
            throw new RuleViolationException("About", RuleCode.NotAPartyStatement);
        if (!Enum.IsDefined(verdict)) throw new RuleViolationException("Verdict", RuleCode.NotAVerdict);
        return Statement(StatementKind.AssessorView, assessorId, userId, text, utcNow, s =>
        {
            s.Verdict = verdict;
            s.AboutId = about.Id;
            s.EvidenceUrl = evidenceUrl;
        });
    }

    private RecommendationStatement Statement(StatementKind kind, int organisationId, string? userId, string text, DateTime utcNow, Action<RecommendationStatement> fill)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed)) throw new RuleViolationException("Text", RuleCode.TextRequired);
        if (trimmed.Length > RecommendationStatement.TextLength) throw new RuleViolationException("Text", RuleCode.TextTooLong);
        var statement = new RecommendationStatement
        {
            RecommendationId = Id, ThreadId = Thread, Kind = kind, OrganisationId = organisationId, UserId = userId, Text = trimmed, CreatedAt = utcNow,
        };
        fill(statement);
        return statement;
    }

    /// <summary>A copy for a new revision of the assessment, continuing this one's thread and its standing.</summary>
    public Recommendation CarryOver() => new Recommendation
    {
        Number = Number, Text = Text, AddressedToId = AddressedToId, Priority = Priority, Indicators = Indicators.ToList(), ThreadId = Thread,
        Status = Status, TargetDate = TargetDate, LastStatementAt = LastStatementAt,
    }.WithPrinciples(Principles.Select(p => p.PrincipleCode));

    /// <summary>Takes the standing of the same thread in the revision this one replaces (said of while this was a draft).</summary>
    public void TakeStanding(Recommendation earlier)
    {
        if (earlier.Thread != Thread) throw new ArgumentException("Another thread's standing.", nameof(earlier));
        (Status, TargetDate, LastStatementAt) = (earlier.Status, earlier.TargetDate, earlier.LastStatementAt);
    }

    /// <summary>
    /// Addressed to another party: what the first one said stays with the first thread, and this one starts its own,
    /// awaiting the new party's answer.
    /// </summary>
    public void Readdress(int partyId)
    {
        if (partyId == AddressedToId) return;
        AddressedToId = partyId;
        if (Id == 0 && ThreadId is null) return;
        (ThreadId, Status, TargetDate, LastStatementAt) = (null, RecommendationStatus.Awaiting, null, null);
    }

    public Recommendation WithPrinciples(IEnumerable<string> codes)
    {
        Principles.Clear();
        Principles.AddRange(codes.Distinct().Select(code => new RecommendationPrinciple { PrincipleCode = code }));
        return this;
    }
}

/// <summary>A principle a recommendation relates to.</summary>
public class RecommendationPrinciple
{
    public int RecommendationId { get; set; }
    public required string PrincipleCode { get; set; }
}

/// <summary>
/// Something said about a recommendation, under the speaker's organisation: the party's answer or progress update, or the
/// assessor's view of one of them. Never edited; a moderator may hide one that breaks the terms, with a recorded reason,
/// and what it said is then no longer shown (the statement and the reason stay).
/// </summary>
public class RecommendationStatement
{
    public const int TextLength = 4000;
    public const int CommitmentLength = 2000;

    public int Id { get; set; }
    /// <summary>The recommendation it was said of (a revision's copy, possibly).</summary>
    public int RecommendationId { get; set; }
    public Recommendation? Recommendation { get; set; }
    /// <summary>The thread it belongs to (<see cref="Recommendation.Thread"/>), so revisions of the assessment keep it.</summary>
    public int ThreadId { get; set; }
    public StatementKind Kind { get; set; }
    public int OrganisationId { get; set; }
    public Actor? Organisation { get; set; }
    public string? UserId { get; set; }
    public RecommendationStatus? Status { get; set; }
    public AssessorVerdict? Verdict { get; set; }
    /// <summary>For an assessor's view: the party's statement it is about.</summary>
    public int? AboutId { get; set; }
    public required string Text { get; set; }
    public string? Commitment { get; set; }
    public DateOnly? TargetDate { get; set; }
    public string? EvidenceUrl { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? HiddenAt { get; set; }
    public string? HiddenReason { get; set; }

    /// <summary>A moderator hides the statement with a reason; nothing it said is changed.</summary>
    public void Hide(string? reason, DateTime utcNow)
    {
        if (HiddenAt is not null) throw new RuleViolationException("Reason", RuleCode.AlreadyHidden);
        HiddenReason = UnpublishReason.Check(reason);
        HiddenAt = utcNow;
    }
}
