using System.Globalization;

namespace SscPortal.Domain;

public enum ChangeKind
{
    Created = 1,
    Edited = 2,
    Published = 3,
    Unpublished = 4,
    Deleted = 5,
    HoldReleased = 6,
    /// <summary>An official party published a response to an assessment (the assessment itself is unchanged).</summary>
    ResponsePublished = 7,
    /// <summary>The addressed party answered one of the assessment's recommendations.</summary>
    RecommendationAnswered = 8,
    /// <summary>The addressed party posted progress on one of the assessment's recommendations.</summary>
    ProgressPosted = 9,
    /// <summary>The assessor's organisation gave its view of a party's answer or update.</summary>
    AssessorViewPosted = 10,
    /// <summary>A moderator hid a statement (a response, a comment, an answer, an update or a view), with a reason.</summary>
    StatementHidden = 11,
    /// <summary>A file was added to the record (or a new version of one).</summary>
    FileAdded = 12,
    /// <summary>A moderator hid one of the record's files, with a reason.</summary>
    FileHidden = 13,
    /// <summary>A testimony was recorded in the assessment.</summary>
    TestimonyRecorded = 14,
    /// <summary>A testimony's consent was revoked or ran out: its words and its giver's name were deleted.</summary>
    TestimonyWithdrawn = 15,
}

/// <summary>One field's change: what it said before and after (null for empty).</summary>
public sealed record FieldChange(string Field, string? From, string? To);

/// <summary>The kinds of record whose changes are kept.</summary>
public enum RecordType
{
    Initiative = 1,
    Partnership = 2,
    Assessment = 3,
    Listing = 4,
    Call = 5,
    CallApplication = 6,
    GoodPractice = 7,
    Event = 8,
}

/// <summary>One entry in a record's history: who, for which organisation, when, and which fields changed.</summary>
public class RecordChange
{
    public long Id { get; set; }
    public RecordType RecordType { get; set; }
    /// <summary>Not a foreign key: the history of a deleted draft stays.</summary>
    public int RecordId { get; set; }
    public DateTime At { get; set; }
    public ChangeKind Kind { get; set; }
    public string? UserId { get; set; }
    public string? UserEmail { get; set; }
    /// <summary>The organisation the person acted for (the record's owner, or "moderator").</summary>
    public string? OrganisationName { get; set; }
    public List<FieldChange> Fields { get; set; } = [];
}

/// <summary>What a record says, field by field, as text, so two versions can be compared for the history and on conflict.</summary>
public static class RecordSnapshot
{
    /// <summary>An assessment's fields; each indicator's answer and evidence are fields of their own ("Answers:1.2").</summary>
    public static IReadOnlyDictionary<string, string?> Of(Assessment assessment)
    {
        var fields = new Dictionary<string, string?>
        {
            [nameof(Assessment.Relationship)] = assessment.Relationship.ToString(),
            [nameof(Assessment.ConflictOfInterest)] = assessment.ConflictOfInterest,
            [nameof(Assessment.Methods)] = assessment.Methods.Count == 0 ? null : string.Join("; ", assessment.Methods.Order()),
            [nameof(Assessment.Consultations)] = assessment.Consultations.Count == 0 ? null
                : string.Join("; ", assessment.Consultations.OrderBy(c => c.Group).Select(c =>
                    $"{c.Group} (women {Count(c.Women)}, men {Count(c.Men)}, other {Count(c.Unspecified)})")),
            [nameof(Assessment.Findings)] = assessment.Findings,
            [nameof(Assessment.Recommendations)] = assessment.Recommendations,
        };
        foreach (var answer in assessment.Answers.OrderBy(a => a.IndicatorCode, StringComparer.Ordinal))
        {
            var score = answer.Kind switch
            {
                AnswerKind.Scored => answer.Score?.ToString(CultureInfo.InvariantCulture),
                AnswerKind.NotApplicable => "not applicable",
                AnswerKind.InsufficientInformation => "insufficient information",
                _ => null,
            };
            var parts = new[] { score, answer.Confidence is { } c ? $"{c} confidence" : null, answer.Justification }.OfType<string>().ToList();
            fields[$"{nameof(Assessment.Answers)}:{answer.IndicatorCode}"] = parts.Count == 0 ? null : string.Join(" · ", parts);
        }
        foreach (var evidence in assessment.Evidence.GroupBy(e => e.IndicatorCode).OrderBy(g => g.Key, StringComparer.Ordinal))
            fields[$"{nameof(Assessment.Evidence)}:{evidence.Key}"] = string.Join("; ",
                evidence.Select(e => e.Url is null ? $"{e.Type}: {e.Description}" : $"{e.Type}: {e.Description} <{e.Url}>").Order(StringComparer.Ordinal));
        foreach (var recommendation in assessment.RecommendationItems.OrderBy(r => r.Number))
        {
            var about = recommendation.Principles.Select(p => p.PrincipleCode).Order(StringComparer.Ordinal).Concat(recommendation.Indicators.Order(StringComparer.Ordinal)).ToList();
            fields[$"{nameof(Assessment.RecommendationItems)}:{recommendation.Number}"] =
                $"{recommendation.Text} (to #{recommendation.AddressedToId}, {recommendation.Priority} priority{(about.Count == 0 ? "" : "; " + string.Join(", ", about))})";
        }
        return fields;
    }

