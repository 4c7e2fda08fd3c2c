using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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
    private const int Slack = 32;
    private const int ChunkRows = 1024;
    private static readonly SearchValues<byte> Special = SearchValues.Create(",\"\r\n"u8);

    private readonly Stack<CsvBuffer> _buffers = new();
    private readonly Stack<EncodeScratch> _scratch = new();
    private readonly AtomicFile _file;
    private long _rows;

    /// <summary>Opens a writer that will produce <paramref name="path"/> on commit.</summary>
    public CsvTableWriter(string path, TableSchema schema, bool writeHeader = true, ChecksumAlgorithm checksum = ChecksumAlgorithm.Xxh128)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Schema = schema;
        _file = new AtomicFile(path, checksum);
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
        EncodeScratch? scratch;
        lock (_scratch)
        {
            _scratch.TryPop(out scratch);
        }

        scratch ??= new EncodeScratch();
        EncodeRows(batch, buffer, scratch);
        lock (_scratch)
        {
            _scratch.Push(scratch);
        }

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
        return new WrittenFile(_file.FinalPath, _file.Length, _file.Checksum!, _rows);
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();

    /// <summary>Formats the rows of a batch as CSV lines (no header) and returns the bytes.</summary>
    public static byte[] EncodeRows(ColumnBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var buffer = new CsvBuffer(Math.Max(256, batch.RowCount * batch.Schema.Count * 12));
        EncodeRows(batch, buffer, new EncodeScratch());
        return buffer.Written.ToArray();
    }

    /// <summary>
    /// Formats a double exactly as <c>ToString("R", InvariantCulture)</c> does, with a fast path
    /// for the values generators produce: whole numbers and values with up to four decimals.
    /// </summary>
    public static int FormatDouble(double value, Span<byte> destination)
    {
        var written = FormatShortDecimal(value, destination);
        if (written > 0)
        {
            return written;
        }

        value.TryFormat(destination, out written, "R", CultureInfo.InvariantCulture);
        return written;
    }

    /// <summary>The fast path of <see cref="FormatDouble"/>: the bytes of a value with at most four decimals below 1e9, or 0.</summary>
    private static int FormatShortDecimal(double value, Span<byte> destination)
    {
        // Positive zero is the most common value of many columns ("R" prints "0"; -0 prints "-0").
        if (BitConverter.DoubleToUInt64Bits(value) == 0)
        {
            destination[0] = (byte)'0';
            return 1;
        }

        // Below 1e9 the spacing of doubles is under 1e-6, far finer than 1e-4, so if v equals
        // m / 10^k for an integer m, that k-decimal string is the only one with k decimals that
        // round-trips, and the fewest-decimals one is exactly what "R" prints.
        // If v = m / 10^k, then v·10^4 rounds to m·10^(4-k) exactly (|v·10^4| < 2^51 keeps the
        // error far below 0.5) and that over 10^4 is the same real number, so it matches too;
        // conversely a match at 4 decimals whose integer ends in j zeros matches at 4 - j. So one
        // test at 4 decimals and a count of trailing zeros find the fewest decimals, where trying
        // 0, 1, 2... costs a division each.
        var scaled = Math.Round(value * 10_000);
        if (!(Math.Abs(value) < 1e9) || value == 0 || scaled / 10_000 != value || destination.Length < 32)
        {
            return 0;
        }

        // |scaled| < 1e13 is a whole number, so the plain conversion is exact (a cast would add a
        // saturation check). The writes below stay within the 32 bytes checked above, so they go
        // by reference without a bounds check each.
        var magnitude = double.ConvertToIntegerNative<ulong>(Math.Abs(scaled));
        var whole = magnitude / 10_000;
        var fraction = (uint)(magnitude - (whole * 10_000));
        ref var start = ref MemoryMarshal.GetReference(destination);

        // The sign is written either way; a positive number's digits overwrite it.
        start = (byte)'-';
        var position = value < 0 ? 1 : 0;

        // The whole part: a ninth digit on its own, then eight at once, all of them after a ninth
        // and less their leading zeros otherwise.
        var ninth = whole / 100_000_000;
        if (ninth == 0)
        {
            position += AsciiDigits.WriteUpToEight(ref Unsafe.Add(ref start, position), whole);
        }
        else
        {
            Unsafe.Add(ref start, position) = (byte)('0' + ninth);
            AsciiDigits.WriteLittleEndian(ref Unsafe.Add(ref start, position + 1), AsciiDigits.EightDigits(whole - (ninth * 100_000_000)) | AsciiDigits.AsciiZeros);
            position += 9;
        }

        // The fraction: four digits less their trailing zeros (the word's high zero bytes); none
        // for a whole number, and then no point either.
        var four = AsciiDigits.FourDigits(fraction);
        var decimals = 4 - (BitOperations.LeadingZeroCount(four) >> 3);
        Unsafe.Add(ref start, position) = (byte)'.';
        AsciiDigits.WriteLittleEndian(ref Unsafe.Add(ref start, position + 1), four | AsciiDigits.FourAsciiZeros);
        return decimals == 0 ? position : position + 1 + decimals;
    }

    private static void EncodeRows(ColumnBatch batch, CsvBuffer output, EncodeScratch scratch)
    {
        var columns = batch.Columns;
        var rows = batch.RowCount;
        if (rows == 0 || columns.Count == 0)
        {
            return;
        }

        // A chunk of rows at a time (so scratch memory stays small however large the batch, and
        // the formatted cells are still in cache when the rows are assembled), column by column,
        // every cell becomes CSV-ready bytes: string columns that need no quoting are used as
        // they are, the rest are formatted into scratch buffers in tight typed loops.
        var cells = scratch.Sources(columns.Count);
        for (var first = 0; first < rows; first += ChunkRows)
        {
            var count = Math.Min(ChunkRows, rows - first);
            var total = 0L;
            for (var c = 0; c < cells.Length; c++)
            {
                var cell = Prepare(columns[c], first, count, scratch.Scratch(c), scratch.DoubleTexts);
                cells[c] = cell;
                total += cell.Offsets[cell.First + count] - cell.Offsets[cell.First];
            }

            // Then rows are assembled by plain copies: each cell is followed by ',' or '\n', so
            // the exact size is known and no per-cell capacity check is needed.
            total += ((long)count * cells.Length) + Slack;
            var target = output.ReserveArray(checked((int)total), out var start);
            ref var destination = ref MemoryMarshal.GetArrayDataReference(target);
            var position = (nuint)start;
            // Prepare checked every offset this reads, so the copies go by reference, unchecked.
            ref var firstCell = ref MemoryMarshal.GetArrayDataReference(cells);
            for (var r = 0; r < count; r++)
            {
                for (var c = 0; c < cells.Length; c++)
                {
                    ref readonly var cell = ref Unsafe.Add(ref firstCell, c);
                    ref var offset = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(cell.Offsets), cell.First + r);
                    var from = offset;
                    var length = Unsafe.Add(ref offset, 1) - from;
                    CopyCell(ref MemoryMarshal.GetArrayDataReference(cell.Bytes), (nuint)from, ref destination, position, length);
                    position += (nuint)length;
                    Unsafe.Add(ref destination, position) = (byte)',';
                    position++;
                }

                Unsafe.Add(ref destination, position - 1) = (byte)'\n';
            }

            output.Advance((int)(position - (nuint)start));
        }
    }

    // A cell is moved in 32-byte blocks that may read and write up to 31 bytes past its end:
    // every source keeps Slack readable bytes after its last cell, and the output reserves Slack.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CopyCell(ref byte source, nuint from, ref byte destination, nuint to, int length)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            nuint done = 0;
            do
            {
                Vector256.LoadUnsafe(ref source, from + done).StoreUnsafe(ref destination, to + done);
                done += 32;
            }
            while (done < (nuint)length);
        }
        else
        {
            Unsafe.CopyBlockUnaligned(ref Unsafe.Add(ref destination, to), ref Unsafe.Add(ref source, from), (uint)length);
        }

        return length;
    }

    // Quote's work on a cell with the same slack as CopyCell's: its bytes tested for the special
    // ones 32 at a time, then moved in blocks, inside quotes if it holds a comma or line break.
    // A cell with a quote to double (rare) goes to Quote.
    private static int QuoteCell(byte[] source, int from, int length, byte[] destination, int to)
    {
        ref var start = ref MemoryMarshal.GetArrayDataReference(source);
        var special = 0u;
        var quotes = 0u;
        for (var done = 0; done < length; done += 32)
        {
            var block = Vector256.LoadUnsafe(ref start, (nuint)(from + done));
            var inCell = length - done >= 32 ? uint.MaxValue : (1u << (length - done)) - 1;
            var quote = Vector256.Equals(block, Vector256.Create((byte)'"'));
            special |= inCell & (quote | Vector256.Equals(block, Vector256.Create((byte)',')) | Vector256.Equals(block, Vector256.Create((byte)'\n')) | Vector256.Equals(block, Vector256.Create((byte)'\r'))).ExtractMostSignificantBits();
            quotes |= inCell & quote.ExtractMostSignificantBits();
        }

        ref var target = ref MemoryMarshal.GetArrayDataReference(destination);
        if (special == 0)
        {
            return CopyCell(ref start, (nuint)from, ref target, (nuint)to, length);
        }

        if (quotes != 0)
        {
            return Quote(source.AsSpan(from, length), destination.AsSpan(to));
        }

        Unsafe.Add(ref target, to) = (byte)'"';
        CopyCell(ref start, (nuint)from, ref target, (nuint)to + 1, length);
        Unsafe.Add(ref target, to + 1 + length) = (byte)'"';
        return length + 2;
    }

    /// <summary>The CSV bytes of integer cells, each at most <paramref name="maximumBytes"/> long (a sign included).</summary>
    private static CellSource Integers<T>(ReadOnlySpan<T> values, Column column, int first, int rows, CellScratch scratch, int maximumBytes)
        where T : struct, IBinaryInteger<T>, IUtf8SpanFormattable
    {
        var nulls = column.NullCount != 0;
        var (bytes, ends) = scratch.Prepare(rows, rows * maximumBytes);
        var length = 0;
        for (var r = 0; r < rows; r++)
        {
            if (!(nulls && column.IsNull(first + r)))
            {
                // Counts, months and ages: small and not negative, eight digits at once.
                var value = long.CreateTruncating(values[first + r]);
                if ((ulong)value < 100_000_000)
                {
                    length += AsciiDigits.WriteUpToEight(bytes.AsSpan(length, maximumBytes), (ulong)value);
                }
                else
                {
                    values[first + r].TryFormat(bytes.AsSpan(length, maximumBytes), out var written, default, CultureInfo.InvariantCulture);
                    length += written;
                }
            }

            ends[r + 1] = length;
        }

        return new CellSource(bytes, ends, 0);
    }

    /// <summary>The CSV bytes of rows [first, first + rows) of a column (see <see cref="CellSource"/>).</summary>
    private static CellSource Prepare(Column column, int first, int rows, CellScratch scratch, DoubleTextCache doubleTexts)
    {
        // The row assembly copies without bounds checks, trusting offsets up to row first + rows.
        if (column.Count < first + rows)
        {
            throw new ArgumentException($"A {column.Type} column holds {column.Count} values but the batch has {first + rows} rows.", nameof(column));
        }

        var nulls = column.NullCount != 0;
        int length;
        switch (column)
        {
            case StringColumn strings:
            {
                var source = strings.RawBytes;
                var offsets = strings.RawOffsets;
                var used = source.AsSpan(offsets[first], offsets[first + rows] - offsets[first]);
                var quoting = used.IndexOfAny(Special) >= 0;
                if (!nulls && !quoting && offsets[first + rows] + Slack <= source.Length)
                {
                    return new CellSource(source, offsets, first);
                }

                var (bytes, ends) = scratch.Prepare(rows, (2 * used.Length) + (2 * rows));
                length = 0;
                if (Vector256.IsHardwareAccelerated && offsets[first + rows] + Slack <= source.Length)
                {
                    // Cells moved in 32-byte blocks, as the row assembly moves them: the source's
                    // slack covers the reads past a cell, the scratch's slack the writes.
                    ref var from = ref MemoryMarshal.GetArrayDataReference(source);
                    ref var to = ref MemoryMarshal.GetArrayDataReference(bytes);
                    for (var r = 0; r < rows; r++)
                    {
                        if (!(nulls && column.IsNull(first + r)))
                        {
                            var start = offsets[first + r];
                            var count = offsets[first + r + 1] - start;
                            length += quoting
                                ? QuoteCell(source, start, count, bytes, length)
                                : CopyCell(ref from, (nuint)start, ref to, (nuint)length, count);
                        }

                        ends[r + 1] = length;
                    }

                    return new CellSource(bytes, ends, 0);
                }

                for (var r = 0; r < rows; r++)
                {
                    if (!(nulls && column.IsNull(first + r)))
                    {
                        length += quoting ? Quote(strings.GetBytes(first + r), bytes.AsSpan(length)) : Copy(strings.GetBytes(first + r), bytes.AsSpan(length));
                    }

                    ends[r + 1] = length;
                }

                return new CellSource(bytes, ends, 0);
            }

            case DoubleColumn doubles:
            {
                // Room for the longest text of every row (32 bytes each, a chunk's 32 KB), so the
                // loop checks no capacity.
                var (bytes, ends) = scratch.Prepare(rows, rows * 32);
                var values = doubles.Values;
                length = 0;
                for (var r = 0; r < rows; r++)
                {
                    if (!(nulls && column.IsNull(first + r)))
                    {
                        length += doubleTexts.Format(values[first + r], bytes.AsSpan(length, 32));
                    }

                    ends[r + 1] = length;
                }

                return new CellSource(bytes, ends, 0);
            }

            case Int32Column integers:
                return Integers(integers.Values, column, first, rows, scratch, maximumBytes: 11);

            case Int64Column longs:
                return Integers(longs.Values, column, first, rows, scratch, maximumBytes: 20);

            case BooleanColumn booleans:
            {
                var (bytes, ends) = scratch.Prepare(rows, rows * 5);
                var values = booleans.Values;
                length = 0;
                for (var r = 0; r < rows; r++)
                {
                    if (!(nulls && column.IsNull(first + r)))
                    {
                        length += Copy(values[first + r] ? "true"u8 : "false"u8, bytes.AsSpan(length));
                    }

                    ends[r + 1] = length;
                }

                return new CellSource(bytes, ends, 0);
            }

            case DateColumn dates:
            {
                var (bytes, ends) = scratch.Prepare(rows, rows * 16);
                length = 0;
                for (var r = 0; r < rows; r++)
                {
                    if (!(nulls && column.IsNull(first + r)))
                    {
                        length += FormatDate(dates.GetDate(first + r), bytes.AsSpan(length, 16));
                    }

                    ends[r + 1] = length;
                }

                return new CellSource(bytes, ends, 0);
            }

            default:
                throw new NotSupportedException($"CSV cannot write a {column.Type} column.");
        }
    }

    private static int Copy(ReadOnlySpan<byte> value, Span<byte> destination)
    {
        value.CopyTo(destination);
        return value.Length;
    }

    // RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.
    private static int Quote(ReadOnlySpan<byte> value, Span<byte> destination)
    {
        if (value.IndexOfAny(Special) < 0)
        {
            return Copy(value, destination);
        }

        // Most quoted fields (an address with a comma) hold no quote to double.
        if (!value.Contains((byte)'"'))
        {
            destination[0] = (byte)'"';
            value.CopyTo(destination[1..]);
            destination[value.Length + 1] = (byte)'"';
            return value.Length + 2;
        }

        var length = 0;
        destination[length++] = (byte)'"';
        foreach (var b in value)
        {
            if (b == '"')
            {
                destination[length++] = (byte)'"';
            }

            destination[length++] = b;
        }

        destination[length++] = (byte)'"';
        return length;
    }

    private static int FormatDate(DateOnly date, Span<byte> destination)
    {
        // One calendar computation: Year, Month and Day would each redo it.
        date.Deconstruct(out var year, out var month, out var day);
        if (year is < 1000 or > 9999 || destination.Length < 16)
        {
            date.TryFormat(destination, out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            return written;
        }

        // "yyyy-MM-" as one word and "dd" as another (the caller gives 16 bytes of room): digit
        // words instead of a division per digit.
        const ulong DigitZeros = 0x0030_3000_3030_3030UL; // '0' in bytes 0-3 and 5-6
        const ulong Dashes = ((ulong)'-' << 32) | ((ulong)'-' << 56);
        var digits = AsciiDigits.FourDigits((uint)year) | ((ulong)TwoDigits(month) << 40);
        ref var start = ref MemoryMarshal.GetReference(destination);
        AsciiDigits.WriteLittleEndian(ref start, digits | DigitZeros | Dashes);
        AsciiDigits.WriteLittleEndian(ref Unsafe.Add(ref start, 8), TwoDigits(day) | 0x3030u);
        return 10;

        // A value below 100 as two digit bytes, the first in the low byte (as FourDigits gives them).
        static uint TwoDigits(int value) => (uint)(value / 10) | ((uint)(value % 10) << 8);
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

        /// <summary>Ensures room for <paramref name="size"/> more bytes; returns the array and where writing starts.</summary>
        public byte[] ReserveArray(int size, out int start)
        {
            Reserve(size);
            start = _length;
            return _bytes;
        }

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

    /// <summary>
    /// What one encode works in: each column's formatted cells and the remembered double texts.
    /// Needed only while a batch is encoded, so a writer keeps one per concurrent encoder, not
    /// one per encoded batch waiting to be appended.
    /// </summary>
    private sealed class EncodeScratch
    {
        private CellSource[] _sources = [];
        private CellScratch?[] _scratch = [];

        /// <summary>The round-trip text of recent doubles that need it (one encoder at a time).</summary>
        public DoubleTextCache DoubleTexts { get; } = new();

        /// <summary>The per-column cell sources of one encode, reused.</summary>
        public CellSource[] Sources(int columns)
        {
            if (_sources.Length != columns)
            {
                _sources = new CellSource[columns];
            }

            return _sources;
        }

        /// <summary>The scratch buffers of one column, reused across batches.</summary>
        public CellScratch Scratch(int column)
        {
            if (_scratch.Length <= column)
            {
                Array.Resize(ref _scratch, column + 1);
            }

            return _scratch[column] ??= new CellScratch();
        }
    }

    /// <summary>Where the CSV bytes of a chunk's cells are: cell r is Bytes[Offsets[First + r]..Offsets[First + r + 1]].</summary>
    private readonly record struct CellSource(byte[] Bytes, int[] Offsets, int First);

    /// <summary>
    /// The "R" text of doubles the fast path cannot write (such as k/12), remembered by their bits
    /// in a small direct-mapped table: such columns repeat a few values, and "R" costs ~150 ns.
    /// </summary>
    private sealed class DoubleTextCache
    {
        private const int Slots = 1024;
        private const int Width = 32;
        private readonly ulong[] _bits = new ulong[Slots];
        private readonly byte[] _lengths = new byte[Slots];
        private readonly byte[] _text = new byte[Slots * Width];

        public int Format(double value, Span<byte> destination)
        {
            var written = FormatShortDecimal(value, destination);
            if (written > 0)
            {
                return written;
            }

            var bits = BitConverter.DoubleToUInt64Bits(value);
            var slot = (int)((bits * 0x9E3779B97F4A7C15UL) >> 54);
            var cached = _text.AsSpan(slot * Width, Width);
            if (_lengths[slot] != 0 && _bits[slot] == bits)
            {
                // The whole slot in one 32-byte move (the caller gives 32 bytes of room), not a sized copy.
                Vector256.Create<byte>(cached).CopyTo(destination);
                return _lengths[slot];
            }

            value.TryFormat(destination, out written, "R", CultureInfo.InvariantCulture);
            destination[..written].CopyTo(cached);
            _bits[slot] = bits;
            _lengths[slot] = (byte)written;
            return written;
        }
    }

    /// <summary>A column's formatted cells, for columns that cannot be copied as they are.</summary>
    private sealed class CellScratch
    {
        private byte[] _bytes = [];
        private int[] _offsets = [];

        /// <summary>Buffers for <paramref name="rows"/> cells of at most <paramref name="maximumBytes"/> bytes in all, plus the copy slack.</summary>
        public (byte[] Bytes, int[] Offsets) Prepare(int rows, int maximumBytes)
        {
            if (_offsets.Length < rows + 1)
            {
                _offsets = new int[rows + 1];
            }

            if (_bytes.Length < maximumBytes + Slack)
            {
                _bytes = new byte[maximumBytes + Slack];
            }

            _offsets[0] = 0;
            return (_bytes, _offsets);
        }
    }

    private sealed class CsvEncodedBatch(int rowCount, CsvBuffer bytes) : EncodedBatch
    {
        public override int RowCount { get; } = rowCount;

        public CsvBuffer Bytes { get; } = bytes;
    }
}
