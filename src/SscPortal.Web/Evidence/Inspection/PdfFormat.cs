using System.Net;
using System.Text;

namespace SscPortal.Web.Evidence.Inspection;

/// <summary>
/// PDF: one streaming pass over the file's tokens outside stream data, finding /Author strings, /Encrypt,
/// and (in uncompressed XMP metadata streams) dc:creator. Removal overwrites the value bytes with as many
/// spaces, so every offset in the cross-reference table stays valid.
/// </summary>
internal static class PdfFormat
{
    private const int MaxXmpBytes = 4 * 1024 * 1024;
    private static readonly byte[] EndStream = "endstream"u8.ToArray();

    public static bool StartsWithin(ReadOnlySpan<byte> head, int window) => head[..Math.Min(head.Length, window)].IndexOf("%PDF-"u8) >= 0;

    internal sealed record Scan(bool Encrypted, AuthorMetadataCollector Found, List<(long Offset, byte[] Bytes)> Patches);

    public static Scan Read(Stream stream)
    {
        var r = new ByteReader(stream);
        var tail = r.PeekAt(Math.Max(0, r.Length - 2048), 2048);
        if (tail.AsSpan().IndexOf("%%EOF"u8) < 0) throw RefusedContentException.Damaged();
        var scan = new Scan(false, new AuthorMetadataCollector(), []);
        var encrypted = false;
        var token = new StringBuilder();
        while (true)
        {
            var b = r.ReadByte();
            if (b < 0) break;
            switch (b)
            {
                case '%':
                    SkipComment(r);
                    break;
                case '(':
                    ReadLiteral(r);
                    break;
                case '/':
                    var name = ReadRegular(r, token);
                    if (name == "Encrypt") encrypted = true;
                    else if (name == "Author") ReadAuthor(r, scan);
                    break;
                default:
                    if (IsRegular(b))
                    {
                        token.Clear().Append((char)b);
                        var word = ReadRegular(r, token, keep: true);
                        if (word == "stream") SkipStream(r, scan);
                    }
                    break;
            }
        }
        return scan with { Encrypted = encrypted };
    }

    private static bool IsWhite(int b) => b is 0 or 9 or 10 or 12 or 13 or 32;

    private static bool IsRegular(int b) => b >= 0 && !IsWhite(b) && b is not ('(' or ')' or '<' or '>' or '[' or ']' or '{' or '}' or '/' or '%');

    private static string ReadRegular(ByteReader r, StringBuilder token, bool keep = false)
    {
        if (!keep) token.Clear();
        while (IsRegular(r.PeekByte()) && token.Length < 64) token.Append((char)r.ReadByte());
        return token.ToString();
    }

    private static void SkipComment(ByteReader r)
    {
        int b;
        while ((b = r.PeekByte()) >= 0 && b is not ('\r' or '\n')) r.ReadByte();
    }

    /// <summary>Reads a literal string after its "(" and returns its raw content's range; throws at the end of the file.</summary>
    private static (long Start, long End) ReadLiteral(ByteReader r)
    {
        var start = r.Position;
        var depth = 1;
        while (true)
        {
            var b = r.ReadRequiredByte();
            if (b == '\\') r.ReadRequiredByte();
            else if (b == '(') depth++;
            else if (b == ')' && --depth == 0) return (start, r.Position - 1);
        }
    }

    private static void ReadAuthor(ByteReader r, Scan scan)
    {
        int b;
        while ((b = r.PeekByte()) >= 0 && (IsWhite(b) || b == '%'))
        {
            if (b == '%') SkipComment(r);
            else r.ReadByte();
        }
        if (b == '(')
        {
            r.ReadByte();
            var (start, end) = ReadLiteral(r);
            var raw = r.PeekAt(start, (int)Math.Min(end - start, 64 * 1024));
            scan.Found.Add("Author", DecodeText(Unescape(raw)));
            scan.Patches.Add((start, Enumerable.Repeat((byte)' ', (int)(end - start)).ToArray()));
        }
        else if (b == '<')
        {
            r.ReadByte();
            if (r.PeekByte() == '<') return; // a dictionary, not a string
            var start = r.Position;
            var raw = new List<byte>();
            int c;
            while ((c = r.ReadRequiredByte()) != '>' && raw.Count < 64 * 1024) raw.Add((byte)c);
            var end = r.Position - 1;
            var hex = raw.Where(x => Uri.IsHexDigit((char)x)).Select(x => (char)x).ToList();
            if (hex.Count % 2 == 1) hex.Add('0');
            var bytes = new byte[hex.Count / 2];
            for (var i = 0; i < bytes.Length; i++) bytes[i] = Convert.ToByte(new string([hex[2 * i], hex[2 * i + 1]]), 16);
            scan.Found.Add("Author", DecodeText(bytes));
            var patch = r.PeekAt(start, (int)(end - start));
            var digits = 0;
            for (var i = 0; i < patch.Length; i++)
            {
                if (Uri.IsHexDigit((char)patch[i])) patch[i] = digits++ % 2 == 0 ? (byte)'2' : (byte)'0';
            }
            scan.Patches.Add((start, patch));
        }
    }

