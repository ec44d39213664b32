using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using SscPortal.Domain;

namespace SscPortal.Web.Import;

/// <summary>
/// Reads an IATI activity file (2.01, 2.02 or 2.03) as a stream, one <c>iati-activity</c> at a time, and says for each what
/// it becomes in the portal (<see cref="ImportedActivity"/>) or why it cannot be imported.
/// <para>
/// Safe with any upload: the file is read by an <see cref="XmlReader"/> that refuses a DOCTYPE (so no entity is ever
/// expanded: no external entity, no billion laughs), resolves nothing (no XmlResolver), expands no entity text and stops at
/// <see cref="ImportContext.MaxCharacters"/>. Only one activity is ever held in memory (as an <see cref="XElement"/>), so
/// memory stays flat however large the file (bench/import-memory.sh).
/// </para>
/// <para>
/// Validated as it is read against the official IATI 2.03 schema (<see cref="IatiSchema"/>): a schema error belongs to the
/// activity it occurs in, which is refused (SchemaInvalid, with the line and the schema's message) while the others stay
/// importable. IATI 2.01 and 2.02 files are validated against the 2.03 schema as well: 2.03 only added optional elements
/// and attributes (tag, budget/@status, @budget-not-provided, participating-org/@crs-channel-code, document-link inside
/// results…) and relaxed others (default-aid-type and result baselines may repeat, indicator target/actual @value became
/// optional), in the same element order, so every activity valid under 2.01 or 2.02 is valid under 2.03
/// (IatiImportFileTests checks a 2.02 file). The elements whose meaning changed are read as each version means them: a
/// 2.01/2.02 <c>description</c> without @type is the general description (type 1) as in 2.03; sector vocabularies 7 and 8
/// (SDG goals and targets) exist since 2.02, tags since 2.03, and are simply absent from older files.
/// </para>
/// </summary>
public static class IatiFileReader
{
    public static readonly IReadOnlyList<string> SupportedVersions = ["2.01", "2.02", "2.03"];

    /// <summary>The languages the portal keeps a record in.</summary>
    public static readonly IReadOnlySet<string> PortalLanguages = new HashSet<string>(StringComparer.Ordinal) { "en", "es", "pt", "fr" };

    // The portal's limits (InitiativeConfiguration, InitiativeTranslation, InitiativeLink).
    public const int TitleLength = 300, SummaryLength = 2000, DescriptionLength = 20000, ObjectivesLength = 4000, LinkTitleLength = 300, LinkUrlLength = 500;

    /// <summary>What the portal's own export writes as the link to the record an activity was exported from (not imported).</summary>
    public const string PortalRecordLinkTitle = OpenData.IatiActivities.PortalRecordTitle;

    /// <summary>The activity's elements the portal reads; any other is named once in an ElementNotKept warning.</summary>
    private static readonly HashSet<string> Mapped = new(StringComparer.Ordinal)
    {
        "iati-identifier", "reporting-org", "title", "description", "participating-org", "activity-status", "activity-date", "recipient-country",
        "recipient-region", "location", "sector", "tag", "collaboration-type", "budget", "planned-disbursement", "transaction", "document-link",
    };

    private static readonly XNamespace Xml = XNamespace.Xml;

