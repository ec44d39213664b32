using System.Text;
using System.Xml;

namespace SscPortal.Web.Evidence.Inspection;

/// <summary>
/// Office Open XML and OpenDocument files: which one a zip is, whether it carries macros or encryption,
/// and which of its XML parts hold author metadata.
/// </summary>
internal static class OfficeFormats
{
    private const long MaxSmallPart = 4 * 1024 * 1024;

    private const string Dc = "http://purl.org/dc/elements/1.1/";
    private const string Cp = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
    private const string Ep = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties";
    private const string W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private const string W15 = "http://schemas.microsoft.com/office/word/2012/wordml";
    private const string X = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string XThreaded = "http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments";
    private const string P = "http://schemas.openxmlformats.org/presentationml/2006/main";
    private const string P188 = "http://schemas.microsoft.com/office/powerpoint/2018/8/main";
    private const string OdfMeta = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0";
    private const string OdfManifest = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0";
    private const string ContentTypes = "http://schemas.openxmlformats.org/package/2006/content-types";

    private static readonly XmlField[] CoreProperties = [new("Author", Dc, "creator"), new("Last modified by", Cp, "lastModifiedBy")];
    private static readonly XmlField[] AppProperties = [new("Company", Ep, "Company"), new("Manager", Ep, "Manager")];
    private static readonly XmlField[] WordComments = [new("Comment author", W, "*", W, "author"), new("Comment author initials", W, "*", W, "initials")];
    private static readonly XmlField[] WordRevisions = [new("Tracked change author", W, "*", W, "author")];
    private static readonly XmlField[] WordPeople = [new("Comment author", W15, "person", W15, "author"), new("Comment author account", W15, "presenceInfo", W15, "userId")];
    private static readonly XmlField[] SheetComments = [new("Comment author", X, "author")];
    private static readonly XmlField[] SheetPersons = [new("Comment author", XThreaded, "person", "", "displayName"), new("Comment author account", XThreaded, "person", "", "userId")];
    private static readonly XmlField[] SlideCommentAuthors = [new("Comment author", P, "cmAuthor", "", "name"), new("Comment author initials", P, "cmAuthor", "", "initials")];
    private static readonly XmlField[] SlideAuthors = [new("Comment author", P188, "author", "", "name"), new("Comment author initials", P188, "author", "", "initials"), new("Comment author account", P188, "author", "", "userId")];
    private static readonly XmlField[] OdfMetaFields = [new("Author", OdfMeta, "initial-creator"), new("Last modified by", Dc, "creator"), new("Printed by", OdfMeta, "printed-by")];
    private static readonly XmlField[] OdfContentFields = [new("Comment or tracked change author", Dc, "creator")];

