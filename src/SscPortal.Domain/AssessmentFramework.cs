namespace SscPortal.Domain;

/// <summary>
/// The people-centred assessment framework as data: dimensions, their indicator questions, the principles each indicator
/// tests, and the anchored 0–4 scale. Each version is kept: an assessment is shown with the version it was made with.
/// </summary>
public class AssessmentFramework
{
    public const int LowestScore = 0;
    public const int HighestScore = 4;

    public int Id { get; set; }
    public int Version { get; set; }
    public required LocalText Title { get; set; }
    public List<ScaleLevel> Scale { get; set; } = [];
    public List<FrameworkDimension> Dimensions { get; set; } = [];
    public DateTime PublishedAt { get; set; }
    /// <summary>The administrator who published it (null for the first version, which the portal ships with).</summary>
    public string? PublishedBy { get; set; }

    public IEnumerable<FrameworkIndicator> Indicators => Dimensions.SelectMany(d => d.Indicators);

    /// <summary>What is wrong with a framework before it can be published; empty when it is sound.</summary>
    public IReadOnlyList<string> Problems(IReadOnlySet<string> principleCodes)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Title.En)) problems.Add("The framework needs a title in English.");
        var scores = Scale.Select(l => l.Score).Order().ToList();
        if (!scores.SequenceEqual(Enumerable.Range(LowestScore, HighestScore - LowestScore + 1)))
            problems.Add($"The scale must describe each score from {LowestScore} to {HighestScore} once.");
        if (Scale.Any(l => string.IsNullOrWhiteSpace(l.Label.En) || string.IsNullOrWhiteSpace(l.Description.En)))
            problems.Add("Every level of the scale needs a label and a description in English.");
        if (Dimensions.Count == 0) problems.Add("The framework needs at least one dimension.");
        foreach (var code in Dimensions.GroupBy(d => d.Code).Where(g => g.Count() > 1).Select(g => g.Key))
            problems.Add($"The dimension code “{code}” is used more than once.");
        foreach (var code in Indicators.GroupBy(i => i.Code).Where(g => g.Count() > 1).Select(g => g.Key))
            problems.Add($"The indicator code “{code}” is used more than once.");
        foreach (var dimension in Dimensions)
        {
            if (string.IsNullOrWhiteSpace(dimension.Code) || string.IsNullOrWhiteSpace(dimension.Name.En))
                problems.Add("Every dimension needs a code and a name in English.");
            if (dimension.Indicators.Count == 0) problems.Add($"The dimension “{dimension.Code}” has no indicators.");
            foreach (var indicator in dimension.Indicators)
            {
                if (string.IsNullOrWhiteSpace(indicator.Code) || string.IsNullOrWhiteSpace(indicator.Question.En))
                    problems.Add($"Every indicator of “{dimension.Code}” needs a code and a question in English.");
                if (indicator.Principles.Count == 0) problems.Add($"The indicator “{indicator.Code}” tests no principle.");
                foreach (var principle in indicator.Principles.Where(p => !principleCodes.Contains(p)))
                    problems.Add($"The indicator “{indicator.Code}” refers to an unknown principle “{principle}”.");
            }
        }
        return problems;
    }
}

/// <summary>One step of the scale, with the description that anchors it.</summary>
public sealed record ScaleLevel(int Score, LocalText Label, LocalText Description);

public sealed record FrameworkDimension(string Code, LocalText Name, LocalText Description, List<FrameworkIndicator> Indicators);

/// <summary>An indicator question, tagged with the principles it tests.</summary>
public sealed record FrameworkIndicator(string Code, LocalText Question, List<string> Principles);
