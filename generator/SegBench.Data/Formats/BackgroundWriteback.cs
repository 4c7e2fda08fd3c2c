using Microsoft.Win32.SafeHandles;

namespace SegBench.Data.Formats;

/// <summary>
/// Passes writes on to a file and, every <see cref="Interval"/> bytes, starts flushing what the
/// operating system holds of it to disk on another thread. The fsync that completes a file then
/// waits only for its last stretch, where flushing hundreds of megabytes at the end would leave
/// the generator idle for a large part of the run.
/// </summary>
internal sealed class BackgroundWriteback : AppendOnlyStream
{
    /// <summary>
    /// Bytes written between background flushes. Small, because the commit's fsync waits for up to
    /// this much of every file, and a truth file (tens of MB) under a 64 MB interval was never
    /// flushed early: its whole fsync held both cores idle at the end of the run (customers to CSV,
    /// 1M rows: 56 → 6 ms of final fsyncs, 769k → 799k rows/s, median of 6, same run).
    /// </summary>
    public const long Interval = 8L << 20;

    private readonly FileStream _file;
    private readonly SafeFileHandle _handle;
    private Task _flushing = Task.CompletedTask;
    private long _sinceFlush;

    public BackgroundWriteback(FileStream file)
    {
        _file = file;

        // Taken before anything is written: reading it later would flush the stream's buffer.
        _handle = file.SafeFileHandle;
    }

    /// <summary>Waits for the background flush in progress, if any, and reports its failure.</summary>
    public void WaitForWriteback() => _flushing.GetAwaiter().GetResult();

    public override void Flush() => _file.Flush();

    protected override void Append(ReadOnlySpan<byte> buffer)
    {
        _file.Write(buffer);
        _sinceFlush += buffer.Length;
        if (_sinceFlush >= Interval && _flushing.IsCompleted)
        {
            // A failed flush is reported here rather than lost.
            _flushing.GetAwaiter().GetResult();
            _sinceFlush = 0;
            // On a thread of its own: a thread-pool thread blocked in fsync would be one fewer for
            // the generator's workers, which run on the pool.
            _flushing = Task.Factory.StartNew(() => RandomAccess.FlushToDisk(_handle), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // A committed file has waited for its flush already. An abandoned one (a failure, Ctrl-C)
            // does not wait: an fsync behind other processes' writes can take many seconds, and the
            // flush holds its own reference to the handle, so closing the file under it is safe.
            // Its failure no longer matters, but is observed so it is not reported as unobserved.
            _flushing.ContinueWith(static flush => _ = flush.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        base.Dispose(disposing);
    }
}
