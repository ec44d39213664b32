namespace SscPortal.Domain;

/// <summary>What kind of meeting an event is.</summary>
public enum EventKind
{
    Seminar = 1,
    /// <summary>A side event of a larger conference (BAPA+40's CSO side event): usually has a parent event.</summary>
    SideEvent = 2,
    Panel = 3,
    Workshop = 4,
    Webinar = 5,
    ExchangeVisit = 6,
}

/// <summary>Where people take part: at a venue, online, or both.</summary>
public enum EventFormat
{
    InPerson = 1,
    Online = 2,
    Hybrid = 3,
}

public enum RegistrationState
{
    /// <summary>A visitor's registration whose e-mail address is not confirmed yet: it holds no place.</summary>
    Unconfirmed = 1,
    /// <summary>Holds one of the event's places.</summary>
    Registered = 2,
    /// <summary>On the waiting list (in order of <see cref="EventRegistration.WaitingSince"/>): moved up when a place frees.</summary>
    Waiting = 3,
}

public enum CoOrganiserState
{
    /// <summary>Named by the organising organisation: not an organiser until its own members confirm.</summary>
    Invited = 1,
    Confirmed = 2,
    Declined = 3,
}

/// <summary>
/// A seminar, side event, panel, workshop, webinar or exchange visit (<c>/events</c>): announced by an organisation with its
/// co-organisers, its programme and the initiatives and principles it concerns; people register (a waiting list when it is
/// full); afterwards its organisers publish a report and figures of participation. Participants' personal data is kept only
/// for the event, and deleted a configurable time after it, leaving anonymous counts (<see cref="EventTally"/>).
/// </summary>
public class CooperationEvent : IVersioned
{
    public const int TitleLength = 300;
    public const int TextLength = 20000;
    public const int NameLength = 200;
    public const int AddressLength = 500;
    public const int LinkLength = 2000;
    public const int MaxSessions = 60;
    public const int MaxSpeakers = 20;
    public const int MaxQuestions = 10;
    public const int MaxInitiatives = 20;
    public const int MaxCapacity = 100_000;
    /// <summary>How long an event may last.</summary>
    public const int MaxDays = 31;

    public int Id { get; set; }
    public EventKind Kind { get; set; } = EventKind.Seminar;
    public required string Title { get; set; }
    public required string Description { get; set; }
    /// <summary>The language the title and description were written in (en, es, pt or fr).</summary>
    public string Language { get; set; } = "en";

    /// <summary>When it starts and ends (UTC); shown in <see cref="TimeZone"/>, the zone of the place.</summary>
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    /// <summary>The IANA time zone of the place (America/Argentina/Buenos_Aires…); an online event's organisers' zone.</summary>
    public string TimeZone { get; set; } = "UTC";

    public EventFormat Format { get; set; } = EventFormat.InPerson;
    public string? Venue { get; set; }
    public string? Address { get; set; }
    public string? City { get; set; }
    /// <summary>The country of the venue (ISO 3166-1 alpha-2).</summary>
    public string? CountryCode { get; set; }
    /// <summary>How many may register (the room's capacity); null: no limit.</summary>
    public int? Capacity { get; set; }
    /// <summary>The link to join online: shown only to registered participants and the organisers.</summary>
    public string? OnlineLink { get; set; }

    /// <summary>The languages spoken (<see cref="WorkingLanguages"/> codes).</summary>
    public List<string> Languages { get; set; } = [];
    /// <summary>The languages interpreted into.</summary>
    public List<string> Interpretation { get; set; } = [];

    /// <summary>Whether people register through the portal.</summary>
    public bool RegistrationOpen { get; set; } = true;
    /// <summary>Whether people may join a waiting list when every place is taken.</summary>
    public bool WaitingList { get; set; } = true;

