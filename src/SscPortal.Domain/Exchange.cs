namespace SscPortal.Domain;

/// <summary>What an organisation puts on the exchange: something it can give, something it seeks, or both ways (APC-Colombia's "doble vía").</summary>
public enum ListingKind
{
    Offer = 1,
    Need = 2,
    TwoWay = 3,
}

/// <summary>The form the cooperation would take.</summary>
public enum CooperationForm
{
    TechnicalAssistance = 1,
    ExpertMission = 2,
    StudyVisit = 3,
    Exchange = 4,
    Internship = 5,
    WorkshopOrTraining = 6,
    PeerLearning = 7,
    Funding = 8,
}

/// <summary>The languages an offer or need can be worked in (ISO 639-1), named in the reader's language by the web layer.</summary>
public static class WorkingLanguages
{
    public static readonly IReadOnlyList<string> All = ["en", "es", "pt", "fr", "ar", "zh", "ru", "sw", "hi", "id", "qu", "gn"];

    public static bool IsKnown(string? code) => code is not null && All.Contains(code);
}

/// <summary>
/// An offer or a need on the exchange (<c>/exchange</c>): published by any verified organisation, found and matched by
/// others, talked about in private conversations and followed to the initiative it starts.
/// </summary>
public class Listing : IVersioned
{
    public const int TitleLength = 300;
    public const int DescriptionLength = 8000;
    public const int InKindLength = 2000;
    public const int ContactLength = 300;
    public const int MaxDurationMonths = 120;
    /// <summary>How far ahead an offer or need may say it stays open.</summary>
    public const int MaxOpenYears = 5;

    public int Id { get; set; }
    public ListingKind Kind { get; set; } = ListingKind.Offer;
    public CooperationForm Form { get; set; } = CooperationForm.TechnicalAssistance;
    public required string Title { get; set; }
    public required string Description { get; set; }

    /// <summary>The language the title and description were written in (en, es, pt or fr).</summary>
    public string Language { get; set; } = "en";

    public List<ThematicArea> Themes { get; set; } = [];
    /// <summary>The languages the cooperation can be worked in (<see cref="WorkingLanguages"/>).</summary>
    public List<string> WorkingLanguages { get; set; } = [];

    /// <summary>What the organisation puts in, in kind (experts, training, hosting…).</summary>
    public string? ContributionInKind { get; set; }
    public decimal? ContributionAmount { get; set; }
    public string? ContributionCurrency { get; set; }
    public int? DurationMonths { get; set; }
    /// <summary>The last day it stays open; after it, it is no longer offered for matches or interest.</summary>
    public DateOnly? OpenUntil { get; set; }
    /// <summary>An organisational contact (an office address or shared mailbox, never a private person's).</summary>
    public string? Contact { get; set; }

    public int OwnerId { get; set; }
    public Actor? Owner { get; set; }

    public PublicationState Publication { get; private set; } = PublicationState.Draft;
    public DateTime? PublishedAt { get; private set; }
    public string? UnpublishedReason { get; private set; }
    public bool HeldByModerator { get; private set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; } = 1;

    /// <summary>What search looks in, kept by <see cref="RefreshSearchText"/>: the titles in every language, and the descriptions and what is offered in kind.</summary>
    public string SearchTitle { get; set; } = "";
    public string SearchBody { get; set; } = "";

    public List<ListingCountry> Countries { get; } = [];
    public List<ListingRegion> Regions { get; } = [];
    public List<ListingSector> Sectors { get; } = [];
    public List<ListingSdg> Sdgs { get; } = [];
    public List<ListingTranslation> Translations { get; } = [];
    /// <summary>The initiatives it draws on ("we offer what we learned in this initiative").</summary>
    public List<ListingInitiative> Initiatives { get; } = [];

    public bool IsPublished => Publication == PublicationState.Published;

    /// <summary>Published and not past its open-until date.</summary>
    public bool IsOpenOn(DateOnly today) => IsPublished && (OpenUntil is null || OpenUntil >= today);

    public void Touch(DateTime utcNow)
    {
        Version++;
        UpdatedAt = utcNow;
    }