    // The reader's own words for its two refusals that are not "this is not XML", learnt from the reader itself (so they
    // hold in whatever language the runtime speaks): a DOCTYPE, and a document longer than allowed.
    private static readonly string DtdMessage = Probe("<!DOCTYPE a []><a/>", new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
    private static readonly string LimitMessage = Probe("<a>too long</a>", new XmlReaderSettings { MaxCharactersInDocument = 5 });

    /// <summary>Settings that make an XmlReader safe with any upload (see the class).</summary>
    public static XmlReaderSettings SecureSettings(long maxCharacters) => new()
    {
        Async = true,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        MaxCharactersInDocument = maxCharacters,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };

    /// <summary>
    /// The activities of one file, numbered from <paramref name="firstPosition"/>. Throws <see cref="ImportFileException"/>
    /// when the whole file is refused (before any activity when it is not XML, has a DOCTYPE, is not an IATI activity file
    /// or of an unsupported version; mid-way when it turns out broken or too large: then what was already read must be
    /// discarded with it).
    /// </summary>
    public static async IAsyncEnumerable<ReadActivity> ReadAsync(Stream file, ImportContext context, int firstPosition, [EnumeratorCancellation] CancellationToken ct)
    {
        var settings = SecureSettings(context.MaxCharacters);
        settings.ValidationType = ValidationType.Schema;
        settings.Schemas = IatiSchema.Schemas;
        // Default flags: no inline schema, no schemaLocation followed (a file cannot bring its own schema).
        settings.ValidationFlags = XmlSchemaValidationFlags.AllowXmlAttributes | XmlSchemaValidationFlags.ProcessIdentityConstraints;
        var pending = new List<ImportProblem>();
        List<ImportProblem>? current = null;
        settings.ValidationEventHandler += (_, e) =>
        {
            if (e.Severity != XmlSeverityType.Error) return;
            (current ?? pending).Add(new ImportProblem(ImportProblemCode.SchemaInvalid, e.Exception?.LineNumber ?? 0, e.Message));
        };

        using var reader = Create(file, settings);
        var lines = (IXmlLineInfo)reader;
        // The root: an iati-activities element of a supported version, or the whole file is refused.
        while (true)
        {
            if (!await ReadAsync(reader, rootSeen: false)) throw Refuse(ImportProblemCode.NotXml, lines.LineNumber, "no element");
            if (reader.NodeType == XmlNodeType.Element) break;
        }
        if (reader.LocalName != "iati-activities" || reader.NamespaceURI.Length != 0)
            throw Refuse(ImportProblemCode.NotActivityFile, lines.LineNumber, reader.Name);
        var version = reader.GetAttribute("version")?.Trim();
        if (version is null || !SupportedVersions.Contains(version))
            throw Refuse(ImportProblemCode.UnsupportedVersion, lines.LineNumber, version ?? "");
        if (!context.Versions.Contains(version)) context.Versions.Add(version);
        var fileLanguage = reader.GetAttribute("xml:lang");
        pending.Clear();

        var position = firstPosition;
        while (await ReadAsync(reader, rootSeen: true))
        {
            if (reader.NodeType != XmlNodeType.Element || reader.Depth != 1) continue;
            if (reader.LocalName != "iati-activity" || reader.NamespaceURI.Length != 0)
            {
                pending.Clear();   // another element beside the activities (an extension): not read
                continue;
            }
            if (++context.ActivityCount > context.MaxActivities)
                throw Refuse(ImportProblemCode.TooManyActivities, lines.LineNumber, context.MaxActivities.ToString(CultureInfo.InvariantCulture));
            var line = lines.LineNumber;
            // Schema errors already raised on the activity's start tag (its attributes, its place), then those inside it.
            var errors = new List<ImportProblem>(pending);
            pending.Clear();
            current = errors;
            XElement element;
            using (var subtree = reader.ReadSubtree())
                element = await LoadAsync(subtree, ct);
            current = null;
            yield return Read(element, line, position++, fileLanguage, errors, context);
        }
    }

    private static XmlReader Create(Stream file, XmlReaderSettings settings)
    {
        try { return XmlReader.Create(file, settings); }
        catch (XmlException e) { throw Refusal(e, rootSeen: false); }
    }

    private static async Task<bool> ReadAsync(XmlReader reader, bool rootSeen)
    {
        try { return await reader.ReadAsync(); }
        catch (XmlException e) { throw Refusal(e, rootSeen); }
        catch (DecoderFallbackException) { throw Refuse(ImportProblemCode.NotXml, ((IXmlLineInfo)reader).LineNumber, "not text"); }
    }

    private static async Task<XElement> LoadAsync(XmlReader subtree, CancellationToken ct)
    {
        try { return await XElement.LoadAsync(subtree, LoadOptions.SetLineInfo, ct); }
        catch (XmlException e) { throw Refusal(e, rootSeen: true); }
        catch (DecoderFallbackException) { throw Refuse(ImportProblemCode.NotXml, ((IXmlLineInfo)subtree).LineNumber, "not text"); }
    }

    private static ImportFileException Refusal(XmlException e, bool rootSeen)
    {
        var code = Same(e.Message, DtdMessage) ? ImportProblemCode.DoctypeRefused
            : Same(e.Message, LimitMessage) ? ImportProblemCode.FileTooLarge
            : ImportProblemCode.NotXml;
        return Refuse(code, e.LineNumber, rootSeen && code == ImportProblemCode.NotXml ? "broken after the start: " + e.Message : e.Message);
    }

    private static ImportFileException Refuse(ImportProblemCode code, int line, string? detail) => new(new ImportProblem(code, line, detail));

    private static bool Same(string message, string probe) => probe.Length > 0 && message.StartsWith(FirstSentence(probe), StringComparison.Ordinal);
    private static string FirstSentence(string message) => message.IndexOf(". ", StringComparison.Ordinal) is var end and > 0 ? message[..end] : message;

    private static string Probe(string xml, XmlReaderSettings settings)
    {
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            while (reader.Read()) { }
        }
        catch (XmlException e) { return e.Message; }
        return "";
    }

