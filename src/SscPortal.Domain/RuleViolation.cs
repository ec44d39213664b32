namespace SscPortal.Domain;

/// <summary>
/// One broken rule: the field it is about (a property name of the record, which a form puts next to its own field),
/// what is wrong (a code the web layer turns into the reader's language), and, for rules about one item of a list
/// (an assessment's indicator), which item.
/// </summary>
public sealed record RuleViolation(string Field, RuleCode Code, string? Item = null);

/// <summary>
/// A change the domain refuses, with every rule it breaks (at least one). The one way a domain method says no;
/// checks that only report (<see cref="InitiativeRules.Check"/>, <see cref="Partnership.Check"/>,
/// <see cref="Assessment.CheckComplete"/>) return the same <see cref="RuleViolation"/>s as a list.
/// </summary>
public sealed class RuleViolationException : Exception
{
    public RuleViolationException(IReadOnlyList<RuleViolation> violations) : base($"Domain rule broken: {string.Join(", ", violations.Select(v => v.Code))}")
    {
        if (violations.Count == 0) throw new ArgumentException("A refusal names at least one rule.", nameof(violations));
        Violations = violations;
    }

    public RuleViolationException(string field, RuleCode code) : this([new RuleViolation(field, code)]) { }

    public IReadOnlyList<RuleViolation> Violations { get; }

    /// <summary>The first rule broken: what a message that says one thing says.</summary>
    public RuleCode Code => Violations[0].Code;
}

/// <summary>The reason given when a published record is withdrawn (any kind of record): said, and short enough to show.</summary>
public static class UnpublishReason
{
    public const int MaxLength = 1000;

    /// <summary>The reason as it is kept (trimmed); refuses an empty or over-long one.</summary>
    public static string Check(string? reason)
    {
        var trimmed = reason?.Trim();
        if (string.IsNullOrEmpty(trimmed)) throw new RuleViolationException("Reason", RuleCode.ReasonRequired);
        if (trimmed.Length > MaxLength) throw new RuleViolationException("Reason", RuleCode.ReasonTooLong);
        return trimmed;
    }
}