    public List<ThematicArea> Themes { get; set; } = [];
    public List<int> Sdgs { get; set; } = [];
    /// <summary>The principles of SSC it concerns (<see cref="Principle.Code"/>).</summary>
    public List<string> Principles { get; set; } = [];

    /// <summary>The conference it is part of (a side event of BAPA+40).</summary>
    public int? ParentEventId { get; set; }

    public int OwnerId { get; set; }
    public Actor? Owner { get; set; }

    public PublicationState Publication { get; private set; } = PublicationState.Draft;
    public DateTime? PublishedAt { get; private set; }
    public string? UnpublishedReason { get; private set; }
    public bool HeldByModerator { get; private set; }

    /// <summary>
    /// Places taken (registrations in state <see cref="RegistrationState.Registered"/>): changed only by one conditional UPDATE
    /// (never above <see cref="Capacity"/>, a CHECK in the database too), so concurrent registrations never overfill the room.
    /// </summary>
    public int RegisteredCount { get; set; }

    /// <summary>The report after the event: summary, and outcomes and ways forward.</summary>
    public string? ReportSummary { get; set; }
    public string? ReportOutcomes { get; set; }
    public DateTime? ReportPublishedAt { get; private set; }

    /// <summary>When the participants' personal data was deleted (only anonymous counts are left).</summary>
    public DateTime? ParticipantDataDeletedAt { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; } = 1;

    public string SearchTitle { get; set; } = "";
    public string SearchBody { get; set; } = "";

    public List<EventTranslation> Translations { get; } = [];
    public List<EventSession> Sessions { get; } = [];
    public List<EventQuestion> Questions { get; } = [];
    public List<EventInitiative> Initiatives { get; } = [];
    public List<EventOrganiser> CoOrganisers { get; } = [];

    public bool IsPublished => Publication == PublicationState.Published;
    public bool HasEnded(DateTime utcNow) => utcNow >= EndsAt;
    public bool HasStarted(DateTime utcNow) => utcNow >= StartsAt;
    public bool IsFull => Capacity is { } capacity && RegisteredCount >= capacity;
    public bool HasVenue => Format != EventFormat.Online;
    public bool IsOnline => Format != EventFormat.InPerson;

    public void Touch(DateTime utcNow)
    {
        Version++;
        UpdatedAt = utcNow;
    }

