using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SscPortal.Domain;

/// <summary>What a call is for, and so what a selected application becomes.</summary>
public enum CallKind
{
    /// <summary>Funding or support for projects (Mercociudades' yearly call): a selected application becomes a draft initiative.</summary>
    Funding = 1,
    /// <summary>Good practices against published criteria (UNOSSC, South-South Galaxy): a selected one becomes a good practice.</summary>
    GoodPractice = 2,
    /// <summary>Membership of a network or community of practice: a selected applicant becomes a member.</summary>
    Network = 3,
}

/// <summary>The kinds of question a call can ask (its small form builder).</summary>
public enum QuestionKind
{
    ShortText = 1,
    LongText = 2,
    Choice = 3,
    Number = 4,
    Money = 5,
    File = 6,
    /// <summary>Answered by the application's confirmed partner organisations.</summary>
    Partners = 7,
    /// <summary>An initiative in the registry the application builds on.</summary>
    Initiative = 8,
}

public enum ApplicationState
{
    Draft = 1,
    /// <summary>Submitted before the deadline: frozen, with a fingerprint of what was submitted.</summary>
    Submitted = 2,
}

public enum CallDecision
{
    Selected = 1,
    Reserve = 2,
    NotSelected = 3,
}

public enum ReviewerState
{
    /// <summary>A member of another organisation, asked to review: not a reviewer until they accept.</summary>
    Invited = 1,
    Active = 2,
    Declined = 3,
}

/// <summary>
/// A call for proposals, for good practices or for members of a network (<c>/calls</c>): opened by a verified organisation,
/// answered by eligible organisations with their partners before a deadline, reviewed blind against weighted criteria,
/// decided by the call's admins and published with every applicant's scores and feedback.
/// </summary>
public class CooperationCall : IVersioned
{
    public const int TitleLength = 300;
    public const int TextLength = 20000;
    public const int NameLength = 200;
    public const int GuideLength = 2000;
    public const int MaxQuestions = 40;
    public const int MaxCriteria = 20;
    public const int MaxChoices = 30;
    public const int MaxScale = 10;
    /// <summary>How long a call may stay open.</summary>
    public const int MaxOpenDays = 366;

    public int Id { get; set; }
    public CallKind Kind { get; set; } = CallKind.Funding;
    public required string Title { get; set; }
    public required string Text { get; set; }
    /// <summary>The language the title and text were written in (en, es, pt or fr).</summary>
    public string Language { get; set; } = "en";

    /// <summary>The kinds of organisation that may apply; none listed: any kind with editing rights.</summary>
    public List<ActorType> EligibleTypes { get; set; } = [];
    /// <summary>The countries whose organisations may apply (ISO 3166-1 alpha-2); with <see cref="EligibleRegions"/>, none listed: any.</summary>
    public List<string> EligibleCountries { get; set; } = [];
    /// <summary>The world regions (their codes) whose organisations may apply.</summary>
    public List<string> EligibleRegions { get; set; } = [];
    /// <summary>How many confirmed partner organisations an application needs (0: none required).</summary>
    public int MinPartners { get; set; }
    /// <summary>The kinds of organisation a partner may be; none listed: any.</summary>
    public List<ActorType> PartnerTypes { get; set; } = [];

    /// <summary>When applications may first be submitted (UTC).</summary>
    public DateTime OpensAt { get; set; }
    /// <summary>The deadline (UTC): a submission after it is refused.</summary>
    public DateTime ClosesAt { get; set; }
    /// <summary>The IANA time zone the call's dates are said in (America/Montevideo…).</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>A funding call's most an application may ask for.</summary>
    public decimal? MaxAmount { get; set; }
    public string? Currency { get; set; }
    /// <summary>A funding call's largest share of a project's total cost it covers, in percent (50: at most half).</summary>
    public int? MaxSharePercent { get; set; }
    /// <summary>The languages applications may be written in.</summary>
    public List<string> Languages { get; set; } = [];
    /// <summary>A network call's network or community of practice.</summary>
    public string? NetworkName { get; set; }

    /// <summary>Reviewers score each criterion from 0 to this.</summary>
    public int ScaleMax { get; set; } = 5;
    /// <summary>Whether the published results show the selected applications' scores by criterion.</summary>
    public bool PublishScores { get; set; }

    public int OwnerId { get; set; }
    public Actor? Owner { get; set; }

    public PublicationState Publication { get; private set; } = PublicationState.Draft;
    public DateTime? PublishedAt { get; private set; }
    public string? UnpublishedReason { get; private set; }
    public bool HeldByModerator { get; private set; }
    /// <summary>When the decisions were published to applicants and the public.</summary>
    public DateTime? ResultsPublishedAt { get; private set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; } = 1;

    public string SearchTitle { get; set; } = "";
    public string SearchBody { get; set; } = "";

    public List<CallTranslation> Translations { get; } = [];
    public List<CallQuestion> Questions { get; } = [];
    public List<CallCriterion> Criteria { get; } = [];

    public bool IsPublished => Publication == PublicationState.Published;

    /// <summary>Published and between its opening and its deadline (the deadline's own second included).</summary>
    public bool IsOpenAt(DateTime utcNow) => IsPublished && utcNow >= OpensAt && utcNow <= ClosesAt;

    public bool HasClosed(DateTime utcNow) => utcNow > ClosesAt;

    public void Touch(DateTime utcNow)
    {
        Version++;
        UpdatedAt = utcNow;
    }

