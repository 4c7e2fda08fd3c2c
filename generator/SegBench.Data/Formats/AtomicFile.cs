namespace SegBench.Data.Formats;

/// <summary>
/// A file written under a hidden temporary name and renamed when complete, so a failed or
/// interrupted run never leaves a file that looks finished.
/// </summary>
public sealed class AtomicFile : IDisposable
{
    private readonly FileStream _file;
    private readonly BackgroundWriteback _writeback;
    private readonly HashingStream _stream;
    private bool _committed;
    private bool _disposed;

    /// <summary>Creates the temporary file beside <paramref name="path"/>, to be checksummed with <paramref name="checksum"/>.</summary>
    public AtomicFile(string path, ChecksumAlgorithm checksum = ChecksumAlgorithm.Xxh128)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        FinalPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(FinalPath)!;
        Directory.CreateDirectory(directory);
        TemporaryPath = Path.Combine(directory, $".{Path.GetFileName(FinalPath)}.{Environment.ProcessId}.{Guid.NewGuid():N}.partial");
        _file = new FileStream(TemporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        _writeback = new BackgroundWriteback(_file);
        _stream = new HashingStream(_writeback, checksum);
    }

    /// <summary>Where the file will be once committed.</summary>
    public string FinalPath { get; }

    /// <summary>Where the file is while being written.</summary>
    public string TemporaryPath { get; }

    /// <summary>The stream to write: append-only; its Position is the number of bytes written.</summary>
    public Stream Stream => _stream;

    /// <summary>The checksum of the committed file (<c>algorithm:hex</c>); null before <see cref="Commit"/>.</summary>
    public string? Checksum { get; private set; }

    /// <summary>The size of the committed file in bytes.</summary>
    public long Length => _stream.Position;

    /// <summary>Flushes to disk and renames to the final path, replacing any older file.</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _writeback.WaitForWriteback();
        _file.Flush(flushToDisk: true);
        Checksum = _stream.FinishChecksum();
        _writeback.Dispose();
        _file.Dispose();
        File.Move(TemporaryPath, FinalPath, overwrite: true);
        _committed = true;
        _disposed = true;
    }

    /// <summary>Deletes the temporary file unless it was committed.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _writeback.Dispose();
        _file.Dispose();
        if (!_committed)
        {
            try
            {
                File.Delete(TemporaryPath);
            }
            catch (IOException)
            {
                // Best effort: the name still marks it as partial.
            }
        }
    }
}
