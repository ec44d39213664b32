using System.Text;

namespace SscPortal.Web.Evidence.Inspection;

/// <summary>MP3: an optional ID3v2 tag, then MPEG audio frames, then perhaps an ID3v1 tag.</summary>
internal static class Mp3Format
{
    private static readonly int[][] Bitrates =
    [
        [32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448], // MPEG-1 layer I
        [32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384], // MPEG-1 layer II
        [32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320], // MPEG-1 layer III
        [32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256], // MPEG-2/2.5 layer I
        [8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160], // MPEG-2/2.5 layers II and III
    ];

    private static readonly int[][] SampleRates = [[11025, 12000, 8000], [], [22050, 24000, 16000], [44100, 48000, 32000]];

    public static bool HasId3(ReadOnlySpan<byte> head) => head.StartsWith("ID3"u8);

    /// <summary>The length of the MPEG audio frame whose header starts <paramref name="h"/>, or 0 if it is not one.</summary>
    public static int FrameLength(ReadOnlySpan<byte> h)
    {
        if (h.Length < 4 || h[0] != 0xFF || (h[1] & 0xE0) != 0xE0) return 0;
        var version = (h[1] >> 3) & 3;
        var layer = (h[1] >> 1) & 3;
        var bitrateIndex = h[2] >> 4;
        var rateIndex = (h[2] >> 2) & 3;
        if (version == 1 || layer == 0 || bitrateIndex is 0 or 15 || rateIndex == 3) return 0;
        var padding = (h[2] >> 1) & 1;
        var table = version == 3 ? 3 - layer : layer == 3 ? 3 : 4;
        var bitrate = Bitrates[table][bitrateIndex - 1] * 1000;
        var rate = SampleRates[version][rateIndex];
        return layer switch
        {
            3 => (12 * bitrate / rate + padding) * 4,
            1 when version != 3 => 72 * bitrate / rate + padding,
            _ => 144 * bitrate / rate + padding,
        };
    }

    /// <summary>Where the ID3v2 tag(s) at the start end (0 if there are none).</summary>
    private static long Id3v2End(ByteReader r)
    {
        long at = 0;
        while (true)
        {
            var head = r.PeekAt(at, 10);
            if (head.Length < 10 || !HasId3(head)) return at;
            if ((head[6] | head[7] | head[8] | head[9]) >= 0x80) throw RefusedContentException.Damaged();
            long size = head[6] << 21 | head[7] << 14 | head[8] << 7 | head[9];
            var end = at + 10 + size + ((head[5] & 0x10) != 0 ? 10 : 0);
            if (end > r.Length) throw RefusedContentException.Damaged();
            at = end;
        }
    }

    /// <summary>Throws unless the file is an ID3 tag and/or MPEG audio frames (two in a row when there is no tag, so that stray bytes do not pass).</summary>
    public static void Validate(Stream stream)
    {
        var r = new ByteReader(stream);
        var at = Id3v2End(r);
        var tagged = at > 0;
        if (tagged)
        {
            // Some writers pad after the tag's declared size.
            r.Seek(at);
            var skipped = 0;
            while (r.PeekByte() == 0 && skipped++ < 64 * 1024) r.ReadByte();
            at = r.Position;
        }
        var length = FrameLength(r.PeekAt(at, 4));
        if (length == 0) throw RefusedContentException.Damaged();
        if (tagged) return;
        var next = at + length;
        if (next == r.Length) return;
        var second = r.PeekAt(next, 4);
        if (FrameLength(second) == 0 && !second.AsSpan().StartsWith("TAG"u8)) throw new RefusedContentException(Refusal.UnknownType);
    }

    public static IReadOnlyList<string> Strip(Stream input, Stream output)
    {
        var r = new ByteReader(input);
        var start = Id3v2End(r);
        var end = r.Length;
        var removed = new List<string>();
        if (start > 0) removed.Add("ID3v2 tag");
        if (end - start >= 128 && r.PeekAt(end - 128, 3).AsSpan().SequenceEqual("TAG"u8))
        {
            end -= 128;
            removed.Add("ID3v1 tag");
        }
        var plan = new OutputPlan();
        plan.Copy(start, end - start);
        plan.WriteTo(input, output);
        return removed;
    }
}

/// <summary>FLAC: metadata blocks (STREAMINFO first), then audio frames.</summary>
internal static class FlacFormat
{
    public static bool Matches(ReadOnlySpan<byte> head) => head.StartsWith("fLaC"u8);

    internal readonly record struct Block(long Start, int Type, long Length, bool Last);

    public static (List<Block> Blocks, long AudioStart) Walk(Stream stream)
    {
        var r = new ByteReader(stream);
        r.Skip(4);
        var blocks = new List<Block>();
        while (true)
        {
            var start = r.Position;
            var header = r.ReadRequiredByte();
            var length = r.ReadUInt24BigEndian();
            var type = header & 0x7F;
            if (blocks.Count == 0 && (type != 0 || length != 34)) throw RefusedContentException.Damaged();
            if (type == 127) throw RefusedContentException.Damaged();
            r.Skip(length);
            var last = (header & 0x80) != 0;
            blocks.Add(new Block(start, type, 4 + length, last));
            if (last) break;
        }
        var audio = r.Position;
        var sync = r.PeekAt(audio, 2);
        if (sync.Length < 2 || sync[0] != 0xFF || (sync[1] & 0xFE) != 0xF8) throw RefusedContentException.Damaged();
        return (blocks, audio);
    }

