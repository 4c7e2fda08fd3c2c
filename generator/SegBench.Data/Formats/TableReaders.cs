using System.Diagnostics;
using SegBench.Data.Formats.Csv;
using SegBench.Data.Formats.Xlsx;

namespace SegBench.Data.Formats;

/// <summary>How far the first pass of a reader looks before it settles the column types.</summary>
public enum TypeConfirmation
{
    /// <summary>
    /// Observe every row before reading (two passes over the file), so inferred types hold for the
    /// whole file: a late 2.5 in a column of whole numbers makes it Double.
    /// </summary>
    WholeFile,

    /// <summary>
    /// Observe only the first <see cref="TableReadOptions.InferenceSampleRows"/> rows; a later
    /// value that does not fit is an error naming its row and column.
    /// </summary>
    Sample,
}

/// <summary>Settings for reading a table file. Every format reads the settings that apply to it.</summary>
public sealed record TableReadOptions
{
    /// <summary>The largest batch size allowed.</summary>
    public const int MaximumBatchSize = 1 << 24;

    /// <summary>The defaults: 64k-row batches, types confirmed on the whole file, a 512 MiB cap on workbooks.</summary>
    public static TableReadOptions Defaults { get; } = new();

    /// <summary>Rows per batch returned by <see cref="ITableReader.ReadBatch"/>.</summary>
    public int BatchSize { get; init; } = 65_536;

    /// <summary>How many rows the first pass observes when <see cref="Confirmation"/> is <see cref="TypeConfirmation.Sample"/>.</summary>
    public int InferenceSampleRows { get; init; } = 10_000;

    /// <summary>Whether inferred types are confirmed on the whole file or on a sample.</summary>
    public TypeConfirmation Confirmation { get; init; } = TypeConfirmation.WholeFile;

    /// <summary>
    /// The schema the file must have, as a manifest or a schema file gives it: the header must
    /// name exactly these columns (in any order), and every value must fit its column's type.
    /// </summary>
    public TableSchema? ExpectedSchema { get; init; }

    /// <summary>Types for some columns by name; the others are inferred. A value that does not fit is an error.</summary>
    public IReadOnlyDictionary<string, ColumnType>? ColumnTypes { get; init; }

    /// <summary>CSV: the field delimiter, or null to detect it from the first lines (comma, semicolon, tab or pipe).</summary>
    public char? Delimiter { get; init; }

    /// <summary>CSV: the largest record in bytes, so a stray quote cannot make the reader buffer a whole huge file.</summary>
    public int MaximumRecordBytes { get; init; } = 16 << 20;

    /// <summary>XLSX: the sheet to read, or null for the first one.</summary>
    public string? Sheet { get; init; }

    /// <summary>XLSX: the most bytes the workbook's parts may decompress to, checked before it is opened.</summary>
    public long MaximumDecompressedBytes { get; init; } = 512L << 20;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first setting that is out of range.</summary>
    public void Validate()
    {
        if (BatchSize is < 1 or > MaximumBatchSize)
        {
            throw new ArgumentException($"{nameof(BatchSize)} must be between 1 and {MaximumBatchSize}, not {BatchSize}.", nameof(BatchSize));
        }

        if (InferenceSampleRows < 1)
        {
            throw new ArgumentException($"{nameof(InferenceSampleRows)} must be at least 1, not {InferenceSampleRows}.", nameof(InferenceSampleRows));
        }

        if (!Enum.IsDefined(Confirmation))
        {
            throw new ArgumentException($"{nameof(Confirmation)} {Confirmation} is not a known value.", nameof(Confirmation));
        }

        if (ExpectedSchema is not null && ColumnTypes is not null)
        {
            throw new ArgumentException($"Give {nameof(ExpectedSchema)} or {nameof(ColumnTypes)}, not both.", nameof(ColumnTypes));
        }

        if (Delimiter is { } delimiter && (delimiter > 127 || delimiter is '"' or '\r' or '\n' || char.IsLetterOrDigit(delimiter)))
        {
            throw new ArgumentException($"{nameof(Delimiter)} must be an ASCII punctuation, space or tab character, not '{delimiter}'.", nameof(Delimiter));
        }

        if (MaximumRecordBytes < 1024)
        {
            throw new ArgumentException($"{nameof(MaximumRecordBytes)} must be at least 1024, not {MaximumRecordBytes}.", nameof(MaximumRecordBytes));
        }

        if (Sheet is not null && string.IsNullOrWhiteSpace(Sheet))
        {
            throw new ArgumentException($"{nameof(Sheet)} must be null (the first sheet) or a sheet name, not blank.", nameof(Sheet));
        }

        if (MaximumDecompressedBytes < 1)
        {
            throw new ArgumentException($"{nameof(MaximumDecompressedBytes)} must be positive, not {MaximumDecompressedBytes}.", nameof(MaximumDecompressedBytes));
        }
    }
}

/// <summary>Opens the reader for a file by its extension.</summary>
public static class TableReaders
{
    /// <summary>The extensions <see cref="Open"/> knows, with their dots.</summary>
    public static IReadOnlyList<string> SupportedExtensions { get; } = [".csv", ".tsv", ".txt", ".xlsx", ".parquet"];

    /// <summary>
    /// Opens <paramref name="path"/>: .csv, .tsv and .txt as CSV, .xlsx as a workbook, .parquet as
    /// Parquet. Bad files fail with a <see cref="DataFileException"/>.
    /// </summary>
    public static ITableReader Open(string path, TableReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= TableReadOptions.Defaults;
        options.Validate();
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (!SupportedExtensions.Contains(extension))
        {
            var shown = extension.Length == 0 ? "no extension" : $"the extension '{extension}'";
            throw new DataFileException(path, $"cannot tell the format from {shown}; supported: {string.Join(", ", SupportedExtensions)}");
        }

        if (!File.Exists(path))
        {
            throw new DataFileException(path, "the file does not exist");
        }

        return extension switch
        {
            ".csv" or ".txt" => new CsvTableReader(path, options),
            ".tsv" => new CsvTableReader(path, options.Delimiter is null ? options with { Delimiter = '\t' } : options),
            ".xlsx" => new XlsxTableReader(path, options),
            ".parquet" => new Parquet.ParquetTableReader(path, options.BatchSize),
            _ => throw new UnreachableException($"'{extension}' is listed as supported but has no reader."),
        };
    }
}
