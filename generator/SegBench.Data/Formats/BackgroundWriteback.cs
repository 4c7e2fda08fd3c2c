using Microsoft.Win32.SafeHandles;

namespace SegBench.Data.Formats;

/// <summary>
/// Passes writes on to a file and, every <see cref="Interval"/> bytes, starts flushing what the
/// operating system holds of it to disk on another thread. The fsync that completes a file then
/// waits only for its last stretch, where flushing hundreds of megabytes at the end would leave
/// the generator idle for a large part of the run.
/// </summary>
internal sealed class BackgroundWriteback : Stream
{
    /// <summary>Bytes written between background flushes.</summary>
    public const long Interval = 64L << 20;

    private readonly FileStream _file;
    private readonly SafeFileHandle _handle;
    private Task _flushing = Task.CompletedTask;
    private long _sinceFlush;
    private long _written;

    public BackgroundWriteback(FileStream file)
    {
        _file = file;

        // Taken before anything is written: reading it later would flush the stream's buffer.
        _handle = file.SafeFileHandle;
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _written;

    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException("The stream is append-only.");
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _file.Write(buffer);
        _written += buffer.Length;
        _sinceFlush += buffer.Length;
        if (_sinceFlush >= Interval && _flushing.IsCompleted)
        {
            // A failed flush is reported here rather than lost.
            _flushing.GetAwaiter().GetResult();
            _sinceFlush = 0;
            _flushing = Task.Run(() => RandomAccess.FlushToDisk(_handle));
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void WriteByte(byte value) => Write([value]);

    /// <summary>Waits for the background flush in progress, if any, and reports its failure.</summary>
    public void WaitForWriteback() => _flushing.GetAwaiter().GetResult();

    public override void Flush() => _file.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // The handle must outlive any flush still using it.
            try
            {
                _flushing.Wait();
            }
            catch (AggregateException)
            {
                // The file is being abandoned; its flush no longer matters.
            }
        }

        base.Dispose(disposing);
    }
}