    // ---------------------------------------------------------------- one activity

    private sealed class Problems(int fallbackLine)
    {
        public List<ImportProblem> Errors { get; } = [];
        public List<ImportProblem> Warnings { get; } = [];
        private readonly HashSet<(ImportProblemCode, string?)> _warned = [];

        public void Error(ImportProblemCode code, XObject? at, string? detail) => Errors.Add(new(code, LineOf(at, fallbackLine), detail));

        /// <summary>A warning, said once per code and detail (an element name, a language) however often it occurs.</summary>
        public void Warn(ImportProblemCode code, XObject? at, string? detail)
        {
            if (_warned.Add((code, detail))) Warnings.Add(new(code, LineOf(at, fallbackLine), detail));
        }
    }

    private static int LineOf(XObject? node, int fallback) => node is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : fallback;

    private static ReadActivity Read(XElement a, int line, int position, string? fileLanguage, List<ImportProblem> schemaErrors, ImportContext context)
    {
        var problems = new Problems(line);
        problems.Errors.AddRange(schemaErrors);
        var activity = Map(a, fileLanguage, context, problems);
        var errors = problems.Errors.OrderBy(e => e.Line).ToList();
        return new ReadActivity(position, line, activity.Identifier, activity.Title ?? "", errors, problems.Warnings, errors.Count == 0 ? activity : null);
    }

    private static ImportedActivity Map(XElement a, string? fileLanguage, ImportContext context, Problems problems)
    {
        var declared = ((string?)a.Attribute(Xml + "lang") ?? fileLanguage)?.Trim().ToLowerInvariant();
        var language = declared is not null && PortalLanguages.Contains(declared) ? declared : "en";
        if (declared is not null && !PortalLanguages.Contains(declared))
            problems.Warn(ImportProblemCode.LanguageNotKept, a, declared);
        var result = new ImportedActivity { Language = language };

        // Identifier, and who reports the activity.
        var identifierElement = a.Element("iati-identifier");
        result.Identifier = identifierElement?.Value.Trim() ?? "";
        var reporting = a.Element("reporting-org");
        var reportingRef = ((string?)reporting?.Attribute("ref"))?.Trim() ?? "";
        if (reporting is not null)
            result.ReportingOrganisation = new ImportedOrganisation(reportingRef.Length > 0 ? reportingRef : null,
                Text(reporting, language) ?? reportingRef, Int(reporting.Attribute("type")), (string?)reporting.Attribute("secondary-reporter") is "1" or "true");
        CheckIdentity(result.Identifier, reportingRef, identifierElement ?? (XObject)a, reporting, context, problems);

        // Languages the portal does not keep, once each.
        foreach (var narrative in a.Descendants("narrative"))
            if (((string?)narrative.Attribute(Xml + "lang"))?.Trim().ToLowerInvariant() is { } other && !PortalLanguages.Contains(other))
                problems.Warn(ImportProblemCode.LanguageNotKept, narrative, other);

        MapTexts(a, result, language, problems);
        MapParticipants(a, result, language);
        MapStatusAndDates(a, result, context, problems);
        MapPlaces(a, result, language, context, problems);
        MapClassifications(a, result, context, problems);
        if (a.Elements("collaboration-type").Any(c => ((string?)c.Attribute("code"))?.Trim() == "8")) result.Modality = Modality.Triangular;
        MapMoney(a, result, language, context, problems);
        MapLinks(a, result, language, problems);

        foreach (var other in a.Elements().Where(e => e.Name.NamespaceName.Length > 0 || !Mapped.Contains(e.Name.LocalName)))
            problems.Warn(ImportProblemCode.ElementNotKept, other, other.Name.NamespaceName.Length > 0 ? other.Name.ToString() : other.Name.LocalName);
        return result;
    }