    /// <summary>Takes what a form says of the call: texts trimmed, lists exactly what is listed, questions and criteria in order.</summary>
    public void Apply(CallContent content)
    {
        Kind = content.Kind;
        Title = content.Title.Trim();
        Text = content.Text.Trim();
        Language = content.Language;
        EligibleTypes = content.EligibleTypes.Distinct().Order().ToList();
        EligibleCountries = content.EligibleCountries.Select(c => c.Trim().ToUpperInvariant()).Distinct().Order(StringComparer.Ordinal).ToList();
        EligibleRegions = content.EligibleRegions.Distinct().Order(StringComparer.Ordinal).ToList();
        MinPartners = content.MinPartners;
        PartnerTypes = content.PartnerTypes.Distinct().Order().ToList();
        OpensAt = content.OpensAt;
        ClosesAt = content.ClosesAt;
        TimeZone = content.TimeZone;
        MaxAmount = Kind == CallKind.Funding ? content.MaxAmount : null;
        Currency = Kind == CallKind.Funding && content.MaxAmount is not null ? Clean(content.Currency)?.ToUpperInvariant() : null;
        MaxSharePercent = Kind == CallKind.Funding ? content.MaxSharePercent : null;
        Languages = content.Languages.Distinct().Order(StringComparer.Ordinal).ToList();
        NetworkName = Kind == CallKind.Network ? Clean(content.NetworkName) : null;
        ScaleMax = content.ScaleMax;
        PublishScores = content.PublishScores;

        var translations = content.Translations.Where(t => t.Language != Language).GroupBy(t => t.Language).Select(g => g.First()).ToList();
        Translations.RemoveAll(t => translations.All(n => n.Language != t.Language));
        foreach (var translation in translations)
        {
            if (Translations.FirstOrDefault(t => t.Language == translation.Language) is { } kept)
            {
                kept.Title = translation.Title.Trim();
                kept.Text = translation.Text.Trim();
            }
            else Translations.Add(new CallTranslation { Language = translation.Language, Title = translation.Title.Trim(), Text = translation.Text.Trim() });
        }

        // Questions and criteria keep their ids (answers and scores refer to them) when the form names them; new ones are added.
        Merge(Questions, content.Questions, (q, c) => q.Id != 0 && q.Id == c.Id, (q, c, position) =>
        {
            q.Position = position;
            q.Kind = c.Kind;
            q.Label = c.Label.Trim();
            q.Help = Clean(c.Help);
            q.Required = c.Required;
            q.MaxLength = c.Kind is QuestionKind.ShortText or QuestionKind.LongText ? c.MaxLength : null;
            q.Choices = c.Kind == QuestionKind.Choice ? c.Choices.Select(o => o.Trim()).Where(o => o.Length > 0).Distinct().ToList() : [];
        });
        Merge(Criteria, content.Criteria, (k, c) => k.Id != 0 && k.Id == c.Id, (k, c, position) =>
        {
            k.Position = position;
            k.Name = c.Name.Trim();
            k.Guide = Clean(c.Guide);
            k.Weight = c.Weight;
        });
        RefreshSearchText();
    }

    private static void Merge<TItem>(List<TItem> items, IReadOnlyList<TItem> wanted, Func<TItem, TItem, bool> same, Action<TItem, TItem, int> copy) where TItem : class
    {
        var kept = new List<TItem>();
        for (var position = 0; position < wanted.Count; position++)
        {
            var target = items.FirstOrDefault(i => same(i, wanted[position]) && !kept.Contains(i)) ?? wanted[position];
            copy(target, wanted[position], position + 1);
            kept.Add(target);
        }
        items.RemoveAll(i => !kept.Contains(i));
        items.AddRange(kept.Where(k => !items.Contains(k)));
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public void RefreshSearchText()
    {
        SearchTitle = SearchText.Normalize(string.Join(" ", new[] { Title }.Concat(Translations.OrderBy(t => t.Language, StringComparer.Ordinal).Select(t => t.Title))));
        if (SearchTitle.Length > 2000) SearchTitle = SearchTitle[..2000];
        SearchBody = SearchText.Normalize(string.Join(" ", new[] { Text, NetworkName ?? "" }.Concat(Translations.OrderBy(t => t.Language, StringComparer.Ordinal).Select(t => t.Text))));
        if (SearchBody.Length > 60000) SearchBody = SearchBody[..60000];
    }

    /// <summary>What a call must say before it is saved: every field the form checks, in one list.</summary>
    public IReadOnlyList<RuleViolation> Check()
    {
        var problems = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(Title)) problems.Add(new(nameof(Title), RuleCode.TitleRequired));
        if (string.IsNullOrWhiteSpace(Text)) problems.Add(new(nameof(Text), RuleCode.DescriptionRequired));
        if (!CallTimeZones.IsKnown(TimeZone)) problems.Add(new(nameof(TimeZone), RuleCode.UnknownTimeZone));
        if (ClosesAt <= OpensAt) problems.Add(new(nameof(ClosesAt), RuleCode.ClosesBeforeOpening));
        else if (ClosesAt > OpensAt.AddDays(MaxOpenDays)) problems.Add(new(nameof(ClosesAt), RuleCode.CallOpenTooLong));
        if (MinPartners is < 0 or > 20) problems.Add(new(nameof(MinPartners), RuleCode.PartnersOutOfRange));
        if (ScaleMax is < 2 or > MaxScale) problems.Add(new(nameof(ScaleMax), RuleCode.ScaleOutOfRange));
        if (Languages.Any(l => !WorkingLanguages.IsKnown(l))) problems.Add(new(nameof(Languages), RuleCode.UnknownLanguage));
        if (Kind == CallKind.Funding)
        {
            if (MaxAmount is not { } amount || amount <= 0 || amount >= InitiativeContribution.MaxAmount) problems.Add(new(nameof(MaxAmount), RuleCode.AmountOutOfRange));
            else if (Currency is null) problems.Add(new(nameof(Currency), RuleCode.AmountNeedsCurrency));
            if (MaxSharePercent is { } share && (share < 1 || share > 100)) problems.Add(new(nameof(MaxSharePercent), RuleCode.ShareOutOfRange));
        }
        if (Kind == CallKind.Network && NetworkName is null) problems.Add(new(nameof(NetworkName), RuleCode.NetworkNameRequired));
        if (NetworkName is { Length: > NameLength }) problems.Add(new(nameof(NetworkName), RuleCode.TextTooLong));
        if (Questions.Count > MaxQuestions) problems.Add(new(nameof(Questions), RuleCode.TooManyItems));
        for (var i = 0; i < Questions.Count; i++)
        {
            var q = Questions[i];
            var field = $"{nameof(Questions)}[{i}]";
            if (string.IsNullOrWhiteSpace(q.Label)) problems.Add(new($"{field}.{nameof(CallQuestion.Label)}", RuleCode.QuestionLabelRequired));
            else if (q.Label.Length > GuideLength) problems.Add(new($"{field}.{nameof(CallQuestion.Label)}", RuleCode.TextTooLong));
            if (q.Help is { Length: > GuideLength }) problems.Add(new($"{field}.{nameof(CallQuestion.Help)}", RuleCode.TextTooLong));
            if (!Enum.IsDefined(q.Kind)) problems.Add(new($"{field}.{nameof(CallQuestion.Kind)}", RuleCode.UnknownQuestionKind));
            if (q.MaxLength is { } max && (max < 1 || max > CallQuestion.MaxAnswerLength)) problems.Add(new($"{field}.{nameof(CallQuestion.MaxLength)}", RuleCode.LengthLimitOutOfRange));
            if (q.Kind == QuestionKind.Choice && (q.Choices.Count < 2 || q.Choices.Count > MaxChoices)) problems.Add(new($"{field}.{nameof(CallQuestion.Choices)}", RuleCode.ChoicesRequired));
            if (q.Choices.Any(c => c.Length > NameLength)) problems.Add(new($"{field}.{nameof(CallQuestion.Choices)}", RuleCode.TextTooLong));
        }
        if (Criteria.Count == 0) problems.Add(new(nameof(Criteria), RuleCode.CriteriaRequired));
        if (Criteria.Count > MaxCriteria) problems.Add(new(nameof(Criteria), RuleCode.TooManyItems));
        for (var i = 0; i < Criteria.Count; i++)
        {
            var c = Criteria[i];
            var field = $"{nameof(Criteria)}[{i}]";
            if (string.IsNullOrWhiteSpace(c.Name)) problems.Add(new($"{field}.{nameof(CallCriterion.Name)}", RuleCode.CriterionNameRequired));
            else if (c.Name.Length > NameLength) problems.Add(new($"{field}.{nameof(CallCriterion.Name)}", RuleCode.TextTooLong));
            if (c.Guide is { Length: > GuideLength }) problems.Add(new($"{field}.{nameof(CallCriterion.Guide)}", RuleCode.TextTooLong));
            if (c.Weight is < 1 or > 100) problems.Add(new($"{field}.{nameof(CallCriterion.Weight)}", RuleCode.WeightOutOfRange));
        }
        return problems;
    }

