namespace SscPortal.Domain;

/// <summary>The kind of record a file is attached to.</summary>
public enum FileOwnerKind
{
    Initiative = 1,
    Partnership = 2,
    Assessment = 3,
    /// <summary>The audio of a testimony (its assessment decides who may add it; the testimony's consent who may hear it).</summary>
    Testimony = 4,
    /// <summary>Evidence an official party gives with a progress update on a recommendation (published with it, never changed).</summary>
    RecommendationStatement = 5,
    /// <summary>A call's documents (terms of reference, templates): readable by whoever may read the call.</summary>
    Call = 6,
    /// <summary>A document given with an application (its answers to file questions among them): as private as the application.</summary>
    CallApplication = 7,
    /// <summary>An event's documents, presentations and photos (its report's among them): readable by whoever may read the event.</summary>
    Event = 8,
}

/// <summary>Who may read a file or a testimony, besides what its record allows.</summary>
public enum EvidenceVisibility
{
    /// <summary>Everyone who may read the record it is attached to.</summary>
    Public = 1,
    /// <summary>Only the members of the organisation that added it (the assessor's organisation on an assessment).</summary>
    Organisation = 2,
    /// <summary>The organisation and the official parties it names, while a comment window on the assessment is open for them.</summary>
    Parties = 3,
}

public enum FileState
{
    /// <summary>Uploaded, waiting for its uploader to decide what to do with the author metadata found in it; seen by nobody else.</summary>
    AwaitingReview = 0,
    Published = 1,
}

/// <summary>
/// One version of a file attached to a record: what it is (its name, type, size and SHA-256 fingerprint, decided from its
/// content), whose it is and who may read it. The bytes are kept in a file store under <see cref="StorageKey"/>; the database
/// holds only this. A published file never changes: a replacement is a new version in the same series, the old one stays readable.
/// </summary>
public class EvidenceFile
{
    public const int NameLength = 200;
    public const int DescriptionLength = 500;
    public const int SectionLength = 60;
    public const int ReasonLength = 1000;
    /// <summary>The section of an assessment for its overall findings (the others are indicator codes).</summary>
    public const string FindingsSection = "findings";

    public int Id { get; set; }
    public FileOwnerKind OwnerKind { get; set; }
    public int OwnerId { get; set; }
    /// <summary>The organisation that added it: the record's owner, or the assessor.</summary>
    public int OrganisationId { get; set; }
    public Actor? Organisation { get; set; }
    /// <summary>On an assessment: the indicator code or <see cref="FindingsSection"/>; null elsewhere.</summary>
    public string? Section { get; set; }

    /// <summary>The first version's id (its own for a first version).</summary>
    public int? SeriesId { get; set; }
    public int VersionNumber { get; set; } = 1;
    /// <summary>Set once a newer version of it is published.</summary>
    public int? SupersededById { get; set; }

