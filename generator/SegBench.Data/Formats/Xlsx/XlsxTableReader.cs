using SegBench.Data.Formats.Inference;

namespace SegBench.Data.Formats.Xlsx;

/// <summary>
/// Reads one sheet of an Excel workbook (.xlsx) as a typed table, through ExcelDataReader.
/// </summary>
/// <remarks>
/// <para>The sheet is the first one, or <see cref="TableReadOptions.Sheet"/> (matched ignoring
/// case; a missing sheet is an error that lists the sheets). Its first non-blank row is the
/// header. Before the workbook is opened, the sizes its zip entries declare are added up and a
/// workbook that would decompress to more than
/// <see cref="TableReadOptions.MaximumDecompressedBytes"/> is refused. A password-protected or
/// corrupt workbook is a <see cref="DataFileException"/>.</para>
/// <para>Cells are typed as in <see cref="Csv.CsvTableReader"/>, so one dataset saved as CSV and
/// as XLSX reads as the same table: a number cell that is whole reads as Int64, a date cell
/// without a time as Date, a boolean cell as Boolean, and text cells are parsed like CSV fields.
/// ExcelDataReader holds the shared strings of the workbook in memory; rows stream.</para>
/// </remarks>
public sealed class XlsxTableReader : ITableReader
{
    private readonly InferringTableReader _reader;

    /// <summary>Opens a workbook, reads the sheet's header and settles the column types.</summary>
    public XlsxTableReader(string path, TableReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= TableReadOptions.Defaults;
        options.Validate();
        var source = new XlsxRowSource(path, options);
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
