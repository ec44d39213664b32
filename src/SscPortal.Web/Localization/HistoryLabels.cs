using SscPortal.Domain;

namespace SscPortal.Web.Localization;

/// <summary>The English labels (resource keys) of the fields and kinds of change the histories of initiatives and partnerships show.</summary>
public static class HistoryLabels
{
    /// <summary>A field's label; a translated field ("Title:es") is labelled with its language by the page.</summary>
    public static string Field(string field) => field.Split(':')[0] switch
    {
        nameof(Initiative.Title) => "Title",
        nameof(Initiative.Summary) => "Summary",
        nameof(CooperationEvent.ReportSummary) => "Summary of the report",
        nameof(CooperationEvent.ReportOutcomes) => "Outcomes and ways forward",
        nameof(CooperationEvent.ReportPublishedAt) => "Report published",
        nameof(Initiative.Description) => "Description",
        nameof(Initiative.Objectives) => "Objectives",
        nameof(Initiative.Contact) => "Contact",
        nameof(Initiative.ThematicAreas) => "Thematic areas",
        nameof(Initiative.Language) => "Written in",
        nameof(Initiative.Modality) => "Modality",
        nameof(Initiative.Instrument) => "Instrument",
        nameof(Initiative.Status) => "Status",
        nameof(Initiative.ApprovalDate) => "Approved",
        nameof(Initiative.PlannedStart) => "Planned start",
        nameof(Initiative.PlannedEnd) => "Planned end",
        nameof(Initiative.ActualStart) => "Actual start",
        nameof(Initiative.ActualEnd) => "Actual end",
        nameof(Initiative.Countries) => "Countries",
        nameof(Initiative.Actors) => "Actors",
        nameof(Initiative.Sdgs) => "Sustainable Development Goals",
        nameof(Initiative.Sectors) => "Sectors",
        nameof(Initiative.SdgTargets) => "SDG targets",
        nameof(Initiative.Contributions) => "Contributions",
        nameof(Initiative.RightsHolders) => "Rights-holders reached",
        nameof(Initiative.Locations) => "Locations",
        nameof(Initiative.Sensitivity) => "Sensitive setting",
        nameof(Initiative.Links) => "Documents and links",
        nameof(Initiative.Results) => "Results",
        nameof(Initiative.Publication) => "Publication",
        nameof(Initiative.UnpublishedReason) => "Reason given",
        nameof(Initiative.HeldByModerator) => "Held by a moderator",
        nameof(Initiative.Principles) => "Principles claimed",
        nameof(Assessment.Relationship) => "Relationship to the initiative",
        nameof(Assessment.ConflictOfInterest) => "Conflict of interest",
        nameof(Assessment.Methods) => "Methods",
        nameof(Assessment.Findings) => "Findings",
        nameof(Assessment.Recommendations) => "Recommendations",
        nameof(Assessment.Consultations) => "Rights-holders consulted",
        nameof(Assessment.Answers) => "Answer",
        nameof(Assessment.Evidence) => "Evidence",
        nameof(Assessment.Revision) => "Revision",
        "Response" => "Response",
        nameof(Assessment.RecommendationItems) => "Recommendation",
        "Answer" => "Answer",
        "Progress" => "Progress update",
        "AssessorView" => "The assessor's view",
        "Hidden" => "Hidden by a moderator",
        "Files" => "Files",
        "Testimonies" => "Testimonies",
        nameof(Partnership.Type) => "Kind of agreement",
        nameof(Partnership.Scope) => "Scope",
        nameof(Partnership.SignedOn) => "Signed",
        nameof(Partnership.StartsOn) => "In force from",
        nameof(Partnership.EndsOn) => "Until",
        nameof(Partnership.DocumentUrl) => "Link to the agreement",
        nameof(Partnership.Signatories) => "Signatories",
        nameof(Partnership.Initiatives) => "Initiatives carried out under it",
        _ => field,
    };

    /// <summary>The language of a translated field ("Title:es" → "es"), or null.</summary>
    public static string? LanguageOf(string field) => field.Split(':') is [_, var language] && PortalLanguages.IsContentLanguage(language) ? language : null;

    /// <summary>The indicator a field of an assessment is about ("Answers:1.2" → "1.2"), or null.</summary>
    public static string? IndicatorOf(string field) => field.Split(':') is [_, var code] && !PortalLanguages.IsContentLanguage(code) ? code : null;

    public static string Kind(ChangeKind kind) => kind switch
    {
        ChangeKind.Created => "Created",
        ChangeKind.Edited => "Edited",
        ChangeKind.Published => "Published",
        ChangeKind.Unpublished => "Unpublished",
        ChangeKind.Deleted => "Deleted",
        ChangeKind.HoldReleased => "Moderation hold lifted",
        ChangeKind.ResponsePublished => "Response published",
        ChangeKind.RecommendationAnswered => "Recommendation answered",
        ChangeKind.ProgressPosted => "Progress posted",
        ChangeKind.AssessorViewPosted => "The assessor's view posted",
        ChangeKind.StatementHidden => "Statement hidden by a moderator",
        ChangeKind.FileAdded => "File added",
        ChangeKind.FileHidden => "File hidden by a moderator",
        ChangeKind.TestimonyRecorded => "Testimony recorded",
        ChangeKind.TestimonyWithdrawn => "Testimony withdrawn",
        _ => kind.ToString(),
    };

    /// <summary>Every label, so a test can prove each one is translated.</summary>
    public static IEnumerable<string> All() =>
        RecordSnapshot.Of(new Initiative { Title = "", Summary = "" }).Keys.Concat(RecordSnapshot.Of(new Partnership { Title = "" }).Keys)
            .Concat(RecordSnapshot.Of(new Assessment()).Keys).Concat(["Response", nameof(Assessment.RecommendationItems), "Answer", "Progress", "AssessorView", "Hidden", "Files", "Testimonies"])
            .Concat([nameof(Initiative.Publication), nameof(Initiative.UnpublishedReason), nameof(Initiative.HeldByModerator)]).Select(Field)
            .Concat(Enum.GetValues<ChangeKind>().Select(Kind));
}
