using SegBench.Data.Formats.Csv;

namespace SegBench.Data.Formats;

/// <summary>Creates the writer for a format.</summary>
public static class TableWriters
{
    /// <summary>
    /// Opens a writer for <paramref name="path"/> in <paramref name="format"/>; Parquet takes
    /// <paramref name="parquet"/> (the defaults when null), CSV ignores it. The committed file
    /// reports its checksum by <paramref name="checksum"/>.
    /// </summary>
    public static ITableWriter Create(TableFormat format, string path, TableSchema schema, Parquet.ParquetWriterOptions? parquet = null, ChecksumAlgorithm checksum = ChecksumAlgorithm.Xxh128) => format switch
    {
        TableFormat.Csv => new CsvTableWriter(path, schema, checksum: checksum),
        TableFormat.Parquet => new Parquet.ParquetTableWriter(path, schema, parquet ?? Parquet.ParquetWriterOptions.Default, checksum),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