    public required string FileName { get; set; }
    public string? Description { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    /// <summary>The SHA-256 of the stored bytes, in lower-case hexadecimal.</summary>
    public required string Sha256 { get; set; }
    public required string StorageKey { get; set; }

    public string? UploadedByUserId { get; set; }
    public DateTime UploadedAt { get; set; }

    public EvidenceVisibility Visibility { get; set; } = EvidenceVisibility.Public;
    public List<EvidenceFileParty> Parties { get; } = [];

    public FileState State { get; set; } = FileState.Published;
    /// <summary>The author metadata found in a document (one "Field: value" per line), shown only to its uploader until they decide; cleared then.</summary>
    public string? FoundMetadata { get; set; }
    /// <summary>What the portal removed from it ("EXIF; XMP", or the document's author fields), said on its page.</summary>
    public string? RemovedMetadata { get; set; }

    public DateTime? HiddenAt { get; set; }
    public string? HiddenReason { get; set; }
    /// <summary>When someone who may read it reported it to the moderators, who may then read it even when restricted.</summary>
    public DateTime? ReportedAt { get; set; }
    public string? ReportReason { get; set; }

    public int Series => SeriesId ?? Id;
    public bool IsCurrent => SupersededById is null;

    /// <summary>Which visibilities a file on this kind of record may have.</summary>
    public static bool Allows(FileOwnerKind owner, EvidenceVisibility visibility) => visibility switch
    {
        EvidenceVisibility.Public or EvidenceVisibility.Organisation => true,
        EvidenceVisibility.Parties => owner == FileOwnerKind.Assessment,
        _ => false,
    };

    /// <summary>
    /// A name safe to show and to offer for download: the last segment of whatever path the browser sent, without control
    /// or format characters, trimmed to <see cref="NameLength"/>, ending with the extension of the type found in the content.
    /// </summary>
    public static string SafeName(string? sent, string extension)
    {
        var name = (sent ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string(name.Where(c => !char.IsControl(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format
            && c is not ('"' or '<' or '>' or ':' or '|' or '?' or '*')).ToArray()).Trim().Trim('.').Trim();
        var dot = name.LastIndexOf('.');
        var stem = dot > 0 ? name[..dot].TrimEnd() : name;
        if (stem.Length == 0) stem = "file";
        var room = NameLength - extension.Length;
        if (stem.Length > room)
        {
            // Cut between whole characters (an emoji or an accented letter is never split).
            var cut = 0;
            var elements = System.Globalization.StringInfo.GetTextElementEnumerator(stem);
            while (elements.MoveNext() && elements.ElementIndex + elements.GetTextElement().Length <= room) cut = elements.ElementIndex + elements.GetTextElement().Length;
            stem = stem[..cut];
        }
        return stem + extension;
    }

    /// <summary>The uploader publishes a file that waited for their review of its metadata.</summary>
    public void Publish(string? removedMetadata)
    {
        if (State == FileState.Published) throw new RuleViolationException(nameof(State), RuleCode.AlreadyPublished);
        State = FileState.Published;
        FoundMetadata = null;
        if (removedMetadata is not null) RemovedMetadata = removedMetadata;
    }

    /// <summary>A moderator hides a file with a reason; its bytes are kept and it is never changed.</summary>
    public void Hide(string? reason, DateTime utcNow)
    {
        if (HiddenAt is not null) throw new RuleViolationException("Reason", RuleCode.AlreadyHidden);
        HiddenReason = UnpublishReason.Check(reason);
        HiddenAt = utcNow;
    }

    /// <summary>Someone who may read it reports it to the moderators (the first report stands).</summary>
    public void Report(string? reason, DateTime utcNow)
    {
        var checkedReason = UnpublishReason.Check(reason);
        if (ReportedAt is not null) return;
        ReportReason = checkedReason;
        ReportedAt = utcNow;
    }
}

/// <summary>An official party a restricted file is shared with during a comment window.</summary>
public class EvidenceFileParty
{
    public int EvidenceFileId { get; set; }
    public int PartyId { get; set; }
}

/// <summary>How the person who gave a testimony wished to be named.</summary>
public enum TestimonyAttribution
{
    Anonymous = 1,
    /// <summary>A role or description they chose, such as "woman farmer, Caaguazú".</summary>
    Role = 2,
    Name = 3,
}

public enum ConsentMethod
{
    Written = 1,
    /// <summary>Said aloud and recorded.</summary>
    OralRecorded = 2,
    /// <summary>Said aloud before a witness.</summary>
    OralWitnessed = 3,
    /// <summary>Given in a message or a form.</summary>
    Digital = 4,
}

/// <summary>Why a testimony's content is gone.</summary>
public enum TestimonyWithdrawal
{
    /// <summary>The person took back their consent.</summary>
    ConsentRevoked = 1,
    /// <summary>The date they consented until passed.</summary>
    ConsentExpired = 2,
}

/// <summary>
/// What a person told the assessor, in their words (text, or a recording with its transcript), kept and shown only as they
/// consented: named as they chose, for the uses they agreed to, until the date they gave. When consent is revoked or runs out
/// the words, the recording and the name are deleted; only the fact that a testimony was withdrawn, and when, remains.
/// </summary>
public class Testimony
{
    public const int TextLength = 8000;
    public const int AttributionLength = 200;
    public const int ConsentNoteLength = 500;

    public int Id { get; set; }
    public int AssessmentId { get; set; }
    /// <summary>The indicator it supports, or null for the assessment as a whole.</summary>
    public string? IndicatorCode { get; set; }

    public string? Text { get; set; }
    /// <summary>A recording (an <see cref="EvidenceFile"/> whose owner is this testimony); <see cref="Text"/> is then its transcript.</summary>
    public int? AudioFileId { get; set; }

    public TestimonyAttribution Attribution { get; set; } = TestimonyAttribution.Anonymous;
    /// <summary>The role or name, in the terms the person chose (empty when anonymous).</summary>
    public string? AttributedTo { get; set; }

    public ConsentMethod ConsentMethod { get; set; }
    public DateOnly ConsentGivenOn { get; set; }
    /// <summary>Their words may be quoted on the assessment's page, as they chose to be named.</summary>
    public bool MayQuote { get; set; }
    /// <summary>The testimony in full (its recording too) may be shown to everyone and carried in open data.</summary>
    public bool MayShowPublicly { get; set; }
    /// <summary>The official parties of the initiative may read it in full.</summary>
    public bool MayShareWithParties { get; set; }
    /// <summary>The last day it may be kept; it is withdrawn the day after.</summary>
    public DateOnly? ConsentUntil { get; set; }
    public string? ConsentNote { get; set; }

    public DateTime CreatedAt { get; set; }
    public string? CreatedByUserId { get; set; }
    public DateTime? WithdrawnAt { get; set; }
    public TestimonyWithdrawal? Withdrawal { get; set; }

    /// <summary>Whether its content may still be shown to anyone on that day.</summary>
    public bool IsShowableOn(DateOnly today) => WithdrawnAt is null && (ConsentUntil is null || today <= ConsentUntil);

    /// <summary>How it is named wherever it appears.</summary>
    public string? ShownAttribution => Attribution == TestimonyAttribution.Anonymous ? null : AttributedTo;

    /// <summary>Checks what the assessor entered; every problem at once, each tied to its field.</summary>
    public void Check(DateOnly today)
    {
        var problems = new List<RuleViolation>();
        Text = string.IsNullOrWhiteSpace(Text) ? null : Text.Trim();
        AttributedTo = string.IsNullOrWhiteSpace(AttributedTo) ? null : AttributedTo.Trim();
        ConsentNote = string.IsNullOrWhiteSpace(ConsentNote) ? null : ConsentNote.Trim();
        // A recording comes with its transcript: the words are always there to read.
        if (Text is null) problems.Add(new(nameof(Text), RuleCode.TextRequired));
        if (Text?.Length > TextLength) problems.Add(new(nameof(Text), RuleCode.TextTooLong));
        if (Attribution != TestimonyAttribution.Anonymous && AttributedTo is null) problems.Add(new(nameof(AttributedTo), RuleCode.AttributionRequired));
        if (Attribution == TestimonyAttribution.Anonymous) AttributedTo = null;
        if (AttributedTo?.Length > AttributionLength) problems.Add(new(nameof(AttributedTo), RuleCode.TextTooLong));
        if (ConsentNote?.Length > ConsentNoteLength) problems.Add(new(nameof(ConsentNote), RuleCode.TextTooLong));
        if (!Enum.IsDefined(ConsentMethod)) problems.Add(new(nameof(ConsentMethod), RuleCode.ConsentMethodRequired));
        if (ConsentGivenOn > today) problems.Add(new(nameof(ConsentGivenOn), RuleCode.ActualDateInFuture));
        if (ConsentUntil is { } until && until < today) problems.Add(new(nameof(ConsentUntil), RuleCode.ConsentAlreadyEnded));
        if (ConsentUntil is { } end && end < ConsentGivenOn) problems.Add(new(nameof(ConsentUntil), RuleCode.EndBeforeStart));
        if (problems.Count > 0) throw new RuleViolationException(problems);
    }

    /// <summary>Deletes what the person said and who they are; returns the recording to delete, if any.</summary>
    public int? Withdraw(TestimonyWithdrawal why, DateTime utcNow)
    {
        if (WithdrawnAt is not null) return null;
        var audio = AudioFileId;
        Text = null;
        AttributedTo = null;
        ConsentNote = null;
        AudioFileId = null;
        WithdrawnAt = utcNow;
        Withdrawal = why;
        return audio;
    }
}