    /// <summary>Takes what a form says of the event: texts trimmed, lists as listed, the programme in order.</summary>
    public void Apply(EventContent content)
    {
        Kind = content.Kind;
        Title = content.Title.Trim();
        Description = content.Description.Trim();
        Language = content.Language;
        StartsAt = content.StartsAt;
        EndsAt = content.EndsAt;
        TimeZone = content.TimeZone;
        Format = content.Format;
        Venue = Format == EventFormat.Online ? null : Clean(content.Venue);
        Address = Format == EventFormat.Online ? null : Clean(content.Address);
        City = Format == EventFormat.Online ? null : Clean(content.City);
        CountryCode = Format == EventFormat.Online ? null : Clean(content.CountryCode)?.ToUpperInvariant();
        OnlineLink = Format == EventFormat.InPerson ? null : Clean(content.OnlineLink);
        Capacity = content.Capacity;
        Languages = content.Languages.Distinct().Order(StringComparer.Ordinal).ToList();
        Interpretation = content.Interpretation.Distinct().Order(StringComparer.Ordinal).ToList();
        RegistrationOpen = content.RegistrationOpen;
        WaitingList = content.WaitingList;
        Themes = content.Themes.Distinct().Order().ToList();
        Sdgs = content.Sdgs.Distinct().Order().ToList();
        Principles = content.Principles.Distinct().Order(StringComparer.Ordinal).ToList();
        ParentEventId = content.ParentEventId;

        var translations = content.Translations.Where(t => t.Language != Language).GroupBy(t => t.Language).Select(g => g.First()).ToList();
        Translations.RemoveAll(t => translations.All(n => n.Language != t.Language));
        foreach (var translation in translations)
        {
            if (Translations.FirstOrDefault(t => t.Language == translation.Language) is { } kept)
            {
                kept.Title = translation.Title.Trim();
                kept.Description = translation.Description.Trim();
            }
            else Translations.Add(new EventTranslation { Language = translation.Language, Title = translation.Title.Trim(), Description = translation.Description.Trim() });
        }

        var initiatives = content.InitiativeIds.Distinct().ToList();
        Initiatives.RemoveAll(i => !initiatives.Contains(i.InitiativeId));
        foreach (var id in initiatives.Where(id => Initiatives.All(i => i.InitiativeId != id))) Initiatives.Add(new EventInitiative { InitiativeId = id });

        // Sessions and questions keep their ids when the form names them (answers refer to questions); new ones are added.
        Merge(Sessions, content.Sessions, (s, c) => s.Id != 0 && s.Id == c.Id, (s, c, position) =>
        {
            s.Position = position;
            s.StartsAt = c.StartsAt;
            s.EndsAt = c.EndsAt;
            s.Title = c.Title.Trim();
            s.Topic = Clean(c.Topic);
            s.Room = Clean(c.Room);
            var speakers = c.Speakers.Where(p => !string.IsNullOrWhiteSpace(p.Name) || !string.IsNullOrWhiteSpace(p.Organisation)).ToList();
            Merge(s.Speakers, speakers, (a, b) => a.Id != 0 && a.Id == b.Id, (a, b, at) =>
            {
                a.Position = at;
                a.Name = b.Name.Trim();
                a.Organisation = Clean(b.Organisation);
                a.NameShown = b.NameShown;
            });
        });
        Merge(Questions, content.Questions, (q, c) => q.Id != 0 && q.Id == c.Id, (q, c, position) =>
        {
            q.Position = position;
            q.Label = c.Label.Trim();
            q.Required = c.Required;
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
        var programme = Sessions.SelectMany(s => new[] { s.Title, s.Topic ?? "" }.Concat(s.Speakers.Select(p => p.NameShown ? $"{p.Name} {p.Organisation}" : p.Organisation ?? "")));
        SearchBody = SearchText.Normalize(string.Join(" ", new[] { Description, Venue ?? "", City ?? "" }
            .Concat(Translations.OrderBy(t => t.Language, StringComparer.Ordinal).Select(t => t.Description)).Concat(programme)));
        if (SearchBody.Length > 60000) SearchBody = SearchBody[..60000];
    }

    /// <summary>What an event must say before it is saved: every field the form checks, in one list.</summary>
    public IReadOnlyList<RuleViolation> Check()
    {
        var problems = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(Title)) problems.Add(new(nameof(Title), RuleCode.TitleRequired));
        else if (Title.Length > TitleLength) problems.Add(new(nameof(Title), RuleCode.TextTooLong));
        if (string.IsNullOrWhiteSpace(Description)) problems.Add(new(nameof(Description), RuleCode.DescriptionRequired));
        else if (Description.Length > TextLength) problems.Add(new(nameof(Description), RuleCode.TextTooLong));
        if (!Enum.IsDefined(Kind)) problems.Add(new(nameof(Kind), RuleCode.UnknownEventKind));
        if (!Enum.IsDefined(Format)) problems.Add(new(nameof(Format), RuleCode.UnknownEventKind));
        if (!CallTimeZones.IsKnown(TimeZone)) problems.Add(new(nameof(TimeZone), RuleCode.UnknownTimeZone));
        if (EndsAt <= StartsAt) problems.Add(new(nameof(EndsAt), RuleCode.EndsBeforeStart));
        else if (EndsAt > StartsAt.AddDays(MaxDays)) problems.Add(new(nameof(EndsAt), RuleCode.EventTooLong));
        if (HasVenue)
        {
            if (City is null) problems.Add(new(nameof(City), RuleCode.VenueRequired));
            if (CountryCode is null) problems.Add(new(nameof(CountryCode), RuleCode.VenueRequired));
        }
        if (Venue is { Length: > NameLength }) problems.Add(new(nameof(Venue), RuleCode.TextTooLong));
        if (City is { Length: > NameLength }) problems.Add(new(nameof(City), RuleCode.TextTooLong));
        if (Address is { Length: > AddressLength }) problems.Add(new(nameof(Address), RuleCode.TextTooLong));
        if (CountryCode is not null && (CountryCode.Length != 2 || !CountryCode.All(char.IsAsciiLetterUpper))) problems.Add(new(nameof(CountryCode), RuleCode.UnknownCountry));
        if (OnlineLink is not null && !IsWebLink(OnlineLink)) problems.Add(new(nameof(OnlineLink), RuleCode.LinkNotWeb));
        if (Capacity is { } capacity && (capacity < 1 || capacity > MaxCapacity)) problems.Add(new(nameof(Capacity), RuleCode.CapacityOutOfRange));
        else if (Capacity is { } places && places < RegisteredCount) problems.Add(new(nameof(Capacity), RuleCode.CapacityBelowRegistered));
        if (Languages.Any(l => !WorkingLanguages.IsKnown(l))) problems.Add(new(nameof(Languages), RuleCode.UnknownLanguage));
        if (Interpretation.Any(l => !WorkingLanguages.IsKnown(l))) problems.Add(new(nameof(Interpretation), RuleCode.UnknownLanguage));
        if (Themes.Any(t => !Enum.IsDefined(t))) problems.Add(new(nameof(Themes), RuleCode.UnknownTheme));
        if (Sdgs.Any(g => g is < 1 or > 17)) problems.Add(new(nameof(Sdgs), RuleCode.UnknownSdg));
        if (ParentEventId is { } parent && parent == Id && Id != 0) problems.Add(new(nameof(ParentEventId), RuleCode.ParentIsItself));
        if (Initiatives.Count > MaxInitiatives) problems.Add(new(nameof(Initiatives), RuleCode.TooManyItems));
        if (Sessions.Count > MaxSessions) problems.Add(new(nameof(Sessions), RuleCode.TooManyItems));
        for (var i = 0; i < Sessions.Count; i++)
        {
            var s = Sessions[i];
            var field = $"{nameof(Sessions)}[{i}]";
            if (string.IsNullOrWhiteSpace(s.Title)) problems.Add(new($"{field}.{nameof(EventSession.Title)}", RuleCode.SessionTitleRequired));
            else if (s.Title.Length > TitleLength) problems.Add(new($"{field}.{nameof(EventSession.Title)}", RuleCode.TextTooLong));
            if (s.Topic is { Length: > NameLength * 10 }) problems.Add(new($"{field}.{nameof(EventSession.Topic)}", RuleCode.TextTooLong));
            if (s.Room is { Length: > NameLength }) problems.Add(new($"{field}.{nameof(EventSession.Room)}", RuleCode.TextTooLong));
            if (s.EndsAt <= s.StartsAt) problems.Add(new($"{field}.{nameof(EventSession.EndsAt)}", RuleCode.EndsBeforeStart));
            else if (s.StartsAt < StartsAt || s.EndsAt > EndsAt) problems.Add(new($"{field}.{nameof(EventSession.StartsAt)}", RuleCode.SessionOutsideEvent));
            if (s.Speakers.Count > MaxSpeakers) problems.Add(new($"{field}.{nameof(EventSession.Speakers)}", RuleCode.TooManyItems));
            for (var j = 0; j < s.Speakers.Count; j++)
            {
                var p = s.Speakers[j];
                var speaker = $"{field}.{nameof(EventSession.Speakers)}[{j}]";
                if (string.IsNullOrWhiteSpace(p.Name)) problems.Add(new($"{speaker}.{nameof(EventSpeaker.Name)}", RuleCode.SpeakerNameRequired));
                else if (p.Name.Length > NameLength) problems.Add(new($"{speaker}.{nameof(EventSpeaker.Name)}", RuleCode.TextTooLong));
                if (p.Organisation is { Length: > NameLength }) problems.Add(new($"{speaker}.{nameof(EventSpeaker.Organisation)}", RuleCode.TextTooLong));
            }
        }
        if (Questions.Count > MaxQuestions) problems.Add(new(nameof(Questions), RuleCode.TooManyItems));
        for (var i = 0; i < Questions.Count; i++)
        {
            var q = Questions[i];
            var field = $"{nameof(Questions)}[{i}].{nameof(EventQuestion.Label)}";
            if (string.IsNullOrWhiteSpace(q.Label)) problems.Add(new(field, RuleCode.QuestionLabelRequired));
            else if (q.Label.Length > CooperationCall.GuideLength) problems.Add(new(field, RuleCode.TextTooLong));
        }
        return problems;
    }

    public static bool IsWebLink(string text) =>
        text.Length <= LinkLength && Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    /// <summary>Makes it public: only a complete one, not held by a moderator, that has not ended.</summary>
    public void Publish(DateTime utcNow)
    {
        if (IsPublished) throw new RuleViolationException(nameof(Publication), RuleCode.AlreadyPublished);
        if (HeldByModerator) throw new RuleViolationException(nameof(HeldByModerator), RuleCode.HeldByModerator);
        if (Check() is { Count: > 0 } problems) throw new RuleViolationException(problems);
        // A past event is announced only when it was published before (its report keeps it public); a new one must lie ahead.
        if (PublishedAt is null && HasEnded(utcNow)) throw new RuleViolationException(nameof(EndsAt), RuleCode.EventPast);
        Publication = PublicationState.Published;
        PublishedAt ??= utcNow;
        UnpublishedReason = null;
    }

    /// <summary>Publishes a past event as it happened (demonstration data, events recorded after the fact).</summary>
    public void PublishAsRecorded(DateTime publishedAt)
    {
        if (Check() is { Count: > 0 } problems) throw new RuleViolationException(problems);
        Publication = PublicationState.Published;
        PublishedAt = publishedAt;
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

    /// <summary>Whether a new registration is accepted now: published, registration open, not ended, not held.</summary>
    public RuleCode? RefusesRegistration(DateTime utcNow) =>
        !IsPublished ? RuleCode.NotPublished
        : !RegistrationOpen ? RuleCode.RegistrationClosed
        : HasEnded(utcNow) ? RuleCode.EventPast
        : null;

    /// <summary>The report: only once the event has started; a summary is needed, outcomes and ways forward are optional.</summary>
    public IReadOnlyList<RuleViolation> WriteReport(string? summary, string? outcomes, bool publish, DateTime utcNow)
    {
        var problems = new List<RuleViolation>();
        if (!HasStarted(utcNow)) problems.Add(new(nameof(ReportSummary), RuleCode.ReportBeforeEvent));
        if (string.IsNullOrWhiteSpace(summary)) problems.Add(new(nameof(ReportSummary), RuleCode.SummaryRequired));
        else if (summary.Trim().Length > TextLength) problems.Add(new(nameof(ReportSummary), RuleCode.TextTooLong));
        if (outcomes is { } o && o.Trim().Length > TextLength) problems.Add(new(nameof(ReportOutcomes), RuleCode.TextTooLong));
        if (problems.Count > 0) return problems;
        ReportSummary = summary!.Trim();
        ReportOutcomes = Clean(outcomes);
        if (publish) ReportPublishedAt ??= utcNow;
        return problems;
    }

    public void WithdrawReport() => ReportPublishedAt = null;
}

/// <summary>What a form (or the demonstration data) says of an event, for <see cref="CooperationEvent.Apply"/>.</summary>
public sealed record EventContent(
    EventKind Kind, string Title, string Description, string Language,
    DateTime StartsAt, DateTime EndsAt, string TimeZone,
    EventFormat Format, string? Venue, string? Address, string? City, string? CountryCode, int? Capacity, string? OnlineLink,
    IReadOnlyList<string> Languages, IReadOnlyList<string> Interpretation, bool RegistrationOpen, bool WaitingList,
    IReadOnlyList<ThematicArea> Themes, IReadOnlyList<int> Sdgs, IReadOnlyList<string> Principles, int? ParentEventId,
    IReadOnlyList<int> InitiativeIds,
    IReadOnlyList<EventTranslation> Translations, IReadOnlyList<EventSession> Sessions, IReadOnlyList<EventQuestion> Questions);

public class EventTranslation
{
    public int EventId { get; set; }
    public required string Language { get; set; }
    public required string Title { get; set; }
    public required string Description { get; set; }
}

/// <summary>One session of the programme, within the event's dates.</summary>
public class EventSession
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public int Position { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    public string Title { get; set; } = "";
    public string? Topic { get; set; }
    public string? Room { get; set; }
    public List<EventSpeaker> Speakers { get; } = [];
}

/// <summary>
/// A speaker, as they agreed to be shown: public pages show the name only when <see cref="NameShown"/> (the speaker agreed),
/// otherwise only the organisation they speak for.
/// </summary>
public class EventSpeaker
{
    public int Id { get; set; }
    public int SessionId { get; set; }
    public int Position { get; set; }
    public string Name { get; set; } = "";
    public string? Organisation { get; set; }
    public bool NameShown { get; set; }
}

/// <summary>A question the organisers ask everyone who registers.</summary>
public class EventQuestion
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public int Position { get; set; }
    public string Label { get; set; } = "";
    public bool Required { get; set; }
}

public class EventInitiative
{
    public int EventId { get; set; }
    public int InitiativeId { get; set; }
    public Initiative? Initiative { get; set; }
}

/// <summary>A co-organising organisation: an organiser only once its own members confirmed.</summary>
public class EventOrganiser
{
    public int EventId { get; set; }
    public int ActorId { get; set; }
    public Actor? Actor { get; set; }
    public CoOrganiserState State { get; set; } = CoOrganiserState.Invited;
    public DateTime InvitedAt { get; set; }
    public DateTime? AnsweredAt { get; set; }
    public string? AnsweredByUserId { get; set; }
}

/// <summary>
/// One person's registration: a signed-in person's (<see cref="UserId"/>) or a visitor's, whose address must be confirmed
/// before it holds a place. Personal data, seen only by the person and the event's organisers, deleted after the event.
/// </summary>
public class EventRegistration
{
    public const int NameLength = 200;
    public const int NeedsLength = 2000;
    public const int AnswerLength = 2000;
    public static readonly IReadOnlyList<string> Genders = ["woman", "man", "other"];

