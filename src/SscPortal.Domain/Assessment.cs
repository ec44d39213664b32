namespace SscPortal.Domain;

/// <summary>Whose point of view an assessment gives; perspectives are shown side by side, never averaged together.</summary>
public enum AssessmentPerspective
{
    /// <summary>A civil-society organisation affected by or implementing the initiative.</summary>
    CivilSociety = 1,
    /// <summary>An official party to the initiative assessing itself.</summary>
    SelfAssessment = 2,
    /// <summary>A civil-society organisation with no part in the initiative.</summary>
    Independent = 3,
}

/// <summary>The assessor organisation's relationship to the initiative it assesses.</summary>
public enum AssessorRelationship
{
    Affected = 1,
    Implementing = 2,
    Independent = 3,
    /// <summary>An official party to the initiative (a self-assessment).</summary>
    Party = 4,
}

public enum AssessmentMethod
{
    DocumentReview = 1,
    Interviews = 2,
    FocusGroups = 3,
    SelfAssessment = 4,
    SiteVisits = 5,
    Survey = 6,
}

public enum AnswerKind
{
    Scored = 1,
    /// <summary>Never counted as a score of 0.</summary>
    NotApplicable = 2,
    /// <summary>Never counted as a score of 0.</summary>
    InsufficientInformation = 3,
}

public enum Confidence
{
    Low = 1,
    Medium = 2,
    High = 3,
}

public enum EvidenceType
{
    Document = 1,
    Data = 2,
    Testimony = 3,
    SiteVisit = 4,
    GrievanceRecord = 5,
    Media = 6,
}

/// <summary>
/// A people-centred assessment of one initiative by one organisation, against one version of the framework
/// (DOMAIN.md, "People-centred assessments"). A draft is completed over several sittings; once published it never
/// changes: a revision is published instead, and the old one is kept and linked.
/// </summary>
public class Assessment : IVersioned
{
    public int Id { get; set; }
    public int InitiativeId { get; set; }
    public Initiative? Initiative { get; set; }
    /// <summary>The organisation that makes the assessment and alone may edit it.</summary>
    public int AssessorId { get; set; }
    public Actor? Assessor { get; set; }
    public int FrameworkId { get; set; }
    public AssessmentFramework? Framework { get; set; }

    public AssessmentPerspective Perspective { get; set; }
    public AssessorRelationship Relationship { get; set; }
    public string? ConflictOfInterest { get; set; }
    public List<AssessmentMethod> Methods { get; set; } = [];

    /// <summary>The overall narrative: what the assessment found, and what it recommends.</summary>
    public string? Findings { get; set; }
    public string? Recommendations { get; set; }

    public PublicationState Publication { get; private set; } = PublicationState.Draft;
    public DateTime? PublishedAt { get; private set; }
    public string? UnpublishedReason { get; private set; }

    /// <summary>1 for a first assessment; a revision of a published one counts on from it.</summary>
    public int Revision { get; set; } = 1;
    public int? RevisionOfId { get; set; }
    /// <summary>Set on a published assessment once a revision of it is published.</summary>
    public int? SupersededById { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; } = 1;

    public List<AssessmentAnswer> Answers { get; } = [];
    public List<AssessmentEvidence> Evidence { get; } = [];
    public List<AssessmentConsultation> Consultations { get; } = [];
    /// <summary>The recommendations, one by one (Recommendation.cs); the narrative <see cref="Recommendations"/> may introduce them.</summary>
    public List<Recommendation> RecommendationItems { get; } = [];

    public bool IsPublished => Publication == PublicationState.Published;

    public void Touch(DateTime utcNow)
    {
        Version++;
        UpdatedAt = utcNow;
    }

    /// <summary>The perspective follows from who assesses: an official party assesses itself; CSOs are independent only when they have no part in it.</summary>
    public static AssessmentPerspective PerspectiveOf(OrganisationKind assessorKind, AssessorRelationship relationship) =>
        assessorKind == OrganisationKind.Official ? AssessmentPerspective.SelfAssessment
        : relationship == AssessorRelationship.Independent ? AssessmentPerspective.Independent
        : AssessmentPerspective.CivilSociety;