    private static void CheckIdentity(string identifier, string reportingRef, XObject at, XElement? reporting, ImportContext context, Problems problems)
    {
        if (identifier.Length == 0) problems.Error(ImportProblemCode.IdentifierMissing, at, null);
        else
        {
            if (identifier.Length > IatiImportActivity.IdentifierLength)
                problems.Error(ImportProblemCode.TextTooLong, at, $"iati-identifier {IatiImportActivity.IdentifierLength.ToString(CultureInfo.InvariantCulture)}");
            if (!context.SeenIdentifiers.Add(identifier)) problems.Error(ImportProblemCode.IdentifierRepeated, at, identifier);
        }
        // The reporting organisation must be the importing organisation, known by the identifier it recorded: an activity
        // reported by someone else is theirs to publish (the Detail says where the owner records its identifier).
        if (context.OwnerIatiIdentifier is null)
            problems.Error(ImportProblemCode.ReportingOrganisationNotYours, reporting ?? at,
                $"reporting-org \"{reportingRef}\": {context.OwnerName} has recorded no IATI organisation identifier; record it at {context.IdentifierPage}");
        else if (!string.Equals(reportingRef, context.OwnerIatiIdentifier, StringComparison.Ordinal))
            problems.Error(ImportProblemCode.ReportingOrganisationNotYours, reporting ?? at,
                $"reporting-org \"{reportingRef}\" is not the identifier {context.OwnerName} recorded (\"{context.OwnerIatiIdentifier}\"); if it is yours, record it at {context.IdentifierPage}");
        // IATI rule 1.1.21: the activity identifier begins with its reporting organisation's identifier. An error, not a
        // warning: the portal reports an imported activity under its identifier only when it begins with the owner's
        // identifier and a hyphen (IatiActivities), so an activity that does not would be published under another one.
        if (identifier.Length > 0 && reportingRef.Length > 0 && !identifier.StartsWith(reportingRef + "-", StringComparison.Ordinal))
            problems.Error(ImportProblemCode.IdentifierNotOfReporter, at, $"{identifier} does not begin with {reportingRef}-");
    }

    private static void MapTexts(XElement a, ImportedActivity result, string language, Problems problems)
    {
        var title = a.Element("title");
        result.Title = Text(title, language);
        if (result.Title is null) problems.Error(ImportProblemCode.TitleMissing, title ?? (XObject)a, null);
        else if (result.Title.Length > TitleLength)
            problems.Error(ImportProblemCode.TextTooLong, title, $"title {TitleLength.ToString(CultureInfo.InvariantCulture)}");

        // A description without @type is the general one (type 1, IATI's default in every 2.0x version).
        var descriptions = a.Elements("description").ToLookup(d => ((string?)d.Attribute("type"))?.Trim() ?? "1");
        var general = descriptions["1"].FirstOrDefault();
        if (Text(general, language) is { } text)
        {
            // The summary is the first paragraph (the portal's export writes the summary, a blank line, the description),
            // the rest the description: "" when there is none, so that importing over a record clears its old one.
            var (summary, rest) = SplitParagraph(text);
            if (summary.Length > SummaryLength)
            {
                // Refusing an activity for a long first paragraph would be harsh: the summary is shortened at a word and the
                // whole text kept as the description, so nothing is lost.
                problems.Warn(ImportProblemCode.SummaryShortened, general, "description");
                (summary, rest) = (Shorten(summary, SummaryLength), text);
            }
            result.Summary = summary;
            result.Description = rest;
            if (rest.Length > DescriptionLength)
                problems.Error(ImportProblemCode.TextTooLong, general, $"description {DescriptionLength.ToString(CultureInfo.InvariantCulture)}");
        }
        var objectives = descriptions["2"].FirstOrDefault();
        if (Text(objectives, language) is { } goals)
        {
            result.Objectives = goals;
            if (goals.Length > ObjectivesLength)
                problems.Error(ImportProblemCode.TextTooLong, objectives, $"objectives {ObjectivesLength.ToString(CultureInfo.InvariantCulture)}");
        }
        foreach (var other in descriptions.Where(d => d.Key is not "1" and not "2"))
            problems.Warn(ImportProblemCode.ElementNotKept, other.First(), $"description type {other.Key}");

        // Titles and summaries in the portal's other languages.
        var translations = new List<ImportedTranslation>();
        foreach (var other in PortalLanguages.Where(l => l != language).Order(StringComparer.Ordinal))
        {
            var otherTitle = Narrative(title, other, language);
            var otherSummary = Narrative(general, other, language);
            if (otherTitle is null && otherSummary is null) continue;
            if (otherTitle is { Length: > TitleLength })
                problems.Error(ImportProblemCode.TextTooLong, title, $"title ({other}) {TitleLength.ToString(CultureInfo.InvariantCulture)}");
            if (otherSummary is { Length: > SummaryLength })
            {
                problems.Warn(ImportProblemCode.SummaryShortened, general, $"description ({other})");
                otherSummary = Shorten(SplitParagraph(otherSummary).First, SummaryLength);
            }
            translations.Add(new ImportedTranslation(other, otherTitle, otherSummary));
        }
        if (translations.Count > 0) result.Translations = translations;
    }

