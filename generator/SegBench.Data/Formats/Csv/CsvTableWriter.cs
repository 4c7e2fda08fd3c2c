using System.Globalization;
using System.Runtime.CompilerServices;
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
    // Encoded batches hand their buffer back after Append, so steady-state encoding reuses a few
    // multi-megabyte buffers instead of allocating one per batch. Bounded so a burst cannot pin memory.
    private const int MaximumPooledBuffers = 8;
    private readonly Stack<CsvBuffer> _buffers = new();
    private readonly AtomicFile _file;
    private long _rows;

    private enum ValueKind : byte
    {
        String,
        Double,
        Int32,
        Int64,
        Boolean,
        Date,
    }

    /// <summary>Opens a writer that will produce <paramref name="path"/> on commit.</summary>
    public CsvTableWriter(string path, TableSchema schema, bool writeHeader = true)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Schema = schema;
        _file = new AtomicFile(path);
        if (writeHeader)
        {
            var header = new CsvBuffer(256);
            for (var i = 0; i < schema.Count; i++)
            {
                if (i > 0)
                {
                    header.Byte((byte)',');
                }

                header.Field(Encoding.UTF8.GetBytes(schema[i].Name));
            }

            header.Byte((byte)'\n');
            _file.Stream.Write(header.Written);
        }
    }

    /// <inheritdoc />
    public TableSchema Schema { get; }

    /// <inheritdoc />
    public EncodedBatch Encode(ColumnBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var capacity = Math.Max(256, batch.RowCount * Schema.Count * 12);
        CsvBuffer? buffer;
        lock (_buffers)
        {
            _buffers.TryPop(out buffer);
        }

        buffer ??= new CsvBuffer(capacity);
        buffer.Reset();
        EncodeRows(batch, buffer);
        return new CsvEncodedBatch(batch.RowCount, buffer);
    }

    /// <inheritdoc />
    public void Append(EncodedBatch encoded)
    {
        var csv = (CsvEncodedBatch)encoded;
        _file.Stream.Write(csv.Bytes.Written);
        _rows += csv.RowCount;
        lock (_buffers)
        {
            if (_buffers.Count < MaximumPooledBuffers)
            {
                _buffers.Push(csv.Bytes);
            }
        }
    }

    /// <inheritdoc />
    public WrittenFile Commit()
    {
        _file.Commit();
        return new WrittenFile(_file.FinalPath, _file.Length, _file.Sha256!, _rows);
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();

    /// <summary>Formats the rows of a batch as CSV lines (no header) and returns the bytes.</summary>
    public static byte[] EncodeRows(ColumnBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var buffer = new CsvBuffer(Math.Max(256, batch.RowCount * batch.Schema.Count * 12));
        EncodeRows(batch, buffer);
        return buffer.Written.ToArray();
    }

    /// <summary>
    /// Formats a double exactly as <c>ToString("R", InvariantCulture)</c> does, with a fast path
    /// for the values generators produce: whole numbers and values with up to four decimals.
    /// </summary>
    public static int FormatDouble(double value, Span<byte> destination)
    {
        // Below 1e9 the spacing of doubles is under 1e-6, far finer than 1e-4, so if v equals
        // m / 10^k for an integer m, that k-decimal string is the only one with k decimals that
        // round-trips, and the fewest-decimals one is exactly what "R" prints.
        if (Math.Abs(value) < 1e9 && value != 0)
        {
            var scale = 1.0;
            for (var decimals = 0; decimals <= 4; decimals++, scale *= 10)
            {
                var scaled = Math.Round(value * scale);
                if (scaled / scale == value)
                {
                    return WriteDecimal(destination, (long)scaled, decimals);
                }
            }
        }

        value.TryFormat(destination, out var written, "R", CultureInfo.InvariantCulture);
        return written;
    }

    private static int WriteDecimal(Span<byte> destination, long scaled, int decimals)
    {
        var position = 0;
        if (scaled < 0)
        {
            destination[position++] = (byte)'-';
            scaled = -scaled;
        }

        // Trailing zeros cannot occur: a smaller decimal count would have matched first.
        Span<byte> digits = stackalloc byte[20];
        var count = 0;
        do
        {
            digits[count++] = (byte)('0' + (scaled % 10));
            scaled /= 10;
        }
        while (scaled > 0 || count <= decimals);

        for (var i = count - 1; i >= 0; i--)
        {
            destination[position++] = digits[i];
            if (i == decimals && decimals > 0)
            {
                destination[position++] = (byte)'.';
            }
        }

        return position;
    }

    private static void EncodeRows(ColumnBatch batch, CsvBuffer output)
    {
        var columns = batch.Columns;
        var rows = batch.RowCount;
        var count = columns.Count;

        // The column types are resolved once per batch; the row loop switches on a byte.
        var resolved = new Column[count];
        var kinds = new ValueKind[count];
        for (var c = 0; c < count; c++)
        {
            var column = columns[c];
            resolved[c] = column;
            kinds[c] = column switch
            {
                StringColumn => ValueKind.String,
                DoubleColumn => ValueKind.Double,
                Int32Column => ValueKind.Int32,
                Int64Column => ValueKind.Int64,
                BooleanColumn => ValueKind.Boolean,
                DateColumn => ValueKind.Date,
                _ => throw new NotSupportedException($"CSV cannot write a {column.Type} column."),
            };
        }

        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < count; c++)
            {
                if (c > 0)
                {
                    output.Byte((byte)',');
                }

                var column = resolved[c];
                if (!column.IsNull(r))
                {
                    WriteValue(output, kinds[c], column, r);
                }
            }

            output.Byte((byte)'\n');
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteValue(CsvBuffer output, ValueKind kind, Column column, int row)
    {
        // The kind was computed from the column's exact (sealed) type, so the casts cannot fail.
        switch (kind)
        {
            case ValueKind.String:
                output.Field(Unsafe.As<StringColumn>(column).GetBytes(row));
                break;
            case ValueKind.Double:
                output.Advance(FormatDouble(Unsafe.As<DoubleColumn>(column)[row], output.Reserve(32)));
                break;
            case ValueKind.Int32:
                Unsafe.As<Int32Column>(column)[row].TryFormat(output.Reserve(11), out var written, default, CultureInfo.InvariantCulture);
                output.Advance(written);
                break;
            case ValueKind.Int64:
                Unsafe.As<Int64Column>(column)[row].TryFormat(output.Reserve(20), out var written64, default, CultureInfo.InvariantCulture);
                output.Advance(written64);
                break;
            case ValueKind.Boolean:
                output.Bytes(Unsafe.As<BooleanColumn>(column)[row] ? "true"u8 : "false"u8);
                break;
            default:
                output.Advance(FormatDate(Unsafe.As<DateColumn>(column).GetDate(row), output.Reserve(16)));
                break;
        }
    }

    private static int FormatDate(DateOnly date, Span<byte> destination)
    {
        if (date.Year is < 1000 or > 9999)
        {
            date.TryFormat(destination, out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            return written;
        }

        Digits(destination, date.Year, 4);
        destination[4] = (byte)'-';
        Digits(destination[5..], date.Month, 2);
        destination[7] = (byte)'-';
        Digits(destination[8..], date.Day, 2);
        return 10;

        static void Digits(Span<byte> span, int value, int width)
        {
            for (var i = width - 1; i >= 0; i--)
            {
                span[i] = (byte)('0' + (value % 10));
                value /= 10;
            }
        }
    }

    /// <summary>A growable byte buffer with the few operations CSV needs.</summary>
    private sealed class CsvBuffer(int capacity)
    {
        private byte[] _bytes = new byte[capacity];
        private int _length;

        public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, _length);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Span<byte> Reserve(int size)
        {
            if (_length + size > _bytes.Length)
            {
                Array.Resize(ref _bytes, Math.Max(_length + size, _bytes.Length * 2));
            }

            return _bytes.AsSpan(_length);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Advance(int count) => _length += count;

        public void Reset() => _length = 0;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Byte(byte value)
        {
            if (_length == _bytes.Length)
            {
                Array.Resize(ref _bytes, _bytes.Length * 2);
            }

            _bytes[_length++] = value;
        }

        public void Bytes(ReadOnlySpan<byte> value)
        {
            value.CopyTo(Reserve(value.Length));
            _length += value.Length;
        }

        public void Field(ReadOnlySpan<byte> utf8)
        {
            if (utf8.IndexOfAny(",\"\r\n"u8) < 0)
            {
                Bytes(utf8);
                return;
            }

            Byte((byte)'"');
            foreach (var b in utf8)
            {
                if (b == '"')
                {
                    Byte((byte)'"');
                }

                Byte(b);
            }

            Byte((byte)'"');
        }
    }

    private sealed class CsvEncodedBatch(int rowCount, CsvBuffer bytes) : EncodedBatch
    {
        public override int RowCount { get; } = rowCount;

        public CsvBuffer Bytes { get; } = bytes;
    }
}