    /// <summary>Makes it public: only a complete one, not held by a moderator, whose deadline is still ahead.</summary>
    public void Publish(DateTime utcNow)
    {
        if (IsPublished) throw new RuleViolationException(nameof(Publication), RuleCode.AlreadyPublished);
        if (HeldByModerator) throw new RuleViolationException(nameof(HeldByModerator), RuleCode.HeldByModerator);
        if (Check() is { Count: > 0 } problems) throw new RuleViolationException(problems);
        if (ClosesAt <= utcNow) throw new RuleViolationException(nameof(ClosesAt), RuleCode.DeadlinePassed);
        Publication = PublicationState.Published;
        PublishedAt ??= utcNow;
        UnpublishedReason = null;
    }

    public void Unpublish(string? reason, bool byModerator = false)
    {
        if (!IsPublished) throw new RuleViolationException(nameof(Publication), RuleCode.NotPublished);
        UnpublishedReason = UnpublishReason.Check(reason);
        Publication = PublicationState.Unpublished;
        HeldByModerator = byModerator;
    }

    public void ReleaseModeratorHold()
    {
        if (!HeldByModerator) throw new RuleViolationException(nameof(HeldByModerator), RuleCode.NotHeld);
        HeldByModerator = false;
    }

    /// <summary>Moves the deadline later (the one change allowed once applications were submitted); never earlier, never after results.</summary>
    public void ExtendDeadline(DateTime newClosesAt, DateTime utcNow)
    {
        if (ResultsPublishedAt is not null) throw new RuleViolationException(nameof(ClosesAt), RuleCode.ResultsAlreadyPublished);
        if (newClosesAt <= ClosesAt || newClosesAt <= utcNow) throw new RuleViolationException(nameof(ClosesAt), RuleCode.ExtensionNotLater);
        if (newClosesAt > OpensAt.AddDays(MaxOpenDays)) throw new RuleViolationException(nameof(ClosesAt), RuleCode.CallOpenTooLong);
        ClosesAt = newClosesAt;
    }

    /// <summary>Publishes the decisions: only after the deadline, once, and with every submitted application decided.</summary>
    public void PublishResults(IEnumerable<CallApplication> submitted, DateTime utcNow)
    {
        if (!IsPublished) throw new RuleViolationException(nameof(Publication), RuleCode.NotPublished);
        if (!HasClosed(utcNow)) throw new RuleViolationException(nameof(ClosesAt), RuleCode.CallStillOpen);
        if (ResultsPublishedAt is not null) throw new RuleViolationException(nameof(ResultsPublishedAt), RuleCode.ResultsAlreadyPublished);
        if (submitted.Any(a => a.Decision is null)) throw new RuleViolationException(nameof(CallApplication.Decision), RuleCode.UndecidedApplications);
        ResultsPublishedAt = utcNow;
    }
}

