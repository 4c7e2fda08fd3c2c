using SegBench.Data.Formats.Csv;

namespace SegBench.Data.Formats;

/// <summary>Creates the writer for a format.</summary>
public static class TableWriters
{
    /// <summary>
    /// Opens a writer for <paramref name="path"/> in <paramref name="format"/>; Parquet takes
    /// <paramref name="parquet"/> (the defaults when null), CSV ignores it.
    /// </summary>
    public static ITableWriter Create(TableFormat format, string path, TableSchema schema, Parquet.ParquetWriterOptions? parquet = null) => format switch
    {
        TableFormat.Csv => new CsvTableWriter(path, schema),
        TableFormat.Parquet => new Parquet.ParquetTableWriter(path, schema, parquet ?? Parquet.ParquetWriterOptions.Default),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