    private static string Count(int? count) => count?.ToString(CultureInfo.InvariantCulture) ?? "?";

    public static IReadOnlyDictionary<string, string?> Of(Partnership partnership) => new Dictionary<string, string?>
    {
        [nameof(Partnership.Title)] = partnership.Title,
        [nameof(Partnership.Type)] = partnership.Type.ToString(),
        [nameof(Partnership.Scope)] = partnership.Scope,
        [nameof(Partnership.SignedOn)] = Date(partnership.SignedOn),
        [nameof(Partnership.StartsOn)] = Date(partnership.StartsOn),
        [nameof(Partnership.EndsOn)] = Date(partnership.EndsOn),
        [nameof(Partnership.DocumentUrl)] = partnership.DocumentUrl,
        [nameof(Partnership.Signatories)] = partnership.Signatories.Count == 0 ? null
            : string.Join("; ", partnership.Signatories.Select(s => s.ActorId).Order().Select(id => $"#{id}")),
        [nameof(Partnership.Initiatives)] = partnership.Initiatives.Count == 0 ? null
            : string.Join("; ", partnership.Initiatives.Select(i => i.InitiativeId).Order().Select(id => $"#{id}")),
    };

    /// <summary>An offer's or need's fields; each translation's title and description are fields of their own ("Title:es").</summary>
    public static IReadOnlyDictionary<string, string?> Of(Listing listing)
    {
        var fields = new Dictionary<string, string?>
        {
            [nameof(Listing.Kind)] = listing.Kind.ToString(),
            [nameof(Listing.Form)] = listing.Form.ToString(),
            [nameof(Listing.Title)] = listing.Title,
            [nameof(Listing.Description)] = listing.Description,
            [nameof(Listing.Language)] = listing.Language,
            [nameof(Listing.Themes)] = listing.Themes.Count == 0 ? null : string.Join("; ", listing.Themes.Order()),
            [nameof(Listing.WorkingLanguages)] = listing.WorkingLanguages.Count == 0 ? null : string.Join("; ", listing.WorkingLanguages.Order(StringComparer.Ordinal)),
            [nameof(Listing.ContributionInKind)] = listing.ContributionInKind,
            [nameof(Listing.ContributionAmount)] = listing.ContributionAmount is { } amount
                ? $"{amount.ToString("0.##", CultureInfo.InvariantCulture)} {listing.ContributionCurrency}".Trim() : null,
            [nameof(Listing.DurationMonths)] = listing.DurationMonths?.ToString(CultureInfo.InvariantCulture),
            [nameof(Listing.OpenUntil)] = Date(listing.OpenUntil),
            [nameof(Listing.Contact)] = listing.Contact,
            [nameof(Listing.Countries)] = Codes(listing.Countries.Select(c => c.CountryCode)),
            [nameof(Listing.Regions)] = Codes(listing.Regions.Select(r => r.RegionCode)),
            [nameof(Listing.Sectors)] = Codes(listing.Sectors.Select(s => s.SectorCode)),
            [nameof(Listing.Sdgs)] = listing.Sdgs.Count == 0 ? null : string.Join("; ", listing.Sdgs.Select(s => s.GoalCode).Order()),
            [nameof(Listing.Initiatives)] = listing.Initiatives.Count == 0 ? null
                : string.Join("; ", listing.Initiatives.Select(i => i.InitiativeId).Order().Select(id => $"#{id}")),
        };
        foreach (var translation in listing.Translations.OrderBy(t => t.Language, StringComparer.Ordinal))
        {
            fields[$"{nameof(Listing.Title)}:{translation.Language}"] = translation.Title;
            fields[$"{nameof(Listing.Description)}:{translation.Language}"] = translation.Description;
        }
        return fields;
    }

