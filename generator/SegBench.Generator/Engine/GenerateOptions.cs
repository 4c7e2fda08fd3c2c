using System.Globalization;
using SegBench.Data.Formats;
using SegBench.Data.Formats.Parquet;

namespace SegBench.Generator.Engine;

/// <summary>Shard <c>Index</c> of <c>Count</c>: a contiguous slice of every root table's rows.</summary>
public readonly record struct Shard(int Index, int Count)
{
    /// <summary>Parses "I/N" with 0 ≤ I &lt; N.</summary>
    public static Shard Parse(string text)
    {
        var parts = (text ?? string.Empty).Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw new FormatException($"--shard must look like I/N, e.g. 0/4, not '{text}'.");
        }

        if (count < 1 || index >= count)
        {
            throw new FormatException($"--shard {text}: the index must be at least 0 and below the count ({count}); shards are numbered 0..{Math.Max(count - 1, 0)}.");
        }

        return new Shard(index, count);
    }

    /// <summary>The row range [start, end) of this shard in a table of <paramref name="rows"/>.</summary>
    public (long Start, long End) Range(long rows) => (rows * Index / Count, rows * (Index + 1) / Count);

    /// <inheritdoc />
    public override string ToString() => $"{Index}/{Count}";
}

/// <summary>How to generate a dataset.</summary>
public sealed record GenerateOptions
{
    /// <summary>The folder to write into.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The file format.</summary>
    public TableFormat Format { get; init; } = Defaults.Format;

    /// <summary>The page compression of Parquet output (CSV is never compressed).</summary>
    public ParquetCompression Compression { get; init; } = Defaults.Compression;

    /// <summary>The checksum each written file carries in the manifest.</summary>
    public ChecksumAlgorithm Checksum { get; init; } = Defaults.Checksum;

    /// <summary>Rows of the root tables; null for each table's declared count.</summary>
    public long? Rows { get; init; }

    /// <summary>Worker threads. The output does not depend on it.</summary>
    public int Threads { get; init; } = Defaults.Threads;

    /// <summary>Rows per batch of CSV output. The output does not depend on it.</summary>
    public int BatchRows { get; init; } = Defaults.BatchRows;

    /// <summary>
    /// Root rows per batch as the engine runs them. Parquet ignores <see cref="BatchRows"/>: its
    /// pages are cut within batches, so its batches are fixed at its page size and a given seed
    /// writes the same Parquet bytes whatever the batch size asked for.
    /// </summary>
    public int EffectiveBatchRows => Format == TableFormat.Parquet ? ParquetBatchRows : BatchRows;

    /// <summary>Root rows per batch of Parquet output: one page of the root table.</summary>
    public const int ParquetBatchRows = ParquetWriterOptions.Defaults.PageMaximumRows;

    /// <summary>This process's shard, or null for the whole dataset.</summary>
    public Shard? Shard { get; init; }

    /// <summary>Only these tables; null for all.</summary>
    public IReadOnlyList<string>? Tables { get; init; }

    /// <summary>The defaults.</summary>
    public static class Defaults
    {
        /// <summary>CSV.</summary>
        public const TableFormat Format = TableFormat.Csv;

        /// <summary>Snappy, as most Parquet writers use.</summary>
        public const ParquetCompression Compression = ParquetWriterOptions.Defaults.Compression;

        /// <summary>XXH3-128: an integrity check that costs the run next to nothing.</summary>
        public const ChecksumAlgorithm Checksum = ChecksumAlgorithm.Xxh128;

        /// <summary>
        /// 4,096 root rows: large enough to amortise the per-batch work, small enough that a
        /// batch's encoded bytes are still in cache when they are hashed and copied into the
        /// file (16,384 customers took about 10% more CPU; their 200,000 statement rows, 11%).
        /// </summary>
        public const int BatchRows = 4_096;

        /// <summary>One thread per core.</summary>
        public static int Threads => Environment.ProcessorCount;
    }

    /// <summary>Throws naming the first bad setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(OutputDirectory))
        {
            throw new ArgumentException("OutputDirectory is required.", nameof(OutputDirectory));
        }

        if (Rows is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Rows), Rows, "Rows must be 0 or more.");
        }

        if (Threads is < 1 or > 256)
        {
            throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "Threads must be between 1 and 256.");
        }

        if (BatchRows is < 1 or > 1_048_576)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchRows), BatchRows, "BatchRows must be between 1 and 1,048,576.");
        }
    }
}