    private static void MapParticipants(XElement a, ImportedActivity result, string language)
    {
        var participants = new List<ImportedParticipant>();
        foreach (var p in a.Elements("participating-org"))
        {
            if (Organisation(p, language) is not { } organisation) continue;
            var role = Int(p.Attribute("role")) is { } code and >= 1 and <= 4 ? code : 4;
            participants.Add(new ImportedParticipant(organisation, role));
        }
        if (a.Elements("participating-org").Any()) result.Participants = participants;
    }

    private static void MapStatusAndDates(XElement a, ImportedActivity result, ImportContext context, Problems problems)
    {
        if (Int(a.Element("activity-status")?.Attribute("code")) is { } status && Enum.IsDefined((ActivityStatus)status))
            result.Status = (ActivityStatus)status;
        foreach (var date in a.Elements("activity-date"))
        {
            if (Date(date.Attribute("iso-date")) is not { } day) continue;
            switch (((string?)date.Attribute("type"))?.Trim())
            {
                case "1": result.PlannedStart ??= day; break;
                case "2": result.ActualStart ??= day; break;
                case "3": result.PlannedEnd ??= day; break;
                case "4": result.ActualEnd ??= day; break;
            }
        }
        // The rules a record's dates follow in the portal (InitiativeRules): ends not before starts, actual dates not to come.
        var at = a.Element("activity-date") ?? (XObject)a;
        if (result.PlannedStart is { } ps && result.PlannedEnd is { } pe && pe < ps) problems.Error(ImportProblemCode.DatesInconsistent, at, "planned end before planned start");
        if (result.ActualStart is { } s && result.ActualEnd is { } e && e < s) problems.Error(ImportProblemCode.DatesInconsistent, at, "actual end before actual start");
        if (result.ActualStart > context.Today) problems.Error(ImportProblemCode.DatesInconsistent, at, "actual start in the future");
        if (result.ActualEnd > context.Today) problems.Error(ImportProblemCode.DatesInconsistent, at, "actual end in the future");
    }

    private static void MapPlaces(XElement a, ImportedActivity result, string language, ImportContext context, Problems problems)
    {
        if (a.Elements("recipient-country").Any())
        {
            result.RecipientCountries = [];
            foreach (var country in a.Elements("recipient-country"))
            {
                var code = Code(country);
                if (code is null || !context.Countries.Contains(code)) problems.Error(ImportProblemCode.UnknownCode, country, $"recipient-country {code}");
                else if (!result.RecipientCountries.Contains(code)) result.RecipientCountries.Add(code);
            }
        }
        if (a.Elements("recipient-region").Any())
        {
            result.RecipientRegions = [];
            foreach (var region in a.Elements("recipient-region"))
                if (Code(region) is { } code)
                    result.RecipientRegions.Add(new ImportedRegion(code, ((string?)region.Attribute("vocabulary"))?.Trim() ?? "1", Text(region, language)));
            problems.Warn(ImportProblemCode.RegionNotRecorded, a.Element("recipient-region"), string.Join(", ", result.RecipientRegions.Select(r => r.Code)));
        }
        if (!a.Elements("location").Any()) return;
        result.Locations = [];
        foreach (var location in a.Elements("location"))
        {
            if (Location(location, language, result.RecipientCountries, context) is { } read) result.Locations.Add(read);
            else problems.Warn(ImportProblemCode.ElementNotKept, location, "location");
        }
    }

