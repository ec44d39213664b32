using System.Globalization;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Catalogue;

namespace SscPortal.Web.OpenData;

/// <summary>
/// The organisation that reports an activity in the IATI file: its registered IATI organisation identifier, name and
/// IATI OrganisationType, and whether it reports as a secondary reporter (publishing data on activities it is not
/// responsible for).
/// </summary>
public sealed record IatiReporter(string Ref, string Name, int Type, bool Secondary);

/// <summary>
/// The portal's own registered IATI publisher, from configuration: <c>Iati:PublisherIdentifier</c> (its IATI organisation
/// identifier, e.g. <c>XI-IATI-…</c> as allotted by IATI), <c>Iati:PublisherName</c> and <c>Iati:PublisherType</c>
/// (IATI OrganisationType, 90 "Other" unless said). It reports, as a secondary reporter, the records of organisations
/// that have not recorded an identifier of their own. Without a valid identifier it is <see cref="Unconfigured"/>.
/// </summary>
public sealed record IatiPublisher(string? Identifier, string Name, int Type)
{
    public static readonly IatiPublisher Unconfigured = new(null, "SSC Portal", 90);

    public static IatiPublisher From(IConfiguration configuration, Func<string, bool> isCountry)
    {
        var identifier = configuration["Iati:PublisherIdentifier"]?.Trim();
        return new IatiPublisher(
            IatiOrganisationIdentifier.IsValid(identifier, isCountry) ? identifier : null,
            configuration["Iati:PublisherName"] is { Length: > 0 } name ? name : Unconfigured.Name,
            configuration.GetValue("Iati:PublisherType", Unconfigured.Type));
    }
}

/// <summary>
/// Published initiatives as an IATI 2.03 activity file: identifiers, the reporting organisation, titles and descriptions
/// in every language stored, participating organisations with their IATI roles, status, dates, recipient countries,
/// DAC sectors, SDG goals and targets as tags, collaboration type 8 for triangular cooperation, and money contributions
/// as yearly budgets and planned disbursements. Written as it is read, batch by batch, so the file streams.
/// <para>
/// Who reports what, so that the IATI Validator's identifier rules hold (1.1.21: an activity identifier begins with its
/// reporting organisation's identifier; 1.14.8: that identifier begins with a registration agency's code):
/// an initiative whose owner has recorded its IATI organisation identifier is reported by the owner, as
/// <c>{owner's identifier}-SSCP-{portal id}</c> (a secondary reporter when the owner is not itself a party to it, as
/// with a civil-society organisation's record of an initiative it monitors). Any other initiative is reported by the
/// portal's registered publisher (<see cref="IatiPublisher"/>), always as a secondary reporter, as
/// <c>{publisher's identifier}-SSCP-{portal id}</c>. When no publisher is configured those initiatives are left out of
/// the file — an IATI file may not carry an invented organisation identifier — and a comment at its end says how many
/// and why; they stay in the CSV and the JSON API. Participating organisations carry a <c>ref</c> only when they have
/// recorded an identifier; their name is always given.
/// </para>
/// </summary>
public static class IatiActivities
{
    /// <summary>What follows the reporting organisation's identifier in an activity identifier: SSCP and the portal's id, which never changes.</summary>
    public const string ActivitySuffix = "SSCP";

    /// <summary>The title of the link every activity carries to its record on the portal (category A12, activity web page); an import leaves it out.</summary>
    public const string PortalRecordTitle = "SSC Portal record";

    /// <summary>The IATI OrganisationRole for each way an organisation takes part.</summary>
    public static int RoleCode(ActorRole role) => role switch
    {
        ActorRole.Funding => 1,
        ActorRole.Lead => 2,
        ActorRole.Facilitating => 3,
        _ => 4,
    };

