using System.Text;

namespace SscPortal.Web.Evidence.Inspection;

/// <summary>JPEG: a walk over its marker segments, which keeps the image and leaves out EXIF, XMP, comments and other application data.</summary>
internal static class JpegFormat
{
    public static bool Matches(ReadOnlySpan<byte> head) => head is [0xFF, 0xD8, 0xFF, ..];

    /// <summary>Walks the segments through EOI; throws (damaged) if the file ends first or a segment is malformed.</summary>
    public static List<Piece> Walk(Stream stream)
    {
        var r = new ByteReader(stream);
        var pieces = new List<Piece>();
        if (r.ReadRequiredByte() != 0xFF || r.ReadRequiredByte() != 0xD8) throw RefusedContentException.Damaged();
        pieces.Add(new Piece(0, 2));
        bool sawFrame = false, sawScan = false;
        while (true)
        {
            var start = r.Position;
            if (r.ReadRequiredByte() != 0xFF) throw RefusedContentException.Damaged();
            int marker;
            do marker = r.ReadRequiredByte(); while (marker == 0xFF);
            if (marker == 0xD9)
            {
                if (!sawFrame || !sawScan) throw RefusedContentException.Damaged();
                pieces.Add(new Piece(start, r.Position - start));
                if (r.Remaining > 0) pieces.Add(new Piece(r.Position, r.Remaining, "Data after the image"));
                return pieces;
            }
            if (marker is >= 0xD0 and <= 0xD7 or 0x01)
            {
                pieces.Add(new Piece(start, r.Position - start));
                continue;
            }
            if (marker is 0x00 or 0xD8) throw RefusedContentException.Damaged();
            var length = r.ReadUInt16BigEndian();
            if (length < 2) throw RefusedContentException.Damaged();
            var head = r.PeekAt(r.Position, Math.Min(length - 2, 40));
            r.Skip(length - 2);
            if (marker is >= 0xC0 and <= 0xCF && marker is not 0xC4 and not 0xC8 and not 0xCC) sawFrame = true;
            pieces.Add(new Piece(start, r.Position - start, RemovedAs(marker, head)));
            if (marker != 0xDA) continue;
            sawScan = true;
            // Entropy-coded data runs to the next marker that is not a stuffed 00 or a restart marker.
            var dataStart = r.Position;
            while (true)
            {
                if (!r.SkipTo(0xFF)) throw new EndOfStreamException();
                var ffAt = r.Position;
                r.ReadByte();
                var next = r.PeekByte();
                if (next < 0) throw new EndOfStreamException();
                if (next == 0x00 || next is >= 0xD0 and <= 0xD7)
                {
                    r.ReadByte();
                    continue;
                }
                if (next == 0xFF) continue;
                pieces.Add(new Piece(dataStart, ffAt - dataStart));
                r.Seek(ffAt);
                break;
            }
        }
    }

    private static string? RemovedAs(int marker, byte[] head)
    {
        if (marker == 0xFE) return "Comment";
        if (marker is 0xE0 or 0xEE or < 0xE0 or > 0xEF) return null; // JFIF, Adobe, and the image's own segments stay
        var text = Encoding.Latin1.GetString(head);
        return marker switch
        {
            0xE1 when text.StartsWith("Exif", StringComparison.Ordinal) => "EXIF",
            0xE1 when text.StartsWith("http://ns.adobe.com/", StringComparison.Ordinal) => "XMP",
            0xE2 when text.StartsWith("ICC_PROFILE", StringComparison.Ordinal) => "ICC profile",
            0xE2 when text.StartsWith("MPF", StringComparison.Ordinal) => "Multi-picture data",
            0xED => "IPTC (Photoshop)",
            _ => $"APP{marker - 0xE0} data",
        };
    }
}

