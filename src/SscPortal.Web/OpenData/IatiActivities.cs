using System.Globalization;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;

namespace SscPortal.Web.OpenData;

/// <summary>
/// Published initiatives as an IATI 2.03 activity file: identifiers, the reporting organisation, titles and descriptions
/// in every language stored, participating organisations with their IATI roles, status, dates, recipient countries,
/// DAC sectors, SDG goals and targets as tags, collaboration type 8 for triangular cooperation and money contributions as
/// budgets. Written as it is read, batch by batch, so the file streams.
/// </summary>
public static class IatiActivities
{
    public const string IdentifierPrefix = "XI-SSCPORTAL";

    /// <summary>The IATI OrganisationRole for each way an organisation takes part.</summary>
    public static int RoleCode(ActorRole role) => role switch
    {
        ActorRole.Funding => 1,
        ActorRole.Lead => 2,
        ActorRole.Facilitating => 3,
        _ => 4,
    };

    public static string OrganisationRef(int actorId) => $"{IdentifierPrefix}-ORG-{actorId.ToString(CultureInfo.InvariantCulture)}";

    private sealed record Row(
        int Id, string Title, string Summary, string? Description, string Language, Modality Modality, ActivityStatus Status,
        DateOnly? ApprovalDate, DateOnly? PlannedStart, DateOnly? PlannedEnd, DateOnly? ActualStart, DateOnly? ActualEnd, DateTime UpdatedAt, DateTime PublishedAt,
        int OwnerId, string OwnerName, ActorType OwnerType,
        List<InitiativeTranslation> Translations, List<InitiativeCountry> Countries, List<(int Id, string Name, ActorType Type, ActorRole Role)> Actors,
        List<int> Goals, List<string> Targets, List<string> Sectors, List<InitiativeContribution> Contributions);

