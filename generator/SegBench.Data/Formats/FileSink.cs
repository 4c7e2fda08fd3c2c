using Microsoft.Win32.SafeHandles;

namespace SegBench.Data.Formats;

/// <summary>
/// The bottom layer of an <see cref="AtomicFile"/>: takes the bytes into an open file and, on
/// <see cref="Complete"/>, makes the whole file durable. It owns the file's handle.
/// </summary>
internal abstract class FileSink : AppendOnlyStream
{
    /// <summary>
    /// The sink for a newly created file: written directly to the device where the platform and
    /// file system allow (<see cref="DirectFile"/>), through the page cache otherwise.
    /// </summary>
    public static FileSink Open(SafeFileHandle handle) => (FileSink?)DirectFile.TryCreate(handle) ?? new BackgroundWriteback(handle);

    /// <summary>Writes out everything appended and waits until the file is on disk.</summary>
    public abstract void Complete();

    public override void Flush()
    {
        // Bytes reach the file as the sink goes; durability is Complete's job.
    }
}