    private static readonly XmlReaderSettings ReaderSettings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, CloseInput = false };

    /// <summary>The office type of a zip, or a refusal; author metadata is listed for accepted types.</summary>
    public static InspectionResult Inspect(ZipContainer zip)
    {
        var type = Classify(zip);
        zip.VerifyAll();
        var found = new AuthorMetadataCollector();
        foreach (var entry in zip.Entries)
        {
            if (FieldsFor(type, entry.Name) is not { } fields) continue;
            using var content = zip.Open(entry);
            XmlAuthorFields.Walk(content, fields, found);
        }
        return InspectionResult.Of(type, found.ToList());
    }

    public static void RemoveAuthorMetadata(ZipContainer zip, DetectedType type, Stream output) =>
        zip.Rewrite(output, entry => FieldsFor(type, entry.Name) is { } fields
            ? (source, target) => XmlAuthorFields.Walk(source, fields, new AuthorMetadataCollector(), target)
            : null);

    private static DetectedType Classify(ZipContainer zip)
    {
        if (zip.Entries.Count > 0 && zip.Entries[0].Name == "mimetype") return ClassifyOpenDocument(zip, zip.Entries[0]);
        if (zip.Find("[Content_Types].xml") is { } contentTypes) return ClassifyOpenXml(zip, contentTypes);
        throw new RefusedContentException(Refusal.UnknownType);
    }

    private static DetectedType ClassifyOpenDocument(ZipContainer zip, ZipEntry mimetypeEntry)
    {
        if (mimetypeEntry.IsEncrypted) throw new RefusedContentException(Refusal.Encrypted);
        string mimetype;
        using (var content = zip.Open(mimetypeEntry, 256, Refusal.UnknownType))
        using (var text = new StreamReader(content, Encoding.ASCII))
            mimetype = text.ReadToEnd().Trim();
        var type = mimetype switch
        {
            "application/vnd.oasis.opendocument.text" => DetectedTypes.Odt,
            "application/vnd.oasis.opendocument.spreadsheet" => DetectedTypes.Ods,
            "application/vnd.oasis.opendocument.presentation" => DetectedTypes.Odp,
            _ => throw new RefusedContentException(Refusal.UnknownType),
        };
        if (zip.Entries.Exists(e => e.IsEncrypted)) throw new RefusedContentException(Refusal.Encrypted);
        // Basic/ and Scripts/ hold library lists (script-lc.xml, script-lb.xml) even when empty; anything else there is a macro.
        if (zip.Entries.Exists(e => (e.Name.StartsWith("Basic/", StringComparison.OrdinalIgnoreCase) || e.Name.StartsWith("Scripts/", StringComparison.OrdinalIgnoreCase))
                && !e.Name.EndsWith('/') && !e.Name.EndsWith("/script-lc.xml", StringComparison.OrdinalIgnoreCase) && !e.Name.EndsWith("/script-lb.xml", StringComparison.OrdinalIgnoreCase)
            || e.Name.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)))
            throw new RefusedContentException(Refusal.MacroEnabled);
        if (zip.Find("META-INF/manifest.xml") is not { } manifest) throw RefusedContentException.Damaged();
        using (var content = zip.Open(manifest, MaxSmallPart))
        using (var reader = XmlReader.Create(content, ReaderSettings))
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "encryption-data" && reader.NamespaceURI == OdfManifest)
                    throw new RefusedContentException(Refusal.Encrypted);
            }
        }
        return type;
    }

    private static DetectedType ClassifyOpenXml(ZipContainer zip, ZipEntry contentTypesEntry)
    {
        var overrides = new List<(string PartName, string ContentType)>();
        var allTypes = new List<string>();
        using (var content = zip.Open(contentTypesEntry, MaxSmallPart))
        using (var reader = XmlReader.Create(content, ReaderSettings))
        {
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.NamespaceURI != ContentTypes) continue;
                var contentType = reader.GetAttribute("ContentType") ?? "";
                allTypes.Add(contentType);
                if (reader.LocalName == "Override") overrides.Add((reader.GetAttribute("PartName") ?? "", contentType));
            }
        }
        if (allTypes.Exists(t => t.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase) || t.Contains("vbaProject", StringComparison.OrdinalIgnoreCase))
            || zip.Entries.Exists(e => e.Name.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)))
            throw new RefusedContentException(Refusal.MacroEnabled);
        if (zip.Entries.Exists(e => e.IsEncrypted)) throw new RefusedContentException(Refusal.Encrypted);
        foreach (var (partName, contentType) in overrides)
        {
            var type = contentType switch
            {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml" => DetectedTypes.Docx,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml" => DetectedTypes.Xlsx,
                "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml" => DetectedTypes.Pptx,
                _ => null,
            };
            if (type is null) continue;
            if (zip.Find(partName.TrimStart('/')) is null) throw RefusedContentException.Damaged();
            return type;
        }
        throw new RefusedContentException(Refusal.UnknownType);
    }

    /// <summary>The author fields an entry of a document of this type holds, or null if none.</summary>
    private static XmlField[]? FieldsFor(DetectedType type, string name)
    {
        if (type.ContentType.StartsWith("application/vnd.oasis.opendocument.", StringComparison.Ordinal))
        {
            return name switch
            {
                "meta.xml" => OdfMetaFields,
                "content.xml" or "styles.xml" => OdfContentFields,
                _ => null,
            };
        }
        if (Is(name, "docProps/core.xml")) return CoreProperties;
        if (Is(name, "docProps/app.xml")) return AppProperties;
        if (type == DetectedTypes.Docx)
        {
            if (Is(name, "word/comments.xml")) return WordComments;
            if (Is(name, "word/people.xml")) return WordPeople;
            if (Is(name, "word/document.xml") || Is(name, "word/footnotes.xml") || Is(name, "word/endnotes.xml")
                || IsNumbered(name, "word/header") || IsNumbered(name, "word/footer"))
                return WordRevisions;
        }
        if (type == DetectedTypes.Xlsx)
        {
            if (IsNumbered(name, "xl/comments")) return SheetComments;
            if (name.StartsWith("xl/persons/", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)) return SheetPersons;
        }
        if (type == DetectedTypes.Pptx)
        {
            if (Is(name, "ppt/commentAuthors.xml")) return SlideCommentAuthors;
            if (Is(name, "ppt/authors.xml")) return SlideAuthors;
        }
        return null;

        static bool Is(string name, string part) => string.Equals(name, part, StringComparison.OrdinalIgnoreCase);

        static bool IsNumbered(string name, string prefix) =>
            name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)
            && name[prefix.Length..^4].All(char.IsAsciiDigit);
    }
}
