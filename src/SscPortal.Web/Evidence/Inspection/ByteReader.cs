using System.Buffers.Binary;

namespace SscPortal.Web.Evidence.Inspection;

/// <summary>
/// A buffered reader over a seekable stream that knows its absolute position and can jump ahead.
/// Reading past the end throws <see cref="EndOfStreamException"/>, which the inspector reports as a damaged file.
/// </summary>
internal sealed class ByteReader
{
    private readonly Stream _stream;
    private readonly byte[] _buffer;
    private long _bufferStart;
    private int _count;
    private int _index;

    public ByteReader(Stream stream, long start = 0, int bufferSize = 64 * 1024)
    {
        _stream = stream;
        _buffer = new byte[bufferSize];
        Length = stream.Length;
        Seek(start);
    }

    public long Length { get; }

    public long Position => _bufferStart + _index;

    public long Remaining => Length - Position;

    public void Seek(long position)
    {
        if (position >= _bufferStart && position <= _bufferStart + _count)
        {
            _index = (int)(position - _bufferStart);
            return;
        }
        _bufferStart = position;
        _count = 0;
        _index = 0;
    }

    /// <summary>Moves forward by <paramref name="count"/> bytes, which must all be in the file.</summary>
    public void Skip(long count)
    {
        if (count < 0 || count > Remaining) throw new EndOfStreamException();
        Seek(Position + count);
    }

    private bool Fill()
    {
        _bufferStart += _count;
        _index = 0;
        _count = 0;
        if (_bufferStart >= Length) return false;
        _stream.Position = _bufferStart;
        _count = _stream.Read(_buffer, 0, _buffer.Length);
        return _count > 0;
    }

    /// <summary>The next byte, or -1 at the end.</summary>
    public int ReadByte()
    {
        if (_index == _count && !Fill()) return -1;
        return _buffer[_index++];
    }

    public int PeekByte()
    {
        if (_index == _count && !Fill()) return -1;
        return _buffer[_index];
    }

    public byte ReadRequiredByte()
    {
        var b = ReadByte();
        return b < 0 ? throw new EndOfStreamException() : (byte)b;
    }

    /// <summary>Reads as many bytes as are there, up to the span's length.</summary>
    public int Read(Span<byte> destination)
    {
        var total = 0;
        while (total < destination.Length)
        {
            if (_index == _count && !Fill()) break;
            var n = Math.Min(destination.Length - total, _count - _index);
            _buffer.AsSpan(_index, n).CopyTo(destination[total..]);
            _index += n;
            total += n;
        }
        return total;
    }

    public void ReadExactly(Span<byte> destination)
    {
        if (Read(destination) != destination.Length) throw new EndOfStreamException();
    }

    public byte[] ReadBytes(int count)
    {
        var bytes = new byte[count];
        ReadExactly(bytes);
        return bytes;
    }

    /// <summary>Advances to the next occurrence of <paramref name="value"/> (leaving it unread); false at the end.</summary>
    public bool SkipTo(byte value)
    {
        while (true)
        {
            if (_index == _count && !Fill()) return false;
            var at = _buffer.AsSpan(_index, _count - _index).IndexOf(value);
            if (at >= 0)
            {
                _index += at;
                return true;
            }
            _index = _count;
        }
    }

    public ushort ReadUInt16BigEndian() { Span<byte> b = stackalloc byte[2]; ReadExactly(b); return BinaryPrimitives.ReadUInt16BigEndian(b); }

    public ushort ReadUInt16LittleEndian() { Span<byte> b = stackalloc byte[2]; ReadExactly(b); return BinaryPrimitives.ReadUInt16LittleEndian(b); }

    public uint ReadUInt24BigEndian() { Span<byte> b = stackalloc byte[3]; ReadExactly(b); return (uint)(b[0] << 16 | b[1] << 8 | b[2]); }

    public uint ReadUInt32BigEndian() { Span<byte> b = stackalloc byte[4]; ReadExactly(b); return BinaryPrimitives.ReadUInt32BigEndian(b); }

    public uint ReadUInt32LittleEndian() { Span<byte> b = stackalloc byte[4]; ReadExactly(b); return BinaryPrimitives.ReadUInt32LittleEndian(b); }

