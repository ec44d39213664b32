using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace SscPortal.Web.Evidence.Inspection;

/// <summary>One entry of a zip's central directory, with sizes and offsets resolved (zip64 included).</summary>
internal sealed record ZipEntry(
    byte[] RawName, string Name, ushort VersionMadeBy, ushort VersionNeeded, ushort Flags, ushort Method, ushort Time, ushort Date,
    uint Crc, long CompressedSize, long UncompressedSize, ushort InternalAttributes, uint ExternalAttributes, long LocalHeaderOffset,
    byte[] Extra, byte[] Comment)
{
    public bool IsEncrypted => (Flags & 1) != 0;
}

/// <summary>
/// A zip read from its central directory, with every limit checked before anything is expanded:
/// the entry count from the end record, the declared sizes and ratios, overlapping entries, and then,
/// while expanding, the bytes that actually come out.
/// </summary>
internal sealed class ZipContainer
{
    private const long RatioCheckedFrom = 1024 * 1024;
    private readonly Stream _stream;

    private ZipContainer(Stream stream, List<ZipEntry> entries, long directoryOffset, byte[] comment)
    {
        _stream = stream;
        Entries = entries;
        DirectoryOffset = directoryOffset;
        ArchiveComment = comment;
    }

    /// <summary>Entries in the order their data lies in the file.</summary>
    public List<ZipEntry> Entries { get; }

    public long DirectoryOffset { get; }

    public byte[] ArchiveComment { get; }

    public static bool Matches(ReadOnlySpan<byte> head) => head.StartsWith("PK\u0003\u0004"u8) || head.StartsWith("PK\u0005\u0006"u8) || head.StartsWith("PK\u0007\u0008"u8);

