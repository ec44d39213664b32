using System.Text.RegularExpressions;
using System.Xml;

namespace SscPortal.Domain;

/// <summary>
/// How much a data-quality finding matters. <see cref="Critical"/>: the record would make the portal's IATI file invalid
/// (it breaks the IATI 2.03 schema or an IATI Validator error rule the export must meet), so it cannot be published.
/// <see cref="Warning"/>: the record is published but incomplete for data users (left out of the IATI file, missing
/// sectors, a broken link…). <see cref="Info"/>: worth improving (no translation, an assessment awaiting a response).
/// </summary>
public enum QualitySeverity
{
    Critical = 1,
    Warning = 2,
    Info = 3,
}

/// <summary>
/// The data-quality checks, each with a stable code (the enum's name) and the field of the record it concerns. The
/// documented set: <see cref="DataQuality.Rules"/>. The first group needs only the record (<see cref="DataQuality.Check"/>,
/// also run by <see cref="Initiative.Publish"/>); the last three need the database and are run by the web layer.
/// </summary>
public enum QualityCheck
{
    // Critical: the IATI file would be invalid.
    ActualDateInFuture = 1,
    EndBeforeStart = 2,
    CurrencyInvalid = 3,
    TitleNotWritable = 4,
    TranslationLanguageRepeated = 5,
    SectorCodeInvalid = 6,
    LinkMalformed = 7,

    // Warnings: published, but incomplete.
    MissingActualEnd = 20,
    MissingSectors = 21,
    MissingSdgs = 22,
    MoneyWithoutPeriod = 23,
    NoRecipientCountry = 24,
    LeftOutOfIatiFile = 26,
    BrokenLink = 27,

    // Info: worth improving.
    UntranslatedTitle = 40,
    AssessmentWithoutResponse = 41,
}

/// <summary>One documented check: its severity and the field of the initiative's edit form it concerns.</summary>
public sealed record QualityRule(QualityCheck Check, QualitySeverity Severity, string Field);

/// <summary>
/// One finding on one record: the check, how much it matters, the field (a property of <see cref="Initiative"/>, with
/// <see cref="Item"/> the index in its list when it is about one item, such as the second link) and, where useful, what
/// was found (a currency code, a link's address).
/// </summary>
public sealed record QualityFinding(QualityCheck Check, QualitySeverity Severity, string Field, int? Item = null, string? Detail = null);

/// <summary>What the record-level checks read of an initiative: built from the domain object or from a query's projection.</summary>
public sealed record QualityFacts(
    string Title, string Language, ActivityStatus Status,
    DateOnly? PlannedStart, DateOnly? PlannedEnd, DateOnly? ActualStart, DateOnly? ActualEnd,
    IReadOnlyList<(string Language, string Title)> Translations,
    IReadOnlyList<string> Sectors, int Goals, int RecipientCountries,
    IReadOnlyList<(ContributionKind Kind, decimal? Amount, string? Currency)> Contributions,
    IReadOnlyList<string> Links)
{
    public static QualityFacts Of(Initiative initiative) => new(
        initiative.Title, initiative.Language, initiative.Status,
        initiative.PlannedStart, initiative.PlannedEnd, initiative.ActualStart, initiative.ActualEnd,
        initiative.Translations.Select(t => (t.Language, t.Title)).ToList(),
        initiative.Sectors.Select(s => s.SectorCode).ToList(), initiative.Sdgs.Count,
        initiative.Countries.Count(c => c.Role is CountryRole.Recipient or CountryRole.Both),
        initiative.Contributions.Select(c => (c.Kind, c.Amount, c.Currency)).ToList(),
        initiative.Links.OrderBy(l => l.Id).Select(l => l.Url).ToList());
}

/// <summary>
/// The data-quality checks that need nothing but the record, and the score. Pure: the same answers for
/// <see cref="Initiative.Publish"/> (which refuses a record with a <see cref="QualitySeverity.Critical"/> finding) and for
/// the data-quality pages (which add the checks that need the database: broken links, the IATI reporter, assessments).
/// <para>
/// Score of a record: 100 minus <see cref="CriticalWeight"/> per critical finding, <see cref="WarningWeight"/> per warning and
/// <see cref="InfoWeight"/> per info, never below 0. An organisation's score is the mean of its records' scores, rounded.
/// </para>
/// </summary>
public static partial class DataQuality
{
    public const int CriticalWeight = 40;
    public const int WarningWeight = 10;
    public const int InfoWeight = 2;