    private static string Instant(DateTime at) => at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    private static string? Money(decimal? amount) => amount?.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A call's fields; each question and criterion is a field of its own ("Question 2", "Criterion 1").</summary>
    public static IReadOnlyDictionary<string, string?> Of(CooperationEvent @event)
    {
        var fields = new Dictionary<string, string?>
        {
            [nameof(CooperationEvent.Kind)] = @event.Kind.ToString(),
            [nameof(CooperationEvent.Title)] = @event.Title,
            [nameof(CooperationEvent.Description)] = @event.Description,
            [nameof(CooperationEvent.Language)] = @event.Language,
            [nameof(CooperationEvent.StartsAt)] = Instant(@event.StartsAt),
            [nameof(CooperationEvent.EndsAt)] = Instant(@event.EndsAt),
            [nameof(CooperationEvent.TimeZone)] = @event.TimeZone,
            [nameof(CooperationEvent.Format)] = @event.Format.ToString(),
            [nameof(CooperationEvent.Venue)] = @event.Venue,
            [nameof(CooperationEvent.Address)] = @event.Address,
            [nameof(CooperationEvent.City)] = @event.City,
            [nameof(CooperationEvent.CountryCode)] = @event.CountryCode,
            [nameof(CooperationEvent.Capacity)] = @event.Capacity?.ToString(CultureInfo.InvariantCulture),
            [nameof(CooperationEvent.OnlineLink)] = @event.OnlineLink,
            [nameof(CooperationEvent.Languages)] = Codes(@event.Languages),
            [nameof(CooperationEvent.Interpretation)] = Codes(@event.Interpretation),
            [nameof(CooperationEvent.RegistrationOpen)] = @event.RegistrationOpen ? "yes" : "no",
            [nameof(CooperationEvent.WaitingList)] = @event.WaitingList ? "yes" : "no",
            [nameof(CooperationEvent.Themes)] = @event.Themes.Count == 0 ? null : string.Join("; ", @event.Themes.Order()),
            [nameof(CooperationEvent.Sdgs)] = @event.Sdgs.Count == 0 ? null : string.Join("; ", @event.Sdgs.Order()),
            [nameof(CooperationEvent.Principles)] = Codes(@event.Principles),
            [nameof(CooperationEvent.ParentEventId)] = @event.ParentEventId is { } parent ? $"#{parent}" : null,
            [nameof(CooperationEvent.Initiatives)] = @event.Initiatives.Count == 0 ? null : string.Join("; ", @event.Initiatives.Select(i => i.InitiativeId).Order().Select(i => $"#{i}")),
            [nameof(CooperationEvent.ReportSummary)] = @event.ReportSummary,
            [nameof(CooperationEvent.ReportOutcomes)] = @event.ReportOutcomes,
        };
        foreach (var translation in @event.Translations.OrderBy(t => t.Language, StringComparer.Ordinal))
        {
            fields[$"{nameof(CooperationEvent.Title)}:{translation.Language}"] = translation.Title;
            fields[$"{nameof(CooperationEvent.Description)}:{translation.Language}"] = translation.Description;
        }
        foreach (var session in @event.Sessions.OrderBy(s => s.Position))
            fields[$"Session {session.Position}"] = string.Join(" | ", Instant(session.StartsAt), Instant(session.EndsAt), session.Title, session.Topic ?? "", session.Room ?? "",
                string.Join("; ", session.Speakers.OrderBy(p => p.Position).Select(p => $"{p.Name} ({p.Organisation}){(p.NameShown ? "" : " [name not shown]")}")));
        foreach (var question in @event.Questions.OrderBy(q => q.Position))
            fields[$"Question {question.Position}"] = $"{question.Label} | {(question.Required ? "required" : "optional")}";
        return fields;
    }