    public static string ActivityIdentifier(string reporterRef, int initiativeId) =>
        $"{reporterRef}-{ActivitySuffix}-{initiativeId.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Who reports an initiative in the IATI file, or null when no one can under IATI's rules (see the class).</summary>
    public static IatiReporter? ReporterOf(string? ownerIdentifier, string ownerName, ActorType ownerType, bool ownerIsParty, IatiPublisher publisher) =>
        ownerIdentifier is not null ? new IatiReporter(ownerIdentifier, ownerName, (int)ownerType, Secondary: !ownerIsParty)
        : publisher.Identifier is not null ? new IatiReporter(publisher.Identifier, publisher.Name, publisher.Type, Secondary: true)
        : null;

    /// <summary>
    /// The budget periods of an activity: its span cut at each calendar year's end, so no period is longer than a year
    /// (IATI rule 7.5.3) and none overlaps another.
    /// </summary>
    public static IReadOnlyList<(DateOnly Start, DateOnly End)> YearlyPeriods(DateOnly start, DateOnly end)
    {
        var periods = new List<(DateOnly, DateOnly)>();
        for (var from = start; from <= end; from = new DateOnly(from.Year + 1, 1, 1))
        {
            var yearEnd = new DateOnly(from.Year, 12, 31);
            periods.Add((from, yearEnd < end ? yearEnd : end));
        }
        return periods;
    }

    /// <summary>An amount shared over the periods in proportion to their days, in cents, the last period taking what rounding left.</summary>
    public static IReadOnlyList<decimal> Spread(decimal amount, IReadOnlyList<(DateOnly Start, DateOnly End)> periods)
    {
        var total = periods.Sum(p => p.End.DayNumber - p.Start.DayNumber + 1);
        var shares = new List<decimal>();
        var given = 0m;
        for (var i = 0; i < periods.Count; i++)
        {
            var share = i == periods.Count - 1 ? amount - given
                : Math.Round(amount * (periods[i].End.DayNumber - periods[i].Start.DayNumber + 1) / total, 2, MidpointRounding.ToEven);
            shares.Add(share);
            given += share;
        }
        return shares;
    }

    private sealed record Row(
        int Id, string Title, string Summary, string? Description, string Language, Modality Modality, ActivityStatus Status,
        DateOnly? ApprovalDate, DateOnly? PlannedStart, DateOnly? PlannedEnd, DateOnly? ActualStart, DateOnly? ActualEnd, DateTime UpdatedAt, DateTime PublishedAt,
        int OwnerId, string OwnerName, ActorType OwnerType, string? OwnerIdentifier, string? ImportedIdentifier,
        List<InitiativeTranslation> Translations, List<InitiativeCountry> Countries, List<(int Id, string Name, ActorType Type, ActorRole Role, string? Identifier)> Actors,
        List<int> Goals, List<string> Targets, List<string> Sectors, List<Contribution> Contributions, IReadOnlyList<InitiativeLocation> Locations,
        List<(string Title, string Url, string? Category, string? Format)> Links);

    private sealed record Contribution(int ActorId, string ActorName, ActorType ActorType, string? ActorIdentifier, decimal Amount, string Currency);

    /// <summary>A document an activity links to: a public file of the initiative, or a testimony its giver consented to show publicly.</summary>
    public sealed record IatiDocument(int InitiativeId, string Url, string Format, string Title, string Category);

