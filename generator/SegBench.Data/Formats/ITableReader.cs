namespace SegBench.Data.Formats;

/// <summary>Reads a table file batch by batch, so a file larger than memory can be streamed.</summary>
public interface ITableReader : IDisposable
{
    /// <summary>The fields, known once the reader is open.</summary>
    TableSchema Schema { get; }

    /// <summary>The next batch, or null at the end of the file.</summary>
    ColumnBatch? ReadBatch();
}

/// <summary>Convenience methods over <see cref="ITableReader"/>.</summary>
public static class TableReaderExtensions
{
    /// <summary>Reads every remaining batch into one in-memory table.</summary>
    public static Table ReadAll(this ITableReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Table.Concatenate(reader.Schema, Batches(reader));

        static IEnumerable<ColumnBatch> Batches(ITableReader reader)
        {
            while (reader.ReadBatch() is { } batch)
            {
                yield return batch;
            }
        }
    }
}
