namespace SscPortal.Web.Evidence.Inspection;

/// <summary>A read-only window [start, start + length) of a seekable stream; it seeks before each read so several windows may share the stream.</summary>
internal sealed class WindowStream(Stream inner, long start, long length) : Stream
{
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var left = length - _position;
        if (left <= 0 || buffer.Length == 0) return 0;
        inner.Position = start + _position;
        var n = inner.Read(buffer[..(int)Math.Min(buffer.Length, left)]);
        if (n == 0) throw new EndOfStreamException();
        _position += n;
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>
/// Reads an expanded zip entry, counting bytes and their CRC, and stops with a refusal once more than
/// <paramref name="limit"/> bytes come out: expanded sizes declared in headers are never trusted.
/// </summary>
internal sealed class CheckedReadStream(Stream inner, long limit, Refusal refusalOverLimit) : Stream
{
    private readonly Crc32 _crc = new();

    public long BytesRead { get; private set; }
    public uint Crc => _crc.Value;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        BytesRead += n;
        if (BytesRead > limit) throw new RefusedContentException(refusalOverLimit);
        _crc.Append(buffer[..n]);
        return n;
    }

    /// <summary>Reads to the end, discarding.</summary>
    public void Drain()
    {
        var buffer = new byte[81920];
        while (Read(buffer) > 0) { }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>Passes writes through, counting them and (optionally) their CRC; used where the output may not be seekable.</summary>
internal sealed class CountingWriteStream(Stream inner, bool leaveOpen) : Stream
{
    private readonly Crc32 _crc = new();

    public long BytesWritten { get; private set; }
    public uint Crc => _crc.Value;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesWritten; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        inner.Write(buffer);
        _crc.Append(buffer);
        BytesWritten += buffer.Length;
    }

    public override void Flush() => inner.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen) inner.Dispose();
        base.Dispose(disposing);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