    /// <summary>What stops this assessment from being published; a draft may be saved with any of these.</summary>
    public IReadOnlyList<RuleViolation> CheckComplete(AssessmentFramework framework)
    {
        var problems = new List<RuleViolation>();
        var known = framework.Indicators.Select(i => i.Code).ToHashSet();
        foreach (var answer in Answers.Where(a => !known.Contains(a.IndicatorCode)))
            problems.Add(new("Answers", RuleCode.UnknownIndicator, answer.IndicatorCode));
        foreach (var indicator in framework.Indicators)
        {
            var answer = Answers.FirstOrDefault(a => a.IndicatorCode == indicator.Code);
            if (answer?.Kind is null)
            {
                problems.Add(new("Answers", RuleCode.IndicatorUnanswered, indicator.Code));
                continue;
            }
            if (answer.Kind == AnswerKind.Scored && !AssessmentAnswer.IsOnScale(answer.Score))
                problems.Add(new("Score", RuleCode.ScoreOutOfScale, indicator.Code));
            if (string.IsNullOrWhiteSpace(answer.Justification))
                problems.Add(new("Justification", RuleCode.JustificationRequired, indicator.Code));
            if (answer.Kind == AnswerKind.Scored && answer.Confidence is null)
                problems.Add(new("Confidence", RuleCode.ConfidenceRequired, indicator.Code));
            if (answer.Kind == AnswerKind.Scored && Evidence.All(e => e.IndicatorCode != indicator.Code))
                problems.Add(new("Evidence", RuleCode.EvidenceRequired, indicator.Code));
        }
        if (Methods.Count == 0) problems.Add(new(nameof(Methods), RuleCode.MethodRequired));
        if (string.IsNullOrWhiteSpace(Findings)) problems.Add(new(nameof(Findings), RuleCode.FindingsRequired));
        return problems;
    }

    /// <summary>
    /// Publishes a complete assessment; from now on it never changes. A revision supersedes the revision it revises
    /// (<paramref name="revised"/>), which stays readable and links to it, unless
    /// another revision of it was published first. Returns the score rows kept for the published assessment.
    /// </summary>
    public IReadOnlyList<AssessmentScore> Publish(AssessmentFramework framework, DateTime utcNow, Assessment? revised = null)
    {
        if (Publication != PublicationState.Draft) throw new RuleViolationException(nameof(Publication), RuleCode.AlreadyPublished);
        if (CheckComplete(framework) is { Count: > 0 } problems) throw new RuleViolationException(problems);
        if (revised is not null)
        {
            if (revised.Id != RevisionOfId) throw new ArgumentException("Only a revision supersedes another assessment: the one it revises.", nameof(revised));
            if (revised.SupersededById is not null && revised.SupersededById != Id) throw new RuleViolationException(nameof(Revision), RuleCode.RevisionAlreadyPublished);
            revised.SupersededById = Id;
        }
        Publication = PublicationState.Published;
        PublishedAt = utcNow;
        return AssessmentScoring.Rows(framework, Answers).Select(row => { row.AssessmentId = Id; return row; }).ToList();
    }

    /// <summary>A moderator withdraws a published assessment that breaks the terms, saying why (<see cref="UnpublishReason"/>); its content is untouched.</summary>
    public void Unpublish(string? reason)
    {
        if (Publication != PublicationState.Published) throw new RuleViolationException(nameof(Publication), RuleCode.NotPublished);
        UnpublishedReason = UnpublishReason.Check(reason);
        Publication = PublicationState.Unpublished;
    }

    /// <summary>A new draft that starts as a copy of this published assessment; publishing it supersedes this one.</summary>
    public Assessment StartRevision(DateTime utcNow)
    {
        if (Publication != PublicationState.Published) throw new RuleViolationException(nameof(Publication), RuleCode.NotPublished);
        if (SupersededById is not null) throw new RuleViolationException(nameof(SupersededById), RuleCode.SupersededRevision);
        var revision = new Assessment
        {
            InitiativeId = InitiativeId, AssessorId = AssessorId, FrameworkId = FrameworkId, Perspective = Perspective, Relationship = Relationship,
            ConflictOfInterest = ConflictOfInterest, Methods = Methods.ToList(), Findings = Findings, Recommendations = Recommendations,
            Revision = Revision + 1, RevisionOfId = Id, CreatedAt = utcNow, UpdatedAt = utcNow,
        };
        revision.Answers.AddRange(Answers.Select(a => new AssessmentAnswer
            { IndicatorCode = a.IndicatorCode, Kind = a.Kind, Score = a.Score, Justification = a.Justification, Confidence = a.Confidence }));
        revision.Evidence.AddRange(Evidence.Select(e => new AssessmentEvidence
            { IndicatorCode = e.IndicatorCode, Type = e.Type, Description = e.Description, Url = e.Url }));
        revision.Consultations.AddRange(Consultations.Select(c => new AssessmentConsultation
            { Group = c.Group, Women = c.Women, Men = c.Men, Unspecified = c.Unspecified }));
        revision.RecommendationItems.AddRange(RecommendationItems.OrderBy(r => r.Number).Select(r => r.CarryOver()));
        return revision;
    }
}

/// <summary>The answer to one indicator: a score on the scale, or "not applicable", or "insufficient information".</summary>
public class AssessmentAnswer
{
    public int AssessmentId { get; set; }
    public required string IndicatorCode { get; set; }
    public AnswerKind? Kind { get; set; }
    public int? Score { get; set; }
    public string? Justification { get; set; }
    public Confidence? Confidence { get; set; }

    public static bool IsOnScale(int? score) => score is >= AssessmentFramework.LowestScore and <= AssessmentFramework.HighestScore;
}