    /// <summary>Every check, in the order the pages list them.</summary>
    public static readonly IReadOnlyList<QualityRule> Rules =
    [
        new(QualityCheck.ActualDateInFuture, QualitySeverity.Critical, nameof(Initiative.ActualStart)),
        new(QualityCheck.EndBeforeStart, QualitySeverity.Critical, nameof(Initiative.PlannedEnd)),
        new(QualityCheck.CurrencyInvalid, QualitySeverity.Critical, nameof(Initiative.Contributions)),
        new(QualityCheck.TitleNotWritable, QualitySeverity.Critical, nameof(Initiative.Title)),
        new(QualityCheck.TranslationLanguageRepeated, QualitySeverity.Critical, nameof(Initiative.Translations)),
        new(QualityCheck.SectorCodeInvalid, QualitySeverity.Critical, nameof(Initiative.Sectors)),
        new(QualityCheck.MissingActualEnd, QualitySeverity.Warning, nameof(Initiative.ActualEnd)),
        new(QualityCheck.MissingSectors, QualitySeverity.Warning, nameof(Initiative.Sectors)),
        new(QualityCheck.MissingSdgs, QualitySeverity.Warning, nameof(Initiative.Sdgs)),
        new(QualityCheck.MoneyWithoutPeriod, QualitySeverity.Warning, nameof(Initiative.PlannedStart)),
        new(QualityCheck.NoRecipientCountry, QualitySeverity.Warning, nameof(Initiative.Countries)),
        // Links are written to the IATI file as document-links: one that is no web address would break it.
        new(QualityCheck.LinkMalformed, QualitySeverity.Critical, nameof(Initiative.Links)),
        new(QualityCheck.LeftOutOfIatiFile, QualitySeverity.Warning, nameof(Initiative.Owner)),
        new(QualityCheck.BrokenLink, QualitySeverity.Warning, nameof(Initiative.Links)),
        new(QualityCheck.UntranslatedTitle, QualitySeverity.Info, nameof(Initiative.Translations)),
        new(QualityCheck.AssessmentWithoutResponse, QualitySeverity.Info, "Assessments"),
    ];

    private static readonly Dictionary<QualityCheck, QualityRule> ByCheck = Rules.ToDictionary(r => r.Check);

    public static QualityRule RuleOf(QualityCheck check) => ByCheck[check];

    /// <summary>A finding of the check, at its documented severity, about the field given (its rule's field by default).</summary>
    public static QualityFinding Finding(QualityCheck check, string? field = null, int? item = null, string? detail = null) =>
        new(check, ByCheck[check].Severity, field ?? ByCheck[check].Field, item, detail);

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyCode();

    [GeneratedRegex("^[0-9]{5}$")]
    private static partial Regex DacSectorCode();