    /// <summary>
    /// A location as the export writes it: its name "Place, Region" (or the region alone for a region), for a point
    /// <c>pos</c> "latitude longitude" with exactness 1; location-class 1 (or an ADM feature) is a region, anything else
    /// named a municipality or place. Its country is an <c>administrative</c> of vocabulary A4 (ISO 3166-1 alpha-2) when
    /// given, else the activity's only recipient country. Null when it cannot be a portal location.
    /// </summary>
    private static ImportedLocation? Location(XElement location, string language, List<string>? recipients, ImportContext context)
    {
        var country = location.Elements("administrative").FirstOrDefault(x => ((string?)x.Attribute("vocabulary"))?.Trim() == "A4") is { } administrative
            ? Code(administrative) : recipients is [var only] ? only : null;
        if (country is null || !context.Countries.Contains(country)) return null;
        var name = Text(location.Element("name"), language);
        if (name is not null && (!InitiativeLocation.IsPlainName(name) || name.Length > InitiativeLocation.NameLength * 2 + 2)) return null;
        var exact = ((string?)location.Element("exactness")?.Attribute("code"))?.Trim() != "2";
        var locationClass = ((string?)location.Element("location-class")?.Attribute("code"))?.Trim();
        var feature = ((string?)location.Element("feature-designation")?.Attribute("code"))?.Trim() ?? "";
        var pos = location.Element("point")?.Element("pos")?.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (pos is [var lat, var lon] && exact
            && double.TryParse(lat, NumberStyles.Float, CultureInfo.InvariantCulture, out var latitude) && latitude is >= -90 and <= 90
            && double.TryParse(lon, NumberStyles.Float, CultureInfo.InvariantCulture, out var longitude) && longitude is >= -180 and <= 180)
        {
            var (place, region) = PlaceAndRegion(name);
            return Fits(place, region) ? new ImportedLocation(country, LocationPrecision.Point, region, place, latitude, longitude) : null;
        }
        if (name is null) return null;
        if (locationClass == "1" || feature.StartsWith("ADM", StringComparison.Ordinal))
            return name.Length <= InitiativeLocation.NameLength ? new ImportedLocation(country, LocationPrecision.Region, name, null, null, null) : null;
        var (town, area) = PlaceAndRegion(name);
        return town is not null && Fits(town, area) ? new ImportedLocation(country, LocationPrecision.Municipality, area, town, null, null) : null;

        static bool Fits(string? place, string? region) => (place?.Length ?? 0) <= InitiativeLocation.NameLength && (region?.Length ?? 0) <= InitiativeLocation.NameLength;
    }

    /// <summary>"Place, Region" as the export joins them: cut at the last comma.</summary>
    private static (string? Place, string? Region) PlaceAndRegion(string? name)
    {
        if (name is null) return (null, null);
        var comma = name.LastIndexOf(", ", StringComparison.Ordinal);
        return comma > 0 ? (name[..comma].Trim(), name[(comma + 2)..].Trim() is { Length: > 0 } region ? region : null) : (name, null);
    }