    public long Id { get; set; }
    public int EventId { get; set; }
    public CooperationEvent? Event { get; set; }
    /// <summary>The account that registered; null for a visitor.</summary>
    public string? UserId { get; set; }
    /// <summary>Where confirmations go (lower case); one registration per address and event.</summary>
    public string Email { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>The organisation they come from, as typed, and the registry's when they chose one.</summary>
    public string? OrganisationName { get; set; }
    public int? OrganisationId { get; set; }
    public ActorType? OrganisationType { get; set; }
    public string? CountryCode { get; set; }
    /// <summary>Given only if they chose to (<see cref="Genders"/>): counted in the figures, never shown.</summary>
    public string? Gender { get; set; }
    public List<string> LanguagesNeeded { get; set; } = [];
    public string? AccessibilityNeeds { get; set; }
    /// <summary>The language their mail is written in.</summary>
    public string MailLanguage { get; set; } = "en";

    public RegistrationState State { get; set; } = RegistrationState.Unconfirmed;
    /// <summary>SHA-256 of the secret in the links of its mail (confirm, cancel): the secret itself is never stored.</summary>
    public string TokenHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    /// <summary>When it joined the waiting list: the longest waiting moves up first.</summary>
    public DateTime? WaitingSince { get; set; }
    /// <summary>Marked by the organisers after the event.</summary>
    public bool? Attended { get; set; }

    public List<EventAnswer> Answers { get; } = [];

    /// <summary>The registration form's own rules (the event's questions among them), field by field.</summary>
    public IReadOnlyList<RuleViolation> Check(CooperationEvent @event)
    {
        var problems = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(Name)) problems.Add(new(nameof(Name), RuleCode.NameRequired));
        else if (Name.Length > NameLength) problems.Add(new(nameof(Name), RuleCode.TextTooLong));
        if (string.IsNullOrWhiteSpace(Email) || Email.Length > 320 || Email.Count(c => c == '@') != 1 || Email.StartsWith('@') || Email.EndsWith('@'))
            problems.Add(new(nameof(Email), RuleCode.EmailInvalid));
        if (OrganisationName is { Length: > NameLength }) problems.Add(new(nameof(OrganisationName), RuleCode.TextTooLong));
        if (CountryCode is not null && (CountryCode.Length != 2 || !CountryCode.All(char.IsAsciiLetterUpper))) problems.Add(new(nameof(CountryCode), RuleCode.UnknownCountry));
        if (Gender is not null && !Genders.Contains(Gender)) problems.Add(new(nameof(Gender), RuleCode.NotAChoice));
        if (LanguagesNeeded.Any(l => !WorkingLanguages.IsKnown(l))) problems.Add(new(nameof(LanguagesNeeded), RuleCode.UnknownLanguage));
        if (AccessibilityNeeds is { Length: > NeedsLength }) problems.Add(new(nameof(AccessibilityNeeds), RuleCode.TextTooLong));
        foreach (var question in @event.Questions.OrderBy(q => q.Position))
        {
            var answer = Answers.FirstOrDefault(a => a.QuestionId == question.Id)?.Text;
            if (string.IsNullOrWhiteSpace(answer))
            {
                if (question.Required) problems.Add(new($"Answers[{question.Id}]", RuleCode.AnswerRequired));
            }
            else if (answer.Length > AnswerLength) problems.Add(new($"Answers[{question.Id}]", RuleCode.AnswerTooLong));
        }
        if (Answers.Any(a => @event.Questions.All(q => q.Id != a.QuestionId))) problems.Add(new(nameof(Answers), RuleCode.UnknownQuestion));
        return problems;
    }
}

public class EventAnswer
{
    public long RegistrationId { get; set; }
    public int QuestionId { get; set; }
    public string Text { get; set; } = "";
}

/// <summary>A message the organisers sent to every registered person (who sent it and to how many is kept; not the addresses).</summary>
public class EventMessage
{
    public const int SubjectLength = 200;
    public const int BodyLength = 10000;

    public int Id { get; set; }
    public int EventId { get; set; }
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTime SentAt { get; set; }
    public string SentByUserId { get; set; } = "";
    public int Recipients { get; set; }
    /// <summary>Whether the waiting list was told too.</summary>
    public bool ToWaitingList { get; set; }
}

/// <summary>
/// Anonymous counts of participation left when personal data is deleted: per dimension ("country", "organisation-type",
/// "gender", "all") and key, how many were registered and how many attended.
/// </summary>
public class EventTally
{
    public const string All = "all";
    public const string Country = "country";
    public const string OrganisationType = "organisation-type";
    public const string Gender = "gender";

    public int EventId { get; set; }
    public string Dimension { get; set; } = "";
    public string Key { get; set; } = "";
    public int Registered { get; set; }
    public int Attended { get; set; }
}
