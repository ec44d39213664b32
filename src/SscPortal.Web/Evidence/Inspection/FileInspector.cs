using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace SscPortal.Web.Evidence.Inspection;

public enum FileFamily { Pdf = 1, Document = 2, Spreadsheet = 3, Presentation = 4, Image = 5, Audio = 6 }

/// <summary>A type decided from a file's content: what it is served as and the extension it is named with.</summary>
public sealed record DetectedType(string ContentType, string Extension, FileFamily Family);

public enum Refusal { Empty = 1, Damaged = 2, Executable = 3, Script = 4, Html = 5, UnknownType = 6, ZipBomb = 7, MacroEnabled = 8, LegacyOffice = 9, Encrypted = 10 }

/// <summary>A name a document carries in its properties ("Author", "Last modified by", "Company", "Comment author"…).</summary>
public sealed record AuthorMetadata(string Field, string Value);

public sealed record InspectionResult(DetectedType? Type, Refusal? Refusal, IReadOnlyList<AuthorMetadata> AuthorMetadata)
{
    public bool Accepted => Refusal is null && Type is not null;
    public static InspectionResult Refused(Refusal refusal) => new(null, refusal, []);
}

public sealed record InspectionLimits(long MaxExpandedBytes = 200L * 1024 * 1024, int MaxEntries = 10_000, int MaxRatio = 200);

/// <summary>
/// Decides what a file is from its bytes (never its name), refuses what may not be stored (programs, scripts, web pages,
/// macros, zip bombs, damaged files), strips hidden metadata from images and recordings, and finds and removes the names
/// documents carry. Works at the level of a format's containers and segments, never decoding pixels or sound, and streams:
/// only a document's small XML parts are read whole, through a bounded stream.
/// </summary>
public static class FileInspector
{
    public const string Pdf = "application/pdf";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Pptx = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    public const string Odt = "application/vnd.oasis.opendocument.text";
    public const string Ods = "application/vnd.oasis.opendocument.spreadsheet";
    public const string Odp = "application/vnd.oasis.opendocument.presentation";

    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Cp = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
    private static readonly XNamespace Ep = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties";
    private static readonly XNamespace Meta = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0";
    private static readonly XNamespace W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    public static InspectionResult Inspect(Stream content, InspectionLimits? limits = null)
    {
        limits ??= new InspectionLimits();
        try
        {
            content.Position = 0;
            if (content.Length == 0) return InspectionResult.Refused(Refusal.Empty);
            var head = new byte[Math.Min(1024, content.Length)];
            content.ReadExactly(head);
            return InspectHead(content, head, limits);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or System.Xml.XmlException or ArgumentException or NotSupportedException or OverflowException or IndexOutOfRangeException)
        {
            return InspectionResult.Refused(Refusal.Damaged);
        }
    }

    private static bool StartsWith(byte[] head, params byte[] magic) => head.Length >= magic.Length && head.AsSpan(0, magic.Length).SequenceEqual(magic);
    private static bool At(byte[] head, int offset, string ascii) => head.Length >= offset + ascii.Length && Encoding.ASCII.GetString(head, offset, ascii.Length) == ascii;