/// <summary>PNG: a walk over its chunks, which keeps what draws the image and leaves out text, EXIF, time and other ancillary chunks.</summary>
internal static class PngFormat
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly HashSet<string> Kept =
        ["IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "bKGD", "pHYs", "acTL", "fcTL", "fdAT"];

    public static bool Matches(ReadOnlySpan<byte> head) => head.StartsWith(Signature);

    public static List<Piece> Walk(Stream stream)
    {
        var r = new ByteReader(stream);
        var signature = r.ReadBytes(8);
        if (!signature.AsSpan().SequenceEqual(Signature)) throw RefusedContentException.Damaged();
        var pieces = new List<Piece> { new(0, 8) };
        var first = true;
        var sawData = false;
        while (true)
        {
            var start = r.Position;
            var length = r.ReadUInt32BigEndian();
            if (length > int.MaxValue) throw RefusedContentException.Damaged();
            var type = r.ReadFourCc();
            if (!type.All(char.IsAsciiLetter)) throw RefusedContentException.Damaged();
            if (first && type != "IHDR") throw RefusedContentException.Damaged();
            first = false;
            string? label = null;
            if (type is "tEXt" or "zTXt" or "iTXt")
            {
                var keyword = Encoding.Latin1.GetString(r.PeekAt(r.Position, (int)Math.Min(length, 80)));
                label = keyword.StartsWith("XML:com.adobe.xmp", StringComparison.Ordinal) ? "XMP" : "Text";
            }
            r.Skip(length + 4L);
            if (type == "IDAT") sawData = true;
            if (!Kept.Contains(type) && char.IsAsciiLetterLower(type[0]))
            {
                label ??= type switch { "eXIf" => "EXIF", "tIME" => "Time stamp", _ => $"{type} chunk" };
            }
            else label = null;
            pieces.Add(new Piece(start, r.Position - start, label));
            if (type == "IEND")
            {
                if (!sawData) throw RefusedContentException.Damaged();
                if (r.Remaining > 0) pieces.Add(new Piece(r.Position, r.Remaining, "Data after the image"));
                return pieces;
            }
        }
    }
}

/// <summary>GIF: a walk over its blocks, which leaves out comments and application data other than the animation loop count.</summary>
internal static class GifFormat
{
    public static bool Matches(ReadOnlySpan<byte> head) => head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8);

    public static List<Piece> Walk(Stream stream)
    {
        var r = new ByteReader(stream);
        var header = r.ReadBytes(13);
        if (!Matches(header)) throw RefusedContentException.Damaged();
        if ((header[10] & 0x80) != 0) r.Skip(3L << ((header[10] & 7) + 1));
        var pieces = new List<Piece> { new(0, r.Position) };
        var sawImage = false;
        while (true)
        {
            var start = r.Position;
            var block = r.ReadRequiredByte();
            string? label = null;
            switch (block)
            {
                case 0x3B:
                    if (!sawImage) throw RefusedContentException.Damaged();
                    pieces.Add(new Piece(start, 1));
                    if (r.Remaining > 0) pieces.Add(new Piece(r.Position, r.Remaining, "Data after the image"));
                    return pieces;
                case 0x2C:
                    var descriptor = r.ReadBytes(9);
                    if ((descriptor[8] & 0x80) != 0) r.Skip(3L << ((descriptor[8] & 7) + 1));
                    r.ReadRequiredByte(); // LZW minimum code size
                    SkipSubBlocks(r);
                    sawImage = true;
                    break;
                case 0x21:
                    var labelByte = r.ReadRequiredByte();
                    if (labelByte == 0xFE) label = "Comment";
                    else if (labelByte == 0xFF)
                    {
                        var id = Encoding.Latin1.GetString(r.PeekAt(r.Position + 1, 11));
                        if (id is not ("NETSCAPE2.0" or "ANIMEXTS1.0")) label = id.StartsWith("XMP Data", StringComparison.Ordinal) ? "XMP" : "Application data";
                    }
                    SkipSubBlocks(r);
                    break;
                default:
                    throw RefusedContentException.Damaged();
            }
            pieces.Add(new Piece(start, r.Position - start, label));
        }
    }

    private static void SkipSubBlocks(ByteReader r)
    {
        int size;
        while ((size = r.ReadRequiredByte()) != 0) r.Skip(size);
    }
}

