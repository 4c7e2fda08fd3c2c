using System.Globalization;
using System.Text;
using System.Xml;
using ExcelDataReader;
using ExcelDataReader.Exceptions;
using SegBench.Data.Formats.Inference;

namespace SegBench.Data.Formats.Xlsx;

/// <summary>
/// The rows of one sheet of a workbook through ExcelDataReader. The first non-blank row is the
/// header; blank rows are skipped but counted, so row numbers match the sheet's
/// (data row N is the Nth row below the header).
/// </summary>
internal sealed class XlsxRowSource : IRowSource
{
    private readonly FileStream _stream;
    private readonly IExcelDataReader _reader;
    private readonly int _sheetIndex;
    private int _fieldCount;

    static XlsxRowSource()
    {
        // ExcelDataReader's configuration defaults its fallback encoding to Windows-1252, which
        // .NET only has once the code pages provider is registered: without it even an .xlsx
        // fails to open. Registering is idempotent and only adds encodings.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public XlsxRowSource(string path, TableReadOptions options)
    {
        FilePath = path;
        try
        {
            _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException(path, $"the file cannot be opened: {exception.Message}", inner: exception);
        }

        try
        {
            XlsxArchiveGuard.Check(path, _stream, options.MaximumDecompressedBytes);
            _reader = Guard(() => ExcelReaderFactory.CreateReader(_stream, new ExcelReaderConfiguration { LeaveOpen = true }));
            _sheetIndex = FindSheet(options.Sheet);
            Header = ReadHeader();
        }
        catch
        {
            _reader?.Dispose();
            _stream.Dispose();
            throw;
        }
    }

    public string FilePath { get; }

    public IReadOnlyList<string> Header { get; private set; } = [];

    public long RowNumber { get; private set; }

    public int FieldCount => _fieldCount;

    public bool MoveNext()
    {
        while (Guard(_reader.Read))
        {
            RowNumber++;
            var last = LastNonBlankCell();
            if (last < 0)
            {
                continue;
            }

            // ExcelDataReader gives every row the sheet's width; cells past the header count only
            // when they hold something, so a row is ragged only when it has data there.
            _fieldCount = Math.Max(Header.Count, last + 1);
            return true;
        }

        return false;
    }

    public CellValue GetCell(int index)
    {
        var value = index < _reader.FieldCount ? _reader.GetValue(index) : null;
        return value switch
        {
            null => CellValue.Empty,
            string text => CellValue.FromText(Encoding.UTF8.GetBytes(text)),
            double number => CellValue.FromNumber(number),
            bool flag => CellValue.FromBoolean(flag),
            DateTime dateTime => CellValue.FromDateTime(dateTime),
            TimeSpan time => CellValue.FromText(Encoding.UTF8.GetBytes(time.ToString("c", CultureInfo.InvariantCulture))),
            IConvertible number when value is int or long or float or decimal => CellValue.FromNumber(number.ToDouble(CultureInfo.InvariantCulture)),
            _ => CellValue.FromText(Encoding.UTF8.GetBytes(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty)),
        };
    }

    public void Rewind()
    {
        Guard(() =>
        {
            _reader.Reset();
            return 0;
        });
        MoveToSheet(_sheetIndex);
        Header = ReadHeader();
    }

    public void Dispose()
    {
        _reader.Dispose();
        _stream.Dispose();
    }

    private int FindSheet(string? name)
    {
        if (name is null)
        {
            return 0;
        }

        var names = new List<string>();
        for (var index = 0; index < _reader.ResultsCount; index++)
        {
            if (string.Equals(_reader.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return index;
            }

            names.Add(_reader.Name);
            Guard(_reader.NextResult);
        }

        throw new DataFileException(FilePath, $"the workbook has no sheet named '{name}'; its sheets are {string.Join(", ", names.Select(sheet => $"'{sheet}'"))}");
    }

    private void MoveToSheet(int index)
    {
        for (var i = 0; i < index; i++)
        {
            Guard(_reader.NextResult);
        }
    }

    private List<string> ReadHeader()
    {
        RowNumber = 0;
        while (Guard(_reader.Read))
        {
            var last = LastNonBlankCell();
            if (last < 0)
            {
                continue;
            }

            var names = new List<string>(last + 1);
            for (var i = 0; i <= last; i++)
            {
                var cell = GetCell(i);
                names.Add(cell.Kind == CellKind.Empty ? string.Empty : cell.Describe());
            }

            return names;
        }

        return [];
    }

    private int LastNonBlankCell()
    {
        for (var i = _reader.FieldCount - 1; i >= 0; i--)
        {
            if (_reader.GetValue(i) is not (null or ""))
            {
                return i;
            }
        }

        return -1;
    }

    private T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidPasswordException exception)
        {
            throw new DataFileException(FilePath, "the workbook is password-protected (encrypted); save a copy without the password and read that", inner: exception);
        }
        catch (Exception exception) when (exception is ExcelReaderException or InvalidDataException or XmlException or NotSupportedException or FormatException or InvalidOperationException or IndexOutOfRangeException or ArgumentException)
        {
            throw new DataFileException(FilePath, $"the workbook cannot be read; it is corrupt or not an XLSX workbook ({exception.Message})", inner: exception);
        }
    }
}