    public ulong ReadUInt64BigEndian() { Span<byte> b = stackalloc byte[8]; ReadExactly(b); return BinaryPrimitives.ReadUInt64BigEndian(b); }

    public ulong ReadUInt64LittleEndian() { Span<byte> b = stackalloc byte[8]; ReadExactly(b); return BinaryPrimitives.ReadUInt64LittleEndian(b); }

    /// <summary>Four bytes as ASCII, e.g. a chunk or box type.</summary>
    public string ReadFourCc() { Span<byte> b = stackalloc byte[4]; ReadExactly(b); return System.Text.Encoding.Latin1.GetString(b); }

    /// <summary>Reads up to <paramref name="count"/> bytes at <paramref name="position"/> without moving the reader.</summary>
    public byte[] PeekAt(long position, int count)
    {
        var saved = Position;
        Seek(position);
        var bytes = new byte[(int)Math.Max(0, Math.Min(count, Length - position))];
        ReadExactly(bytes);
        Seek(saved);
        return bytes;
    }
}

/// <summary>
/// How to write an output file as a list of pieces: ranges copied from the input and bytes written as given.
/// Lets every format describe its cleaned copy in one pass and write it in another, streaming.
/// </summary>
internal sealed class OutputPlan
{
    private readonly List<(long Start, long Length, byte[]? Bytes)> _parts = [];

    public void Copy(long start, long length)
    {
        if (length <= 0) return;
        if (_parts.Count > 0 && _parts[^1] is { Bytes: null } last && last.Start + last.Length == start)
        {
            _parts[^1] = (last.Start, last.Length + length, null);
            return;
        }
        _parts.Add((start, length, null));
    }

    public void Write(byte[] bytes)
    {
        if (bytes.Length > 0) _parts.Add((0, bytes.Length, bytes));
    }

    public void WriteTo(Stream input, Stream output)
    {
        var buffer = new byte[81920];
        foreach (var (start, length, bytes) in _parts)
        {
            if (bytes is not null)
            {
                output.Write(bytes);
                continue;
            }
            input.Position = start;
            var left = length;
            while (left > 0)
            {
                var n = input.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                if (n == 0) throw new EndOfStreamException();
                output.Write(buffer, 0, n);
                left -= n;
            }
        }
    }

    /// <summary>A plan that copies the whole input, replacing the bytes at the given (sorted, non-overlapping) offsets.</summary>
    public static OutputPlan Patched(long length, IEnumerable<(long Offset, byte[] Bytes)> patches)
    {
        var plan = new OutputPlan();
        long at = 0;
        foreach (var (offset, bytes) in patches.OrderBy(p => p.Offset))
        {
            plan.Copy(at, offset - at);
            plan.Write(bytes);
            at = offset + bytes.Length;
        }
        plan.Copy(at, length - at);
        return plan;
    }
}

/// <summary>A piece of a file found while walking its structure; <see cref="RemovedAs"/> names hidden metadata that a clean copy leaves out.</summary>
internal readonly record struct Piece(long Start, long Length, string? RemovedAs = null);

internal static class Pieces
{
    /// <summary>Writes the kept pieces and returns what was left out, each name once.</summary>
    public static IReadOnlyList<string> WriteKept(IEnumerable<Piece> pieces, Stream input, Stream output)
    {
        var plan = new OutputPlan();
        var removed = new List<string>();
        foreach (var piece in pieces)
        {
            if (piece.RemovedAs is null) plan.Copy(piece.Start, piece.Length);
            else if (!removed.Contains(piece.RemovedAs)) removed.Add(piece.RemovedAs);
        }
        plan.WriteTo(input, output);
        return removed;
    }
}

/// <summary>CRC-32 as zip and PNG use it (reflected, polynomial 0xEDB88320).</summary>
internal sealed class Crc32
{
    private static readonly uint[] Table = BuildTable();
    private uint _value = 0xFFFFFFFF;

    public uint Value => ~_value;

    public void Append(ReadOnlySpan<byte> data)
    {
        var crc = _value;
        foreach (var b in data) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        _value = crc;
    }

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = new Crc32();
        crc.Append(data);
        return crc.Value;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