    /// <summary>
    /// Takes what a form says of the offer or need: texts trimmed (empty ones as none), each list made exactly what is
    /// listed, once each, and what search looks in brought up to date.
    /// </summary>
    public void Apply(ListingContent content)
    {
        Kind = content.Kind;
        Form = content.Form;
        Title = content.Title.Trim();
        Description = content.Description.Trim();
        Language = content.Language;
        Themes = content.Themes.Distinct().Order().ToList();
        WorkingLanguages = content.WorkingLanguages.Distinct().Order(StringComparer.Ordinal).ToList();
        ContributionInKind = Clean(content.ContributionInKind);
        ContributionAmount = content.ContributionAmount;
        ContributionCurrency = content.ContributionAmount is null ? null : Clean(content.ContributionCurrency)?.ToUpperInvariant();
        DurationMonths = content.DurationMonths;
        OpenUntil = content.OpenUntil;
        Contact = Clean(content.Contact);
        Keep(Countries, content.Countries.Distinct(), (c, code) => c.CountryCode == code, code => new ListingCountry { CountryCode = code });
        Keep(Regions, content.Regions.Distinct(), (r, code) => r.RegionCode == code, code => new ListingRegion { RegionCode = code });
        Keep(Sectors, content.Sectors.Distinct(), (s, code) => s.SectorCode == code, code => new ListingSector { SectorCode = code });
        Keep(Sdgs, content.Sdgs.Distinct(), (s, goal) => s.GoalCode == goal, goal => new ListingSdg { GoalCode = goal });
        Keep(Initiatives, content.Initiatives.Distinct(), (i, id) => i.InitiativeId == id, id => new ListingInitiative { InitiativeId = id });
        var translations = content.Translations.Where(t => t.Language != Language).GroupBy(t => t.Language).Select(g => g.First()).ToList();
        Translations.RemoveAll(t => translations.All(n => n.Language != t.Language));
        foreach (var translation in translations)
        {
            if (Translations.FirstOrDefault(t => t.Language == translation.Language) is { } kept)
            {
                kept.Title = translation.Title.Trim();
                kept.Description = translation.Description.Trim();
            }
            else Translations.Add(new ListingTranslation { Language = translation.Language, Title = translation.Title.Trim(), Description = translation.Description.Trim() });
        }
        RefreshSearchText();
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static void Keep<TItem, TKey>(List<TItem> items, IEnumerable<TKey> wanted, Func<TItem, TKey, bool> same, Func<TKey, TItem> make)
    {
        var keys = wanted.ToList();
        items.RemoveAll(item => !keys.Any(key => same(item, key)));
        items.AddRange(keys.Where(key => !items.Any(item => same(item, key))).Select(make));
    }

    /// <summary>What search looks in: every title, then the descriptions and the contribution in kind, normalised (<see cref="SearchText"/>).</summary>
    public void RefreshSearchText()
    {
        SearchTitle = SearchText.Normalize(string.Join(" ", new[] { Title }.Concat(Translations.OrderBy(t => t.Language, StringComparer.Ordinal).Select(t => t.Title))));
        if (SearchTitle.Length > 2000) SearchTitle = SearchTitle[..2000];
        SearchBody = SearchText.Normalize(string.Join(" ", new[] { Description, ContributionInKind ?? "" }
            .Concat(Translations.OrderBy(t => t.Language, StringComparer.Ordinal).Select(t => t.Description))));
        if (SearchBody.Length > 60000) SearchBody = SearchBody[..60000];
    }

    /// <summary>What an offer or need must say before it is saved: a title, a description, consistent money, an open-until date from today on.</summary>
    public IReadOnlyList<RuleViolation> Check(DateOnly today)
    {
        var problems = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(Title)) problems.Add(new(nameof(Title), RuleCode.TitleRequired));
        if (string.IsNullOrWhiteSpace(Description)) problems.Add(new(nameof(Description), RuleCode.DescriptionRequired));
        if (ContributionAmount is { } amount)
        {
            if (amount <= 0 || amount >= InitiativeContribution.MaxAmount) problems.Add(new(nameof(ContributionAmount), RuleCode.AmountOutOfRange));
            if (ContributionCurrency is null) problems.Add(new(nameof(ContributionCurrency), RuleCode.AmountNeedsCurrency));
        }
        if (DurationMonths is { } months && (months < 1 || months > MaxDurationMonths)) problems.Add(new(nameof(DurationMonths), RuleCode.DurationOutOfRange));
        if (OpenUntil is null) problems.Add(new(nameof(OpenUntil), RuleCode.OpenUntilRequired));
        else if (OpenUntil < today) problems.Add(new(nameof(OpenUntil), RuleCode.OpenUntilInPast));
        else if (OpenUntil > today.AddYears(MaxOpenYears)) problems.Add(new(nameof(OpenUntil), RuleCode.OpenUntilTooFar));
        if (WorkingLanguages.Any(l => !Domain.WorkingLanguages.IsKnown(l))) problems.Add(new(nameof(WorkingLanguages), RuleCode.UnknownLanguage));
        return problems;
    }