    private static InspectionResult InspectHead(Stream content, byte[] head, InspectionLimits limits)
    {
        // Programs of every common platform.
        if (StartsWith(head, (byte)'M', (byte)'Z') || StartsWith(head, 0x7F, (byte)'E', (byte)'L', (byte)'F') || StartsWith(head, 0xCA, 0xFE, 0xBA, 0xBE)
            || StartsWith(head, 0xFE, 0xED, 0xFA, 0xCE) || StartsWith(head, 0xFE, 0xED, 0xFA, 0xCF) || StartsWith(head, 0xCE, 0xFA, 0xED, 0xFE)
            || StartsWith(head, 0xCF, 0xFA, 0xED, 0xFE) || StartsWith(head, 0x00, (byte)'a', (byte)'s', (byte)'m'))
            return InspectionResult.Refused(Refusal.Executable);
        if (StartsWith(head, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) return InspectionResult.Refused(Refusal.LegacyOffice);
        if (Encoding.ASCII.GetString(head).Contains("%PDF-", StringComparison.Ordinal)) return InspectPdf(content);
        if (StartsWith(head, 0xFF, 0xD8, 0xFF)) return EndsWith(content, 0xFF, 0xD9) ? Accept("image/jpeg", ".jpg", FileFamily.Image) : InspectionResult.Refused(Refusal.Damaged);
        if (StartsWith(head, 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A))
            return EndsWith(content, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82) ? Accept("image/png", ".png", FileFamily.Image) : InspectionResult.Refused(Refusal.Damaged);
        if (At(head, 0, "GIF87a") || At(head, 0, "GIF89a")) return EndsWith(content, 0x3B) ? Accept("image/gif", ".gif", FileFamily.Image) : InspectionResult.Refused(Refusal.Damaged);
        if (At(head, 0, "RIFF") && head.Length >= 12)
        {
            var declared = BitConverter.ToUInt32(head, 4) + 8L;
            if (declared > content.Length) return InspectionResult.Refused(Refusal.Damaged);
            if (At(head, 8, "WEBP")) return Accept("image/webp", ".webp", FileFamily.Image);
            if (At(head, 8, "WAVE")) return Accept("audio/wav", ".wav", FileFamily.Audio);
            return InspectionResult.Refused(Refusal.UnknownType);
        }
        if (At(head, 0, "fLaC")) return Accept("audio/flac", ".flac", FileFamily.Audio);
        if (At(head, 0, "OggS")) return Accept("audio/ogg", ".ogg", FileFamily.Audio);
        if (At(head, 4, "ftyp") && head.Length >= 12)
        {
            var brand = Encoding.ASCII.GetString(head, 8, 4);
            return brand is "M4A " or "M4B " ? Accept("audio/mp4", ".m4a", FileFamily.Audio) : InspectionResult.Refused(Refusal.UnknownType);
        }
        if (At(head, 0, "ID3") || (head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0 && (head[1] & 0x06) != 0))
            return Accept("audio/mpeg", ".mp3", FileFamily.Audio);
        if (StartsWith(head, (byte)'P', (byte)'K', 3, 4) || StartsWith(head, (byte)'P', (byte)'K', 5, 6)) return InspectZip(content, limits);
        return InspectText(head);
    }

    private static InspectionResult Accept(string contentType, string extension, FileFamily family, IReadOnlyList<AuthorMetadata>? found = null) =>
        new(new DetectedType(contentType, extension, family), null, found ?? []);

    private static bool EndsWith(Stream content, params byte[] tail)
    {
        // Some writers pad after the end marker: look for it in the last bytes.
        var window = (int)Math.Min(content.Length, 1024);
        content.Seek(-window, SeekOrigin.End);
        var last = new byte[window];
        content.ReadExactly(last);
        return last.AsSpan().LastIndexOf(tail) >= 0;
    }

    private static InspectionResult InspectText(byte[] head)
    {
        var text = Encoding.UTF8.GetString(head).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        var lower = text.ToLowerInvariant();
        if (lower.StartsWith("#!", StringComparison.Ordinal) || lower.StartsWith("@echo", StringComparison.Ordinal)) return InspectionResult.Refused(Refusal.Script);
        if (lower.StartsWith("<!doctype html", StringComparison.Ordinal) || lower.StartsWith("<html", StringComparison.Ordinal) || lower.StartsWith("<svg", StringComparison.Ordinal)
            || lower.StartsWith("<?xml", StringComparison.Ordinal) || lower.Contains("<script", StringComparison.Ordinal) || lower.StartsWith("<!--", StringComparison.Ordinal))
            return InspectionResult.Refused(Refusal.Html);
        if (Regex.IsMatch(lower, @"^\s*(function\s|var\s|const\s|let\s|import\s|export\s|param\s*\(|set-|invoke-|echo\s|powershell|cmd\s)"))
            return InspectionResult.Refused(Refusal.Script);
        return InspectionResult.Refused(Refusal.UnknownType);
    }

    // ---- PDF ----

    private static readonly Regex PdfAuthor = new(@"/Author\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)", RegexOptions.Compiled);
    private static readonly Regex XmpCreator = new(@"<dc:creator>\s*<rdf:Seq>(.*?)</rdf:Seq>\s*</dc:creator>", RegexOptions.Compiled | RegexOptions.Singleline);
    private static readonly Regex XmpItem = new(@"<rdf:li[^>]*>(.*?)</rdf:li>", RegexOptions.Compiled | RegexOptions.Singleline);

    private static InspectionResult InspectPdf(Stream content)
    {
        var tailLength = (int)Math.Min(content.Length, 2048);
        content.Seek(-tailLength, SeekOrigin.End);
        var tail = new byte[tailLength];
        content.ReadExactly(tail);
        var tailText = Encoding.Latin1.GetString(tail);
        if (!tailText.Contains("%%EOF", StringComparison.Ordinal)) return InspectionResult.Refused(Refusal.Damaged);
        if (tailText.Contains("/Encrypt", StringComparison.Ordinal)) return InspectionResult.Refused(Refusal.Encrypted);
        var found = new List<AuthorMetadata>();
        foreach (var (_, value) in PdfMatches(content))
            if (value.Trim().Length > 0 && found.All(f => f.Value != value.Trim())) found.Add(new("Author", value.Trim()));
        return Accept(Pdf, ".pdf", FileFamily.Pdf, found);
    }

    /// <summary>Each author value in the PDF: where its bytes are and what it says (literal or hex strings, XMP dc:creator items).</summary>
    private static IEnumerable<((long Start, int Length, bool Hex) Where, string Value)> PdfMatches(Stream content)
    {
        // Latin-1 maps every byte to one char, so positions in the text are positions in the file. Read in overlapping chunks.
        const int chunk = 1 << 20, overlap = 4096;
        var seen = new HashSet<long>();
        var buffer = new byte[chunk + overlap];
        for (long start = 0; start < content.Length; start += chunk)
        {
            content.Seek(start, SeekOrigin.Begin);
            var read = content.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            var text = Encoding.Latin1.GetString(buffer, 0, read);
            foreach (Match m in PdfAuthor.Matches(text))
            {
                var value = m.Groups[1];
                var at = start + value.Index;
                if (!seen.Add(at)) continue;
                var hex = value.Value[0] == '<';
                yield return ((at + 1, value.Length - 2, hex), hex ? HexText(value.Value[1..^1]) : value.Value[1..^1]);
            }
            foreach (Match m in XmpCreator.Matches(text))
                foreach (Match item in XmpItem.Matches(m.Groups[1].Value))
                {
                    var at = start + m.Groups[1].Index + item.Groups[1].Index;
                    if (!seen.Add(at)) continue;
                    yield return ((at, item.Groups[1].Length, false), item.Groups[1].Value);
                }
        }
    }

    private static string HexText(string hex)
    {
        hex = Regex.Replace(hex, @"\s", "");
        if (hex.Length % 2 == 1) hex += "0";
        var bytes = Convert.FromHexString(hex);
        return bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF ? Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2) : Encoding.Latin1.GetString(bytes);
    }

