using FluentValidation;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Localization;

namespace SscPortal.Web.Pages.Assessments;

/// <summary>What the assessment form says, before it is checked and applied: one answer row per indicator of the framework.</summary>
public sealed class AssessmentInput
{
    /// <summary>The choices for an indicator: a score on the scale, or one of the two answers that are never counted as 0.</summary>
    public const string NotApplicable = "na";
    public const string InsufficientInformation = "ii";
    public const int EvidenceRows = 2;
    public const int SpareRecommendationRows = 1;

    /// <summary>Only for a new assessment: which of the person's organisations makes it.</summary>
    public int AssessorId { get; set; }
    public AssessorRelationship Relationship { get; set; } = AssessorRelationship.Affected;
    public string? ConflictOfInterest { get; set; }
    public List<AssessmentMethod> Methods { get; set; } = [];
    public string? Findings { get; set; }
    public string? Recommendations { get; set; }
    public List<ConsultationRow> Consultations { get; set; } = [];
    public List<AnswerRow> Answers { get; set; } = [];
    /// <summary>The recommendations, one by one; empty rows are left out.</summary>
    public List<RecommendationRow> RecommendationRows { get; set; } = [];
    /// <summary>The version of the assessment the form was opened on (optimistic concurrency).</summary>
    public int Version { get; set; }

    public sealed class ConsultationRow
    {
        public RightsHolderGroup Group { get; set; }
        public int? Women { get; set; }
        public int? Men { get; set; }
        public int? Unspecified { get; set; }
        public bool IsEmpty => Women is null && Men is null && Unspecified is null;
    }

    public sealed class AnswerRow
    {
        public string IndicatorCode { get; set; } = "";
        public string? Choice { get; set; }
        public string? Justification { get; set; }
        public Confidence? Confidence { get; set; }
        public List<EvidenceRow> Evidence { get; set; } = [];
        public bool IsEmpty => string.IsNullOrEmpty(Choice) && string.IsNullOrWhiteSpace(Justification) && Confidence is null && Evidence.All(e => e.IsEmpty);
    }

    public sealed class EvidenceRow
    {
        public EvidenceType Type { get; set; } = EvidenceType.Document;
        public string? Description { get; set; }
        public string? Url { get; set; }
        public bool IsEmpty => string.IsNullOrWhiteSpace(Description) && string.IsNullOrWhiteSpace(Url);
    }

    public sealed class RecommendationRow
    {
        /// <summary>The recommendation the row shows (0 for a new one); only one of this draft's is ever changed.</summary>
        public int Id { get; set; }
        public string? Text { get; set; }
        public int? AddressedToId { get; set; }
        public RecommendationPriority Priority { get; set; } = RecommendationPriority.Medium;
        public List<string> Principles { get; set; } = [];
        public List<string> Indicators { get; set; } = [];
        public bool IsEmpty => string.IsNullOrWhiteSpace(Text) && AddressedToId is null && Chosen(Principles).Count == 0 && Chosen(Indicators).Count == 0;

        /// <summary>The codes chosen in a list (a list left empty may arrive as one blank value).</summary>
        public static List<string> Chosen(List<string>? codes) => (codes ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Distinct().ToList();
    }

    public static string? ChoiceOf(AssessmentAnswer answer) => answer.Kind switch
    {
        AnswerKind.Scored => answer.Score?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        AnswerKind.NotApplicable => NotApplicable,
        AnswerKind.InsufficientInformation => InsufficientInformation,
        _ => null,
    };

    public static bool IsChoice(string? choice) =>
        string.IsNullOrEmpty(choice) || choice is NotApplicable or InsufficientInformation
        || (int.TryParse(choice, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var score) && AssessmentAnswer.IsOnScale(score));

    public static AssessmentInput From(Assessment assessment, AssessmentFramework framework) => new()
    {
        AssessorId = assessment.AssessorId, Relationship = assessment.Relationship, ConflictOfInterest = assessment.ConflictOfInterest,
        Methods = assessment.Methods.ToList(), Findings = assessment.Findings, Recommendations = assessment.Recommendations, Version = assessment.Version,
        RecommendationRows = assessment.RecommendationItems.OrderBy(r => r.Number).Select(r => new RecommendationRow
        {
            Id = r.Id, Text = r.Text, AddressedToId = r.AddressedToId, Priority = r.Priority,
            Principles = r.Principles.Select(p => p.PrincipleCode).ToList(), Indicators = r.Indicators.ToList(),
        }).ToList(),
        Consultations = assessment.Consultations.Select(c => new ConsultationRow { Group = c.Group, Women = c.Women, Men = c.Men, Unspecified = c.Unspecified }).ToList(),
        Answers = framework.Indicators.Select(indicator =>
        {
            var answer = assessment.Answers.FirstOrDefault(a => a.IndicatorCode == indicator.Code);
            return new AnswerRow
            {
                IndicatorCode = indicator.Code, Choice = answer is null ? null : ChoiceOf(answer), Justification = answer?.Justification, Confidence = answer?.Confidence,
                Evidence = assessment.Evidence.Where(e => e.IndicatorCode == indicator.Code).OrderBy(e => e.Id)
                    .Select(e => new EvidenceRow { Type = e.Type, Description = e.Description, Url = e.Url }).ToList(),
            };
        }).ToList(),
    };