/// <summary>A piece of evidence behind an indicator's answer.</summary>
public class AssessmentEvidence
{
    public int Id { get; set; }
    public int AssessmentId { get; set; }
    public required string IndicatorCode { get; set; }
    public EvidenceType Type { get; set; }
    public required string Description { get; set; }
    public string? Url { get; set; }
}

/// <summary>How many rights-holders of a group were consulted, by gender where known.</summary>
public class AssessmentConsultation
{
    public int AssessmentId { get; set; }
    public RightsHolderGroup Group { get; set; }
    public int? Women { get; set; }
    public int? Men { get; set; }
    /// <summary>People of other or unrecorded gender.</summary>
    public int? Unspecified { get; set; }

    public int Total => (Women ?? 0) + (Men ?? 0) + (Unspecified ?? 0);
}

/// <summary>An official party's public reply to an assessment: shown beneath it, it never changes it.</summary>
public class AssessmentResponse
{
    public int Id { get; set; }
    public int AssessmentId { get; set; }
    public Assessment? Assessment { get; set; }
    public int ResponderId { get; set; }
    public Actor? Responder { get; set; }
    public required string Text { get; set; }
    public DateTime PublishedAt { get; set; }
    public string? UserId { get; set; }
    /// <summary>When a moderator hid it, with the reason: its text is then no longer shown, and never changed.</summary>
    public DateTime? HiddenAt { get; set; }
    public string? HiddenReason { get; set; }
}

public enum ScoreScope
{
    Dimension = 1,
    Principle = 2,
}

/// <summary>
/// A published assessment's roll-up for one dimension or principle, kept so that lists and comparisons can filter and
/// count without reading every answer. Written once, when the assessment is published.
/// </summary>
public class AssessmentScore
{
    public int AssessmentId { get; set; }
    public ScoreScope Scope { get; set; }
    public required string Code { get; set; }
    /// <summary>A double, not a decimal, so that both databases can filter and sort by it.</summary>
    public double? Average { get; set; }
    public int Scored { get; set; }
    public int NotApplicable { get; set; }
    public int InsufficientInformation { get; set; }
}

/// <summary>An average and the answers it rests on: scored ones count; not applicable and insufficient information are only counted.</summary>
public sealed record ScoreSummary(string Code, decimal? Average, int Scored, int NotApplicable, int InsufficientInformation);

/// <summary>Rolls an assessment's answers up by dimension and, through the indicators' tags, by principle.</summary>
public static class AssessmentScoring
{
    public static IReadOnlyList<ScoreSummary> ByDimension(AssessmentFramework framework, IEnumerable<AssessmentAnswer> answers)
    {
        var byIndicator = answers.ToDictionary(a => a.IndicatorCode);
        return framework.Dimensions
            .Select(d => Summarise(d.Code, d.Indicators.Select(i => byIndicator.GetValueOrDefault(i.Code))))
            .ToList();
    }

    public static IReadOnlyList<ScoreSummary> ByPrinciple(AssessmentFramework framework, IEnumerable<AssessmentAnswer> answers)
    {
        var byIndicator = answers.ToDictionary(a => a.IndicatorCode);
        return framework.Indicators
            .SelectMany(i => i.Principles.Select(p => (Principle: p, Answer: byIndicator.GetValueOrDefault(i.Code))))
            .GroupBy(x => x.Principle)
            .Select(g => Summarise(g.Key, g.Select(x => x.Answer)))
            .OrderBy(s => s.Code, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The rows kept for a published assessment: one per dimension and one per principle tested.</summary>
    public static IEnumerable<AssessmentScore> Rows(AssessmentFramework framework, IReadOnlyCollection<AssessmentAnswer> answers) =>
        ByDimension(framework, answers).Select(s => Row(ScoreScope.Dimension, s))
            .Concat(ByPrinciple(framework, answers).Select(s => Row(ScoreScope.Principle, s)));

    private static AssessmentScore Row(ScoreScope scope, ScoreSummary s) => new()
    {
        Scope = scope, Code = s.Code, Average = (double?)s.Average, Scored = s.Scored, NotApplicable = s.NotApplicable, InsufficientInformation = s.InsufficientInformation,
    };

    private static ScoreSummary Summarise(string code, IEnumerable<AssessmentAnswer?> answers)
    {
        var list = answers.OfType<AssessmentAnswer>().ToList();
        var scores = list.Where(a => a.Kind == AnswerKind.Scored && AssessmentAnswer.IsOnScale(a.Score)).Select(a => a.Score!.Value).ToList();
        decimal? average = scores.Count == 0 ? null : Math.Round((decimal)scores.Sum() / scores.Count, 2, MidpointRounding.AwayFromZero);
        return new ScoreSummary(code, average, scores.Count,
            list.Count(a => a.Kind == AnswerKind.NotApplicable), list.Count(a => a.Kind == AnswerKind.InsufficientInformation));
    }
}
