namespace SegBench.Data.Formats.Parquet;

/// <summary>The page compression codecs the Parquet writer offers.</summary>
public enum ParquetCompression
{
    /// <summary>No compression.</summary>
    Uncompressed,

    /// <summary>Gzip (RFC 1952), via System.IO.Compression: small files, slower to write.</summary>
    Gzip,

    /// <summary>Snappy raw blocks: fast, and what DuckDB, Spark and Arrow write by default.</summary>
    Snappy,
}

/// <summary>Settings of <see cref="ParquetTableWriter"/>.</summary>
/// <remarks>
/// A row group ends at whichever limit it reaches first, rows or bytes. Bytes are counted as the
/// values would take PLAIN and uncompressed, so where a group ends never depends on how its pages
/// are encoded; the writer holds at most one row group's encoded pages in memory, and those are
/// hardly ever larger, so the byte limit bounds its memory.
/// Row groups hold whole pages, and pages never span two batches, so a row group holds at most
/// <see cref="RowGroupMaximumRows"/> rows, exactly that many when it is a multiple of
/// <see cref="PageMaximumRows"/> and of the batch size.
/// </remarks>
public sealed record ParquetWriterOptions
{
    /// <summary>The default values.</summary>
    public static class Defaults
    {
        /// <summary>Snappy, as most Parquet writers use.</summary>
        public const ParquetCompression Compression = ParquetCompression.Snappy;

        /// <summary>About a million rows per row group.</summary>
        public const int RowGroupMaximumRows = 1 << 20;

        /// <summary>128 MiB of values, counted PLAIN, per row group.</summary>
        public const long RowGroupMaximumBytes = 128L << 20;

        /// <summary>Rows per data page; pages of all columns start on the same rows.</summary>
        public const int PageMaximumRows = 1 << 14;

        /// <summary>Dictionary-encode columns with few distinct values.</summary>
        public const bool UseDictionary = true;

        /// <summary>A column chunk with more distinct values than this is written PLAIN.</summary>
        public const int DictionaryMaximumCardinality = 1 << 14;
    }

    /// <summary>The options with every default.</summary>
    public static ParquetWriterOptions Default { get; } = new();

    /// <summary>The page compression codec.</summary>
    public ParquetCompression Compression { get; init; } = Defaults.Compression;

    /// <summary>The most rows in one row group.</summary>
    public int RowGroupMaximumRows { get; init; } = Defaults.RowGroupMaximumRows;

    /// <summary>The most bytes of values, counted PLAIN and uncompressed, in one row group, unless a single page holds more.</summary>
    public long RowGroupMaximumBytes { get; init; } = Defaults.RowGroupMaximumBytes;

    /// <summary>The most rows in one data page.</summary>
    public int PageMaximumRows { get; init; } = Defaults.PageMaximumRows;

    /// <summary>Whether columns (of any type but boolean) may be dictionary-encoded.</summary>
    public bool UseDictionary { get; init; } = Defaults.UseDictionary;

    /// <summary>The most distinct values a dictionary may hold before a chunk falls back to PLAIN.</summary>
    public int DictionaryMaximumCardinality { get; init; } = Defaults.DictionaryMaximumCardinality;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public ParquetWriterOptions Validate()
    {
        if (!Enum.IsDefined(Compression))
        {
            throw new ArgumentException($"{nameof(Compression)} must be Uncompressed, Gzip or Snappy, not {(int)Compression}.", nameof(Compression));
        }

        if (RowGroupMaximumRows < 1)
        {
            throw new ArgumentException($"{nameof(RowGroupMaximumRows)} must be at least 1, not {RowGroupMaximumRows}.", nameof(RowGroupMaximumRows));
        }

        if (RowGroupMaximumBytes < 1)
        {
            throw new ArgumentException($"{nameof(RowGroupMaximumBytes)} must be at least 1, not {RowGroupMaximumBytes}.", nameof(RowGroupMaximumBytes));
        }

        if (PageMaximumRows < 1)
        {
            throw new ArgumentException($"{nameof(PageMaximumRows)} must be at least 1, not {PageMaximumRows}.", nameof(PageMaximumRows));
        }

        if (DictionaryMaximumCardinality is < 1 or > 1 << 24)
        {
            throw new ArgumentException($"{nameof(DictionaryMaximumCardinality)} must be between 1 and 16777216, not {DictionaryMaximumCardinality}.", nameof(DictionaryMaximumCardinality));
        }

        return this;
    }
}