    /// <summary>
    /// Writes this input onto the draft; it must have passed the validator. Empty rows are left out. Recommendations are
    /// left as they are when the form offered none (the initiative has no official party to address them to).
    /// </summary>
    public void ApplyTo(Assessment assessment, bool recommendationsOffered = true)
    {
        assessment.Relationship = Relationship;
        assessment.ConflictOfInterest = Clean(ConflictOfInterest);
        assessment.Methods = Methods.Distinct().Order().ToList();
        assessment.Findings = Clean(Findings);
        assessment.Recommendations = Clean(Recommendations);

        var consulted = Consultations.Where(c => !c.IsEmpty).ToList();
        assessment.Consultations.RemoveAll(c => consulted.All(w => w.Group != c.Group));
        foreach (var row in consulted)
        {
            var existing = assessment.Consultations.FirstOrDefault(c => c.Group == row.Group);
            if (existing is null) assessment.Consultations.Add(existing = new AssessmentConsultation { Group = row.Group });
            (existing.Women, existing.Men, existing.Unspecified) = (row.Women, row.Men, row.Unspecified);
        }

        var answered = Answers.Where(a => !a.IsEmpty).ToList();
        assessment.Answers.RemoveAll(a => answered.All(w => w.IndicatorCode != a.IndicatorCode));
        foreach (var row in answered)
        {
            var answer = assessment.Answers.FirstOrDefault(a => a.IndicatorCode == row.IndicatorCode);
            if (answer is null) assessment.Answers.Add(answer = new AssessmentAnswer { IndicatorCode = row.IndicatorCode });
            (answer.Kind, answer.Score) = row.Choice switch
            {
                null or "" => ((AnswerKind?)null, (int?)null),
                NotApplicable => (AnswerKind.NotApplicable, null),
                InsufficientInformation => (AnswerKind.InsufficientInformation, null),
                var score => (AnswerKind.Scored, int.Parse(score, System.Globalization.CultureInfo.InvariantCulture)),
            };
            answer.Justification = Clean(row.Justification);
            answer.Confidence = row.Confidence;
        }
        // Recommendations keep their identity (a revision's carry their thread): a row changes the one it names, if it is
        // this draft's; the others go, and rows naming none are new. Their order is their number.
        if (recommendationsOffered) ApplyRecommendations(assessment);

        // Evidence has no natural key: it is replaced as a whole.
        assessment.Evidence.Clear();
        assessment.Evidence.AddRange(Answers.SelectMany(a => a.Evidence.Where(e => !e.IsEmpty).Select(e => new AssessmentEvidence
        {
            IndicatorCode = a.IndicatorCode, Type = e.Type, Description = e.Description!.Trim(), Url = Clean(e.Url),
        })));
    }

