using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using SscPortal.Web.Evidence.Inspection;

namespace SscPortal.Web.Tests.Evidence;

/// <summary>Small, structurally valid files of every accepted type, built byte by byte, carrying the metadata the inspector must find.</summary>
internal static class InspectionSamples
{
    public const string Person = "Maria Quispe";
    public const string Camera = "Canon EOS R5 SN0451";

    /// <summary>The bytes of a GPS IFD pointer entry (tag 0x8825, type LONG) as they sit in a big-endian EXIF block.</summary>
    public static readonly byte[] GpsPointerEntry = [0x88, 0x25, 0x00, 0x04];

    /// <summary>Entropy-coded "pixel" bytes of the sample JPEG, with a stuffed FF 00.</summary>
    public static readonly byte[] JpegScanData = [0x12, 0x34, 0xFF, 0x00, 0x56, 0x78];

    public static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static byte[] BigEndian16(int value) => [(byte)(value >> 8), (byte)value];

    private static byte[] BigEndian32(uint value) { var b = new byte[4]; BinaryPrimitives.WriteUInt32BigEndian(b, value); return b; }

    private static byte[] LittleEndian32(uint value) { var b = new byte[4]; BinaryPrimitives.WriteUInt32LittleEndian(b, value); return b; }

    private static byte[] Segment(byte marker, byte[] data) => Concat([0xFF, marker], BigEndian16(data.Length + 2), data);

    public static byte[] Jpeg()
    {
        // EXIF: TIFF header (big-endian), IFD0 with Make and a GPS IFD pointer, then the GPS IFD with a latitude ref.
        var make = Ascii(Camera + "\0");
        var tiff = new List<byte>();
        tiff.AddRange(Ascii("MM")); tiff.AddRange(BigEndian16(42)); tiff.AddRange(BigEndian32(8));
        tiff.AddRange(BigEndian16(2)); // two entries
        var makeOffset = 8 + 2 + 2 * 12 + 4;
        var gpsOffset = makeOffset + make.Length;
        tiff.AddRange([0x01, 0x0F, 0x00, 0x02]); tiff.AddRange(BigEndian32((uint)make.Length)); tiff.AddRange(BigEndian32((uint)makeOffset));
        tiff.AddRange(GpsPointerEntry); tiff.AddRange(BigEndian32(1)); tiff.AddRange(BigEndian32((uint)gpsOffset));
        tiff.AddRange(BigEndian32(0));
        tiff.AddRange(make);
        tiff.AddRange(BigEndian16(1)); tiff.AddRange([0x00, 0x01, 0x00, 0x02]); tiff.AddRange(BigEndian32(2)); tiff.AddRange(Ascii("S\0\0\0")); tiff.AddRange(BigEndian32(0));
        var exif = Concat(Ascii("Exif\0\0"), [.. tiff]);
        var xmp = Ascii($"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><dc:creator>{Person}</dc:creator></x:xmpmeta>");
        var dht = new byte[17 + 1];
        dht[0] = 0x00; dht[1] = 1; dht[17] = 0x00;
        return Concat(
            [0xFF, 0xD8],
            Segment(0xE0, Concat(Ascii("JFIF\0"), [1, 1, 0, 0, 1, 0, 1, 0, 0])),
            Segment(0xE1, exif),
            Segment(0xE1, xmp),
            Segment(0xFE, Ascii("Taken by " + Person)),
            Segment(0xDB, Concat([0x00], Enumerable.Repeat((byte)1, 64).ToArray())),
            Segment(0xC0, [8, 0, 1, 0, 1, 1, 1, 0x11, 0]),
            Segment(0xC4, dht),
            Segment(0xDA, [1, 1, 0, 0, 0x3F, 0]),
            JpegScanData,
            [0xFF, 0xD9]);
    }

    private static byte[] PngChunk(string type, byte[] data)
    {
        var typeAndData = Concat(Ascii(type), data);
        return Concat(BigEndian32((uint)data.Length), typeAndData, BigEndian32(Crc32.Compute(typeAndData)));
    }