/// <summary>What a form (or the demonstration data) says of a call, for <see cref="CooperationCall.Apply"/>.</summary>
public sealed record CallContent(
    CallKind Kind, string Title, string Text, string Language,
    IReadOnlyList<ActorType> EligibleTypes, IReadOnlyList<string> EligibleCountries, IReadOnlyList<string> EligibleRegions,
    int MinPartners, IReadOnlyList<ActorType> PartnerTypes,
    DateTime OpensAt, DateTime ClosesAt, string TimeZone,
    decimal? MaxAmount, string? Currency, int? MaxSharePercent, IReadOnlyList<string> Languages, string? NetworkName,
    int ScaleMax, bool PublishScores,
    IReadOnlyList<CallTranslation> Translations, IReadOnlyList<CallQuestion> Questions, IReadOnlyList<CallCriterion> Criteria);

/// <summary>The time zones a call's dates can be said in: the IANA names the machine knows.</summary>
public static class CallTimeZones
{
    public static bool IsKnown(string? id) => id is { Length: > 0 and <= 64 } && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId;

    /// <summary>The UTC instant of a local date and time in the zone (an ambiguous or skipped time taken as standard time).</summary>
    public static DateTime ToUtc(DateTime local, string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified)) unspecified = unspecified.AddHours(1);
        return TimeZoneInfo.ConvertTimeToUtc(unspecified, zone);
    }

    public static DateTime ToLocal(DateTime utc, string zoneId) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZoneInfo.FindSystemTimeZoneById(zoneId));
}

public class CallTranslation
{
    public int CallId { get; set; }
    public required string Language { get; set; }
    public required string Title { get; set; }
    public required string Text { get; set; }
}

/// <summary>One question applicants answer.</summary>
public class CallQuestion
{
    public const int MaxAnswerLength = 20000;
    public const int ShortTextLength = 300;

    public int Id { get; set; }
    public int CallId { get; set; }
    public int Position { get; set; }
    public QuestionKind Kind { get; set; } = QuestionKind.ShortText;
    public string Label { get; set; } = "";
    public string? Help { get; set; }
    public bool Required { get; set; }
    /// <summary>A text answer's most characters (short text: at most <see cref="ShortTextLength"/> anyway).</summary>
    public int? MaxLength { get; set; }
    public List<string> Choices { get; set; } = [];

    public int LengthLimit => Kind == QuestionKind.ShortText ? Math.Min(MaxLength ?? ShortTextLength, ShortTextLength) : MaxLength ?? MaxAnswerLength;
}

/// <summary>One criterion reviewers score, with its weight and a guide to its scale.</summary>
public class CallCriterion
{
    public int Id { get; set; }
    public int CallId { get; set; }
    public int Position { get; set; }
    public string Name { get; set; } = "";
    public string? Guide { get; set; }
    public int Weight { get; set; } = 1;
}

/// <summary>Who an application is from, as eligibility sees it (read from the registry, never from the form).</summary>
public sealed record Applicant(int Id, ActorType Type, string? CountryCode, IReadOnlyCollection<string> Regions, bool Verified);

/// <summary>
/// An organisation's application to a call: a draft saved as often as needed, with partners who confirm from their own
/// accounts; submitted before the deadline it is frozen with a SHA-256 fingerprint of what was submitted.
/// </summary>
public class CallApplication : IVersioned
{
    public const int TitleLength = 300;
    public const int SummaryLength = 4000;
    public const int FeedbackLength = 8000;

    public int Id { get; set; }
    public int CallId { get; set; }
    public CooperationCall? Call { get; set; }
    public int ApplicantId { get; set; }
    public Actor? Applicant { get; set; }
    public string Title { get; set; } = "";
    public string? Summary { get; set; }
    /// <summary>A funding call's amount asked for, and the project's total cost (in the call's currency).</summary>
    public decimal? RequestedAmount { get; set; }
    public decimal? TotalCost { get; set; }

    public ApplicationState State { get; private set; } = ApplicationState.Draft;
    public DateTime? SubmittedAt { get; private set; }
    public string? SubmittedByUserId { get; private set; }
    /// <summary>The SHA-256 (hexadecimal) of what was submitted, shown on the receipt.</summary>
    public string? Fingerprint { get; private set; }

    public CallDecision? Decision { get; private set; }
    public string? Feedback { get; private set; }
    public DateTime? DecidedAt { get; private set; }

    /// <summary>What the selected application became: a draft initiative (funding) or a good practice.</summary>
    public int? InitiativeId { get; private set; }
    public int? GoodPracticeId { get; private set; }
    public bool JoinedNetwork { get; private set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; } = 1;

    public List<ApplicationAnswer> Answers { get; } = [];
    public List<ApplicationPartner> Partners { get; } = [];

    public bool IsSubmitted => State == ApplicationState.Submitted;
    public bool IsConverted => InitiativeId is not null || GoodPracticeId is not null || JoinedNetwork;

    public void Touch(DateTime utcNow)
    {
        Version++;
        UpdatedAt = utcNow;
    }

    /// <summary>Takes what the form says; a submitted application never changes.</summary>
    public void Apply(CooperationCall call, string title, string? summary, decimal? requestedAmount, decimal? totalCost, IReadOnlyList<ApplicationAnswer> answers)
    {
        if (IsSubmitted) throw new RuleViolationException(nameof(State), RuleCode.ApplicationFrozen);
        Title = title.Trim();
        Summary = string.IsNullOrWhiteSpace(summary) ? null : summary.Trim();
        RequestedAmount = call.Kind == CallKind.Funding ? requestedAmount : null;
        TotalCost = call.Kind == CallKind.Funding ? totalCost : null;
        foreach (var question in call.Questions)
        {
            var given = answers.FirstOrDefault(a => a.QuestionId == question.Id);
            var kept = Answers.FirstOrDefault(a => a.QuestionId == question.Id);
            if (given is null || given.IsEmpty)
            {
                if (kept is not null) Answers.Remove(kept);
                continue;
            }
            if (kept is null) Answers.Add(kept = new ApplicationAnswer { QuestionId = question.Id });
            kept.Text = string.IsNullOrWhiteSpace(given.Text) ? null : given.Text.Trim();
            kept.Number = given.Number;
            kept.Currency = question.Kind == QuestionKind.Money && given.Number is not null ? given.Currency?.Trim().ToUpperInvariant() : null;
            kept.InitiativeId = question.Kind == QuestionKind.Initiative ? given.InitiativeId : null;
            kept.FileId = question.Kind == QuestionKind.File ? given.FileId : null;
        }
        Answers.RemoveAll(a => call.Questions.All(q => q.Id != a.QuestionId));
    }