    private void ApplyRecommendations(Assessment assessment)
    {
        var recommended = RecommendationRows.Where(r => !r.IsEmpty).ToList();
        var kept = recommended.Select(r => r.Id).Where(id => id != 0).ToHashSet();
        assessment.RecommendationItems.RemoveAll(r => !kept.Contains(r.Id));
        var number = 0;
        foreach (var row in recommended)
        {
            var recommendation = assessment.RecommendationItems.FirstOrDefault(r => r.Id == row.Id && row.Id != 0);
            if (recommendation is null) assessment.RecommendationItems.Add(recommendation = new Recommendation { Text = "" });
            recommendation.Number = ++number;
            recommendation.Text = row.Text!.Trim();
            // A carried recommendation addressed to another party starts a thread of its own.
            recommendation.Readdress(row.AddressedToId!.Value);
            recommendation.Priority = row.Priority;
            recommendation.Indicators = RecommendationRow.Chosen(row.Indicators).Order(StringComparer.Ordinal).ToList();
            var principles = RecommendationRow.Chosen(row.Principles).ToHashSet();
            if (!principles.SetEquals(recommendation.Principles.Select(p => p.PrincipleCode))) recommendation.WithPrinciples(principles.Order(StringComparer.Ordinal));
        }
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

public sealed class AssessmentInputValidator : AbstractValidator<AssessmentInput>
{
    public const int MaxPeople = 100_000_000;

    public AssessmentInputValidator(IStringLocalizer<SharedResource> L, AssessmentFramework framework, IReadOnlySet<int> parties, IReadOnlySet<string> principles)
    {
        var indicators = framework.Indicators.Select(i => i.Code).ToHashSet();
        RuleFor(i => i.RecommendationRows).Must(rows => rows.Count(r => r is not null && !r.IsEmpty) <= Recommendation.MostPerAssessment)
            .WithMessage(L["An assessment lists at most {0} recommendations.", Recommendation.MostPerAssessment]);
        RuleForEach(i => i.RecommendationRows).ChildRules(row =>
        {
            row.RuleFor(r => r.Text).NotEmpty().When(r => !r.IsEmpty).WithMessage(L["Write the recommendation."])
                .MaximumLength(Recommendation.TextLength).WithMessage(L["Use at most {0} characters.", Recommendation.TextLength]);
            row.RuleFor(r => r.AddressedToId).NotNull().When(r => !r.IsEmpty).WithMessage(L["Choose the official party it is addressed to."])
                .Must(id => id is null || parties.Contains(id.Value)).WithMessage(L["A recommendation is addressed to one of the initiative's official parties."]);
            row.RuleFor(r => r.Priority).IsInEnum().WithMessage(L["Choose one of the listed options."]);
            row.RuleFor(r => r.Principles).Must(codes => AssessmentInput.RecommendationRow.Chosen(codes).All(principles.Contains)).WithMessage(L["Choose principles from the list."]);
            row.RuleFor(r => r.Indicators).Must(codes => AssessmentInput.RecommendationRow.Chosen(codes).All(indicators.Contains)).WithMessage(L["This indicator is not part of the framework the assessment uses."]);
        });
        RuleFor(i => i.Relationship).IsInEnum().WithMessage(L["Choose one of the listed options."]);
        RuleForEach(i => i.Methods).IsInEnum().WithMessage(L["Choose one of the listed options."]);
        RuleFor(i => i.ConflictOfInterest).MaximumLength(2000).WithMessage(L["Use at most {0} characters.", 2000]);
        RuleFor(i => i.Findings).MaximumLength(20000).WithMessage(L["Use at most {0} characters.", 20000]);
        RuleFor(i => i.Recommendations).MaximumLength(20000).WithMessage(L["Use at most {0} characters.", 20000]);
        RuleForEach(i => i.Consultations).ChildRules(row =>
        {
            row.RuleFor(r => r.Group).IsInEnum().WithMessage(L["Choose one of the listed options."]);
            row.RuleFor(r => r.Women).InclusiveBetween(0, MaxPeople).When(r => r.Women is not null).WithMessage(L["Enter a number of people from 0 up."]);
            row.RuleFor(r => r.Men).InclusiveBetween(0, MaxPeople).When(r => r.Men is not null).WithMessage(L["Enter a number of people from 0 up."]);
            row.RuleFor(r => r.Unspecified).InclusiveBetween(0, MaxPeople).When(r => r.Unspecified is not null).WithMessage(L["Enter a number of people from 0 up."]);
        });
        RuleFor(i => i.Consultations).Must(rows => rows.GroupBy(r => r.Group).All(g => g.Count() == 1)).WithMessage(L["Each group can be listed only once."]);
        RuleFor(i => i.Answers).Must(rows => rows.GroupBy(r => r.IndicatorCode).All(g => g.Count() == 1)).WithMessage(L["Each indicator can be answered only once."]);
        RuleForEach(i => i.Answers).ChildRules(row =>
        {
            row.RuleFor(r => r.IndicatorCode).Must(indicators.Contains).WithMessage(L["This indicator is not part of the framework the assessment uses."]);
            row.RuleFor(r => r.Choice).Must(AssessmentInput.IsChoice)
                .WithMessage(L["Choose a score from 0 to 4, “not applicable” or “insufficient information”."]);
            row.RuleFor(r => r.Justification).MaximumLength(4000).WithMessage(L["Use at most {0} characters.", 4000]);
            row.RuleFor(r => r.Confidence).IsInEnum().When(r => r.Confidence is not null).WithMessage(L["Choose one of the listed options."]);
            row.RuleForEach(r => r.Evidence).ChildRules(evidence =>
            {
                evidence.RuleFor(e => e.Type).IsInEnum().WithMessage(L["Choose one of the listed options."]);
                evidence.RuleFor(e => e.Description).NotEmpty().When(e => !e.IsEmpty).WithMessage(L["Say what this evidence is."])
                    .MaximumLength(1000).WithMessage(L["Use at most {0} characters.", 1000]);
                evidence.RuleFor(e => e.Url).MaximumLength(500).WithMessage(L["Use at most {0} characters.", 500])
                    .Must(url => string.IsNullOrWhiteSpace(url) || (Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
                    .WithMessage(L["Enter a full web address starting with https://"]);
            });
        });
    }
}
