namespace SegBench.Data.Formats;

/// <summary>
/// A write-only stream that only appends, its Position the number of bytes written: the shape of
/// the layers an <see cref="AtomicFile"/> writes through. A layer implements <see cref="Append"/>.
/// </summary>
internal abstract class AppendOnlyStream : Stream
{
    private long _written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _written;

    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException("The stream is append-only.");
    }

    public sealed override void Write(ReadOnlySpan<byte> buffer)
    {
        Append(buffer);
        _written += buffer.Length;
    }

    public sealed override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public sealed override void WriteByte(byte value) => Write([value]);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Passes the bytes on.</summary>
    protected abstract void Append(ReadOnlySpan<byte> buffer);
}