    /// <summary>The record-level findings (no database needed), in the order of <see cref="Rules"/>.</summary>
    public static IReadOnlyList<QualityFinding> Check(QualityFacts record, DateOnly today)
    {
        var findings = new List<QualityFinding>();

        // activity-date: IATI Validator rule 3.2.x (error): an actual date (type 2 or 4) is not in the future.
        if (record.ActualStart > today) findings.Add(Finding(QualityCheck.ActualDateInFuture, nameof(Initiative.ActualStart)));
        if (record.ActualEnd > today) findings.Add(Finding(QualityCheck.ActualDateInFuture, nameof(Initiative.ActualEnd)));
        // activity-date: an end date is not before its start (Validator error rules on planned and actual dates).
        if (record is { PlannedStart: { } ps, PlannedEnd: { } pe } && pe < ps) findings.Add(Finding(QualityCheck.EndBeforeStart, nameof(Initiative.PlannedEnd)));
        if (record is { ActualStart: { } @as, ActualEnd: { } ae } && ae < @as) findings.Add(Finding(QualityCheck.EndBeforeStart, nameof(Initiative.ActualEnd)));
        // value/@currency: every money value names an ISO 4217 currency (Validator rule 7.8.1, and the Currency code list).
        for (var i = 0; i < record.Contributions.Count; i++)
        {
            var (kind, amount, currency) = record.Contributions[i];
            if (kind == ContributionKind.Money && amount is not null && (currency is null || !CurrencyCode().IsMatch(currency)))
                findings.Add(Finding(QualityCheck.CurrencyInvalid, item: i, detail: currency));
        }
        // title/narrative: a title with text once characters XML cannot carry are left out (an empty narrative is an error).
        if (!HasWritableText(record.Title)) findings.Add(Finding(QualityCheck.TitleNotWritable));
        for (var i = 0; i < record.Translations.Count; i++)
            if (!HasWritableText(record.Translations[i].Title)) findings.Add(Finding(QualityCheck.TitleNotWritable, nameof(Initiative.Translations), i));
        // narrative/@xml:lang: no two narratives of an element in the same language (the original is in the record's language).
        var languages = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { record.Language };
        for (var i = 0; i < record.Translations.Count; i++)
            if (!languages.Add(record.Translations[i].Language))
                findings.Add(Finding(QualityCheck.TranslationLanguageRepeated, item: i, detail: record.Translations[i].Language));
        // sector/@code with vocabulary 1: a five-digit OECD-DAC purpose code (Sector code list).
        foreach (var sector in record.Sectors.Where(s => !DacSectorCode().IsMatch(s)))
            findings.Add(Finding(QualityCheck.SectorCodeInvalid, detail: sector));

        if (InitiativeRules.LacksActualEnd(record.Status, record.ActualEnd)) findings.Add(Finding(QualityCheck.MissingActualEnd));
        if (record.Sectors.Count == 0) findings.Add(Finding(QualityCheck.MissingSectors));
        if (record.Goals == 0) findings.Add(Finding(QualityCheck.MissingSdgs));
        if (HasMoney(record) && !HasPeriod(record)) findings.Add(Finding(QualityCheck.MoneyWithoutPeriod));
        if (record.RecipientCountries == 0) findings.Add(Finding(QualityCheck.NoRecipientCountry));
        for (var i = 0; i < record.Links.Count; i++)
            if (!IsWebAddress(record.Links[i])) findings.Add(Finding(QualityCheck.LinkMalformed, $"{nameof(Initiative.Links)}[{i}].Url", i, record.Links[i]));
        if (!record.Translations.Any(t => !string.Equals(t.Language, record.Language, StringComparison.OrdinalIgnoreCase) && HasWritableText(t.Title)))
            findings.Add(Finding(QualityCheck.UntranslatedTitle));
        return findings;
    }

    /// <summary>Only the critical findings: what stops a record from being published.</summary>
    public static IReadOnlyList<QualityFinding> Critical(QualityFacts record, DateOnly today) =>
        Check(record, today).Where(f => f.Severity == QualitySeverity.Critical).ToList();

    /// <summary>A record's score, 0–100 (see the class).</summary>
    public static int Score(IEnumerable<QualityFinding> findings) =>
        Math.Max(0, 100 - findings.Sum(f => f.Severity switch
        {
            QualitySeverity.Critical => CriticalWeight,
            QualitySeverity.Warning => WarningWeight,
            _ => InfoWeight,
        }));

    /// <summary>An organisation's score: the mean of its records' scores, rounded; null without records.</summary>
    public static int? OrganisationScore(IReadOnlyCollection<int> recordScores) =>
        recordScores.Count == 0 ? null : (int)Math.Round(recordScores.Average(), MidpointRounding.AwayFromZero);

    /// <summary>Money in the record: a money contribution with an amount.</summary>
    public static bool HasMoney(QualityFacts record) => record.Contributions.Any(c => c.Kind == ContributionKind.Money && c.Amount is not null);

    /// <summary>Whether the IATI file can give the money a period: a start and an end (planned or actual), the end not before the start.</summary>
    public static bool HasPeriod(QualityFacts record) =>
        (record.PlannedStart ?? record.ActualStart) is { } start && (record.PlannedEnd ?? record.ActualEnd) is { } end && end >= start;

    /// <summary>An absolute http or https address with a host: what a document-link's url must be for readers to follow it.</summary>
    public static bool IsWebAddress(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.Host.Length > 0 && !url.Any(char.IsWhiteSpace);

    private static bool HasWritableText(string text) => text.Any(c => XmlConvert.IsXmlChar(c) && !char.IsWhiteSpace(c));
}