    public ZipEntry? Find(string name) => Entries.Find(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));

    public static ZipContainer Open(Stream stream, InspectionLimits limits)
    {
        var r = new ByteReader(stream);
        var length = r.Length;
        if (length < 22) throw RefusedContentException.Damaged();
        var tailStart = Math.Max(0, length - (22 + 65535));
        var tail = r.PeekAt(tailStart, (int)(length - tailStart));
        var at = -1;
        for (var i = tail.Length - 22; i >= 0; i--)
        {
            if (tail.AsSpan(i).StartsWith("PK\u0005\u0006"u8) && i + 22 + BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(i + 20)) <= tail.Length)
            {
                at = i;
                break;
            }
        }
        if (at < 0) throw RefusedContentException.Damaged();
        var end = tail.AsSpan(at);
        var eocdOffset = tailStart + at;
        long count = BinaryPrimitives.ReadUInt16LittleEndian(end[10..]);
        long directorySize = BinaryPrimitives.ReadUInt32LittleEndian(end[12..]);
        long directoryOffset = BinaryPrimitives.ReadUInt32LittleEndian(end[16..]);
        var comment = end.Slice(22, BinaryPrimitives.ReadUInt16LittleEndian(end[20..])).ToArray();
        if (count == 0xFFFF || directorySize == 0xFFFFFFFF || directoryOffset == 0xFFFFFFFF)
        {
            if (eocdOffset < 20) throw RefusedContentException.Damaged();
            var locator = r.PeekAt(eocdOffset - 20, 20);
            if (!locator.AsSpan().StartsWith("PK\u0006\u0007"u8)) throw RefusedContentException.Damaged();
            var zip64At = BinaryPrimitives.ReadUInt64LittleEndian(locator.AsSpan(8));
            if (zip64At > (ulong)(eocdOffset - 56)) throw RefusedContentException.Damaged();
            var zip64 = r.PeekAt((long)zip64At, 56);
            if (!zip64.AsSpan().StartsWith("PK\u0006\u0006"u8)) throw RefusedContentException.Damaged();
            count = (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(zip64.AsSpan(32)), long.MaxValue);
            directorySize = (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(zip64.AsSpan(40)), long.MaxValue);
            directoryOffset = (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(zip64.AsSpan(48)), long.MaxValue);
        }
        if (count > limits.MaxEntries) throw new RefusedContentException(Refusal.ZipBomb);
        if (directoryOffset > eocdOffset || directorySize > eocdOffset - directoryOffset) throw RefusedContentException.Damaged();

        var entries = new List<ZipEntry>((int)count);
        r.Seek(directoryOffset);
        long declaredTotal = 0;
        for (var i = 0; i < count; i++)
        {
            if (r.ReadUInt32LittleEndian() != 0x02014b50) throw RefusedContentException.Damaged();
            var fixedPart = r.ReadBytes(42);
            var f = fixedPart.AsSpan();
            var rawName = r.ReadBytes(BinaryPrimitives.ReadUInt16LittleEndian(f[24..]));
            var extra = r.ReadBytes(BinaryPrimitives.ReadUInt16LittleEndian(f[26..]));
            var entryComment = r.ReadBytes(BinaryPrimitives.ReadUInt16LittleEndian(f[28..]));
            long compressed = BinaryPrimitives.ReadUInt32LittleEndian(f[16..]);
            long uncompressed = BinaryPrimitives.ReadUInt32LittleEndian(f[20..]);
            long offset = BinaryPrimitives.ReadUInt32LittleEndian(f[38..]);
            ReadZip64Extra(extra, ref uncompressed, ref compressed, ref offset);
            var entry = new ZipEntry(rawName, Encoding.UTF8.GetString(rawName),
                BinaryPrimitives.ReadUInt16LittleEndian(f), BinaryPrimitives.ReadUInt16LittleEndian(f[2..]),
                BinaryPrimitives.ReadUInt16LittleEndian(f[4..]), BinaryPrimitives.ReadUInt16LittleEndian(f[6..]),
                BinaryPrimitives.ReadUInt16LittleEndian(f[8..]), BinaryPrimitives.ReadUInt16LittleEndian(f[10..]),
                BinaryPrimitives.ReadUInt32LittleEndian(f[12..]), compressed, uncompressed,
                BinaryPrimitives.ReadUInt16LittleEndian(f[32..]), BinaryPrimitives.ReadUInt32LittleEndian(f[34..]), offset,
                extra, entryComment);
            if (uncompressed > limits.MaxExpandedBytes) throw new RefusedContentException(Refusal.ZipBomb);
            declaredTotal += uncompressed;
            if (declaredTotal > limits.MaxExpandedBytes) throw new RefusedContentException(Refusal.ZipBomb);
            if (uncompressed > RatioCheckedFrom && uncompressed / Math.Max(1, compressed) > limits.MaxRatio) throw new RefusedContentException(Refusal.ZipBomb);
            if (offset + 30 + compressed > directoryOffset) throw RefusedContentException.Damaged();
            entries.Add(entry);
        }
        entries.Sort((a, b) => a.LocalHeaderOffset.CompareTo(b.LocalHeaderOffset));
        for (var i = 1; i < entries.Count; i++)
        {
            // Entries sharing their data are the trick behind the smallest, largest zip bombs.
            if (entries[i - 1].LocalHeaderOffset + 30 + entries[i - 1].CompressedSize > entries[i].LocalHeaderOffset) throw new RefusedContentException(Refusal.ZipBomb);
        }
        return new ZipContainer(stream, entries, directoryOffset, comment);
    }

    private static void ReadZip64Extra(byte[] extra, ref long uncompressed, ref long compressed, ref long offset)
    {
        if (uncompressed != 0xFFFFFFFF && compressed != 0xFFFFFFFF && offset != 0xFFFFFFFF) return;
        var span = extra.AsSpan();
        while (span.Length >= 4)
        {
            var id = BinaryPrimitives.ReadUInt16LittleEndian(span);
            var size = BinaryPrimitives.ReadUInt16LittleEndian(span[2..]);
            if (size > span.Length - 4) break;
            var data = span.Slice(4, size);
            if (id == 1)
            {
                if (uncompressed == 0xFFFFFFFF) uncompressed = Next(ref data);
                if (compressed == 0xFFFFFFFF) compressed = Next(ref data);
                if (offset == 0xFFFFFFFF) offset = Next(ref data);
                return;
            }
            span = span[(4 + size)..];
        }
        throw RefusedContentException.Damaged();

        static long Next(ref Span<byte> data)
        {
            if (data.Length < 8) throw RefusedContentException.Damaged();
            var value = BinaryPrimitives.ReadUInt64LittleEndian(data);
            data = data[8..];
            return value > long.MaxValue ? throw RefusedContentException.Damaged() : (long)value;
        }
    }

    /// <summary>Where the entry's compressed data starts, after its local header.</summary>
    public long DataOffset(ZipEntry entry)
    {
        var header = new byte[30];
        _stream.Position = entry.LocalHeaderOffset;
        _stream.ReadExactly(header);
        if (BinaryPrimitives.ReadUInt32LittleEndian(header) != 0x04034b50) throw RefusedContentException.Damaged();
        var start = entry.LocalHeaderOffset + 30 + BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(26)) + BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(28));
        if (start + entry.CompressedSize > DirectoryOffset) throw RefusedContentException.Damaged();
        return start;
    }

    /// <summary>
    /// The entry's expanded bytes. More than it declared is a zip bomb; more than <paramref name="readLimit"/>
    /// (for parts read whole) is refused with <paramref name="overReadLimit"/>.
    /// </summary>
    public CheckedReadStream Open(ZipEntry entry, long? readLimit = null, Refusal overReadLimit = Refusal.Damaged)
    {
        if (entry.IsEncrypted) throw new RefusedContentException(Refusal.Encrypted);
        var window = new WindowStream(_stream, DataOffset(entry), entry.CompressedSize);
        Stream expanded = entry.Method switch
        {
            0 => window,
            8 => new DeflateStream(window, CompressionMode.Decompress),
            _ => throw RefusedContentException.Damaged(),
        };
        if (readLimit is { } limit && limit < entry.UncompressedSize) return new CheckedReadStream(expanded, limit, overReadLimit);
        return new CheckedReadStream(expanded, entry.UncompressedSize, Refusal.ZipBomb);
    }

    /// <summary>Expands every entry, checking that each gives exactly its declared size and CRC.</summary>
    public void VerifyAll()
    {
        foreach (var entry in Entries)
        {
            using var content = Open(entry);
            content.Drain();
            if (content.BytesRead != entry.UncompressedSize || content.Crc != entry.Crc) throw RefusedContentException.Damaged();
        }
    }

    /// <summary>
    /// Writes the archive again, entries in the same order: untouched entries' compressed data byte for byte,
    /// entries with a transform expanded, transformed and compressed anew.
    /// </summary>
    public void Rewrite(Stream output, Func<ZipEntry, Action<Stream, Stream>?> transformFor)
    {
        var counted = new CountingWriteStream(output, leaveOpen: true);
        var written = new List<(ZipEntry Entry, ushort Flags, ushort Method, ushort Version, uint Crc, long Compressed, long Uncompressed, long Offset)>();
        var buffer = new byte[81920];
        foreach (var entry in Entries)
        {
            var offset = counted.BytesWritten;
            var transform = transformFor(entry);
            if (transform is null)
            {
                var flags = (ushort)(entry.Flags & ~0x0008);
                var version = entry.VersionNeeded >= 45 ? (ushort)20 : entry.VersionNeeded;
                WriteLocalHeader(counted, entry, flags, entry.Method, version, entry.Crc, entry.CompressedSize, entry.UncompressedSize);
                _stream.Position = DataOffset(entry);
                var left = entry.CompressedSize;
                while (left > 0)
                {
                    var n = _stream.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                    if (n == 0) throw new EndOfStreamException();
                    counted.Write(buffer, 0, n);
                    left -= n;
                }
                written.Add((entry, flags, entry.Method, version, entry.Crc, entry.CompressedSize, entry.UncompressedSize, offset));
                continue;
            }
            // A changed entry is streamed: sizes and CRC follow the data in a descriptor and go into the directory.
            var changedFlags = (ushort)((entry.Flags & 0x0800) | 0x0008);
            WriteLocalHeader(counted, entry, changedFlags, 8, 20, 0, 0, 0);
            var dataStart = counted.BytesWritten;
            var plain = new CountingWriteStream(new DeflateStream(counted, CompressionLevel.Optimal, leaveOpen: true), leaveOpen: false);
            using (var source = Open(entry))
            {
                transform(source, plain);
            }
            plain.Dispose();
            var compressed = counted.BytesWritten - dataStart;
            var descriptor = new byte[16];
            BinaryPrimitives.WriteUInt32LittleEndian(descriptor.AsSpan(), 0x08074b50);
            BinaryPrimitives.WriteUInt32LittleEndian(descriptor.AsSpan(4), plain.Crc);
            BinaryPrimitives.WriteUInt32LittleEndian(descriptor.AsSpan(8), checked((uint)compressed));
            BinaryPrimitives.WriteUInt32LittleEndian(descriptor.AsSpan(12), checked((uint)plain.BytesWritten));
            counted.Write(descriptor);
            written.Add((entry, changedFlags, 8, 20, plain.Crc, compressed, plain.BytesWritten, offset));
        }
        var directoryStart = counted.BytesWritten;
        foreach (var (entry, flags, method, version, crc, compressed, uncompressed, offset) in written)
        {
            var extra = WithoutZip64(entry.Extra);
            var header = new byte[46];
            var h = header.AsSpan();
            BinaryPrimitives.WriteUInt32LittleEndian(h, 0x02014b50);
            BinaryPrimitives.WriteUInt16LittleEndian(h[4..], entry.VersionMadeBy);
            BinaryPrimitives.WriteUInt16LittleEndian(h[6..], version);
            BinaryPrimitives.WriteUInt16LittleEndian(h[8..], flags);
            BinaryPrimitives.WriteUInt16LittleEndian(h[10..], method);
            BinaryPrimitives.WriteUInt16LittleEndian(h[12..], entry.Time);
            BinaryPrimitives.WriteUInt16LittleEndian(h[14..], entry.Date);
            BinaryPrimitives.WriteUInt32LittleEndian(h[16..], crc);
            BinaryPrimitives.WriteUInt32LittleEndian(h[20..], checked((uint)compressed));
            BinaryPrimitives.WriteUInt32LittleEndian(h[24..], checked((uint)uncompressed));
            BinaryPrimitives.WriteUInt16LittleEndian(h[28..], (ushort)entry.RawName.Length);
            BinaryPrimitives.WriteUInt16LittleEndian(h[30..], (ushort)extra.Length);
            BinaryPrimitives.WriteUInt16LittleEndian(h[32..], (ushort)entry.Comment.Length);
            BinaryPrimitives.WriteUInt16LittleEndian(h[36..], entry.InternalAttributes);
            BinaryPrimitives.WriteUInt32LittleEndian(h[38..], entry.ExternalAttributes);
            BinaryPrimitives.WriteUInt32LittleEndian(h[42..], checked((uint)offset));
            counted.Write(header);
            counted.Write(entry.RawName);
            counted.Write(extra);
            counted.Write(entry.Comment);
        }
        var directorySize = counted.BytesWritten - directoryStart;
        var end = new byte[22];
        var e = end.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(e, 0x06054b50);
        BinaryPrimitives.WriteUInt16LittleEndian(e[8..], checked((ushort)written.Count));
        BinaryPrimitives.WriteUInt16LittleEndian(e[10..], checked((ushort)written.Count));
        BinaryPrimitives.WriteUInt32LittleEndian(e[12..], checked((uint)directorySize));
        BinaryPrimitives.WriteUInt32LittleEndian(e[16..], checked((uint)directoryStart));
        BinaryPrimitives.WriteUInt16LittleEndian(e[20..], (ushort)ArchiveComment.Length);
        counted.Write(end);
        counted.Write(ArchiveComment);
        counted.Flush();
    }

    private static void WriteLocalHeader(Stream output, ZipEntry entry, ushort flags, ushort method, ushort version, uint crc, long compressed, long uncompressed)
    {
        // No extra field: ODF readers look for the mimetype right after the first local header's name.
        var header = new byte[30];
        var h = header.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(h, 0x04034b50);
        BinaryPrimitives.WriteUInt16LittleEndian(h[4..], version);
        BinaryPrimitives.WriteUInt16LittleEndian(h[6..], flags);
        BinaryPrimitives.WriteUInt16LittleEndian(h[8..], method);
        BinaryPrimitives.WriteUInt16LittleEndian(h[10..], entry.Time);
        BinaryPrimitives.WriteUInt16LittleEndian(h[12..], entry.Date);
        BinaryPrimitives.WriteUInt32LittleEndian(h[14..], crc);
        BinaryPrimitives.WriteUInt32LittleEndian(h[18..], checked((uint)compressed));
        BinaryPrimitives.WriteUInt32LittleEndian(h[22..], checked((uint)uncompressed));
        BinaryPrimitives.WriteUInt16LittleEndian(h[26..], (ushort)entry.RawName.Length);
        output.Write(header);
        output.Write(entry.RawName);
    }

    private static byte[] WithoutZip64(byte[] extra)
    {
        var kept = new List<byte>(extra.Length);
        var span = extra.AsSpan();
        while (span.Length >= 4)
        {
            var id = BinaryPrimitives.ReadUInt16LittleEndian(span);
            var size = Math.Min(BinaryPrimitives.ReadUInt16LittleEndian(span[2..]), span.Length - 4);
            if (id != 1) kept.AddRange(span[..(4 + size)]);
            span = span[(4 + size)..];
        }
        return [.. kept];
    }
}
