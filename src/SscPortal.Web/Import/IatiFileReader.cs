using System.Globalization;
using System.Runtime.CompilerServices;
using System.Xml;
using System.Xml.Linq;
using SscPortal.Domain;

namespace SscPortal.Web.Import;

// TEMPORARY reader of the import-pages branch, so that the pages can be tested before the import-core helper's reader is
// merged: the lead REPLACES this file with import-core's IatiFileReader (same signature). It reads the elements the pages'
// tests use, streaming one iati-activity at a time, and refuses DOCTYPEs (no DTD is ever processed: no XXE, no entity expansion).

/// <summary>Reads an IATI activity file as it streams: one <see cref="ReadActivity"/> per <c>iati-activity</c>.</summary>
public static class IatiFileReader
{
    private static readonly string[] Versions = ["2.01", "2.02", "2.03"];
    private static readonly string[] Languages = ["en", "es", "pt", "fr"];

    /// <summary>
    /// The activities of <paramref name="file"/>, numbered from <paramref name="firstPosition"/>. Throws
    /// <see cref="ImportFileException"/> when the whole file is refused (it may do so after some activities were read).
    /// </summary>
    public static async IAsyncEnumerable<ReadActivity> ReadAsync(Stream file, ImportContext context, int firstPosition, [EnumeratorCancellation] CancellationToken ct)
    {
        var settings = new XmlReaderSettings { Async = true, DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreWhitespace = true };
        using var reader = XmlReader.Create(file, settings);
        var line = (IXmlLineInfo)reader;
        if (await Guard(() => reader.MoveToContentAsync(), line).ConfigureAwait(false) != XmlNodeType.Element || reader.LocalName != "iati-activities")
            throw new ImportFileException(new(ImportProblemCode.NotActivityFile, line.LineNumber, reader.LocalName));
        var version = reader.GetAttribute("version");
        if (version is null || !Versions.Contains(version))
            throw new ImportFileException(new(ImportProblemCode.UnsupportedVersion, line.LineNumber, version));
        var fileLanguage = reader.GetAttribute("xml:lang");
        var position = firstPosition;
        await Guard(() => reader.ReadAsync(), line).ConfigureAwait(false);
        while (!reader.EOF)
        {
            ct.ThrowIfCancellationRequested();
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "iati-activity")
            {
                var start = line.LineNumber;
                var element = (XElement)await Guard(() => XNode.ReadFromAsync(reader, ct), line).ConfigureAwait(false);
                // XNode.ReadFrom keeps no line numbers: problems inside the activity are placed at its start.
                Place(element, start);
                yield return Read(element, position++, start, fileLanguage, context);
            }
            else if (!await Guard(() => reader.ReadAsync(), line).ConfigureAwait(false)) break;
        }
    }

    /// <summary>An XML error is the file's: not XML, or a DOCTYPE (refused before anything in it is processed).</summary>
    private static async Task<T> Guard<T>(Func<Task<T>> read, IXmlLineInfo line)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (XmlException e)
        {
            var doctype = e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("DOCTYPE", StringComparison.OrdinalIgnoreCase);
            throw new ImportFileException(new(doctype ? ImportProblemCode.DoctypeRefused : ImportProblemCode.NotXml, e.LineNumber > 0 ? e.LineNumber : line.LineNumber));
        }
    }

    private static int LineOf(XObject node) => node is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : node.Annotation<StartLine>()?.Line ?? 0;

    private sealed record StartLine(int Line);

    private static void Place(XElement activity, int line)
    {
        foreach (var element in activity.DescendantsAndSelf()) element.AddAnnotation(new StartLine(line));
    }

    private static string? Lang(XElement e) => (string?)e.Attribute(XNamespace.Xml + "lang");

    private static ReadActivity Read(XElement element, int position, int line, string? fileLanguage, ImportContext context)
    {
        var errors = new List<ImportProblem>();
        var warnings = new List<ImportProblem>();
        var language = Lang(element) ?? fileLanguage ?? "en";
        if (!Languages.Contains(language)) { warnings.Add(new(ImportProblemCode.LanguageNotKept, line, language)); language = "en"; }
        var identifier = element.Element("iati-identifier")?.Value.Trim() ?? "";
        if (identifier.Length == 0) errors.Add(new(ImportProblemCode.IdentifierMissing, line));
        else if (identifier.Length > IatiImportActivity.IdentifierLength) errors.Add(new(ImportProblemCode.TextTooLong, line, "iati-identifier"));

        // Narratives by language: the activity's own language first, the portal's others as translations.
        Dictionary<string, string> Narratives(XElement? e) => (e?.Elements("narrative") ?? [])
            .Select(n => (Language: Lang(n) ?? language, Text: n.Value.Trim())).Where(n => n.Text.Length > 0)
            .GroupBy(n => n.Language).ToDictionary(g => g.Key, g => g.First().Text);
        var titles = Narratives(element.Element("title"));
        var title = titles.GetValueOrDefault(language) ?? titles.Values.FirstOrDefault();
        if (title is null) errors.Add(new(ImportProblemCode.TitleMissing, LineOf(element.Element("title") ?? element)));
        else if (title.Length > 300) errors.Add(new(ImportProblemCode.TextTooLong, LineOf(element.Element("title")!), "title"));
        var general = Narratives(element.Elements("description").FirstOrDefault(d => (string?)d.Attribute("type") is null or "1"));
        var objectives = Narratives(element.Elements("description").FirstOrDefault(d => (string?)d.Attribute("type") == "2"));

        var reporting = element.Element("reporting-org");
        ImportedOrganisation? reporter = null;
        if (reporting is not null)
        {
            reporter = Organisation(reporting, language);
            var ours = context.OwnerIatiIdentifier is { } own
                ? string.Equals(reporter.Ref, own, StringComparison.OrdinalIgnoreCase)
                : string.Equals(reporter.Name, context.OwnerName, StringComparison.OrdinalIgnoreCase);
            if (!ours) errors.Add(new(ImportProblemCode.ReportingOrganisationNotYours, LineOf(reporting), reporter.Ref ?? reporter.Name));
        }

        var activity = new ImportedActivity
        {
            Identifier = identifier,
            Language = language,
            Title = title,
            Summary = general.GetValueOrDefault(language),
            Objectives = objectives.GetValueOrDefault(language),
            ReportingOrganisation = reporter,
        };
        var translations = titles.Keys.Where(l => l != language && Languages.Contains(l))
            .Select(l => new ImportedTranslation(l, titles[l], general.GetValueOrDefault(l))).ToList();
        if (translations.Count > 0) activity.Translations = translations;
        if (element.Elements("participating-org").Any())
            activity.Participants = element.Elements("participating-org")
                .Select(p => new ImportedParticipant(Organisation(p, language), int.TryParse((string?)p.Attribute("role"), CultureInfo.InvariantCulture, out var r) ? r : 4)).ToList();
        if ((string?)element.Element("activity-status")?.Attribute("code") is { } status)
        {
            if (int.TryParse(status, CultureInfo.InvariantCulture, out var s) && Enum.IsDefined((ActivityStatus)s)) activity.Status = (ActivityStatus)s;
            else errors.Add(new(ImportProblemCode.UnknownCode, LineOf(element.Element("activity-status")!), $"activity-status {status}"));
        }
        foreach (var date in element.Elements("activity-date"))
        {
            if (!DateOnly.TryParseExact((string?)date.Attribute("iso-date"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                errors.Add(new(ImportProblemCode.SchemaInvalid, LineOf(date), "activity-date/@iso-date"));
                continue;
            }
            switch ((string?)date.Attribute("type"))
            {
                case "1": activity.PlannedStart = day; break;
                case "2": activity.ActualStart = day; break;
                case "3": activity.PlannedEnd = day; break;
                case "4": activity.ActualEnd = day; break;
            }
        }
        if (activity.PlannedStart > activity.PlannedEnd || activity.ActualStart > activity.ActualEnd)
            errors.Add(new(ImportProblemCode.DatesInconsistent, line));
        if (element.Elements("recipient-country").Any())
        {
            activity.RecipientCountries = [];
            foreach (var country in element.Elements("recipient-country"))
            {
                var code = ((string?)country.Attribute("code") ?? "").Trim().ToUpperInvariant();
                if (context.Names.Countries.ContainsKey(code)) activity.RecipientCountries.Add(code);
                else errors.Add(new(ImportProblemCode.UnknownCode, LineOf(country), $"recipient-country {code}"));
            }
        }
        if (element.Elements("recipient-region").Any())
        {
            activity.RecipientRegions = element.Elements("recipient-region")
                .Select(r => new ImportedRegion((string?)r.Attribute("code") ?? "", (string?)r.Attribute("vocabulary") ?? "1", Narratives(r).Values.FirstOrDefault())).ToList();
            warnings.Add(new(ImportProblemCode.RegionNotRecorded, LineOf(element.Element("recipient-region")!)));
        }
        var sectors = element.Elements("sector").Where(s => (string?)s.Attribute("vocabulary") is null or "1").ToList();
        if (sectors.Count > 0)
        {
            activity.Sectors = [];
            foreach (var sector in sectors)
            {
                var code = ((string?)sector.Attribute("code") ?? "").Trim();
                if (context.Names.Sectors.ContainsKey(code)) activity.Sectors.Add(code);
                else errors.Add(new(ImportProblemCode.UnknownCode, LineOf(sector), $"sector {code}"));
            }
        }
        var goals = element.Elements("tag").Where(t => (string?)t.Attribute("vocabulary") == "2")
            .Select(t => int.TryParse((string?)t.Attribute("code"), CultureInfo.InvariantCulture, out var g) ? g : 0).Where(context.Names.Goals.ContainsKey).Distinct().ToList();
        if (goals.Count > 0) activity.SdgGoals = goals;
        if ((string?)element.Element("collaboration-type")?.Attribute("code") == "8") activity.Modality = Modality.Triangular;

        return new ReadActivity(position, line, identifier, title ?? "", errors, warnings, errors.Count == 0 ? activity : null);
    }

    private static ImportedOrganisation Organisation(XElement e, string language)
    {
        var names = e.Elements("narrative").Select(n => (Language: Lang(n) ?? language, Text: n.Value.Trim())).Where(n => n.Text.Length > 0).ToList();
        var name = names.FirstOrDefault(n => n.Language == language).Text ?? names.FirstOrDefault().Text ?? "";
        var reference = ((string?)e.Attribute("ref"))?.Trim();
        return new(string.IsNullOrEmpty(reference) ? null : reference, name, int.TryParse((string?)e.Attribute("type"), CultureInfo.InvariantCulture, out var t) ? t : null);
    }
}
