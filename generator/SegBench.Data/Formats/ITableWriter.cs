namespace SegBench.Data.Formats;

/// <summary>
/// Writes one table file in two phases, so engines can do the expensive part in parallel:
/// <see cref="Encode"/> turns a batch into bytes on any thread, and <see cref="Append"/> adds the
/// encoded batches to the file in row order on one thread. The file only gets its final name in
/// <see cref="Commit"/>; disposing an uncommitted writer deletes what it wrote.
/// </summary>
public interface ITableWriter : IDisposable
{
    /// <summary>The schema every batch must have.</summary>
    TableSchema Schema { get; }

    /// <summary>Encodes a batch. Thread-safe; it does not touch the file.</summary>
    EncodedBatch Encode(ColumnBatch batch);

    /// <summary>Appends an encoded batch. Calls must come in row order, from one thread at a time.</summary>
    void Append(EncodedBatch encoded);

    /// <summary>Finishes the file (footer, flush) and gives it its final name.</summary>
    /// <returns>What was written: path, size and checksum.</returns>
    WrittenFile Commit();
}

/// <summary>A committed file.</summary>
/// <param name="Path">Its full path.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Checksum">Its checksum, as <c>algorithm:hex</c> (see <see cref="Formats.Checksum"/>).</param>
/// <param name="Rows">The data rows it holds.</param>
public sealed record WrittenFile(string Path, long Bytes, string Checksum, long Rows);

/// <summary>A batch turned into a format's bytes, waiting to be appended.</summary>
public abstract class EncodedBatch
{
    /// <summary>The number of rows encoded.</summary>
    public abstract int RowCount { get; }
}

/// <summary>Convenience methods over <see cref="ITableWriter"/>.</summary>
public static class TableWriterExtensions
{
    /// <summary>Encodes and appends a batch on the calling thread.</summary>
    public static void Write(this ITableWriter writer, ColumnBatch batch)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Append(writer.Encode(batch));
    }
}
