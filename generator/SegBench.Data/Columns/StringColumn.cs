using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace SegBench.Data;

/// <summary>
/// UTF-8 strings packed into one byte buffer with an offset per value, so that generating and
/// writing millions of strings allocates nothing per value.
/// </summary>
public sealed class StringColumn : Column
{
    private byte[] _bytes;
    private int[] _offsets;

    /// <summary>Creates an empty column with room for about <paramref name="capacity"/> values.</summary>
    public StringColumn(int capacity = 0)
    {
        _offsets = new int[Math.Max(capacity, 16) + 1];
        _bytes = new byte[Math.Max(capacity, 16) * 16];
    }

    /// <inheritdoc />
    public override ColumnType Type => ColumnType.String;

    /// <summary>The UTF-8 bytes of the value at an index (empty for a null).</summary>
    public ReadOnlySpan<byte> GetBytes(int index) => _bytes.AsSpan(_offsets[index], _offsets[index + 1] - _offsets[index]);

    /// <summary>The UTF-8 bytes of the non-null values of rows [start, start + count) together.</summary>
    public long ByteLength(int start, int count)
    {
        CheckRows(start, count, "the column's");
        long total = _offsets[start + count] - _offsets[start];
        if (NullCount != 0)
        {
            // A value marked null after it was written still holds its bytes.
            for (var i = start; i < start + count; i++)
            {
                total -= IsNull(i) ? _offsets[i + 1] - _offsets[i] : 0;
            }
        }

        return total;
    }

    /// <summary>The packed bytes of every value (the CSV encoder copies cells straight from them).</summary>
    internal byte[] RawBytes => _bytes;

    /// <summary>Value i occupies RawBytes[RawOffsets[i]..RawOffsets[i + 1]].</summary>
    internal int[] RawOffsets => _offsets;

    /// <summary>The value at an index as a string, or null.</summary>
    public string? GetString(int index) => IsNull(index) ? null : Encoding.UTF8.GetString(GetBytes(index));

    /// <summary>Appends UTF-8 bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(ReadOnlySpan<byte> utf8)
    {
        utf8.CopyTo(GetAppendSpan(utf8.Length));
        CommitAppend(utf8.Length);
    }

    /// <summary>Appends a string (null appends a null).</summary>
    public void Append(string? value)
    {
        if (value is null)
        {
            AppendNull();
            return;
        }

        var span = GetAppendSpan(Encoding.UTF8.GetMaxByteCount(value.Length));
        CommitAppend(Encoding.UTF8.GetBytes(value, span));
    }

    /// <summary>
    /// Appends table[indexes[0]], table[indexes[1]] and so on: a column of labels from a fixed list
    /// in one pass, each moved as its whole slot (an index outside the table throws before its
    /// value is written).
    /// </summary>
    public void AppendFrom(StringTable table, ReadOnlySpan<int> indexes)
    {
        ArgumentNullException.ThrowIfNull(table);
        var stride = table.Stride;
        var count = Count;
        var end = _offsets[count];

        // A value is moved as its whole slot, which may reach past its end: room for a slot each.
        Reserve(checked((int)((long)indexes.Length * stride)), indexes.Length);

        // Reading a value's length checks its index, so the unchecked slot moves stay in the table;
        // each value starts where the previous ended, so the moves stay within the room made above.
        var lengths = table.Lengths;
        ref var slots = ref MemoryMarshal.GetArrayDataReference(table.Slots);
        ref var destination = ref MemoryMarshal.GetArrayDataReference(_bytes);
        var ends = _offsets.AsSpan(count + 1, indexes.Length);
        for (var k = 0; k < indexes.Length; k++)
        {
            var index = indexes[k];
            var length = lengths[index];
            var slot = (nuint)index * (nuint)stride;
            for (nuint moved = 0; moved < (nuint)stride; moved += 16)
            {
                Vector128.LoadUnsafe(ref slots, slot + moved).StoreUnsafe(ref destination, (nuint)end + moved);
            }

            end += length;
            ends[k] = end;
        }

        Count = count + indexes.Length;
    }

    /// <summary>
    /// Returns writable space for the next value; write into it, then call
    /// <see cref="CommitAppend"/> with the number of bytes written.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<byte> GetAppendSpan(int maximumBytes)
    {
        var start = _offsets[Count];
        if (start + maximumBytes > _bytes.Length)
        {
            Grow(start + maximumBytes);
        }

        return _bytes.AsSpan(start, maximumBytes);
    }

    /// <summary>Completes a value begun with <see cref="GetAppendSpan"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void CommitAppend(int bytesWritten)
    {
        var count = Count;
        if (count + 2 > _offsets.Length)
        {
            Array.Resize(ref _offsets, _offsets.Length * 2);
        }

        _offsets[count + 1] = _offsets[count] + bytesWritten;
        Count = count + 1;
    }

    // Out of line, so the append paths stay small enough to inline.
    private void Grow(int minimum) => Array.Resize(ref _bytes, Math.Max(minimum, _bytes.Length * 2));

    // Makes room after the last value for this many more bytes and values.
    private void Reserve(int bytes, int values)
    {
        var end = _offsets[Count];
        if (end + bytes > _bytes.Length)
        {
            Grow(checked(end + bytes));
        }

        if (Count + values + 1 > _offsets.Length)
        {
            Array.Resize(ref _offsets, Math.Max(Count + values + 1, _offsets.Length * 2));
        }
    }

    /// <inheritdoc />
    public override void AppendFrom(Column source, int index)
    {
        var typed = (StringColumn)source;
        if (typed.IsNull(index))
        {
            AppendNull();
        }
        else
        {
            Append(typed.GetBytes(index));
        }
    }

    /// <inheritdoc />
    protected override void AppendValuesFrom(Column source, int start, int count)
    {
        var text = (StringColumn)source;
        var from = text._offsets[start];
        var length = text._offsets[start + count] - from;
        var end = _offsets[Count];
        Reserve(length, count);

        Array.Copy(text._bytes, from, _bytes, end, length);
        for (var i = 1; i <= count; i++)
        {
            _offsets[Count + i] = end + (text._offsets[start + i] - from);
        }

        Count += count;
    }

    /// <inheritdoc />
    protected override void AppendDefault() => CommitAppend(0);

    /// <inheritdoc />
    protected override void ClearValues() => _offsets[0] = 0;
}