    private static void MapClassifications(XElement a, ImportedActivity result, ImportContext context, Problems problems)
    {
        var sectors = new List<string>();
        var goals = new List<int>();
        var targets = new List<string>();
        bool saidSectors = false, saidSdgs = false;
        void Goal(string? code, XElement at)
        {
            saidSdgs = true;
            if (int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var goal) && context.Goals.Contains(goal)) { if (!goals.Contains(goal)) goals.Add(goal); }
            else problems.Error(ImportProblemCode.UnknownCode, at, $"SDG goal {code}");
        }
        void Target(string? code, XElement at)
        {
            saidSdgs = true;
            if (code is not null && context.Targets.Contains(code)) { if (!targets.Contains(code)) targets.Add(code); }
            else problems.Error(ImportProblemCode.UnknownCode, at, $"SDG target {code}");
        }
        foreach (var sector in a.Elements("sector"))
        {
            var vocabulary = ((string?)sector.Attribute("vocabulary"))?.Trim() ?? "1";
            var code = Code(sector);
            switch (vocabulary)
            {
                case "1":
                    saidSectors = true;
                    if (code is not null && context.Sectors.Contains(code)) { if (!sectors.Contains(code)) sectors.Add(code); }
                    else problems.Error(ImportProblemCode.UnknownCode, sector, $"sector {code}");
                    break;
                case "7": Goal(code, sector); break;
                case "8": Target(code, sector); break;
                default: problems.Warn(ImportProblemCode.ElementNotKept, sector, $"sector vocabulary {vocabulary}"); break;
            }
        }
        foreach (var tag in a.Elements("tag"))
        {
            var vocabulary = ((string?)tag.Attribute("vocabulary"))?.Trim();
            switch (vocabulary)
            {
                case "2": Goal(Code(tag), tag); break;
                case "3": Target(Code(tag), tag); break;
                default: problems.Warn(ImportProblemCode.ElementNotKept, tag, $"tag vocabulary {vocabulary}"); break;
            }
        }
        if (saidSectors) result.Sectors = sectors;
        if (!saidSdgs) return;
        // A target belongs to a goal of the initiative (InitiativeRules): the goal of each target is added.
        foreach (var target in targets)
            if (int.TryParse(target.Split('.')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var goal) && !goals.Contains(goal)) goals.Add(goal);
        result.SdgGoals = goals.Order().ToList();
        result.SdgTargets = targets;
    }

    /// <summary>
    /// Money, as contributions (one per providing organisation and currency), from the first of these the activity has:
    /// <list type="number">
    /// <item>planned disbursements, when any names a provider-org (what the portal's own export writes: each partner's share,
    /// period by period): summed per provider and currency, one without a provider counting as the reporting organisation's;</item>
    /// <item>commitments (transaction types 2 outgoing and 11 incoming), or when there are none, incoming funds (type 1):
    /// summed per provider-org (the reporting organisation's when none is named) and currency — commitments and the
    /// funds that follow them are not added up, that would count the money twice;</item>
    /// <item>planned disbursements none of which names a provider (IATI 2.01 had no provider-org there): summed per currency
    /// as the reporting organisation's;</item>
    /// <item>budgets, original ones (type 1 or none given; revised ones, type 2, only when there is no original): summed per
    /// currency as the reporting organisation's.</item>
    /// </list>
    /// A value without its own currency is in the activity's default-currency. Nothing is converted: money in several
    /// currencies stays several contributions (CurrencySummed warning).
    /// </summary>
    private static void MapMoney(XElement a, ImportedActivity result, string language, ImportContext context, Problems problems)
    {
        var defaultCurrency = ((string?)a.Attribute("default-currency"))?.Trim().ToUpperInvariant();
        List<(XElement Value, XElement? Provider)> items;
        string source;
        var disbursements = a.Elements("planned-disbursement").ToList();
        var transactions = a.Elements("transaction").Select(t => (Element: t, Type: ((string?)t.Element("transaction-type")?.Attribute("code"))?.Trim())).ToList();
        var commitments = transactions.Where(t => t.Type is "2" or "11").ToList();
        var funds = transactions.Where(t => t.Type == "1").ToList();
        var budgets = a.Elements("budget").ToList();
        var original = budgets.Where(b => ((string?)b.Attribute("type"))?.Trim() is null or "1").ToList();
        if (disbursements.Any(d => d.Element("provider-org") is not null))
            (items, source) = (disbursements.Select(d => (d.Element("value")!, d.Element("provider-org"))).ToList(), "planned-disbursement");
        else if (commitments.Count > 0 || funds.Count > 0)
            (items, source) = ((commitments.Count > 0 ? commitments : funds).Select(t => (t.Element.Element("value")!, t.Element.Element("provider-org"))).ToList(), "transaction");
        else if (disbursements.Count > 0)
            // Planned disbursements without a provider (IATI 2.01 could not name one): the reporting organisation's.
            (items, source) = (disbursements.Select(d => (d.Element("value")!, (XElement?)null)).ToList(), "planned-disbursement");
        else if (budgets.Count > 0)
            (items, source) = ((original.Count > 0 ? original : budgets).Select(b => (b.Element("value")!, (XElement?)null)).ToList(), "budget");
        else return;

        var sums = new Dictionary<(string Provider, string Currency), (ImportedOrganisation? Provider, decimal Amount)>();
        foreach (var (value, provider) in items.Where(i => i.Value is not null))
        {
            var currency = ((string?)value.Attribute("currency"))?.Trim().ToUpperInvariant() ?? defaultCurrency;
            if (currency is null || !context.Currencies.Contains(currency))
            {
                problems.Error(ImportProblemCode.UnknownCode, value, $"currency {currency}");
                continue;
            }
            if (!decimal.TryParse(value.Value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)) continue;
            var organisation = provider is null ? null : Organisation(provider, language);
            var key = (organisation?.Ref ?? organisation?.Name ?? "", currency);
            sums[key] = (organisation, (sums.TryGetValue(key, out var sum) ? sum.Amount : 0) + amount);
        }
        result.Contributions = sums.Where(s => s.Value.Amount > 0)
            .Select(s => new ImportedContribution(s.Value.Provider, Math.Round(s.Value.Amount, 2, MidpointRounding.ToEven), s.Key.Currency, source)).ToList();
        if (result.Contributions.Select(c => c.Currency).Distinct().Count() > 1)
            problems.Warn(ImportProblemCode.CurrencySummed, items[0].Value, string.Join(", ", result.Contributions.Select(c => c.Currency).Distinct().Order(StringComparer.Ordinal)));
    }

    private static void MapLinks(XElement a, ImportedActivity result, string language, Problems problems)
    {
        var links = new List<ImportedLink>();
        foreach (var document in a.Elements("document-link"))
        {
            var url = ((string?)document.Attribute("url"))?.Trim();
            var title = Text(document.Element("title"), language);
            var category = ((string?)document.Element("category")?.Attribute("code"))?.Trim();
            if (string.IsNullOrEmpty(url)) continue;
            // The portal's own link to the record the activity was exported from (A12; A01 in files written before 2026-12): a page
            // of another portal, not a document of the activity.
            if (category is "A12" or "A01" && title == PortalRecordLinkTitle) continue;
            if (url.Length > LinkUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
            {
                problems.Warn(ImportProblemCode.ElementNotKept, document, "document-link");
                continue;
            }
            title ??= url;
            links.Add(new ImportedLink(url, title.Length > LinkTitleLength ? Shorten(title, LinkTitleLength) : title, ((string?)document.Attribute("format"))?.Trim(), category));
        }
        // Only the portal's own link (or none): the file says nothing about documents, so a record's links are kept.
        if (links.Count > 0) result.Links = links;
    }

    // ---------------------------------------------------------------- helpers

    private static ImportedOrganisation? Organisation(XElement organisation, string language)
    {
        var reference = ((string?)organisation.Attribute("ref"))?.Trim() is { Length: > 0 } r ? r : null;
        var name = Text(organisation, language) ?? reference;
        return name is null ? null : new ImportedOrganisation(reference, name, Int(organisation.Attribute("type")));
    }

    /// <summary>The element's narrative in the language (a narrative without xml:lang is in the activity's), else the first one; null when none has text.</summary>
    private static string? Text(XElement? parent, string language)
    {
        if (parent is null) return null;
        var narratives = parent.Elements("narrative").Select(n => (Language: LanguageOf(n, language), Text: n.Value.Trim())).Where(n => n.Text.Length > 0).ToList();
        return narratives.FirstOrDefault(n => n.Language == language).Text ?? narratives.FirstOrDefault().Text;
    }

    /// <summary>The narrative in exactly this language (not the default one), or null.</summary>
    private static string? Narrative(XElement? parent, string language, string defaultLanguage) =>
        parent?.Elements("narrative").Where(n => LanguageOf(n, defaultLanguage) == language).Select(n => n.Value.Trim()).FirstOrDefault(t => t.Length > 0);

    private static string LanguageOf(XElement narrative, string defaultLanguage) =>
        ((string?)narrative.Attribute(Xml + "lang"))?.Trim().ToLowerInvariant() ?? defaultLanguage;

    private static string? Code(XElement element) => ((string?)element.Attribute("code"))?.Trim().ToUpperInvariant() is { Length: > 0 } code ? code : null;

    private static int? Int(XAttribute? attribute) =>
        int.TryParse(((string?)attribute)?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static DateOnly? Date(XAttribute? attribute) =>
        (string?)attribute is { Length: >= 10 } text && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>The first paragraph (up to a blank line) and the rest ("" when none).</summary>
    public static (string First, string Others) SplitParagraph(string text)
    {
        var normalised = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var blank = normalised.IndexOf("\n\n", StringComparison.Ordinal);
        return blank < 0 ? (normalised.Trim(), "") : (normalised[..blank].Trim(), normalised[(blank + 2)..].Trim());
    }

    /// <summary>The text cut at a word within the limit, with an ellipsis.</summary>
    public static string Shorten(string text, int limit)
    {
        if (text.Length <= limit) return text;
        var cut = text.LastIndexOf(' ', limit - 1);
        return (cut > limit / 2 ? text[..cut] : text[..(limit - 1)]).TrimEnd() + "…";
    }
}
