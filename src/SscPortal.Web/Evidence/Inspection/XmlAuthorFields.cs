using System.Text;
using System.Xml;

namespace SscPortal.Web.Evidence.Inspection;

/// <summary>
/// A field of author metadata in an XML part: an element's text, or an attribute's value
/// (<see cref="ElementName"/> "*" for any element of <see cref="ElementNamespace"/>).
/// </summary>
internal sealed record XmlField(string Field, string ElementNamespace, string ElementName, string? AttributeNamespace = null, string? AttributeName = null)
{
    public bool MatchesElement(string ns, string name) => ns == ElementNamespace && (ElementName == "*" || ElementName == name);
}

/// <summary>
/// Streams an XML part, listing the author fields it holds and, when given somewhere to write, copying it
/// node by node with those fields emptied. No DTDs, no external resources.
/// </summary>
internal static class XmlAuthorFields
{
    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        CloseInput = false,
        IgnoreWhitespace = false,
    };

    private static readonly XmlWriterSettings WriterSettings = new()
    {
        Encoding = new UTF8Encoding(false),
        CloseOutput = false,
        Indent = false,
        NewLineHandling = NewLineHandling.None,
    };

    public static void Walk(Stream xml, IReadOnlyList<XmlField> fields, AuthorMetadataCollector found, Stream? rewriteTo = null)
    {
        using var reader = XmlReader.Create(xml, ReaderSettings);
        using var writer = rewriteTo is null ? null : XmlWriter.Create(rewriteTo, WriterSettings);
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.XmlDeclaration:
                    var standalone = reader.GetAttribute("standalone");
                    if (standalone is null) writer?.WriteStartDocument();
                    else writer?.WriteStartDocument(standalone == "yes");
                    break;
                case XmlNodeType.Element:
                    CopyElement(reader, writer, fields, found);
                    break;
                case XmlNodeType.EndElement:
                    writer?.WriteFullEndElement();
                    break;
                case XmlNodeType.Text:
                    writer?.WriteString(reader.Value);
                    break;
                case XmlNodeType.CDATA:
                    writer?.WriteCData(reader.Value);
                    break;
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    writer?.WriteWhitespace(reader.Value);
                    break;
                case XmlNodeType.Comment:
                    writer?.WriteComment(reader.Value);
                    break;
                case XmlNodeType.ProcessingInstruction:
                    writer?.WriteProcessingInstruction(reader.Name, reader.Value);
                    break;
            }
        }
    }

    private static void CopyElement(XmlReader reader, XmlWriter? writer, IReadOnlyList<XmlField> fields, AuthorMetadataCollector found)
    {
        var ns = reader.NamespaceURI;
        var name = reader.LocalName;
        var isEmpty = reader.IsEmptyElement;
        writer?.WriteStartElement(reader.Prefix, name, ns);
        if (reader.MoveToFirstAttribute())
        {
            do
            {
                var field = FindAttributeField(fields, ns, name, reader.NamespaceURI, reader.LocalName);
                if (field is not null) found.Add(field.Field, reader.Value);
                writer?.WriteAttributeString(reader.Prefix, reader.LocalName, reader.NamespaceURI, field is null ? reader.Value : "");
            }
            while (reader.MoveToNextAttribute());
            reader.MoveToElement();
        }
        if (isEmpty)
        {
            writer?.WriteEndElement();
            return;
        }
        var textField = FindTextField(fields, ns, name);
        if (textField is null) return;
        // The element's whole content is the value: read it and write the element back empty.
        var text = new StringBuilder();
        var depth = reader.Depth;
        while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace && text.Length < 1000)
                text.Append(reader.Value);
        }
        found.Add(textField.Field, text.ToString());
        writer?.WriteFullEndElement();
    }

    private static XmlField? FindAttributeField(IReadOnlyList<XmlField> fields, string elementNs, string elementName, string ns, string name)
    {
        foreach (var f in fields)
        {
            if (f.AttributeName == name && f.AttributeNamespace == ns && f.MatchesElement(elementNs, elementName)) return f;
        }
        return null;
    }

    private static XmlField? FindTextField(IReadOnlyList<XmlField> fields, string ns, string name)
    {
        foreach (var f in fields)
        {
            if (f.AttributeName is null && f.MatchesElement(ns, name)) return f;
        }
        return null;
    }
}