    public static IReadOnlyDictionary<string, string?> Of(CooperationCall call)
    {
        var fields = new Dictionary<string, string?>
        {
            [nameof(CooperationCall.Kind)] = call.Kind.ToString(),
            [nameof(CooperationCall.Title)] = call.Title,
            [nameof(CooperationCall.Text)] = call.Text,
            [nameof(CooperationCall.Language)] = call.Language,
            [nameof(CooperationCall.EligibleTypes)] = call.EligibleTypes.Count == 0 ? null : string.Join("; ", call.EligibleTypes.Order()),
            [nameof(CooperationCall.EligibleCountries)] = Codes(call.EligibleCountries),
            [nameof(CooperationCall.EligibleRegions)] = Codes(call.EligibleRegions),
            [nameof(CooperationCall.MinPartners)] = call.MinPartners.ToString(CultureInfo.InvariantCulture),
            [nameof(CooperationCall.PartnerTypes)] = call.PartnerTypes.Count == 0 ? null : string.Join("; ", call.PartnerTypes.Order()),
            [nameof(CooperationCall.OpensAt)] = Instant(call.OpensAt),
            [nameof(CooperationCall.ClosesAt)] = Instant(call.ClosesAt),
            [nameof(CooperationCall.TimeZone)] = call.TimeZone,
            [nameof(CooperationCall.MaxAmount)] = call.MaxAmount is { } max ? $"{Money(max)} {call.Currency}" : null,
            [nameof(CooperationCall.MaxSharePercent)] = call.MaxSharePercent?.ToString(CultureInfo.InvariantCulture),
            [nameof(CooperationCall.Languages)] = Codes(call.Languages),
            [nameof(CooperationCall.NetworkName)] = call.NetworkName,
            [nameof(CooperationCall.ScaleMax)] = call.ScaleMax.ToString(CultureInfo.InvariantCulture),
            [nameof(CooperationCall.PublishScores)] = call.PublishScores ? "yes" : "no",
        };
        foreach (var translation in call.Translations.OrderBy(t => t.Language, StringComparer.Ordinal))
        {
            fields[$"{nameof(CooperationCall.Title)}:{translation.Language}"] = translation.Title;
            fields[$"{nameof(CooperationCall.Text)}:{translation.Language}"] = translation.Text;
        }
        foreach (var question in call.Questions.OrderBy(q => q.Position))
            fields[$"Question {question.Position}"] = string.Join(" | ", question.Kind, question.Label, question.Required ? "required" : "optional",
                question.MaxLength?.ToString(CultureInfo.InvariantCulture) ?? "", string.Join("; ", question.Choices), question.Help ?? "");
        foreach (var criterion in call.Criteria.OrderBy(c => c.Position))
            fields[$"Criterion {criterion.Position}"] = string.Join(" | ", criterion.Name, criterion.Weight.ToString(CultureInfo.InvariantCulture), criterion.Guide ?? "");
        return fields;
    }