    public static byte[] PngImageData()
    {
        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) z.Write([0x00, 0x80]);
        return compressed.ToArray();
    }

    public static byte[] Png() => Concat(
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
        PngChunk("IHDR", Concat(BigEndian32(1), BigEndian32(1), [8, 0, 0, 0, 0])),
        PngChunk("tEXt", Ascii("Author\0" + Person)),
        PngChunk("gAMA", BigEndian32(45455)),
        PngChunk("IDAT", PngImageData()),
        PngChunk("tIME", [0x07, 0xEA, 1, 2, 3, 4, 5]),
        PngChunk("IEND", []));

    public static byte[] Gif() => Concat(
        Ascii("GIF89a"), [1, 0, 1, 0, 0x80, 0, 0], [0, 0, 0, 255, 255, 255],
        [0x21, 0xFE, (byte)(Person.Length + 4)], Ascii("By: " + Person), [0],
        [0x21, 0xFF, 11], Ascii("XMP DataXMP"), [(byte)Person.Length], Ascii(Person), [0],
        [0x21, 0xFF, 11], Ascii("NETSCAPE2.0"), [3, 1, 0, 0, 0],
        [0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0], [2, 2, 0x44, 0x01, 0],
        [0x3B]);

    private static byte[] RiffChunk(string id, byte[] data) => Concat(Ascii(id), LittleEndian32((uint)data.Length), data, data.Length % 2 == 1 ? [0] : []);

    private static byte[] Riff(string form, params byte[][] chunks)
    {
        var body = Concat(chunks);
        return Concat(Ascii("RIFF"), LittleEndian32((uint)(body.Length + 4)), Ascii(form), body);
    }

    public static readonly byte[] WebPImageData = [0x2F, 0x00, 0x00, 0x00, 0x00, 0x07, 0x10, 0x88, 0x88, 0x08];

    public static byte[] WebP() => Riff("WEBP",
        RiffChunk("VP8X", [0x0C, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        RiffChunk("VP8L", WebPImageData),
        RiffChunk("EXIF", Concat(Ascii("MM\0*"), Ascii(Camera))),
        RiffChunk("XMP ", Ascii($"<x:xmpmeta>{Person}</x:xmpmeta>")));

    private static byte[] Mp3Frames(int count)
    {
        // MPEG-1 layer III, 128 kbit/s, 44.1 kHz, no padding: 417-byte frames.
        var frame = new byte[417];
        frame[0] = 0xFF; frame[1] = 0xFB; frame[2] = 0x90; frame[3] = 0x64;
        return Concat(Enumerable.Repeat(frame, count).ToArray());
    }

    public static byte[] Mp3()
    {
        var text = Concat([0], Ascii(Person));
        var frame = Concat(Ascii("TPE1"), BigEndian32((uint)text.Length), [0, 0], text);
        var size = frame.Length;
        var id3 = Concat(Ascii("ID3"), [3, 0, 0], [(byte)(size >> 21 & 0x7F), (byte)(size >> 14 & 0x7F), (byte)(size >> 7 & 0x7F), (byte)(size & 0x7F)], frame);
        var id3v1 = new byte[128];
        Ascii("TAG" + Person).CopyTo(id3v1, 0);
        return Concat(id3, Mp3Frames(3), id3v1);
    }

    public static byte[] Mp3WithoutTags() => Mp3Frames(3);

    public static byte[] Wav() => Riff("WAVE",
        RiffChunk("fmt ", [1, 0, 1, 0, 0x44, 0xAC, 0, 0, 0x88, 0x58, 1, 0, 2, 0, 16, 0]),
        RiffChunk("LIST", Concat(Ascii("INFO"), RiffChunk("IART", Ascii(Person + "\0")))),
        RiffChunk("data", [1, 2, 3, 4, 5, 6, 7, 8]));

    public static byte[] Flac()
    {
        var comment = Concat(LittleEndian32(4), Ascii("test"), LittleEndian32(1), LittleEndian32((uint)("ARTIST=" + Person).Length), Ascii("ARTIST=" + Person));
        return Concat(
            Ascii("fLaC"),
            [0x00, 0, 0, 34], new byte[34],
            [0x84, 0, (byte)(comment.Length >> 8), (byte)comment.Length], comment,
            [0xFF, 0xF8, 0x69, 0x08, 0x00, 0x00, 0x00, 0x00]);
    }

    public static byte[] Ogg()
    {
        var packet = Concat([1], Ascii("vorbis"), new byte[23]);
        return Concat(Ascii("OggS"), [0, 2], new byte[8], [1, 0, 0, 0], new byte[4], new byte[4], [1, (byte)packet.Length], packet);
    }

    private static byte[] Box(string type, params byte[][] content)
    {
        var body = Concat(content);
        return Concat(BigEndian32((uint)(body.Length + 8)), Ascii(type), body);
    }

    public static byte[] M4a(string handler = "soun", string brand = "M4A ") => Concat(
        Box("ftyp", Ascii(brand), BigEndian32(0), Ascii(brand + "isom")),
        Box("moov",
            Box("trak", Box("mdia", Box("hdlr", new byte[8], Ascii(handler), new byte[13]))),
            Box("udta", Box("meta", new byte[4], Box("ilst", Box("\u00A9ART", Box("data", new byte[8], Ascii(Person))))))),
        Box("mdat", [1, 2, 3, 4]));

    public static byte[] Zip(params (string Name, string Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                var entry = zip.CreateEntry(name, name == "mimetype" ? CompressionLevel.NoCompression : CompressionLevel.Optimal);
                using var stream = entry.Open();
                stream.Write(Encoding.UTF8.GetBytes(content));
            }
        }
        return buffer.ToArray();
    }

    private const string CoreXml = $"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>Field report</dc:title><dc:creator>{Person}</dc:creator><cp:lastModifiedBy>Jorge Mamani</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">2026-01-02T03:04:05Z</dcterms:created></cp:coreProperties>
        """;

    private const string AppXml = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Office Word</Application><Company>Cooperativa Andina</Company><Manager>Ana Flores</Manager></Properties>
        """;

    public const string DocumentText = "The well was finished in March.";

    private static string ContentTypes(string mainPart, string mainType) => $"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="{mainPart}" ContentType="{mainType}"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>
        """;

    private const string Rels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
        """;

    public static byte[] Docx(string mainType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", params (string, string)[] extra) => Zip(
        [
            ("[Content_Types].xml", ContentTypes("/word/document.xml", mainType)),
            ("_rels/.rels", Rels),
            ("docProps/core.xml", CoreXml),
            ("docProps/app.xml", AppXml),
            ("word/document.xml", $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{DocumentText}</w:t></w:r><w:ins w:id="1" w:author="{Person}" w:date="2026-01-02T00:00:00Z"><w:r><w:t> Added.</w:t></w:r></w:ins><w:del w:id="2" w:author="Jorge Mamani"><w:r><w:delText>Old.</w:delText></w:r></w:del></w:p></w:body></w:document>
                """),
            ("word/comments.xml", $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:comment w:id="0" w:author="{Person}" w:initials="MQ"><w:p><w:r><w:t>Check this.</w:t></w:r></w:p></w:comment><w:comment w:id="1" w:author="{Person}"><w:p/></w:comment></w:comments>
                """),
            .. extra,
        ]);

    public static byte[] Xlsx() => Zip(
        ("[Content_Types].xml", ContentTypes("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")),
        ("docProps/core.xml", CoreXml),
        ("docProps/app.xml", AppXml),
        ("xl/workbook.xml", """<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>"""),
        ("xl/comments1.xml", $"""<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>{Person}</author></authors><commentList/></comments>"""));

    public static byte[] Pptx() => Zip(
        ("[Content_Types].xml", ContentTypes("/ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml")),
        ("docProps/core.xml", CoreXml),
        ("ppt/presentation.xml", """<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>"""),
        ("ppt/commentAuthors.xml", $"""<p:cmAuthorLst xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:cmAuthor id="0" name="{Person}" initials="MQ" lastIdx="1" clrIdx="0"/></p:cmAuthorLst>"""));

    public static byte[] OpenDocument(string mimetype = "application/vnd.oasis.opendocument.text") => Zip(
        ("mimetype", mimetype),
        ("content.xml", $"""<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><office:body><office:text><text:p>{DocumentText}<office:annotation><dc:creator>{Person}</dc:creator><text:p>Check.</text:p></office:annotation></text:p></office:text></office:body></office:document-content>"""),
        ("meta.xml", $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"><office:meta><meta:initial-creator>{Person}</meta:initial-creator><dc:creator>{Person}</dc:creator><meta:generator>LibreOffice</meta:generator></office:meta></office:document-meta>
            """),
        ("META-INF/manifest.xml", """<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/></manifest:manifest>"""));

    /// <summary>A PDF with a correct cross-reference table, an /Author in its Info dictionary and a dc:creator in an XMP stream.</summary>
    public static byte[] Pdf(string author = $"({Person})", string trailerExtra = "")
    {
        var xmp = $"""<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>{Person}</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>""";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R /Metadata 5 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 6 0 R >>",
            $"<< /Title (Field \\(report\\)) /Author {author} /Producer (Test) >>",
            $"<< /Type /Metadata /Subtype /XML /Length {xmp.Length} >>\nstream\n{xmp}\nendstream",
            "<< /Length 35 >>\nstream\nBT /F1 12 Tf 72 712 Td (Hi) Tj ET\nendstream",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n%\u00E2\u00E3\u00CF\u00D3\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.Latin1.GetByteCount(pdf.ToString()));
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = Encoding.Latin1.GetByteCount(pdf.ToString());
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R /Info 4 0 R {trailerExtra}>>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(pdf.ToString());
    }

    /// <summary>A zip written field by field, so that its headers may say whatever a test needs.</summary>
    public static byte[] RawZip(IEnumerable<(string Name, ushort Method, byte[] Data, uint Crc, long DeclaredSize)> entries)
    {
        using var zip = new MemoryStream();
        using var directory = new MemoryStream();
        var count = 0;
        foreach (var (name, method, data, crc, declared) in entries)
        {
            var offset = (uint)zip.Length;
            var nameBytes = Encoding.UTF8.GetBytes(name);
            var local = new byte[30];
            BinaryPrimitives.WriteUInt32LittleEndian(local, 0x04034b50);
            BinaryPrimitives.WriteUInt16LittleEndian(local.AsSpan(4), 20);
            BinaryPrimitives.WriteUInt16LittleEndian(local.AsSpan(8), method);
            BinaryPrimitives.WriteUInt32LittleEndian(local.AsSpan(14), crc);
            BinaryPrimitives.WriteUInt32LittleEndian(local.AsSpan(18), (uint)data.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(local.AsSpan(22), (uint)declared);
            BinaryPrimitives.WriteUInt16LittleEndian(local.AsSpan(26), (ushort)nameBytes.Length);
            zip.Write(local); zip.Write(nameBytes); zip.Write(data);
            var central = new byte[46];
            BinaryPrimitives.WriteUInt32LittleEndian(central, 0x02014b50);
            BinaryPrimitives.WriteUInt16LittleEndian(central.AsSpan(4), 20);
            BinaryPrimitives.WriteUInt16LittleEndian(central.AsSpan(6), 20);
            BinaryPrimitives.WriteUInt16LittleEndian(central.AsSpan(10), method);
            BinaryPrimitives.WriteUInt32LittleEndian(central.AsSpan(16), crc);
            BinaryPrimitives.WriteUInt32LittleEndian(central.AsSpan(20), (uint)data.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(central.AsSpan(24), (uint)declared);
            BinaryPrimitives.WriteUInt16LittleEndian(central.AsSpan(28), (ushort)nameBytes.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(central.AsSpan(42), offset);
            directory.Write(central); directory.Write(nameBytes);
            count++;
        }
        var directoryOffset = (uint)zip.Length;
        directory.Position = 0;
        directory.CopyTo(zip);
        var end = new byte[22];
        BinaryPrimitives.WriteUInt32LittleEndian(end, 0x06054b50);
        BinaryPrimitives.WriteUInt16LittleEndian(end.AsSpan(8), (ushort)Math.Min(count, 0xFFFF));
        BinaryPrimitives.WriteUInt16LittleEndian(end.AsSpan(10), (ushort)Math.Min(count, 0xFFFF));
        BinaryPrimitives.WriteUInt32LittleEndian(end.AsSpan(12), (uint)directory.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(end.AsSpan(16), directoryOffset);
        zip.Write(end);
        return zip.ToArray();
    }

    /// <summary><paramref name="size"/> zero bytes deflated, written a megabyte at a time.</summary>
    public static byte[] DeflatedZeros(long size)
    {
        using var compressed = new MemoryStream();
        using (var deflate = new DeflateStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (long written = 0; written < size; written += zeros.Length) deflate.Write(zeros, 0, (int)Math.Min(zeros.Length, size - written));
        }
        return compressed.ToArray();
    }

    public static byte[] Deflated(byte[] data)
    {
        using var compressed = new MemoryStream();
        using (var deflate = new DeflateStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) deflate.Write(data);
        return compressed.ToArray();
    }

    /// <summary>Every sample that must be accepted, with the type it must be detected as.</summary>
    public static IEnumerable<(string Name, byte[] Content, DetectedType Type)> Accepted()
    {
        yield return ("jpeg", Jpeg(), DetectedTypes.Jpeg);
        yield return ("png", Png(), DetectedTypes.Png);
        yield return ("gif", Gif(), DetectedTypes.Gif);
        yield return ("webp", WebP(), DetectedTypes.WebP);
        yield return ("mp3", Mp3(), DetectedTypes.Mp3);
        yield return ("mp3 without tags", Mp3WithoutTags(), DetectedTypes.Mp3);
        yield return ("wav", Wav(), DetectedTypes.Wav);
        yield return ("flac", Flac(), DetectedTypes.Flac);
        yield return ("ogg", Ogg(), DetectedTypes.Ogg);
        yield return ("m4a", M4a(), DetectedTypes.M4a);
        yield return ("m4a with an isom brand", M4a(brand: "isom"), DetectedTypes.M4a);
        yield return ("pdf", Pdf(), DetectedTypes.Pdf);
        yield return ("docx", Docx(), DetectedTypes.Docx);
        yield return ("xlsx", Xlsx(), DetectedTypes.Xlsx);
        yield return ("pptx", Pptx(), DetectedTypes.Pptx);
        yield return ("odt", OpenDocument(), DetectedTypes.Odt);
        yield return ("ods", OpenDocument("application/vnd.oasis.opendocument.spreadsheet"), DetectedTypes.Ods);
        yield return ("odp", OpenDocument("application/vnd.oasis.opendocument.presentation"), DetectedTypes.Odp);
    }
}