    private static byte[] Unescape(byte[] raw)
    {
        var result = new List<byte>(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != '\\' || i + 1 >= raw.Length)
            {
                result.Add(raw[i]);
                continue;
            }
            var c = raw[++i];
            switch (c)
            {
                case (byte)'n': result.Add(10); break;
                case (byte)'r': result.Add(13); break;
                case (byte)'t': result.Add(9); break;
                case (byte)'b': result.Add(8); break;
                case (byte)'f': result.Add(12); break;
                case (byte)'\r': if (i + 1 < raw.Length && raw[i + 1] == '\n') i++; break;
                case (byte)'\n': break;
                case >= (byte)'0' and <= (byte)'7':
                    var value = c - '0';
                    for (var n = 0; n < 2 && i + 1 < raw.Length && raw[i + 1] is >= (byte)'0' and <= (byte)'7'; n++) value = value * 8 + raw[++i] - '0';
                    result.Add((byte)value);
                    break;
                default: result.Add(c); break;
            }
        }
        return [.. result];
    }

    private static string DecodeText(byte[] bytes)
    {
        if (bytes is [0xFE, 0xFF, ..]) return Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
        if (bytes is [0xEF, 0xBB, 0xBF, ..]) return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        return Encoding.Latin1.GetString(bytes);
    }

    /// <summary>Skips a stream's data to "endstream"; an uncompressed XMP packet is searched for its creators on the way.</summary>
    private static void SkipStream(ByteReader r, Scan scan)
    {
        if (r.PeekByte() == '\r') r.ReadByte();
        if (r.PeekByte() == '\n') r.ReadByte();
        var dataStart = r.Position;
        var head = Encoding.Latin1.GetString(r.PeekAt(dataStart, 64)).TrimStart('\uFEFF', '\u00EF', '\u00BB', '\u00BF', ' ', '\r', '\n', '\t');
        var isXmp = head.StartsWith("<?xpacket", StringComparison.Ordinal) || head.StartsWith("<x:xmpmeta", StringComparison.Ordinal);
        var matched = 0;
        while (true)
        {
            if (matched == 0 && !r.SkipTo((byte)'e')) throw RefusedContentException.Damaged();
            var b = r.ReadRequiredByte();
            if (b == EndStream[matched]) matched++;
            else matched = b == 'e' ? 1 : 0;
            if (matched == EndStream.Length) break;
        }
        var dataEnd = r.Position - EndStream.Length;
        if (isXmp && dataEnd - dataStart <= MaxXmpBytes)
        {
            var after = r.Position;
            ReadXmp(r.PeekAt(dataStart, (int)(dataEnd - dataStart)), dataStart, scan);
            r.Seek(after);
        }
    }

    private static void ReadXmp(byte[] packet, long offset, Scan scan)
    {
        foreach (var element in (string[])["dc:creator", "pdf:Author"])
        {
            var open = Encoding.ASCII.GetBytes("<" + element);
            var close = Encoding.ASCII.GetBytes("</" + element + ">");
            var from = 0;
            while (true)
            {
                var start = packet.AsSpan(from).IndexOf(open);
                if (start < 0) break;
                start += from;
                var end = packet.AsSpan(start).IndexOf(close);
                if (end < 0) break;
                end += start;
                // Every text run between tags inside the element is a name (usually one rdf:li per creator).
                var i = start;
                while (i < end)
                {
                    var gt = packet.AsSpan(i, end - i).IndexOf((byte)'>');
                    if (gt < 0) break;
                    var textStart = i + gt + 1;
                    var lt = packet.AsSpan(textStart, end - textStart).IndexOf((byte)'<');
                    var textEnd = lt < 0 ? end : textStart + lt;
                    var text = Encoding.UTF8.GetString(packet, textStart, textEnd - textStart);
                    if (!string.IsNullOrWhiteSpace(text))
                    {
                        scan.Found.Add("Author", WebUtility.HtmlDecode(text));
                        scan.Patches.Add((offset + textStart, Enumerable.Repeat((byte)' ', textEnd - textStart).ToArray()));
                    }
                    i = textEnd;
                }
                from = end + close.Length;
            }
        }
    }
}