    /// <summary>
    /// What the application lacks or gets wrong, field by field (what "still missing" shows, and what stops submission): the
    /// title, every required answer, the length limits, choices among the listed, money with a currency, a funding call's
    /// amount and share, the partners the call requires.
    /// </summary>
    public IReadOnlyList<RuleViolation> Missing(CooperationCall call, IReadOnlyCollection<ActorType> confirmedPartnerTypes)
    {
        var problems = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(Title)) problems.Add(new(nameof(Title), RuleCode.TitleRequired));
        else if (Title.Length > TitleLength) problems.Add(new(nameof(Title), RuleCode.TextTooLong));
        if (Summary is { Length: > SummaryLength }) problems.Add(new(nameof(Summary), RuleCode.TextTooLong));
        foreach (var question in call.Questions.OrderBy(q => q.Position))
        {
            var field = $"Answers[{question.Id}]";
            var answer = Answers.FirstOrDefault(a => a.QuestionId == question.Id);
            var answered = question.Kind == QuestionKind.Partners ? confirmedPartnerTypes.Count > 0 : answer is { IsEmpty: false };
            if (!answered)
            {
                if (question.Required) problems.Add(new(field, question.Kind == QuestionKind.Partners ? RuleCode.PartnersRequired : RuleCode.AnswerRequired));
                continue;
            }
            if (answer is null) continue;
            switch (question.Kind)
            {
                case QuestionKind.ShortText or QuestionKind.LongText when answer.Text is { } text && text.Length > question.LengthLimit:
                    problems.Add(new(field, RuleCode.AnswerTooLong));
                    break;
                case QuestionKind.Choice when !question.Choices.Contains(answer.Text ?? ""):
                    problems.Add(new(field, RuleCode.NotAChoice));
                    break;
                case QuestionKind.Number when answer.Number is null:
                case QuestionKind.Money when answer.Number is null:
                    problems.Add(new(field, RuleCode.AnswerRequired));
                    break;
                case QuestionKind.Money when answer.Number is { } amount && (amount < 0 || amount >= InitiativeContribution.MaxAmount):
                    problems.Add(new(field, RuleCode.AmountOutOfRange));
                    break;
                case QuestionKind.Money when answer.Currency is null:
                    problems.Add(new(field, RuleCode.AmountNeedsCurrency));
                    break;
                case QuestionKind.Initiative when answer.InitiativeId is null:
                case QuestionKind.File when answer.FileId is null:
                    problems.Add(new(field, RuleCode.AnswerRequired));
                    break;
            }
        }
        if (call.Kind == CallKind.Funding)
        {
            if (RequestedAmount is not { } requested) problems.Add(new(nameof(RequestedAmount), RuleCode.AnswerRequired));
            else if (requested <= 0 || requested > (call.MaxAmount ?? decimal.MaxValue)) problems.Add(new(nameof(RequestedAmount), RuleCode.AboveMaximumAmount));
            if (TotalCost is not { } total) problems.Add(new(nameof(TotalCost), RuleCode.AnswerRequired));
            else if (total <= 0 || total >= InitiativeContribution.MaxAmount) problems.Add(new(nameof(TotalCost), RuleCode.AmountOutOfRange));
            else if (RequestedAmount is { } asked && (asked > total || (call.MaxSharePercent is { } share && asked * 100 > total * share)))
                problems.Add(new(nameof(RequestedAmount), RuleCode.AboveCostShare));
        }
        if (confirmedPartnerTypes.Count < call.MinPartners) problems.Add(new(nameof(Partners), RuleCode.PartnersRequired));
        if (call.PartnerTypes.Count > 0 && confirmedPartnerTypes.Any(t => !call.PartnerTypes.Contains(t))) problems.Add(new(nameof(Partners), RuleCode.PartnerNotEligible));
        return problems;
    }

    /// <summary>
    /// Submits the application: only while the call is open (the deadline's own second included, one second later refused),
    /// by an eligible organisation, complete; then frozen with the fingerprint of what was submitted.
    /// </summary>
    public void Submit(CooperationCall call, Applicant applicant, IReadOnlyCollection<ActorType> confirmedPartnerTypes, string? userId, DateTime utcNow)
    {
        if (IsSubmitted) throw new RuleViolationException(nameof(State), RuleCode.ApplicationFrozen);
        if (!call.IsOpenAt(utcNow)) throw new RuleViolationException(nameof(CooperationCall.ClosesAt), call.HasClosed(utcNow) ? RuleCode.DeadlinePassed : RuleCode.CallNotOpen);
        if (CallEligibility.Check(call, applicant) is { Count: > 0 } reasons) throw new RuleViolationException(reasons);
        if (Missing(call, confirmedPartnerTypes) is { Count: > 0 } missing) throw new RuleViolationException(missing);
        State = ApplicationState.Submitted;
        SubmittedAt = utcNow;
        SubmittedByUserId = userId;
        Fingerprint = FingerprintOf(call);
    }

    /// <summary>
    /// The SHA-256 of what was submitted, in a fixed textual form (one line per field, answers by question position, partners
    /// by id), so that the same content always gives the same fingerprint and anyone holding the receipt can check it.
    /// </summary>
    public string FingerprintOf(CooperationCall call)
    {
        var text = new StringBuilder();
        void Line(string name, string? value) => text.Append(name).Append('=').Append((value ?? "").Replace("\\", "\\\\").Replace("\n", "\\n")).Append('\n');
        Line("call", call.Id.ToString(CultureInfo.InvariantCulture));
        Line("applicant", ApplicantId.ToString(CultureInfo.InvariantCulture));
        Line("title", Title);
        Line("summary", Summary);
        Line("requested", RequestedAmount?.ToString("0.00", CultureInfo.InvariantCulture));
        Line("total", TotalCost?.ToString("0.00", CultureInfo.InvariantCulture));
        foreach (var question in call.Questions.OrderBy(q => q.Position))
        {
            var answer = Answers.FirstOrDefault(a => a.QuestionId == question.Id);
            Line($"q{question.Position}", answer is null ? null : string.Join("|",
                answer.Text ?? "", answer.Number?.ToString("0.####", CultureInfo.InvariantCulture) ?? "", answer.Currency ?? "",
                answer.InitiativeId?.ToString(CultureInfo.InvariantCulture) ?? "", answer.FileId?.ToString(CultureInfo.InvariantCulture) ?? ""));
        }
        foreach (var partner in Partners.Where(p => p.Confirmed).OrderBy(p => p.OrganisationId))
            Line("partner", partner.OrganisationId.ToString(CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>Records the call's decision with its feedback to the applicant; changeable until the results are published.</summary>
    public void Decide(CooperationCall call, CallDecision decision, string? feedback, DateTime utcNow)
    {
        if (!IsSubmitted) throw new RuleViolationException(nameof(State), RuleCode.NotSubmitted);
        if (!call.HasClosed(utcNow)) throw new RuleViolationException(nameof(CooperationCall.ClosesAt), RuleCode.CallStillOpen);
        if (call.ResultsPublishedAt is not null) throw new RuleViolationException(nameof(Decision), RuleCode.ResultsAlreadyPublished);
        if (!Enum.IsDefined(decision)) throw new RuleViolationException(nameof(Decision), RuleCode.NotAnOutcome);
        var trimmed = string.IsNullOrWhiteSpace(feedback) ? null : feedback.Trim();
        if (trimmed is { Length: > FeedbackLength }) throw new RuleViolationException(nameof(Feedback), RuleCode.TextTooLong);
        Decision = decision;
        Feedback = trimmed;
        DecidedAt = utcNow;
    }

    /// <summary>Notes what a selected application became, once, after the results are published.</summary>
    public void Converted(CooperationCall call, int? initiativeId = null, int? goodPracticeId = null, bool joinedNetwork = false)
    {
        if (Decision != CallDecision.Selected) throw new RuleViolationException(nameof(Decision), RuleCode.NotSelected);
        if (call.ResultsPublishedAt is null) throw new RuleViolationException(nameof(CooperationCall.ResultsPublishedAt), RuleCode.ResultsNotPublished);
        if (IsConverted) throw new RuleViolationException(nameof(InitiativeId), RuleCode.AlreadyConverted);
        InitiativeId = initiativeId;
        GoodPracticeId = goodPracticeId;
        JoinedNetwork = joinedNetwork;
    }
}

/// <summary>One answer: text (short, long or a choice), a number or an amount with its currency, an initiative, or a file.</summary>
public class ApplicationAnswer
{
    public int ApplicationId { get; set; }
    public int QuestionId { get; set; }
    public string? Text { get; set; }
    public decimal? Number { get; set; }
    public string? Currency { get; set; }
    public int? InitiativeId { get; set; }
    public int? FileId { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Text) && Number is null && InitiativeId is null && FileId is null;
}

/// <summary>A partner organisation named in an application; it counts once a member of it confirms from its own account.</summary>
public class ApplicationPartner
{
    public int ApplicationId { get; set; }
    public int OrganisationId { get; set; }
    public Actor? Organisation { get; set; }
    public DateTime InvitedAt { get; set; }
    public bool Confirmed { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    public string? ConfirmedByUserId { get; set; }
}

/// <summary>Who may apply to a call, with the reason when an organisation may not.</summary>
public static class CallEligibility
{
    public static IReadOnlyList<RuleViolation> Check(CooperationCall call, Applicant applicant)
    {
        var reasons = new List<RuleViolation>();
        if (!applicant.Verified) reasons.Add(new("Applicant", RuleCode.OrganisationNotVerified));
        if (applicant.Id == call.OwnerId) reasons.Add(new("Applicant", RuleCode.OwnCall));
        if (call.EligibleTypes.Count > 0 && !call.EligibleTypes.Contains(applicant.Type)) reasons.Add(new("Applicant", RuleCode.KindNotEligible));
        if (call.EligibleCountries.Count + call.EligibleRegions.Count > 0
            && !(applicant.CountryCode is { } country && call.EligibleCountries.Contains(country))
            && !applicant.Regions.Any(call.EligibleRegions.Contains))
            reasons.Add(new("Applicant", RuleCode.PlaceNotEligible));
        return reasons;
    }
}

/// <summary>A person asked to review a call's applications, for the organisation they review as a member of.</summary>
public class CallReviewer
{
    public int Id { get; set; }
    public int CallId { get; set; }
    public required string UserId { get; set; }
    public int OrganisationId { get; set; }
    public ReviewerState State { get; set; } = ReviewerState.Invited;
    public DateTime InvitedAt { get; set; }
    public DateTime? AnsweredAt { get; set; }
}

/// <summary>
/// One reviewer's review of one application: first a declaration of conflict of interest (a conflicted reviewer is not
/// assigned it and cannot open it), then a score per criterion on the call's scale with a comment, then submission, after
/// which it never changes and the reviewer may see the others' scores.
/// </summary>
public class Review
{
    public const int CommentLength = 4000;

    public int Id { get; set; }
    public int ReviewerId { get; set; }
    public CallReviewer? Reviewer { get; set; }
    public int ApplicationId { get; set; }
    public bool Conflict { get; private set; }
    public string? ConflictNote { get; private set; }
    public DateTime DeclaredAt { get; private set; }
    public DateTime? SubmittedAt { get; private set; }
    public int Version { get; set; } = 1;
    public List<ReviewScore> Scores { get; } = [];

    public bool IsSubmitted => SubmittedAt is not null;

    public static Review Declare(int reviewerId, int applicationId, bool conflict, string? note, DateTime utcNow)
    {
        var trimmed = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (trimmed is { Length: > CommentLength }) throw new RuleViolationException(nameof(ConflictNote), RuleCode.TextTooLong);
        return new Review { ReviewerId = reviewerId, ApplicationId = applicationId, Conflict = conflict, ConflictNote = trimmed, DeclaredAt = utcNow };
    }

    /// <summary>Declares a conflict found later (before submitting); a declared conflict is never withdrawn.</summary>
    public void DeclareConflict(string? note, DateTime utcNow)
    {
        if (IsSubmitted) throw new RuleViolationException(nameof(SubmittedAt), RuleCode.ReviewSubmitted);
        if (Conflict) throw new RuleViolationException(nameof(Conflict), RuleCode.ConflictDeclared);
        var trimmed = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (trimmed is { Length: > CommentLength }) throw new RuleViolationException(nameof(ConflictNote), RuleCode.TextTooLong);
        Conflict = true;
        ConflictNote = trimmed;
        DeclaredAt = utcNow;
        Scores.Clear();
        Version++;
    }

    /// <summary>Keeps the scores given (each on the scale, for a criterion of the call); the form may save them part-done.</summary>
    public void Score(CooperationCall call, IReadOnlyList<ReviewScore> scores)
    {
        if (IsSubmitted) throw new RuleViolationException(nameof(SubmittedAt), RuleCode.ReviewSubmitted);
        if (Conflict) throw new RuleViolationException(nameof(Conflict), RuleCode.ConflictDeclared);
        var problems = new List<RuleViolation>();
        foreach (var score in scores)
        {
            var field = $"Scores[{score.CriterionId}]";
            if (call.Criteria.All(c => c.Id != score.CriterionId)) problems.Add(new(field, RuleCode.UnknownCriterion));
            if (score.Score is { } value && (value < 0 || value > call.ScaleMax)) problems.Add(new(field, RuleCode.ScoreOutOfScale));
            if (score.Comment is { Length: > CommentLength }) problems.Add(new(field, RuleCode.TextTooLong));
        }
        if (problems.Count > 0) throw new RuleViolationException(problems);
        foreach (var score in scores)
        {
            var kept = Scores.FirstOrDefault(s => s.CriterionId == score.CriterionId);
            if (kept is null) Scores.Add(kept = new ReviewScore { CriterionId = score.CriterionId });
            kept.Score = score.Score;
            kept.Comment = string.IsNullOrWhiteSpace(score.Comment) ? null : score.Comment.Trim();
        }
        Version++;
    }

    /// <summary>Submits the review: every criterion scored; then it never changes.</summary>
    public void Submit(CooperationCall call, DateTime utcNow)
    {
        if (IsSubmitted) throw new RuleViolationException(nameof(SubmittedAt), RuleCode.ReviewSubmitted);
        if (Conflict) throw new RuleViolationException(nameof(Conflict), RuleCode.ConflictDeclared);
        var unscored = call.Criteria.Where(c => Scores.FirstOrDefault(s => s.CriterionId == c.Id)?.Score is null)
            .Select(c => new RuleViolation($"Scores[{c.Id}]", RuleCode.ScoreRequired)).ToList();
        if (unscored.Count > 0) throw new RuleViolationException(unscored);
        SubmittedAt = utcNow;
        Version++;
    }
}

public class ReviewScore
{
    public int ReviewId { get; set; }
    public int CriterionId { get; set; }
    public int? Score { get; set; }
    public string? Comment { get; set; }
}

/// <summary>One application's place in a call's ranking: its weighted score, each criterion's mean, and how far reviewers differ.</summary>
public sealed record RankedApplication(int ApplicationId, int Rank, decimal? WeightedScore, IReadOnlyDictionary<int, decimal> CriterionMeans, decimal? Spread, int Reviews);

/// <summary>
/// A call's ranking by weighted score. Only submitted reviews count. An application's weighted score is the weighted mean
/// of its criteria's mean scores (Σ weight × mean ÷ Σ weight), on the call's scale; the spread is the difference between the
/// highest and the lowest reviewer's own weighted score. Unreviewed applications come last; ties keep the earlier application first.
/// </summary>
public static class CallRanking
{
    public sealed record SubmittedReview(int ApplicationId, IReadOnlyDictionary<int, int> Scores);

    public static decimal? Weighted(IReadOnlyList<CallCriterion> criteria, IReadOnlyDictionary<int, decimal> scoreByCriterion)
    {
        var weights = criteria.Where(c => scoreByCriterion.ContainsKey(c.Id)).ToList();
        var total = weights.Sum(c => c.Weight);
        if (total == 0) return null;
        return Math.Round(weights.Sum(c => c.Weight * scoreByCriterion[c.Id]) / total, 2, MidpointRounding.AwayFromZero);
    }

    public static IReadOnlyList<RankedApplication> Rank(IReadOnlyList<CallCriterion> criteria, IEnumerable<int> applicationIds, IEnumerable<SubmittedReview> reviews)
    {
        var byApplication = reviews.GroupBy(r => r.ApplicationId).ToDictionary(g => g.Key, g => g.ToList());
        var rows = applicationIds.Distinct().Order().Select(id =>
        {
            var own = byApplication.GetValueOrDefault(id) ?? [];
            var means = criteria
                .Select(c => (c.Id, Scores: own.Where(r => r.Scores.ContainsKey(c.Id)).Select(r => (decimal)r.Scores[c.Id]).ToList()))
                .Where(x => x.Scores.Count > 0)
                .ToDictionary(x => x.Id, x => Math.Round(x.Scores.Average(), 2, MidpointRounding.AwayFromZero));
            var perReviewer = own.Select(r => Weighted(criteria, r.Scores.ToDictionary(s => s.Key, s => (decimal)s.Value))).OfType<decimal>().ToList();
            decimal? spread = perReviewer.Count > 1 ? perReviewer.Max() - perReviewer.Min() : perReviewer.Count == 1 ? 0 : null;
            return (Id: id, Weighted: Weighted(criteria, means), Means: (IReadOnlyDictionary<int, decimal>)means, Spread: spread, Count: own.Count);
        })
        .OrderByDescending(r => r.Weighted.HasValue).ThenByDescending(r => r.Weighted ?? 0).ThenBy(r => r.Id)
        .ToList();
        return rows.Select((r, i) => new RankedApplication(r.Id, i + 1, r.Weighted, r.Means, r.Spread, r.Count)).ToList();
    }
}

/// <summary>
/// A good practice (<c>/good-practices</c>): what was done, in what context, with what results, and what can be transferred
/// and to whom, linked to its initiative. Selected good-practice applications become one, owned by the applicant; anyone
/// browses, searches, follows and downloads the published ones.
/// </summary>
public class GoodPractice : IVersioned
{
    public const int TitleLength = 300;
    public const int TextLength = 8000;

    public int Id { get; set; }
    public int OwnerId { get; set; }
    public Actor? Owner { get; set; }
    public int? CallId { get; set; }
    public int? ApplicationId { get; set; }
    public int? InitiativeId { get; set; }
    public string Title { get; set; } = "";
    public string Practice { get; set; } = "";
    public string? Context { get; set; }
    public string? Results { get; set; }
    /// <summary>What another place could take from it.</summary>
    public string? Transferable { get; set; }
    /// <summary>To whom: kinds of organisation, countries, settings.</summary>
    public string? TransferableTo { get; set; }
    public string Language { get; set; } = "en";
    public List<ThematicArea> Themes { get; set; } = [];
    public List<string> Countries { get; set; } = [];

    public PublicationState Publication { get; private set; } = PublicationState.Draft;
    public DateTime? PublishedAt { get; private set; }
    public string? UnpublishedReason { get; private set; }
    public bool HeldByModerator { get; private set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; } = 1;

    public string SearchTitle { get; set; } = "";
    public string SearchBody { get; set; } = "";

    public bool IsPublished => Publication == PublicationState.Published;

    public void Touch(DateTime utcNow)
    {
        Version++;
        UpdatedAt = utcNow;
    }

    /// <summary>Takes what a form says (texts trimmed, empty ones as none) and brings what search looks in up to date.</summary>
    public void Apply(GoodPracticeContent content)
    {
        static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        Title = content.Title.Trim();
        Practice = content.Practice.Trim();
        Context = Clean(content.Context);
        Results = Clean(content.Results);
        Transferable = Clean(content.Transferable);
        TransferableTo = Clean(content.TransferableTo);
        Language = content.Language;
        Themes = content.Themes.Distinct().Order().ToList();
        Countries = content.Countries.Select(c => c.Trim().ToUpperInvariant()).Distinct().Order(StringComparer.Ordinal).ToList();
        InitiativeId = content.InitiativeId;
        RefreshSearchText();
    }

    public void RefreshSearchText()
    {
        SearchTitle = SearchText.Normalize(Title);
        if (SearchTitle.Length > 2000) SearchTitle = SearchTitle[..2000];
        SearchBody = SearchText.Normalize(string.Join(" ", Practice, Context, Results, Transferable, TransferableTo));
        if (SearchBody.Length > 60000) SearchBody = SearchBody[..60000];
    }

    public IReadOnlyList<RuleViolation> Check()
    {
        var problems = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(Title)) problems.Add(new(nameof(Title), RuleCode.TitleRequired));
        else if (Title.Length > TitleLength) problems.Add(new(nameof(Title), RuleCode.TextTooLong));
        if (string.IsNullOrWhiteSpace(Practice)) problems.Add(new(nameof(Practice), RuleCode.DescriptionRequired));
        foreach (var (name, text) in new[] { (nameof(Practice), (string?)Practice), (nameof(Context), Context), (nameof(Results), Results), (nameof(Transferable), Transferable), (nameof(TransferableTo), TransferableTo) })
            if (text is { Length: > TextLength }) problems.Add(new(name, RuleCode.TextTooLong));
        return problems;
    }

    public void Publish(DateTime utcNow)
    {
        if (IsPublished) throw new RuleViolationException(nameof(Publication), RuleCode.AlreadyPublished);
        if (HeldByModerator) throw new RuleViolationException(nameof(HeldByModerator), RuleCode.HeldByModerator);
        if (Check() is { Count: > 0 } problems) throw new RuleViolationException(problems);
        Publication = PublicationState.Published;
        PublishedAt ??= utcNow;
        UnpublishedReason = null;
    }

    public void Unpublish(string? reason, bool byModerator = false)
    {
        if (!IsPublished) throw new RuleViolationException(nameof(Publication), RuleCode.NotPublished);
        UnpublishedReason = UnpublishReason.Check(reason);
        Publication = PublicationState.Unpublished;
        HeldByModerator = byModerator;
    }

    public void ReleaseModeratorHold()
    {
        if (!HeldByModerator) throw new RuleViolationException(nameof(HeldByModerator), RuleCode.NotHeld);
        HeldByModerator = false;
    }
}

/// <summary>What a form (or a selected application) says of a good practice, for <see cref="GoodPractice.Apply"/>.</summary>
public sealed record GoodPracticeContent(
    string Title, string Practice, string? Context, string? Results, string? Transferable, string? TransferableTo, string Language,
    IReadOnlyList<ThematicArea> Themes, IReadOnlyList<string> Countries, int? InitiativeId);

/// <summary>An organisation's membership of a network call's network or community of practice.</summary>
public class NetworkMembership
{
    public int Id { get; set; }
    public int CallId { get; set; }
    public int OrganisationId { get; set; }
    public Actor? Organisation { get; set; }
    public int? ApplicationId { get; set; }
    public DateTime Since { get; set; }
}