/// <summary>RIFF containers: WebP images and WAV audio, walked chunk by chunk.</summary>
internal static class RiffFormat
{
    public static bool IsWebP(ReadOnlySpan<byte> head) => head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8);

    public static bool IsWave(ReadOnlySpan<byte> head) => head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WAVE"u8);

    internal readonly record struct Chunk(long Start, string Id, uint Size, long TotalLength);

    /// <summary>The chunks inside the RIFF form (each with its pad byte); throws (damaged) if the form claims more than the file holds.</summary>
    public static List<Chunk> Walk(Stream stream)
    {
        var r = new ByteReader(stream);
        r.Skip(4);
        long end = 8L + r.ReadUInt32LittleEndian();
        if (end > r.Length || end < 12) throw RefusedContentException.Damaged();
        r.Skip(4);
        var chunks = new List<Chunk>();
        while (r.Position < end)
        {
            var start = r.Position;
            if (end - start < 8) throw RefusedContentException.Damaged();
            var id = r.ReadFourCc();
            var size = r.ReadUInt32LittleEndian();
            var total = 8L + size + (size & 1);
            if (start + total > end)
            {
                // A missing pad byte after the last chunk is a common writer slip, not damage.
                if (start + 8L + size == end) total = 8L + size;
                else throw RefusedContentException.Damaged();
            }
            r.Seek(start + total);
            chunks.Add(new Chunk(start, id, size, total));
        }
        return chunks;
    }

    public static void ValidateWebP(Stream stream)
    {
        var chunks = Walk(stream);
        if (chunks.Count == 0 || chunks[0].Id is not ("VP8 " or "VP8L" or "VP8X")) throw RefusedContentException.Damaged();
        if (chunks[0].Id == "VP8X" && !chunks.Exists(c => c.Id is "VP8 " or "VP8L" or "ANMF")) throw RefusedContentException.Damaged();
    }

    public static void ValidateWave(Stream stream)
    {
        var chunks = Walk(stream);
        if (!chunks.Exists(c => c.Id == "fmt ") || !chunks.Exists(c => c.Id == "data")) throw RefusedContentException.Damaged();
    }

    /// <summary>Writes the form without the chunks <paramref name="removedAs"/> names, with its size fixed; <paramref name="patch"/> may rewrite a kept chunk's bytes.</summary>
    public static IReadOnlyList<string> WriteWithout(Stream input, Stream output, Func<Chunk, string?> removedAs, Func<Chunk, byte[]?>? patch = null)
    {
        var chunks = Walk(input);
        var header = new byte[12];
        input.Position = 0;
        input.ReadExactly(header);
        var removed = new List<string>();
        var plan = new OutputPlan();
        long size = 4;
        foreach (var chunk in chunks)
        {
            var label = removedAs(chunk);
            if (label is not null)
            {
                if (!removed.Contains(label)) removed.Add(label);
                continue;
            }
            size += chunk.TotalLength;
            if (patch?.Invoke(chunk) is { } bytes) plan.Write(bytes);
            else plan.Copy(chunk.Start, chunk.TotalLength);
        }
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), (uint)size);
        output.Write(header);
        plan.WriteTo(input, output);
        return removed;
    }

    public static IReadOnlyList<string> StripWebP(Stream input, Stream output) =>
        WriteWithout(input, output,
            c => c.Id switch { "EXIF" => "EXIF", "XMP " => "XMP", _ => null },
            c =>
            {
                if (c.Id != "VP8X") return null;
                input.Position = c.Start;
                var bytes = new byte[c.TotalLength];
                input.ReadExactly(bytes);
                if (bytes.Length > 8) bytes[8] &= unchecked((byte)~0x0C); // the EXIF and XMP flags
                return bytes;
            });

    public static IReadOnlyList<string> StripWave(Stream input, Stream output) =>
        WriteWithout(input, output, c =>
        {
            if (c.Id is "id3 " or "ID3 ") return "ID3 tag";
            if (c.Id != "LIST" || c.Size < 4) return null;
            input.Position = c.Start + 8;
            Span<byte> type = stackalloc byte[4];
            input.ReadExactly(type);
            return type.SequenceEqual("INFO"u8) ? "Tags (LIST INFO)" : null;
        });
}