    /// <summary>An application's fields; each answer is a field named by its question's id ("Answer 12").</summary>
    public static IReadOnlyDictionary<string, string?> Of(CallApplication application)
    {
        var fields = new Dictionary<string, string?>
        {
            [nameof(CallApplication.Title)] = application.Title,
            [nameof(CallApplication.Summary)] = application.Summary,
            [nameof(CallApplication.RequestedAmount)] = Money(application.RequestedAmount),
            [nameof(CallApplication.TotalCost)] = Money(application.TotalCost),
            [nameof(CallApplication.Partners)] = application.Partners.Count == 0 ? null
                : string.Join("; ", application.Partners.OrderBy(p => p.OrganisationId).Select(p => $"#{p.OrganisationId}{(p.Confirmed ? " (confirmed)" : "")}")),
        };
        foreach (var answer in application.Answers.OrderBy(a => a.QuestionId))
            fields[$"Answer {answer.QuestionId}"] = answer.Text ?? (answer.Number is { } n ? $"{n.ToString(CultureInfo.InvariantCulture)} {answer.Currency}".Trim()
                : answer.InitiativeId is { } i ? $"initiative #{i}" : answer.FileId is { } f ? $"file #{f}" : null);
        return fields;
    }

    public static IReadOnlyDictionary<string, string?> Of(GoodPractice practice) => new Dictionary<string, string?>
    {
        [nameof(GoodPractice.Title)] = practice.Title,
        [nameof(GoodPractice.Practice)] = practice.Practice,
        [nameof(GoodPractice.Context)] = practice.Context,
        [nameof(GoodPractice.Results)] = practice.Results,
        [nameof(GoodPractice.Transferable)] = practice.Transferable,
        [nameof(GoodPractice.TransferableTo)] = practice.TransferableTo,
        [nameof(GoodPractice.Language)] = practice.Language,
        [nameof(GoodPractice.Themes)] = practice.Themes.Count == 0 ? null : string.Join("; ", practice.Themes.Order()),
        [nameof(GoodPractice.Countries)] = Codes(practice.Countries),
        [nameof(GoodPractice.InitiativeId)] = practice.InitiativeId is { } id ? $"#{id}" : null,
    };