    // ---- Zip-based documents ----

    private static InspectionResult InspectZip(Stream content, InspectionLimits limits)
    {
        content.Position = 0;
        using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
        if (zip.Entries.Count > limits.MaxEntries) return InspectionResult.Refused(Refusal.ZipBomb);
        long declared = 0;
        foreach (var entry in zip.Entries)
        {
            declared += entry.Length;
            if (declared > limits.MaxExpandedBytes) return InspectionResult.Refused(Refusal.ZipBomb);
            if (entry.CompressedLength > 0 && entry.Length / Math.Max(1, entry.CompressedLength) > limits.MaxRatio && entry.Length > 1024 * 1024)
                return InspectionResult.Refused(Refusal.ZipBomb);
            if (entry.FullName.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)) return InspectionResult.Refused(Refusal.MacroEnabled);
        }
        var type = ZipType(zip, limits);
        if (type is null) return InspectionResult.Refused(Refusal.UnknownType);
        if (type.Value.Refusal is { } refusal) return InspectionResult.Refused(refusal);
        // Every entry must actually expand as declared, within the limits: a lying header is a bomb or damage.
        long expanded = 0;
        var buffer = new byte[81920];
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            long entryTotal = 0;
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                entryTotal += read;
                expanded += read;
                if (expanded > limits.MaxExpandedBytes || entryTotal > entry.Length) return InspectionResult.Refused(Refusal.ZipBomb);
            }
        }
        var found = ZipAuthors(zip, type.Value.Type!, limits).Select(a => new AuthorMetadata(a.Field, a.Value)).ToList();
        return new InspectionResult(type.Value.Type, null, found);
    }

    private static (DetectedType? Type, Refusal? Refusal)? ZipType(ZipArchive zip, InspectionLimits limits)
    {
        if (zip.Entries.Count > 0 && zip.Entries[0].FullName == "mimetype")
        {
            var mime = Encoding.ASCII.GetString(ReadBounded(zip.Entries[0], 200)).Trim();
            return mime switch
            {
                Odt => (new DetectedType(Odt, ".odt", FileFamily.Document), null),
                Ods => (new DetectedType(Ods, ".ods", FileFamily.Spreadsheet), null),
                Odp => (new DetectedType(Odp, ".odp", FileFamily.Presentation), null),
                _ => null,
            };
        }
        if (zip.GetEntry("[Content_Types].xml") is not { } types) return null;
        var xml = Encoding.UTF8.GetString(ReadBounded(types, 1024 * 1024));
        if (xml.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase)) return (null, Refusal.MacroEnabled);
        if (xml.Contains(Docx + ".main+xml", StringComparison.Ordinal)) return (new DetectedType(Docx, ".docx", FileFamily.Document), null);
        if (xml.Contains(Xlsx + ".main+xml", StringComparison.Ordinal)) return (new DetectedType(Xlsx, ".xlsx", FileFamily.Spreadsheet), null);
        if (xml.Contains(Pptx + ".main+xml", StringComparison.Ordinal)) return (new DetectedType(Pptx, ".pptx", FileFamily.Presentation), null);
        return null;
    }

    private static byte[] ReadBounded(ZipArchiveEntry entry, int max)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            if (copy.Length + read > max) throw new InvalidDataException("A document part is larger than expected.");
            copy.Write(buffer, 0, read);
        }
        return copy.ToArray();
    }

    /// <summary>The parts of a document that carry names, and the elements or attributes in them.</summary>
    private static IEnumerable<(string Part, string Field, XName Element, XName? Attribute)> NameFields(DetectedType type)
    {
        if (type.ContentType is Odt or Ods or Odp)
        {
            yield return ("meta.xml", "Author", Meta + "initial-creator", null);
            yield return ("meta.xml", "Last modified by", Dc + "creator", null);
            yield break;
        }
        yield return ("docProps/core.xml", "Author", Dc + "creator", null);
        yield return ("docProps/core.xml", "Last modified by", Cp + "lastModifiedBy", null);
        yield return ("docProps/app.xml", "Company", Ep + "Company", null);
        yield return ("docProps/app.xml", "Manager", Ep + "Manager", null);
        if (type.ContentType == Docx)
        {
            yield return ("word/comments.xml", "Comment author", W + "comment", W + "author");
            yield return ("word/document.xml", "Tracked change by", W + "ins", W + "author");
            yield return ("word/document.xml", "Tracked change by", W + "del", W + "author");
        }
    }

    private static List<(string Field, string Value)> ZipAuthors(ZipArchive zip, DetectedType type, InspectionLimits limits)
    {
        var found = new List<(string Field, string Value)>();
        foreach (var part in NameFields(type).GroupBy(f => f.Part))
        {
            if (zip.GetEntry(part.Key) is not { } entry) continue;
            var document = XDocument.Parse(Encoding.UTF8.GetString(ReadBounded(entry, (int)Math.Min(limits.MaxExpandedBytes, 64L * 1024 * 1024))));
            foreach (var (_, field, element, attribute) in part)
                foreach (var e in document.Descendants(element))
                {
                    var value = (attribute is null ? e.Value : e.Attribute(attribute)?.Value)?.Trim();
                    if (!string.IsNullOrEmpty(value) && !found.Contains((field, value))) found.Add((field, value));
                }
        }
        return found;
    }

    /// <summary>Writes a copy of a document or PDF without the names <see cref="Inspect"/> listed.</summary>
    public static void RemoveAuthorMetadata(Stream input, Stream output, DetectedType type)
    {
        input.Position = 0;
        if (type.Family == FileFamily.Pdf)
        {
            input.CopyTo(output);
            foreach (var ((start, length, hex), _) in PdfMatches(input).ToList())
            {
                output.Seek(start, SeekOrigin.Begin);
                var blank = Enumerable.Repeat(hex ? (byte)'0' : (byte)' ', length).ToArray();
                if (hex) for (var i = 0; i + 1 < length; i += 2) (blank[i], blank[i + 1]) = ((byte)'2', (byte)'0');
                output.Write(blank);
            }
            output.Seek(0, SeekOrigin.End);
            return;
        }
        using var source = new ZipArchive(input, ZipArchiveMode.Read, leaveOpen: true);
        using var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var fields = NameFields(type).GroupBy(f => f.Part).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var entry in source.Entries)
        {
            var stored = entry.FullName == "mimetype";
            var copy = target.CreateEntry(entry.FullName, stored ? CompressionLevel.NoCompression : CompressionLevel.Optimal);
            copy.LastWriteTime = entry.LastWriteTime;
            using var write = copy.Open();
            if (fields.TryGetValue(entry.FullName, out var names))
            {
                var document = XDocument.Parse(Encoding.UTF8.GetString(ReadBounded(entry, 64 * 1024 * 1024)));
                foreach (var (_, _, element, attribute) in names)
                    foreach (var e in document.Descendants(element).ToList())
                        if (attribute is null) e.Value = "";
                        else if (e.Attribute(attribute) is { } a) a.Value = "";
                using var writer = System.Xml.XmlWriter.Create(write, new System.Xml.XmlWriterSettings { Encoding = new UTF8Encoding(false) });
                document.Save(writer);
            }
            else
            {
                using var read = entry.Open();
                read.CopyTo(write);
            }
        }
    }

    // ---- Hidden metadata in images and recordings ----

    /// <summary>Writes a copy of an image or recording without hidden metadata; says what was removed.</summary>
    public static IReadOnlyList<string> StripHiddenMetadata(Stream input, Stream output, DetectedType type)
    {
        input.Position = 0;
        var removed = new List<string>();
        switch (type.ContentType)
        {
            case "image/jpeg": StripJpeg(input, output, removed); break;
            case "image/png": StripPng(input, output, removed); break;
            case "image/webp": StripRiff(input, output, removed, ["EXIF", "XMP "], webp: true); break;
            case "audio/wav": StripRiff(input, output, removed, ["LIST", "id3 ", "ID3 "], webp: false); break;
            case "audio/mpeg": StripMp3(input, output, removed); break;
            default: input.CopyTo(output); break;
        }
        return removed.Distinct().ToList();
    }

    private static void StripJpeg(Stream input, Stream output, List<string> removed)
    {
        var reader = new BinaryReader(input);
        output.Write(reader.ReadBytes(2));
        while (input.Position < input.Length)
        {
            var marker = reader.ReadByte();
            if (marker != 0xFF) throw new InvalidDataException("Not a JPEG segment.");
            var kind = reader.ReadByte();
            while (kind == 0xFF) kind = reader.ReadByte();
            if (kind is 0xD9 or >= 0xD0 and <= 0xD7 or 0x01)
            {
                output.Write([0xFF, kind]);
                if (kind == 0xD9) return;
                continue;
            }
            var length = (reader.ReadByte() << 8) | reader.ReadByte();
            var body = reader.ReadBytes(length - 2);
            if (body.Length != length - 2) throw new InvalidDataException("A JPEG segment is cut short.");
            var drop = kind is (>= 0xE1 and <= 0xEF and not 0xEE) or 0xFE;
            if (drop)
            {
                removed.Add(kind == 0xFE ? "Comment" : kind == 0xE1 && Encoding.ASCII.GetString(body, 0, Math.Min(4, body.Length)) == "Exif" ? "EXIF (including any GPS position)" : kind == 0xE1 ? "XMP" : "Other embedded metadata");
                continue;
            }
            output.Write([0xFF, kind, (byte)(length >> 8), (byte)length]);
            output.Write(body);
            if (kind == 0xDA)
            {
                // Entropy-coded data runs to the next marker that is not a stuffed byte or a restart: copy the rest as it is.
                input.CopyTo(output);
                return;
            }
        }
    }

    private static readonly HashSet<string> PngKept = ["IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "bKGD", "pHYs", "acTL", "fcTL", "fdAT"];

    private static void StripPng(Stream input, Stream output, List<string> removed)
    {
        var reader = new BinaryReader(input);
        output.Write(reader.ReadBytes(8));
        while (input.Position < input.Length)
        {
            var lengthBytes = reader.ReadBytes(4);
            if (lengthBytes.Length < 4) break;
            var length = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(lengthBytes);
            var kind = Encoding.ASCII.GetString(reader.ReadBytes(4));
            var rest = reader.ReadBytes(length + 4);
            if (rest.Length != length + 4) throw new InvalidDataException("A PNG chunk is cut short.");
            if (!PngKept.Contains(kind))
            {
                removed.Add(kind is "tEXt" or "zTXt" or "iTXt" ? "Text (author, description)" : kind == "eXIf" ? "EXIF (including any GPS position)" : kind == "tIME" ? "Time" : "Other embedded metadata");
                continue;
            }
            output.Write(lengthBytes);
            output.Write(Encoding.ASCII.GetBytes(kind));
            output.Write(rest);
            if (kind == "IEND") return;
        }
    }

    private static void StripRiff(Stream input, Stream output, List<string> removed, string[] drop, bool webp)
    {
        var reader = new BinaryReader(input);
        var header = reader.ReadBytes(12);
        var chunks = new List<(string Id, uint Size, byte[] Body)>();
        while (input.Position + 8 <= input.Length)
        {
            var id = Encoding.ASCII.GetString(reader.ReadBytes(4));
            var size = reader.ReadUInt32();
            if (size > input.Length - input.Position) throw new InvalidDataException("A RIFF chunk is cut short.");
            var body = reader.ReadBytes((int)size + (int)(size & 1));
            if (drop.Contains(id)) { removed.Add(id.Trim() is "EXIF" ? "EXIF (including any GPS position)" : id.Trim() is "XMP" ? "XMP" : "Tags"); continue; }
            if (webp && id == "VP8X" && body.Length > 0) body[0] &= unchecked((byte)~(0x08 | 0x04));
            chunks.Add((id, size, body));
        }
        var total = 4 + chunks.Sum(c => 8 + c.Body.Length);
        output.Write(header, 0, 4);
        output.Write(BitConverter.GetBytes((uint)total));
        output.Write(header, 8, 4);
        foreach (var (id, size, body) in chunks)
        {
            output.Write(Encoding.ASCII.GetBytes(id));
            output.Write(BitConverter.GetBytes(size));
            output.Write(body);
        }
    }

    private static void StripMp3(Stream input, Stream output, List<string> removed)
    {
        var reader = new BinaryReader(input);
        long start = 0;
        var head = reader.ReadBytes(10);
        if (head.Length == 10 && Encoding.ASCII.GetString(head, 0, 3) == "ID3")
        {
            var size = (head[6] << 21) | (head[7] << 14) | (head[8] << 7) | head[9];
            start = 10 + size + ((head[5] & 0x10) != 0 ? 10 : 0);
            removed.Add("ID3 tags");
        }
        var end = input.Length;
        if (input.Length >= 128)
        {
            input.Seek(-128, SeekOrigin.End);
            if (Encoding.ASCII.GetString(reader.ReadBytes(3)) == "TAG") { end -= 128; removed.Add("ID3 tags"); }
        }
        input.Seek(Math.Min(start, end), SeekOrigin.Begin);
        var left = end - input.Position;
        var buffer = new byte[81920];
        while (left > 0)
        {
            var read = input.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0) break;
            output.Write(buffer, 0, read);
            left -= read;
        }
    }
}