    /// <summary>Makes it public; only a complete one, not held by a moderator, and still open.</summary>
    public void Publish(DateTime utcNow)
    {
        if (IsPublished) throw new RuleViolationException(nameof(Publication), RuleCode.AlreadyPublished);
        if (HeldByModerator) throw new RuleViolationException(nameof(HeldByModerator), RuleCode.HeldByModerator);
        if (Check(DateOnly.FromDateTime(utcNow)) is { Count: > 0 } problems) throw new RuleViolationException(problems);
        Publication = PublicationState.Published;
        PublishedAt = utcNow;
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

/// <summary>What a form (or the demonstration data) says of an offer or need, for <see cref="Listing.Apply"/>.</summary>
public sealed record ListingContent(
    ListingKind Kind, CooperationForm Form, string Title, string Description, string Language,
    IReadOnlyList<ThematicArea> Themes, IReadOnlyList<string> WorkingLanguages,
    string? ContributionInKind, decimal? ContributionAmount, string? ContributionCurrency, int? DurationMonths, DateOnly? OpenUntil, string? Contact,
    IReadOnlyList<string> Countries, IReadOnlyList<string> Regions, IReadOnlyList<string> Sectors, IReadOnlyList<int> Sdgs,
    IReadOnlyList<ListingTranslation> Translations, IReadOnlyList<int> Initiatives);

public class ListingCountry
{
    public int ListingId { get; set; }
    public required string CountryCode { get; set; }
}

public class ListingRegion
{
    public int ListingId { get; set; }
    public required string RegionCode { get; set; }
}

public class ListingSector
{
    public int ListingId { get; set; }
    public required string SectorCode { get; set; }
}

public class ListingSdg
{
    public int ListingId { get; set; }
    public int GoalCode { get; set; }
}

/// <summary>The title and description in another language than the one it was written in.</summary>
public class ListingTranslation
{
    public int ListingId { get; set; }
    public required string Language { get; set; }
    public required string Title { get; set; }
    public required string Description { get; set; }
}

public class ListingInitiative
{
    public int ListingId { get; set; }
    public int InitiativeId { get; set; }
    public Initiative? Initiative { get; set; }
}

public enum ConversationState
{
    Open = 1,
    Agreed = 2,
    Declined = 3,
    Withdrawn = 4,
}

/// <summary>
/// What follows "We are interested": a private conversation between the organisation that published an offer or need and
/// one interested organisation, seen by the members of both and by nobody else (moderators only once a side reports it).
/// One per offer or need and interested organisation. Messages are never edited; the conversation ends agreed, declined
/// (with a reason the other side reads) or withdrawn, and an agreed one may start an initiative.
/// </summary>
public class Conversation
{
    public const int MessageLength = 4000;
    public const int ReasonLength = 1000;

    public int Id { get; set; }
    public int ListingId { get; set; }
    public Listing? Listing { get; set; }
    /// <summary>The organisation that published the offer or need (kept here so that who may read is one row's business).</summary>
    public int ListingOwnerId { get; set; }
    public int InterestedId { get; set; }
    public Actor? Interested { get; set; }
    /// <summary>The interested organisation's own offer or need this answers (from a suggested match), if any.</summary>
    public int? CounterpartListingId { get; set; }
    public Listing? CounterpartListing { get; set; }

    public ConversationState State { get; private set; } = ConversationState.Open;
    public DateTime StartedAt { get; set; }
    public DateTime? ClosedAt { get; private set; }
    public int? ClosedById { get; private set; }
    public string? DeclineReason { get; private set; }

    public DateTime? ReportedAt { get; private set; }
    public int? ReportedById { get; private set; }
    public string? ReportReason { get; private set; }

    /// <summary>The initiative started from this conversation once agreed.</summary>
    public int? InitiativeId { get; private set; }

    /// <summary>Goes up with every change of state: two people closing at once cannot both win.</summary>
    public int Version { get; set; } = 1;

    public List<ConversationMessage> Messages { get; } = [];

    public bool IsOpen => State == ConversationState.Open;

    /// <summary>The other side of the conversation for one of its two organisations.</summary>
    public int OtherSide(int organisationId) => organisationId == ListingOwnerId ? InterestedId : ListingOwnerId;

    public bool IsParty(int organisationId) => organisationId == ListingOwnerId || organisationId == InterestedId;

    /// <summary>
    /// "We are interested": starts the conversation with its first message. Only in an offer or need that is open, and of
    /// another organisation; the counterpart, if given, must be the interested organisation's own.
    /// </summary>
    public static Conversation Start(Listing listing, int interestedId, Listing? counterpart, string userId, string? text, DateTime utcNow)
    {
        if (!listing.IsOpenOn(DateOnly.FromDateTime(utcNow))) throw new RuleViolationException(nameof(Listing), RuleCode.ListingNotOpen);
        if (listing.OwnerId == interestedId) throw new RuleViolationException(nameof(InterestedId), RuleCode.InterestInOwnListing);
        if (counterpart is not null && (counterpart.OwnerId != interestedId || counterpart.Id == listing.Id))
            throw new RuleViolationException(nameof(CounterpartListingId), RuleCode.NotYourListing);
        var conversation = new Conversation
        {
            ListingId = listing.Id, ListingOwnerId = listing.OwnerId, InterestedId = interestedId, CounterpartListingId = counterpart?.Id, StartedAt = utcNow,
        };
        conversation.Messages.Add(ConversationMessage.Write(interestedId, userId, text, utcNow));
        return conversation;
    }

    /// <summary>A message from one side; only while the conversation is open.</summary>
    public ConversationMessage Post(int organisationId, string userId, string? text, DateTime utcNow)
    {
        if (!IsParty(organisationId)) throw new RuleViolationException("Organisation", RuleCode.NotAParty);
        if (!IsOpen) throw new RuleViolationException(nameof(State), RuleCode.ConversationClosed);
        var message = ConversationMessage.Write(organisationId, userId, text, utcNow);
        message.ConversationId = Id;
        Messages.Add(message);
        return message;
    }

    /// <summary>Ends the conversation: agreed, declined (with an optional reason the other side reads) or withdrawn, by either side.</summary>
    public void Close(int organisationId, ConversationState outcome, string? reason, DateTime utcNow)
    {
        if (!IsParty(organisationId)) throw new RuleViolationException("Organisation", RuleCode.NotAParty);
        if (!IsOpen) throw new RuleViolationException(nameof(State), RuleCode.ConversationClosed);
        if (outcome == ConversationState.Open || !Enum.IsDefined(outcome)) throw new RuleViolationException(nameof(State), RuleCode.NotAnOutcome);
        var trimmed = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (trimmed is { Length: > ReasonLength }) throw new RuleViolationException(nameof(DeclineReason), RuleCode.ReasonTooLong);
        State = outcome;
        ClosedAt = utcNow;
        ClosedById = organisationId;
        DeclineReason = outcome == ConversationState.Declined ? trimmed : null;
        Version++;
    }

    /// <summary>One side asks the moderators to read the conversation (they cannot before): once.</summary>
    public void Report(int organisationId, string? reason, DateTime utcNow)
    {
        if (!IsParty(organisationId)) throw new RuleViolationException("Organisation", RuleCode.NotAParty);
        if (ReportedAt is not null) throw new RuleViolationException(nameof(ReportedAt), RuleCode.AlreadyReported);
        var trimmed = reason?.Trim();
        if (string.IsNullOrEmpty(trimmed)) throw new RuleViolationException(nameof(ReportReason), RuleCode.ReasonRequired);
        if (trimmed.Length > ReasonLength) throw new RuleViolationException(nameof(ReportReason), RuleCode.ReasonTooLong);
        ReportedAt = utcNow;
        ReportedById = organisationId;
        ReportReason = trimmed;
        Version++;
    }

    /// <summary>The initiative an agreed conversation started: once.</summary>
    public void StartedInitiative(int initiativeId)
    {
        if (State != ConversationState.Agreed) throw new RuleViolationException(nameof(State), RuleCode.NotAgreed);
        if (InitiativeId is not null) throw new RuleViolationException(nameof(InitiativeId), RuleCode.InitiativeAlreadyStarted);
        InitiativeId = initiativeId;
        Version++;
    }
}

/// <summary>One message in a conversation: plain text, never edited, said for an organisation by one of its members.</summary>
public class ConversationMessage
{
    public long Id { get; set; }
    public int ConversationId { get; set; }
    public int OrganisationId { get; set; }
    public string UserId { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTime SentAt { get; set; }

    public static ConversationMessage Write(int organisationId, string userId, string? text, DateTime utcNow)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed)) throw new RuleViolationException(nameof(Text), RuleCode.TextRequired);
        if (trimmed.Length > Conversation.MessageLength) throw new RuleViolationException(nameof(Text), RuleCode.TextTooLong);
        return new ConversationMessage { OrganisationId = organisationId, UserId = userId, Text = trimmed, SentAt = utcNow };
    }
}

/// <summary>How an offer and a need (or two two-way listings) fit each other: a documented score and what they share.</summary>
public static class ListingKinds
{
    /// <summary>Whether two kinds complement each other: an offer meets a need, and a two-way exchange meets anything.</summary>
    public static bool Complement(ListingKind a, ListingKind b) =>
        a == ListingKind.TwoWay || b == ListingKind.TwoWay || a != b;

    /// <summary>The kinds that complement <paramref name="kind"/>.</summary>
    public static IReadOnlyList<ListingKind> ComplementsOf(ListingKind kind) => kind switch
    {
        ListingKind.Offer => [ListingKind.Need, ListingKind.TwoWay],
        ListingKind.Need => [ListingKind.Offer, ListingKind.TwoWay],
        _ => [ListingKind.Offer, ListingKind.Need, ListingKind.TwoWay],
    };
}
