using System.Xml;
using System.Xml.Schema;

namespace SscPortal.Web.Import;

/// <summary>
/// The official IATI 2.03 activity schema (iati-activities-schema.xsd, which includes iati-common.xsd and imports xml.xsd),
/// shipped inside the assembly (Import/Schema, with IATI's licence) and compiled once. Files of IATI 2.01 and 2.02 are
/// validated against it too: see <see cref="IatiFileReader"/> for why that holds.
/// </summary>
public static class IatiSchema
{
    private static readonly Lazy<XmlSchemaSet> Set = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The compiled schema set (read-only once compiled; safe to share between readers).</summary>
    public static XmlSchemaSet Schemas => Set.Value;

    private static XmlSchemaSet Load()
    {
        // The schema's own schemaLocation references ("iati-common.xsd", "xml.xsd") are answered from the embedded copies
        // only: nothing is ever fetched from the network or the disk.
        var resolver = new EmbeddedResolver();
        var set = new XmlSchemaSet { XmlResolver = resolver };
        using (var stream = Open("iati-activities-schema.xsd"))
        using (var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = resolver }, "embedded:///iati-activities-schema.xsd"))
            set.Add(null, reader);
        set.Compile();
        return set;
    }

    private static Stream Open(string file) =>
        typeof(IatiSchema).Assembly.GetManifestResourceStream("IatiSchema." + file)
        ?? throw new InvalidOperationException($"The IATI schema file {file} is not embedded in the assembly.");

    private sealed class EmbeddedResolver : XmlResolver
    {
        public override object GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn) =>
            Open(Path.GetFileName(absoluteUri.AbsolutePath));

        public override Uri ResolveUri(Uri? baseUri, string? relativeUri) =>
            new("embedded:///" + Path.GetFileName(relativeUri ?? ""));
    }
}