    public static async Task WriteAsync(Stream output, IQueryable<Initiative> published, string baseUrl, DateTime now, CancellationToken cancellationToken)
    {
        var settings = new XmlWriterSettings { Async = true, Indent = true, Encoding = new System.Text.UTF8Encoding(false) };
        await using var xml = XmlWriter.Create(output, settings);
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "iati-activities", null);
        await xml.WriteAttributeStringAsync(null, "version", null, "2.03");
        await xml.WriteAttributeStringAsync(null, "generated-datetime", null, Time(now));
        var after = 0;
        while (true)
        {
            var ids = await published.Where(i => i.Id > after).OrderBy(i => i.Id).Select(i => i.Id).Take(InitiativeRecords.Batch).ToListAsync(cancellationToken);
            if (ids.Count == 0) break;
            foreach (var row in await ReadAsync(published.Where(i => ids.Contains(i.Id)), cancellationToken))
                await WriteActivityAsync(xml, row, baseUrl);
            await xml.FlushAsync();
            after = ids[^1];
        }
        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
    }

    private static async Task<List<Row>> ReadAsync(IQueryable<Initiative> initiatives, CancellationToken cancellationToken)
    {
        var rows = await initiatives.AsNoTracking().OrderBy(i => i.Id).Select(i => new
        {
            i.Id, i.Title, i.Summary, i.Description, i.Language, i.Modality, i.Status, i.ApprovalDate, i.PlannedStart, i.PlannedEnd, i.ActualStart, i.ActualEnd,
            i.UpdatedAt, PublishedAt = i.PublishedAt!.Value, i.OwnerId, OwnerName = i.Owner!.Name, OwnerType = i.Owner.Type,
            Translations = i.Translations.ToList(), Countries = i.Countries.ToList(),
            Actors = i.Actors.Select(a => new { a.ActorId, a.Actor!.Name, a.Actor.Type, a.Role }).ToList(),
            Goals = i.Sdgs.OrderBy(s => s.GoalCode).Select(s => s.GoalCode).ToList(),
            Targets = i.SdgTargets.Select(t => t.TargetCode).ToList(),
            Sectors = i.Sectors.Select(s => s.SectorCode).ToList(),
            Contributions = i.Contributions.ToList(),
        }).AsSplitQuery().ToListAsync(cancellationToken);
        return rows.Select(r => new Row(r.Id, r.Title, r.Summary, r.Description, r.Language, r.Modality, r.Status,
            r.ApprovalDate, r.PlannedStart, r.PlannedEnd, r.ActualStart, r.ActualEnd, r.UpdatedAt, r.PublishedAt, r.OwnerId, r.OwnerName, r.OwnerType,
            r.Translations, r.Countries, r.Actors.Select(a => (a.ActorId, a.Name, a.Type, a.Role)).ToList(),
            r.Goals, r.Targets.Order(StringComparer.Ordinal).ToList(), r.Sectors.Order(StringComparer.Ordinal).ToList(), r.Contributions)).ToList();
    }

    private static async Task WriteActivityAsync(XmlWriter xml, Row r, string baseUrl)
    {
        var money = r.Contributions.Where(c => c.Kind == ContributionKind.Money && c.Amount is not null && c.Currency is not null).ToList();
        await xml.WriteStartElementAsync(null, "iati-activity", null);
        await xml.WriteAttributeStringAsync(null, "last-updated-datetime", null, Time(r.UpdatedAt));
        await xml.WriteAttributeStringAsync("xml", "lang", null, r.Language);
        if (money.Count > 0) await xml.WriteAttributeStringAsync(null, "default-currency", null, money[0].Currency!);

        await xml.WriteElementStringAsync(null, "iati-identifier", null, $"{IdentifierPrefix}-{r.Id.ToString(CultureInfo.InvariantCulture)}");
        await xml.WriteStartElementAsync(null, "reporting-org", null);
        await xml.WriteAttributeStringAsync(null, "ref", null, OrganisationRef(r.OwnerId));
        await xml.WriteAttributeStringAsync(null, "type", null, ((int)r.OwnerType).ToString(CultureInfo.InvariantCulture));
        await NarrativeAsync(xml, r.OwnerName, null);
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

        var actors = r.Actors.Count > 0 ? r.Actors : [(r.OwnerId, r.OwnerName, r.OwnerType, ActorRole.Lead)];
        foreach (var actor in actors.OrderBy(a => RoleCode(a.Role)).ThenBy(a => a.Id))
        {
            await xml.WriteStartElementAsync(null, "participating-org", null);
            await xml.WriteAttributeStringAsync(null, "ref", null, OrganisationRef(actor.Id));
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
        foreach (var (code, share) in Shares(r.Sectors)) await EmptyAsync(xml, "sector", ("vocabulary", "1"), ("code", code), ("percentage", share));
        foreach (var goal in r.Goals) await EmptyAsync(xml, "tag", ("vocabulary", "2"), ("code", goal.ToString(CultureInfo.InvariantCulture)));
        foreach (var target in r.Targets) await EmptyAsync(xml, "tag", ("vocabulary", "3"), ("code", target));
        if (r.Modality == Modality.Triangular) await EmptyAsync(xml, "collaboration-type", ("code", "8"));

        if (money.Count > 0 && (r.PlannedStart ?? r.ActualStart) is { } start && (r.PlannedEnd ?? r.ActualEnd) is { } end && end >= start)
        {
            foreach (var currency in money.GroupBy(c => c.Currency!))
            {
                await xml.WriteStartElementAsync(null, "budget", null);
                await xml.WriteAttributeStringAsync(null, "type", null, "1");
                await xml.WriteAttributeStringAsync(null, "status", null, "2");
                await EmptyAsync(xml, "period-start", ("iso-date", Date(start)));
                await EmptyAsync(xml, "period-end", ("iso-date", Date(end)));
                await xml.WriteStartElementAsync(null, "value", null);
                await xml.WriteAttributeStringAsync(null, "currency", null, currency.Key);
                await xml.WriteAttributeStringAsync(null, "value-date", null, Date(start));
                await xml.WriteStringAsync(currency.Sum(c => c.Amount!.Value).ToString("0.##", CultureInfo.InvariantCulture));
                await xml.WriteEndElementAsync();
                await xml.WriteEndElementAsync();
            }
        }

        await xml.WriteStartElementAsync(null, "document-link", null);
        await xml.WriteAttributeStringAsync(null, "format", null, "text/html");
        await xml.WriteAttributeStringAsync(null, "url", null, $"{baseUrl}/initiatives/{r.Id.ToString(CultureInfo.InvariantCulture)}");
        await xml.WriteStartElementAsync(null, "title", null);
        await NarrativeAsync(xml, "SSC Portal record", "en");
        await xml.WriteEndElementAsync();
        await EmptyAsync(xml, "category", ("code", "A01"));
        await xml.WriteEndElementAsync();

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

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string Time(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