    private static string? Codes(IEnumerable<string> codes)
    {
        var list = codes.Order(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? null : string.Join("; ", list);
    }

    public static IReadOnlyDictionary<string, string?> Of(Initiative initiative)
    {
        var fields = Fields(initiative);
        foreach (var translation in initiative.Translations.OrderBy(t => t.Language, StringComparer.Ordinal))
        {
            fields[$"{nameof(Initiative.Title)}:{translation.Language}"] = translation.Title;
            fields[$"{nameof(Initiative.Summary)}:{translation.Language}"] = translation.Summary;
        }
        return fields;
    }

    /// <summary>The fields that differ between two snapshots (a field missing on one side counts as empty there).</summary>
    public static List<FieldChange> Diff(IReadOnlyDictionary<string, string?> before, IReadOnlyDictionary<string, string?> after) =>
        after.Keys.Concat(before.Keys.Where(k => !after.ContainsKey(k)))
            .Where(field => !string.Equals(before.GetValueOrDefault(field), after.GetValueOrDefault(field), StringComparison.Ordinal))
            .Select(field => new FieldChange(field, before.GetValueOrDefault(field), after.GetValueOrDefault(field)))
            .ToList();

    private static Dictionary<string, string?> Fields(Initiative initiative) => new()
    {
        [nameof(Initiative.Title)] = initiative.Title,
        [nameof(Initiative.Summary)] = initiative.Summary,
        [nameof(Initiative.Description)] = initiative.Description,
        [nameof(Initiative.Objectives)] = initiative.Objectives,
        [nameof(Initiative.Contact)] = initiative.Contact,
        [nameof(Initiative.ThematicAreas)] = initiative.ThematicAreas.Count == 0 ? null : string.Join("; ", initiative.ThematicAreas.Order()),
        [nameof(Initiative.Language)] = initiative.Language,
        [nameof(Initiative.Modality)] = initiative.Modality.ToString(),
        [nameof(Initiative.Instrument)] = initiative.Instrument.ToString(),
        [nameof(Initiative.Status)] = initiative.Status.ToString(),
        [nameof(Initiative.ApprovalDate)] = Date(initiative.ApprovalDate),
        [nameof(Initiative.PlannedStart)] = Date(initiative.PlannedStart),
        [nameof(Initiative.PlannedEnd)] = Date(initiative.PlannedEnd),
        [nameof(Initiative.ActualStart)] = Date(initiative.ActualStart),
        [nameof(Initiative.ActualEnd)] = Date(initiative.ActualEnd),
        [nameof(Initiative.Countries)] = initiative.Countries.Count == 0 ? null
            : string.Join("; ", initiative.Countries.OrderBy(c => c.CountryCode, StringComparer.Ordinal).Select(c => $"{c.CountryCode} ({c.Role})")),
        [nameof(Initiative.Actors)] = initiative.Actors.Count == 0 ? null
            : string.Join("; ", initiative.Actors.OrderBy(a => a.ActorId).ThenBy(a => a.Role).Select(a => $"#{a.ActorId} ({a.Role})")),
        [nameof(Initiative.Sdgs)] = initiative.Sdgs.Count == 0 ? null
            : string.Join("; ", initiative.Sdgs.OrderBy(s => s.GoalCode).Select(s => s.IsPrimary ? $"{s.GoalCode} (primary)" : $"{s.GoalCode}")),
        [nameof(Initiative.Contributions)] = initiative.Contributions.Count == 0 ? null
            : string.Join("; ", initiative.Contributions.Select(c => $"#{c.ActorId} {c.Kind} {c.Amount?.ToString("0.##", CultureInfo.InvariantCulture)} {c.Currency} {c.Description}".Replace("  ", " ", StringComparison.Ordinal).Trim()).Order(StringComparer.Ordinal)),
        [nameof(Initiative.RightsHolders)] = initiative.RightsHolders.Count == 0 ? null
            : string.Join("; ", initiative.RightsHolders.OrderBy(r => r.Group).Select(r => r.Count is { } n ? $"{r.Group} ({n.ToString(CultureInfo.InvariantCulture)})" : r.Group.ToString())),
        [nameof(Initiative.Locations)] = initiative.Locations.Count == 0 ? null
            : string.Join("; ", initiative.Locations.Select(Describe).Order(StringComparer.Ordinal)),
        [nameof(Initiative.Sensitivity)] = initiative.Sensitivity == SettingSensitivity.NotStated ? null : initiative.Sensitivity.ToString(),
        [nameof(Initiative.Links)] = initiative.Links.Count == 0 ? null
            : string.Join("; ", initiative.Links.Select(l => $"{l.Title} <{l.Url}>").Order(StringComparer.Ordinal)),
        [nameof(Initiative.Results)] = initiative.Results.Count == 0 ? null
            : string.Join("; ", initiative.Results.Select(r => r.Achieved ? $"{r.Text} (achieved)" : r.Text).Order(StringComparer.Ordinal)),
        [nameof(Initiative.SdgTargets)] = initiative.SdgTargets.Count == 0 ? null
            : string.Join("; ", initiative.SdgTargets.Select(t => t.TargetCode).Order(StringComparer.Ordinal)),
        [nameof(Initiative.Principles)] = initiative.Principles.Count == 0 ? null
            : string.Join("; ", initiative.Principles.Select(p => p.PrincipleCode).Order(StringComparer.Ordinal)),
        [nameof(Initiative.Sectors)] = initiative.Sectors.Count == 0 ? null
            : string.Join("; ", initiative.Sectors.Select(s => s.SectorCode).Order(StringComparer.Ordinal)),
    };

    /// <summary>A location as the history records it: "PE Point: Cusco / Ollantaytambo (-13.2581, -72.2634)".</summary>
    public static string Describe(InitiativeLocation location)
    {
        var text = new System.Text.StringBuilder($"{location.CountryCode} {location.Precision}");
        var names = string.Join(" / ", new[] { location.Region, location.Place }.OfType<string>());
        if (names.Length > 0) text.Append(": ").Append(names);
        if (location.Latitude is { } latitude && location.Longitude is { } longitude)
            text.Append(CultureInfo.InvariantCulture, $" ({latitude:0.######}, {longitude:0.######})");
        return text.ToString();
    }

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
