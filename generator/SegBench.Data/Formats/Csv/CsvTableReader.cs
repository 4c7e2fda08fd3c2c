using SegBench.Data.Formats.Inference;

namespace SegBench.Data.Formats.Csv;

/// <summary>
/// Reads a CSV file as a typed table, in batches. Reads back exactly what
/// <see cref="CsvTableWriter"/> writes, and the CSV other tools write.
/// </summary>
/// <remarks>
/// <para>Parsing is CsvHelper's: RFC 4180 quoting, line breaks and doubled quotes inside quoted
/// fields, a UTF-8 byte order mark, and the delimiter (comma, semicolon, tab or pipe) detected
/// from the first lines unless <see cref="TableReadOptions.Delimiter"/> is set. The first row is
/// the header; names are trimmed and must be unique and non-empty.</para>
/// <para>Values: an empty field is null (an empty string reads back as null too, as the writer
/// cannot tell them apart); numbers use the invariant culture (a point for decimals, no thousands
/// separators); booleans are true or false; dates are yyyy-MM-dd. Types come from
/// <see cref="TableReadOptions.ExpectedSchema"/> or <see cref="TableReadOptions.ColumnTypes"/>,
/// or are inferred as Boolean, Int64, Double, Date or String; see
/// <see cref="TableReadOptions.Confirmation"/> for how far inference looks. A ragged row, a
/// malformed quote or a value that does not fit its column fails with a
/// <see cref="DataFileException"/> naming the file, the 1-based data row and the column.</para>
/// <para>Memory is bounded by one batch plus CsvHelper's buffer, whatever the file size.</para>
/// </remarks>
public sealed class CsvTableReader : ITableReader
{
    private readonly InferringTableReader _reader;

    /// <summary>Opens a CSV file, reads its header and settles the column types.</summary>
    public CsvTableReader(string path, TableReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= TableReadOptions.Defaults;
        options.Validate();
        var source = new CsvRowSource(path, options);
        try
        {
            _reader = new InferringTableReader(source, options);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public TableSchema Schema => _reader.Schema;

    /// <inheritdoc />
    public ColumnBatch? ReadBatch() => _reader.ReadBatch();

    /// <inheritdoc />
    public void Dispose() => _reader.Dispose();
}
