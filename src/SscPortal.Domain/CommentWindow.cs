namespace SscPortal.Domain;

/// <summary>
/// A complete draft assessment offered by its organisation to official parties of the initiative for factual comment, for a
/// window of days (issue 16). While it is open the parties' members may read the draft and comment; it informs, it never
/// blocks: the assessor revises and publishes whenever they choose. One window per draft (the database keeps one).
/// </summary>
public class CommentWindow
{
    public const int ShortestDays = 7;
    public const int LongestDays = 30;
    public const int DefaultDays = 14;

    public int Id { get; set; }
    public int AssessmentId { get; set; }
    public Assessment? Assessment { get; set; }
    public DateTime OpenedAt { get; set; }
    public DateTime ClosesAt { get; set; }
    /// <summary>The account that offered it (one of the assessor organisation's admins).</summary>
    public string? OfferedBy { get; set; }
    public List<CommentWindowParty> Parties { get; } = [];

    /// <summary>Whether a window of this many days may be offered.</summary>
    public static bool IsAllowedLength(int days) => days is >= ShortestDays and <= LongestDays;

    /// <summary>Opens a window of <paramref name="days"/> days from <paramref name="utcNow"/> for the parties.</summary>
    public static CommentWindow Open(int assessmentId, IEnumerable<int> parties, int days, DateTime utcNow, string? offeredBy)
    {
        if (!IsAllowedLength(days)) throw new ArgumentOutOfRangeException(nameof(days), days, $"A window lasts {ShortestDays} to {LongestDays} days.");
        var window = new CommentWindow { AssessmentId = assessmentId, OpenedAt = utcNow, ClosesAt = utcNow.AddDays(days), OfferedBy = offeredBy };
        window.Parties.AddRange(parties.Distinct().Select(p => new CommentWindowParty { PartyId = p }));
        if (window.Parties.Count == 0) throw new ArgumentException("A draft is offered to at least one party.", nameof(parties));
        return window;
    }

    public bool IsOpenAt(DateTime utcNow) => utcNow < ClosesAt;
}

/// <summary>One official party a draft was offered to.</summary>
public class CommentWindowParty
{
    public int CommentWindowId { get; set; }
    public int PartyId { get; set; }
    public Actor? Party { get; set; }
}

/// <summary>
/// A party's comment on a draft offered to it: on the whole assessment or on one indicator, public (shown beside the
/// published assessment) or for the assessor only (never shown outside the assessor's organisation). It never changes the assessment.
/// </summary>
public class AssessmentComment
{
    public const int TextLength = 4000;

    public int Id { get; set; }
    public int AssessmentId { get; set; }
    public Assessment? Assessment { get; set; }
    /// <summary>The party the comment speaks for.</summary>
    public int OrganisationId { get; set; }
    public Actor? Organisation { get; set; }
    public string? UserId { get; set; }
    /// <summary>The indicator commented on, or null for the whole assessment.</summary>
    public string? IndicatorCode { get; set; }
    public required string Text { get; set; }
    public bool IsPublic { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>When a moderator hid it, with the reason: its text is then no longer shown, and never changed.</summary>
    public DateTime? HiddenAt { get; set; }
    public string? HiddenReason { get; set; }
}
