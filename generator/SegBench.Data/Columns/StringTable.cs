using System.Text;

namespace SegBench.Data;

/// <summary>
/// A fixed list of UTF-8 values (a categorical column's labels, the names of cities), laid out in
/// equal slots so that <see cref="StringColumn.AppendFrom(StringTable, ReadOnlySpan{int})"/> moves
/// each value as whole 16-byte blocks instead of a sized copy, a call to memmove, per value.
/// </summary>
public sealed class StringTable
{
    private readonly byte[] _slots;
    private readonly int[] _lengths;

    /// <summary>Lays out <paramref name="values"/>.</summary>
    public StringTable(IEnumerable<byte[]> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var list = values.ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException("A string table needs at least one value.", nameof(values));
        }

        // Slots are whole 16-byte blocks, at least as long as the longest value; the zero bytes
        // after a value are moved with it and then overwritten by the next.
        Stride = Math.Max(16, (list.Max(v => v.Length) + 15) & ~15);
        _slots = new byte[list.Length * Stride];
        _lengths = new int[list.Length];
        for (var i = 0; i < list.Length; i++)
        {
            list[i].CopyTo(_slots, i * Stride);
            _lengths[i] = list[i].Length;
        }
    }

    /// <summary>Lays out the UTF-8 bytes of <paramref name="values"/>.</summary>
    public StringTable(IEnumerable<string> values)
        : this(values.Select(Encoding.UTF8.GetBytes))
    {
    }

    /// <summary>The number of values.</summary>
    public int Count => _lengths.Length;

    /// <summary>The bytes of the value at an index.</summary>
    public ReadOnlySpan<byte> this[int index] => _slots.AsSpan(index * Stride, _lengths[index]);

    /// <summary>The slot size: a multiple of 16 bytes.</summary>
    internal int Stride { get; }

    /// <summary>Value i occupies Slots[i * Stride ..] for Lengths[i] bytes, then zeros to the slot's end.</summary>
    internal byte[] Slots => _slots;

    /// <summary>The length of each value.</summary>
    internal int[] Lengths => _lengths;
}
