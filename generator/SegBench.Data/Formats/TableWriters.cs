using SegBench.Data.Formats.Csv;

namespace SegBench.Data.Formats;

/// <summary>Creates the writer for a format.</summary>
public static class TableWriters
{
    /// <summary>Opens a writer for <paramref name="path"/> in <paramref name="format"/>.</summary>
    public static ITableWriter Create(TableFormat format, string path, TableSchema schema) => format switch
    {
        TableFormat.Csv => new CsvTableWriter(path, schema),
        TableFormat.Parquet => new Parquet.ParquetTableWriter(path, schema, Parquet.ParquetWriterOptions.Default),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
