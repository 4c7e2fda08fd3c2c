using System.Buffers;
using System.Globalization;
using System.Text;

namespace SegBench.Data.Formats.Csv;

/// <summary>
/// Writes RFC 4180 CSV in UTF-8 with a header row. Nulls are empty fields, numbers use the
/// invariant culture with shortest round-trip formatting, dates are yyyy-MM-dd, booleans
/// true/false. Fields with a comma, quote or line break are quoted.
/// </summary>
/// <remarks>
/// Hand-written rather than CsvHelper's record writer because the generator's hot path formats
/// straight from UTF-8 column buffers, with no string per value; reading uses CsvHelper.
/// </remarks>
public sealed class CsvTableWriter : ITableWriter
{
    private readonly AtomicFile _file;
    private readonly bool _writeHeader;
    private long _rows;

    /// <summary>Opens a writer that will produce <paramref name="path"/> on commit.</summary>
    public CsvTableWriter(string path, TableSchema schema, bool writeHeader = true)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Schema = schema;
        _writeHeader = writeHeader;
        _file = new AtomicFile(path);
        if (_writeHeader)
        {
            var header = new ArrayBufferWriter<byte>();
            for (var i = 0; i < schema.Count; i++)
            {
                if (i > 0)
                {
                    header.Write(","u8);
                }

                WriteField(header, Encoding.UTF8.GetBytes(schema[i].Name));
            }

            header.Write("\n"u8);
            _file.Stream.Write(header.WrittenSpan);
        }
    }

    /// <inheritdoc />
    public TableSchema Schema { get; }

    /// <inheritdoc />
    public EncodedBatch Encode(ColumnBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var buffer = new ArrayBufferWriter<byte>(Math.Max(256, batch.RowCount * Schema.Count * 12));
        EncodeRows(batch, buffer);
        return new CsvEncodedBatch(batch.RowCount, buffer);
    }

    /// <inheritdoc />
    public void Append(EncodedBatch encoded)
    {
        var csv = (CsvEncodedBatch)encoded;
        _file.Stream.Write(csv.Bytes.WrittenSpan);
        _rows += csv.RowCount;
    }

    /// <inheritdoc />
    public WrittenFile Commit()
    {
        _file.Commit();
        return new WrittenFile(_file.FinalPath, _file.Length, _file.Sha256!, _rows);
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();

    /// <summary>Formats the rows of a batch as CSV lines (no header).</summary>
    public static void EncodeRows(ColumnBatch batch, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(output);
        var columns = batch.Columns;
        var rows = batch.RowCount;
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                if (c > 0)
                {
                    output.Write(","u8);
                }

                var column = columns[c];
                if (!column.IsNull(r))
                {
                    WriteValue(output, column, r);
                }
            }

            output.Write("\n"u8);
        }
    }

    private static void WriteValue(IBufferWriter<byte> output, Column column, int row)
    {
        switch (column)
        {
            case StringColumn text:
                WriteField(output, text.GetBytes(row));
                break;
            case DoubleColumn number:
                WriteFormattable(output, number[row], "R");
                break;
            case Int32Column integer:
                WriteFormattable(output, integer[row], default);
                break;
            case Int64Column integer:
                WriteFormattable(output, integer[row], default);
                break;
            case BooleanColumn flag:
                output.Write(flag[row] ? "true"u8 : "false"u8);
                break;
            case DateColumn date:
                WriteFormattable(output, date.GetDate(row), "yyyy-MM-dd");
                break;
            default:
                throw new NotSupportedException($"CSV cannot write a {column.Type} column.");
        }
    }

    private static void WriteFormattable<T>(IBufferWriter<byte> output, T value, ReadOnlySpan<char> format)
        where T : IUtf8SpanFormattable
    {
        var span = output.GetSpan(32);
        if (!value.TryFormat(span, out var written, format, CultureInfo.InvariantCulture))
        {
            span = output.GetSpan(128);
            value.TryFormat(span, out written, format, CultureInfo.InvariantCulture);
        }

        output.Advance(written);
    }

    private static void WriteField(IBufferWriter<byte> output, ReadOnlySpan<byte> utf8)
    {
        if (utf8.IndexOfAny(",\"\r\n"u8) < 0)
        {
            output.Write(utf8);
            return;
        }

        output.Write("\""u8);
        var rest = utf8;
        int quote;
        while ((quote = rest.IndexOf((byte)'"')) >= 0)
        {
            output.Write(rest[..(quote + 1)]);
            output.Write("\""u8);
            rest = rest[(quote + 1)..];
        }

        output.Write(rest);
        output.Write("\""u8);
    }

    private sealed class CsvEncodedBatch(int rowCount, ArrayBufferWriter<byte> bytes) : EncodedBatch
    {
        public override int RowCount { get; } = rowCount;

        public ArrayBufferWriter<byte> Bytes { get; } = bytes;
    }
}
