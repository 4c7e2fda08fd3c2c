using CsvHelper;
using SegBench.Data.Formats.Inference;

namespace SegBench.Data.Formats.Csv;

/// <summary>
/// The rows of a CSV file through CsvHelper: RFC 4180 quoting (fields may hold the delimiter,
/// doubled quotes and line breaks), a UTF-8 byte order mark skipped, other byte order marks
/// transcoded, and the delimiter detected from the first lines unless one is given.
/// </summary>
internal sealed class CsvRowSource : IRowSource
{
    private readonly CsvReaderOptions _csvOptions;
    private CsvReader _reader;
    private int _width;

    public CsvRowSource(string path, TableReadOptions options)
    {
        FilePath = path;
        _csvOptions = CsvReaderOptions.Default with
        {
            Separator = options.Delimiter,
            HasHeader = true,
            AllowLineBreaksInQuotes = true,

            // A table with one column writes a null as an empty line, so empty lines must reach
            // us; in wider tables MoveNext skips them, as CsvHelper would.
            SkipEmptyLines = false,
            TrimWhitespace = false,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MaxRecordSize = options.MaximumRecordBytes,
            IncludeValuesInExceptions = true,
        };
        _reader = Open(_csvOptions);
        Header = _reader.Headers.ToArray();
        _width = Header.Count;
    }

    public string FilePath { get; }

    public IReadOnlyList<string> Header { get; private set; }

    public long RowNumber => _reader.RowNumber;

    public int FieldCount => _reader.FieldCount;

    public bool MoveNext()
    {
        while (Guard(_reader.Read))
        {
            if (_width > 1 && _reader.FieldCount == 1 && _reader.GetRawSpan(0).IsEmpty)
            {
                continue;
            }

            return true;
        }

        return false;
    }

    public CellValue GetCell(int index) => CellValue.FromText(_reader.GetSpan(index));

    public void Rewind()
    {
        // Reopen with the delimiter the first pass detected, so both passes split alike.
        var separator = _reader.Separator;
        _reader.Dispose();
        _reader = Open(_csvOptions with { Separator = separator });
        Header = _reader.Headers.ToArray();
        _width = Header.Count;
    }

    public void Dispose() => _reader.Dispose();

    private CsvReader Open(CsvReaderOptions csvOptions)
    {
        CsvReader reader;
        try
        {
            reader = CsvReader.FromFile(FilePath, csvOptions, FileOptions.SequentialScan);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException(FilePath, $"the file cannot be opened: {exception.Message}", inner: exception);
        }

        try
        {
            // Reading the header here reports a malformed header before any row is asked for.
            Guard(() => reader.Headers.Count);
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    private T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (CsvFormatException exception)
        {
            // CsvHelper counts the header as record 1; our rows count data rows from 1.
            long? row = exception.RecordNumber > 0 ? exception.RecordNumber - 1 : null;
            throw new DataFileException(FilePath, $"malformed CSV: {Describe(exception)}", row, inner: exception);
        }
    }

    private static string Describe(CsvFormatException exception)
    {
        // CsvHelper's message starts "Malformed CSV in record N: ..."; keep what follows, since
        // the DataFileException states the row itself.
        var message = exception.Message;
        var colon = message.IndexOf(": ", StringComparison.Ordinal);
        return message.StartsWith("Malformed CSV in record", StringComparison.Ordinal) && colon > 0 ? message[(colon + 2)..] : message;
    }
}