    public static IReadOnlyList<string> Strip(Stream input, Stream output)
    {
        var (blocks, audio) = Walk(input);
        var kept = blocks.Where(b => b.Type is not (4 or 6)).ToList();
        var removed = blocks.Where(b => b.Type is 4 or 6).Select(b => b.Type == 4 ? "Tags (Vorbis comment)" : "Picture").Distinct().ToList();
        var plan = new OutputPlan();
        plan.Write("fLaC"u8.ToArray());
        for (var i = 0; i < kept.Count; i++)
        {
            var header = new byte[4];
            input.Position = kept[i].Start;
            input.ReadExactly(header);
            header[0] = (byte)((header[0] & 0x7F) | (i == kept.Count - 1 ? 0x80 : 0));
            plan.Write(header);
            plan.Copy(kept[i].Start + 4, kept[i].Length - 4);
        }
        plan.Copy(audio, input.Length - audio);
        plan.WriteTo(input, output);
        return removed;
    }
}

/// <summary>Ogg: pages starting "OggS"; the first packet says which codec, and only audio codecs pass.</summary>
internal static class OggFormat
{
    public static bool Matches(ReadOnlySpan<byte> head) => head.StartsWith("OggS"u8);

    public static void Validate(Stream stream)
    {
        var r = new ByteReader(stream);
        var header = r.ReadBytes(27);
        if (header[4] != 0) throw RefusedContentException.Damaged();
        var lacing = r.ReadBytes(header[26]);
        var packet = r.ReadBytes(Math.Min(lacing.Sum(b => b), 8));
        var text = Encoding.Latin1.GetString(packet);
        if (text.StartsWith("\u0001vorbis", StringComparison.Ordinal) || text.StartsWith("OpusHead", StringComparison.Ordinal)
            || text.StartsWith("\u007FFLAC", StringComparison.Ordinal) || text.StartsWith("Speex", StringComparison.Ordinal))
            return;
        throw new RefusedContentException(Refusal.UnknownType);
    }
}

/// <summary>ISO base media (MP4/M4A): boxes; an ftyp first, and a moov whose tracks are sound only.</summary>
internal static class IsoMediaFormat
{
    public static bool Matches(ReadOnlySpan<byte> head) => head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8);

    internal readonly record struct Box(long Start, int HeaderLength, long Size, string Type)
    {
        public long PayloadStart => Start + HeaderLength;
        public long End => Start + Size;
    }

    public static List<Box> Children(ByteReader r, long start, long end)
    {
        var boxes = new List<Box>();
        r.Seek(start);
        while (r.Position < end)
        {
            var at = r.Position;
            if (end - at < 8) throw RefusedContentException.Damaged();
            long size = r.ReadUInt32BigEndian();
            var type = r.ReadFourCc();
            var header = 8;
            if (size == 1)
            {
                var large = r.ReadUInt64BigEndian();
                if (large > long.MaxValue) throw RefusedContentException.Damaged();
                size = (long)large;
                header = 16;
            }
            else if (size == 0) size = end - at;
            if (size < header || at + size > end) throw RefusedContentException.Damaged();
            boxes.Add(new Box(at, header, size, type));
            r.Seek(at + size);
        }
        return boxes;
    }

    /// <summary>Throws (unknown type) for video, still images and anything without a sound track.</summary>
    public static void Validate(Stream stream)
    {
        var r = new ByteReader(stream);
        var top = Children(r, 0, r.Length);
        var ftyp = top[0];
        var brands = Encoding.Latin1.GetString(r.PeekAt(ftyp.PayloadStart, (int)Math.Min(ftyp.Size - ftyp.HeaderLength, 256)));
        if (brands.Contains("heic", StringComparison.Ordinal) || brands.Contains("mif1", StringComparison.Ordinal) || brands.Contains("avif", StringComparison.Ordinal))
            throw new RefusedContentException(Refusal.UnknownType);
        var moov = top.Find(b => b.Type == "moov");
        if (moov.Type is null) throw new RefusedContentException(Refusal.UnknownType);
        var handlers = new List<string>();
        foreach (var trak in Children(r, moov.PayloadStart, moov.End).Where(b => b.Type == "trak"))
        {
            foreach (var mdia in Children(r, trak.PayloadStart, trak.End).Where(b => b.Type == "mdia"))
            {
                foreach (var hdlr in Children(r, mdia.PayloadStart, mdia.End).Where(b => b.Type == "hdlr" && b.Size >= b.HeaderLength + 12))
                    handlers.Add(Encoding.Latin1.GetString(r.PeekAt(hdlr.PayloadStart + 8, 4)));
            }
        }
        if (!handlers.Contains("soun") || handlers.Contains("vide")) throw new RefusedContentException(Refusal.UnknownType);
    }

    /// <summary>Renames the tag boxes (udta, meta) at the top, under moov and under each trak to "free": same sizes, so every offset in the file stays right.</summary>
    public static IReadOnlyList<string> Strip(Stream input, Stream output)
    {
        var r = new ByteReader(input);
        var patches = new List<(long, byte[])>();
        var removed = new List<string>();
        void Rename(IEnumerable<Box> boxes)
        {
            foreach (var box in boxes.Where(b => b.Type is "udta" or "meta"))
            {
                patches.Add((box.Start + 4, "free"u8.ToArray()));
                var label = box.Type == "udta" ? "User data (udta)" : "Metadata (meta)";
                if (!removed.Contains(label)) removed.Add(label);
            }
        }
        var top = Children(r, 0, r.Length);
        Rename(top);
        foreach (var moov in top.Where(b => b.Type == "moov"))
        {
            var children = Children(r, moov.PayloadStart, moov.End);
            Rename(children);
            foreach (var trak in children.Where(b => b.Type == "trak")) Rename(Children(r, trak.PayloadStart, trak.End));
        }
        OutputPlan.Patched(input.Length, patches).WriteTo(input, output);
        return removed;
    }
}
