namespace SegBench.Data.Formats;

/// <summary>
/// A file written under a hidden temporary name and renamed when complete, so a failed or
/// interrupted run never leaves a file that looks finished.
/// </summary>
public sealed class AtomicFile : IDisposable
{
    private readonly FileStream _stream;
    private bool _committed;
    private bool _disposed;

    /// <summary>Creates the temporary file beside <paramref name="path"/>.</summary>
    public AtomicFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        FinalPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(FinalPath)!;
        Directory.CreateDirectory(directory);
        TemporaryPath = Path.Combine(directory, $".{Path.GetFileName(FinalPath)}.{Environment.ProcessId}.{Guid.NewGuid():N}.partial");
        _stream = new FileStream(TemporaryPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
    }

    /// <summary>Where the file will be once committed.</summary>
    public string FinalPath { get; }

    /// <summary>Where the file is while being written.</summary>
    public string TemporaryPath { get; }

    /// <summary>The stream to write.</summary>
    public Stream Stream => _stream;

    /// <summary>Flushes to disk and renames to the final path, replacing any older file.</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _stream.Flush(flushToDisk: true);
        _stream.Dispose();
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
        _stream.Dispose();
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
