using Microsoft.Win32.SafeHandles;

namespace SegBench.Data.Formats;

/// <summary>
/// Writes a file through the page cache and, every <see cref="Interval"/> bytes, starts flushing
/// what the operating system holds of it to disk on another thread. The fsync that completes a
/// file then waits only for its last stretch, where flushing hundreds of megabytes at the end
/// would leave the generator idle for a large part of the run.
/// </summary>
internal sealed class BackgroundWriteback(SafeFileHandle handle) : FileSink
{
    /// <summary>Bytes written between background flushes.</summary>
    public const long Interval = 64L << 20;

    private readonly FileStream _file = new(handle, FileAccess.Write, 1 << 16);
    private Task _flushing = Task.CompletedTask;
    private long _sinceFlush;

    public override void Complete()
    {
        // A failed background flush is reported here rather than lost.
        _flushing.GetAwaiter().GetResult();
        _file.Flush(flushToDisk: true);
    }

    protected override void Append(ReadOnlySpan<byte> buffer)
    {
        _file.Write(buffer);
        _sinceFlush += buffer.Length;
        if (_sinceFlush >= Interval && _flushing.IsCompleted)
        {
            _flushing.GetAwaiter().GetResult();
            _sinceFlush = 0;
            _flushing = Task.Run(() => RandomAccess.FlushToDisk(handle));
        }
    }

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

            _file.Dispose();
        }

        base.Dispose(disposing);
    }
}