    public static async Task WriteAsync(Stream output, IQueryable<Initiative> published, string baseUrl, DateTime now, IatiPublisher publisher, CancellationToken cancellationToken,
        Func<IReadOnlyList<int>, Task<ILookup<int, IatiDocument>>>? documents = null, OpenDataLicence? licence = null)
    {
        // Each batch is read whole (ids, documents, rows) before it is written, and the first before anything is: a database
        // that fails or stalls at the start gets the clear 503 answer, not a file cut short (or closed empty) after its start.
        async Task<(List<int> Ids, ILookup<int, IatiDocument> Linked, List<Row> Rows)> BatchAfterAsync(int after, int size = InitiativeRecords.Batch)
        {
            var ids = await published.Where(i => i.Id > after).OrderBy(i => i.Id).Select(i => i.Id).Take(size).ToListAsync(cancellationToken);
            if (ids.Count == 0) return (ids, Enumerable.Empty<IatiDocument>().ToLookup(d => d.InitiativeId), []);
            var linked = documents is null ? Enumerable.Empty<IatiDocument>().ToLookup(d => d.InitiativeId) : await documents(ids);
            return (ids, linked, await ReadAsync(published.Where(i => ids.Contains(i.Id)), cancellationToken));
        }
        var batch = await BatchAfterAsync(0, InitiativeRecords.FirstBatch);
        var settings = new XmlWriterSettings { Async = true, Indent = true, Encoding = new System.Text.UTF8Encoding(false) };
        await using var xml = XmlWriter.Create(output, settings);
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "iati-activities", null);
        await xml.WriteAttributeStringAsync(null, "version", null, "2.03");
        await xml.WriteAttributeStringAsync(null, "generated-datetime", null, Time(now));
        // The schema has no element for a licence; the IATI Registry records it when the file is registered. Said here too.
        if (licence is not null) await xml.WriteCommentAsync($" Published under {Comment(licence.Name)}: {Comment(licence.Url)} ");
        var leftOut = 0;
        while (batch.Ids.Count > 0)
        {
            foreach (var row in batch.Rows)
            {
                var reporter = ReporterOf(row.OwnerIdentifier, row.OwnerName, row.OwnerType, row.Actors.Count == 0 || row.Actors.Any(a => a.Id == row.OwnerId), publisher);
                if (reporter is null) leftOut++;
                else await WriteActivityAsync(xml, row, reporter, baseUrl, batch.Linked[row.Id]);
            }
            await xml.FlushAsync();
            batch = await BatchAfterAsync(batch.Ids[^1]);
        }
        if (leftOut > 0)
            await xml.WriteCommentAsync($" {leftOut.ToString(CultureInfo.InvariantCulture)} published initiative(s) left out: their organisations have not recorded an IATI organisation identifier " +
                                        "and this portal has no registered IATI publisher identifier (Iati:PublisherIdentifier) to report them under. They are in the CSV and the JSON API. ");
        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
    }

    private static async Task<List<Row>> ReadAsync(IQueryable<Initiative> initiatives, CancellationToken cancellationToken)
    {
        var rows = await initiatives.AsNoTracking().OrderBy(i => i.Id).Select(i => new
        {
            i.Id, i.Title, i.Summary, i.Description, i.Language, i.Modality, i.Status, i.ApprovalDate, i.PlannedStart, i.PlannedEnd, i.ActualStart, i.ActualEnd,
            i.UpdatedAt, PublishedAt = i.PublishedAt!.Value, i.OwnerId, OwnerName = i.Owner!.Name, OwnerType = i.Owner.Type, OwnerIdentifier = i.Owner.IatiIdentifier, i.IatiIdentifier,
            Translations = i.Translations.ToList(), Countries = i.Countries.ToList(),
            Actors = i.Actors.Select(a => new { a.ActorId, a.Actor!.Name, a.Actor.Type, a.Role, a.Actor.IatiIdentifier }).ToList(),
            Goals = i.Sdgs.OrderBy(s => s.GoalCode).Select(s => s.GoalCode).ToList(),
            Targets = i.SdgTargets.Select(t => t.TargetCode).ToList(),
            Sectors = i.Sectors.Select(s => s.SectorCode).ToList(),
            Contributions = i.Contributions.Where(c => c.Kind == ContributionKind.Money && c.Amount != null && c.Currency != null)
                .Select(c => new { c.ActorId, c.Actor!.Name, c.Actor.Type, c.Actor.IatiIdentifier, c.Amount, c.Currency }).ToList(),
            i.Sensitivity, i.ThematicAreas, Locations = i.Locations.OrderBy(l => l.Id).ToList(),
            Links = i.Links.OrderBy(l => l.Id).Select(l => new { l.Title, l.Url, l.Category, l.Format }).ToList(),
        }).AsSplitQuery().ToListAsync(cancellationToken);
        return rows.Select(r => new Row(r.Id, r.Title, r.Summary, r.Description, r.Language, r.Modality, r.Status,
            r.ApprovalDate, r.PlannedStart, r.PlannedEnd, r.ActualStart, r.ActualEnd, r.UpdatedAt, r.PublishedAt, r.OwnerId, r.OwnerName, r.OwnerType, r.OwnerIdentifier, r.IatiIdentifier,
            r.Translations.OrderBy(t => t.Language, StringComparer.Ordinal).ToList(), r.Countries, r.Actors.Select(a => (a.ActorId, a.Name, a.Type, a.Role, a.IatiIdentifier)).ToList(),
            r.Goals, r.Targets.Order(StringComparer.Ordinal).ToList(), r.Sectors.Order(StringComparer.Ordinal).ToList(),
            r.Contributions.Select(c => new Contribution(c.ActorId, c.Name, c.Type, c.IatiIdentifier, c.Amount!.Value, c.Currency!)).ToList(),
            // The IATI file is public: locations as the public may see them (region level at most in a sensitive setting).
            LocationsForReader.ForPublic(r.Sensitivity, r.ThematicAreas, r.Locations),
            r.Links.Select(l => (l.Title, l.Url, l.Category, l.Format)).ToList())).ToList();
    }

    private static async Task WriteActivityAsync(XmlWriter xml, Row r, IatiReporter reporter, string baseUrl, IEnumerable<IatiDocument> documents)
    {
        var money = r.Contributions;
        // One currency for the whole activity when all money is in one; otherwise each value names its own (rule 7.8.1 either way).
        var currencies = money.Select(c => c.Currency).Distinct(StringComparer.Ordinal).ToList();
        await xml.WriteStartElementAsync(null, "iati-activity", null);
        await xml.WriteAttributeStringAsync(null, "last-updated-datetime", null, Time(r.UpdatedAt));
        await xml.WriteAttributeStringAsync("xml", "lang", null, r.Language);
        if (currencies.Count == 1) await xml.WriteAttributeStringAsync(null, "default-currency", null, currencies[0]);

        // An activity imported from an IATI file keeps the identifier it was published under (it begins with its owner's
        // identifier, checked at import); when the reporter is not its owner any more, the portal's own form is used.
        await xml.WriteElementStringAsync(null, "iati-identifier", null,
            r.ImportedIdentifier is { } imported && imported.StartsWith(reporter.Ref + "-", StringComparison.Ordinal) ? imported : ActivityIdentifier(reporter.Ref, r.Id));
        await xml.WriteStartElementAsync(null, "reporting-org", null);
        await xml.WriteAttributeStringAsync(null, "ref", null, reporter.Ref);
        await xml.WriteAttributeStringAsync(null, "type", null, reporter.Type.ToString(CultureInfo.InvariantCulture));
        if (reporter.Secondary) await xml.WriteAttributeStringAsync(null, "secondary-reporter", null, "1");
        await NarrativeAsync(xml, reporter.Name, null);
        await xml.WriteEndElementAsync();

        await xml.WriteStartElementAsync(null, "title", null);
        await NarrativeAsync(xml, r.Title, null);
        foreach (var t in r.Translations) await NarrativeAsync(xml, t.Title, t.Language);
        await xml.WriteEndElementAsync();
        await xml.WriteStartElementAsync(null, "description", null);
        await xml.WriteAttributeStringAsync(null, "type", null, "1");
        await NarrativeAsync(xml, r.Description is null ? r.Summary : $"{r.Summary}\n\n{r.Description}", null);
        foreach (var t in r.Translations) await NarrativeAsync(xml, t.Summary, t.Language);
        await xml.WriteEndElementAsync();

        var actors = r.Actors.Count > 0 ? r.Actors : [(r.OwnerId, r.OwnerName, r.OwnerType, ActorRole.Lead, r.OwnerIdentifier)];
        foreach (var actor in actors.OrderBy(a => RoleCode(a.Role)).ThenBy(a => a.Id))
        {
            await xml.WriteStartElementAsync(null, "participating-org", null);
            // Only a registered identifier: without one the organisation is named (IATI rule 6.10.1: a ref or a narrative).
            if (actor.Identifier is not null) await xml.WriteAttributeStringAsync(null, "ref", null, actor.Identifier);
            await xml.WriteAttributeStringAsync(null, "role", null, RoleCode(actor.Role).ToString(CultureInfo.InvariantCulture));
            await xml.WriteAttributeStringAsync(null, "type", null, ((int)actor.Type).ToString(CultureInfo.InvariantCulture));
            await NarrativeAsync(xml, actor.Name, null);
            await xml.WriteEndElementAsync();
        }

        await EmptyAsync(xml, "activity-status", ("code", ((int)r.Status).ToString(CultureInfo.InvariantCulture)));
        var dates = new (int Type, DateOnly? Date)[] { (1, r.PlannedStart), (2, r.ActualStart), (3, r.PlannedEnd), (4, r.ActualEnd) }.Where(d => d.Date is not null).ToList();
        // IATI needs at least one date: a record without any says when it was approved, or else published, as its planned start.
        if (dates.Count == 0) dates.Add((1, r.ApprovalDate ?? DateOnly.FromDateTime(r.PublishedAt)));
        foreach (var (type, date) in dates)
            await EmptyAsync(xml, "activity-date", ("type", type.ToString(CultureInfo.InvariantCulture)), ("iso-date", Date(date!.Value)));

        var recipients = r.Countries.Where(c => c.Role is CountryRole.Recipient or CountryRole.Both).Select(c => c.CountryCode).Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var (code, share) in Shares(recipients)) await EmptyAsync(xml, "recipient-country", ("code", code), ("percentage", share));
        foreach (var location in r.Locations.Where(l => l.Precision != LocationPrecision.Country)) await LocationAsync(xml, location);
        foreach (var (code, share) in Shares(r.Sectors)) await EmptyAsync(xml, "sector", ("vocabulary", "1"), ("code", code), ("percentage", share));
        foreach (var goal in r.Goals) await EmptyAsync(xml, "tag", ("vocabulary", "2"), ("code", goal.ToString(CultureInfo.InvariantCulture)));
        foreach (var target in r.Targets) await EmptyAsync(xml, "tag", ("vocabulary", "3"), ("code", target));
        if (r.Modality == Modality.Triangular) await EmptyAsync(xml, "collaboration-type", ("code", "8"));

        if (money.Count > 0 && (r.PlannedStart ?? r.ActualStart) is { } start && (r.PlannedEnd ?? r.ActualEnd) is { } end && end >= start)
        {
            // Money is reported as IATI's budget guidance asks: one <budget> per period of at most a year (rule 7.5.3), the
            // periods being the activity's span cut at each calendar year's end, so none overlaps another. Each period's
            // value is the total of all money contributions shared in proportion to the period's days (the portal records
            // contributions for the whole span, not per year), so it is "indicative" (status 1), not "committed". A budget
            // has one value in one currency: when the contributions are in several currencies there is no total without
            // exchange rates, so no <budget> is written. Each partner's share is reported beside it as <planned-disbursement>s
            // over the same periods, with the partner as provider-org and the contribution's own currency: that keeps who
            // gives what, whatever the currencies.
            var periods = YearlyPeriods(start, end);
            if (currencies.Count == 1)
            {
                var yearly = Spread(money.Sum(c => c.Amount), periods);
                for (var i = 0; i < periods.Count; i++)
                {
                    await xml.WriteStartElementAsync(null, "budget", null);
                    await xml.WriteAttributeStringAsync(null, "type", null, "1");
                    await xml.WriteAttributeStringAsync(null, "status", null, "1");
                    await PeriodAsync(xml, periods[i]);
                    await ValueAsync(xml, yearly[i], currencies[0], periods[i].Start);
                    await xml.WriteEndElementAsync();
                }
            }
            foreach (var partner in money.GroupBy(c => (c.ActorId, c.Currency)).OrderBy(g => g.Key.ActorId).ThenBy(g => g.Key.Currency, StringComparer.Ordinal))
            {
                var first = partner.First();
                var shares = Spread(partner.Sum(c => c.Amount), periods);
                for (var i = 0; i < periods.Count; i++)
                {
                    await xml.WriteStartElementAsync(null, "planned-disbursement", null);
                    await xml.WriteAttributeStringAsync(null, "type", null, "1");
                    await PeriodAsync(xml, periods[i]);
                    await ValueAsync(xml, shares[i], first.Currency, periods[i].Start);
                    await xml.WriteStartElementAsync(null, "provider-org", null);
                    if (first.ActorIdentifier is not null) await xml.WriteAttributeStringAsync(null, "ref", null, first.ActorIdentifier);
                    await xml.WriteAttributeStringAsync(null, "type", null, ((int)first.ActorType).ToString(CultureInfo.InvariantCulture));
                    await NarrativeAsync(xml, first.ActorName, null);
                    await xml.WriteEndElementAsync();
                    await xml.WriteEndElementAsync();
                }
            }
        }

        await xml.WriteStartElementAsync(null, "document-link", null);
        await xml.WriteAttributeStringAsync(null, "format", null, "text/html");
        await xml.WriteAttributeStringAsync(null, "url", null, $"{baseUrl}/initiatives/{r.Id.ToString(CultureInfo.InvariantCulture)}");
        await xml.WriteStartElementAsync(null, "title", null);
        await NarrativeAsync(xml, PortalRecordTitle, "en");
        await xml.WriteEndElementAsync();
        await EmptyAsync(xml, "category", ("code", "A12"));
        await xml.WriteEndElementAsync();
        // The web pages and documents the record links to: as "activity web page"s, unless the link came with its kind and
        // media type (from an IATI file: kept, so that an imported activity is published as it was received).
        foreach (var (title, url, category, format) in r.Links.Where(l => DataQuality.IsWebAddress(l.Url)))
        {
            await xml.WriteStartElementAsync(null, "document-link", null);
            await xml.WriteAttributeStringAsync(null, "format", null, InitiativeLink.IsMediaType(format) ? format : "text/html");
            await xml.WriteAttributeStringAsync(null, "url", null, url);
            await xml.WriteStartElementAsync(null, "title", null);
            await NarrativeAsync(xml, title, null);
            await xml.WriteEndElementAsync();
            await EmptyAsync(xml, "category", ("code", InitiativeLink.IsActivityDocumentCategory(category) ? category! : "A12"));
            await xml.WriteEndElementAsync();
        }
        foreach (var document in documents)
        {
            await xml.WriteStartElementAsync(null, "document-link", null);
            await xml.WriteAttributeStringAsync(null, "format", null, document.Format);
            await xml.WriteAttributeStringAsync(null, "url", null, document.Url);
            await xml.WriteStartElementAsync(null, "title", null);
            await NarrativeAsync(xml, document.Title, null);
            await xml.WriteEndElementAsync();
            await EmptyAsync(xml, "category", ("code", document.Category));
            await xml.WriteEndElementAsync();
        }

        await xml.WriteEndElementAsync();
    }

    /// <summary>
    /// A location below country level (the country is the recipient-country): its name, for a point its coordinates
    /// (srsName WGS 84, "latitude longitude"), how exact it is (1 exact, 2 approximate), and its class (1 administrative
    /// region, 2 populated place) and feature designation (ADM1 a first-level administrative division, PPL a populated place).
    /// </summary>
    private static async Task LocationAsync(XmlWriter xml, InitiativeLocation location)
    {
        await xml.WriteStartElementAsync(null, "location", null);
        await EmptyAsync(xml, "location-reach", ("code", "1"));
        var name = string.Join(", ", new[] { location.Place, location.Region }.OfType<string>());
        if (name.Length > 0)
        {
            await xml.WriteStartElementAsync(null, "name", null);
            await NarrativeAsync(xml, name, null);
            await xml.WriteEndElementAsync();
        }
        // The country it is in (ISO 3166-1, vocabulary A4): the activity may have several recipient countries.
        await EmptyAsync(xml, "administrative", ("vocabulary", "A4"), ("level", "0"), ("code", location.CountryCode));
        if (location is { Precision: LocationPrecision.Point, Latitude: { } latitude, Longitude: { } longitude })
        {
            await xml.WriteStartElementAsync(null, "point", null);
            await xml.WriteAttributeStringAsync(null, "srsName", null, "http://www.opengis.net/def/crs/EPSG/0/4326");
            await xml.WriteElementStringAsync(null, "pos", null, FormattableString.Invariant($"{latitude:0.######} {longitude:0.######}"));
            await xml.WriteEndElementAsync();
        }
        await EmptyAsync(xml, "exactness", ("code", location.Precision == LocationPrecision.Point ? "1" : "2"));
        var (locationClass, feature) = location.Precision == LocationPrecision.Region ? ("1", "ADM1") : ("2", "PPL");
        await EmptyAsync(xml, "location-class", ("code", locationClass));
        await EmptyAsync(xml, "feature-designation", ("code", feature));
        await xml.WriteEndElementAsync();
    }

    /// <summary>Equal shares adding up to exactly 100 (IATI percentages for countries and sectors).</summary>
    private static IEnumerable<(string Code, string Share)> Shares(List<string> codes)
    {
        if (codes.Count == 0) yield break;
        var each = Math.Round(100m / codes.Count, 2, MidpointRounding.ToZero);
        for (var i = 0; i < codes.Count; i++)
            yield return (codes[i], (i == codes.Count - 1 ? 100m - each * (codes.Count - 1) : each).ToString("0.##", CultureInfo.InvariantCulture));
    }

    private static async Task PeriodAsync(XmlWriter xml, (DateOnly Start, DateOnly End) period)
    {
        await EmptyAsync(xml, "period-start", ("iso-date", Date(period.Start)));
        await EmptyAsync(xml, "period-end", ("iso-date", Date(period.End)));
    }

    private static async Task ValueAsync(XmlWriter xml, decimal amount, string currency, DateOnly valueDate)
    {
        await xml.WriteStartElementAsync(null, "value", null);
        await xml.WriteAttributeStringAsync(null, "currency", null, currency);
        await xml.WriteAttributeStringAsync(null, "value-date", null, Date(valueDate));
        await xml.WriteStringAsync(amount.ToString("0.##", CultureInfo.InvariantCulture));
        await xml.WriteEndElementAsync();
    }

    private static async Task NarrativeAsync(XmlWriter xml, string text, string? language)
    {
        await xml.WriteStartElementAsync(null, "narrative", null);
        if (language is not null) await xml.WriteAttributeStringAsync("xml", "lang", null, language);
        // Characters XML cannot carry (control characters typed or pasted) are left out rather than breaking the file.
        await xml.WriteStringAsync(new string(text.Where(XmlConvert.IsXmlChar).ToArray()));
        await xml.WriteEndElementAsync();
    }

    private static async Task EmptyAsync(XmlWriter xml, string name, params (string Name, string Value)[] attributes)
    {
        await xml.WriteStartElementAsync(null, name, null);
        foreach (var (attribute, value) in attributes) await xml.WriteAttributeStringAsync(null, attribute, null, value);
        await xml.WriteEndElementAsync();
    }

    /// <summary>Text that can stand in an XML comment: no "--", no control characters.</summary>
    private static string Comment(string text) => new string(text.Where(XmlConvert.IsXmlChar).ToArray()).Replace("--", "- -", StringComparison.Ordinal).TrimEnd('-');

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string Time(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
