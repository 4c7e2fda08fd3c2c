using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SegBench.Data.Formats.Parquet;

/// <summary>
/// An insertion-ordered set of byte strings with their indices: the dictionary of a string
/// column. Values live in one byte buffer; an open-addressing table maps them to indices, so a
/// lookup allocates nothing.
/// </summary>
internal sealed class ByteStringDictionary
{
    private byte[] _bytes = new byte[1024];
    private int[] _offsets = new int[64];
    private int[] _hashes = new int[64];
    private int[] _slots = new int[128];

    // The length every value has while they all have one (0 once they differ): numbers of one width sit at index * width.
    private int _sharedLength;

    /// <summary>The number of distinct values.</summary>
    public int Count { get; private set; }

    /// <summary>The total bytes of the values.</summary>
    public int ByteLength => _offsets[Count];

    /// <summary>The value with an index.</summary>
    public ReadOnlySpan<byte> this[int index] => _bytes.AsSpan(_offsets[index], _offsets[index + 1] - _offsets[index]);

    /// <summary>Empties the dictionary and keeps its buffers, so a rejected page's dictionary can serve the next page.</summary>
    public void Clear()
    {
        Array.Clear(_slots);
        Count = 0;
    }

    /// <summary>
    /// Makes room for <paramref name="count"/> values, so filling the dictionary up to that many does not
    /// regrow its table again and again (the table only places values: indices stay the same).
    /// </summary>
    public void Reserve(int count)
    {
        if (count + 2 > _offsets.Length)
        {
            Array.Resize(ref _offsets, count + 2);
            Array.Resize(ref _hashes, count + 2);
        }

        var slots = (int)BitOperations.RoundUpToPowerOf2((uint)count * 2);
        if (slots > _slots.Length)
        {
            Rehash(slots);
        }
    }

    /// <summary>The index of a value, or -1.</summary>
    public int IndexOf(ReadOnlySpan<byte> value) => Find(value, Hash(value), out _);

    /// <summary>The index of a value, adding it at the end when new.</summary>
    public int GetOrAdd(ReadOnlySpan<byte> value)
    {
        var hash = Hash(value);
        var found = Find(value, hash, out var slot);
        if (found >= 0)
        {
            return found;
        }

        var index = Add(value.Length, hash, slot);
        value.CopyTo(_bytes.AsSpan(_offsets[index]));
        return index;
    }

    /// <summary>
    /// <see cref="GetOrAdd(ReadOnlySpan{byte})"/> of a 4- or 8-byte number's PLAIN bytes (an int's, a date's, a
    /// long's or a double's), compared as one word instead of a span: the dictionary filled is the same.
    /// A dictionary that holds numbers holds numbers of one width.
    /// </summary>
    public int GetOrAdd<T>(T value)
        where T : unmanaged
    {
        var width = Unsafe.SizeOf<T>();
        var bits = NumberBits(value);
        CheckNumberWidth(width);
        var hash = Mix(bits);
        var mask = _slots.Length - 1;
        var slot = hash & mask;
        for (; ; slot = (slot + 1) & mask)
        {
            var entry = _slots[slot] - 1;
            if (entry < 0)
            {
                break;
            }

            if (_hashes[entry] == hash && Word(entry, width) == bits)
            {
                return entry;
            }
        }

        var index = Add(width, hash, slot);
        MemoryMarshal.Write(_bytes.AsSpan(index * width), in value);
        return index;
    }

    /// <summary>
    /// A 4- or 8-byte number's PLAIN bytes as one word: the key numbers are hashed and compared by
    /// (so NaNs of one payload are equal, and -0.0 differs from 0.0, unlike <c>==</c>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong NumberBits<T>(T value)
        where T : unmanaged =>
        // PLAIN is little-endian, as the machine is (the reader casts pages to numbers the same way),
        // so a number's bits are its PLAIN bytes read as one word, and hash as those bytes do.
        Unsafe.SizeOf<T>() switch
        {
            sizeof(ulong) => Unsafe.BitCast<T, ulong>(value),
            sizeof(uint) => Unsafe.BitCast<T, uint>(value),
            _ => throw new NotSupportedException($"A dictionary word is 4 or 8 bytes, not {Unsafe.SizeOf<T>()}."),
        };

    /// <summary>
    /// Appends the values at <paramref name="indices"/>, in order, PLAIN-encoded as numbers of
    /// <typeparamref name="T"/>'s width: a number column's dictionary holds only values of that width.
    /// </summary>
    public void WriteNumbers<T>(ReadOnlySpan<int> indices, IBufferWriter<byte> output)
        where T : unmanaged
    {
        // Every value has the same width, so value i starts at i * width and the buffer reads as an array of T.
        var width = Unsafe.SizeOf<T>();
        CheckNumberWidth(width);
        var values = MemoryMarshal.Cast<byte, T>(_bytes.AsSpan(0, ByteLength));
        var span = output.GetSpan(indices.Length * width);
        for (var i = 0; i < indices.Length; i++)
        {
            MemoryMarshal.Write(span[(i * width)..], in values[indices[i]]);
        }

        output.Advance(indices.Length * width);
    }

    /// <summary>Appends the values at <paramref name="indices"/>, in order, PLAIN-encoded as byte arrays (a 4-byte length, then the bytes).</summary>
    public void WriteStrings(ReadOnlySpan<int> indices, IBufferWriter<byte> output)
    {
        // One span for the whole run, sized by a first pass, instead of two writer calls per value.
        var total = 0;
        foreach (var index in indices)
        {
            total += sizeof(int) + _offsets[index + 1] - _offsets[index];
        }

        var span = output.GetSpan(total);
        var position = 0;
        foreach (var index in indices)
        {
            var value = this[index];
            BinaryPrimitives.WriteInt32LittleEndian(span[position..], value.Length);
            value.CopyTo(span[(position + sizeof(int))..]);
            position += sizeof(int) + value.Length;
        }

        output.Advance(total);
    }

    private ulong Word(int index, int width)
    {
        var bytes = _bytes.AsSpan(index * width);
        return width == sizeof(ulong) ? MemoryMarshal.Read<ulong>(bytes) : MemoryMarshal.Read<uint>(bytes);
    }

    // Numbers are read at index * width, which holds only while every value has that width.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CheckNumberWidth(int width)
    {
        if (Count > 0 && _sharedLength != width)
        {
            throw new NotSupportedException($"This dictionary holds values other than {width}-byte numbers.");
        }
    }

    // The index of a value, or -1 with the empty slot its probe ended at.
    private int Find(ReadOnlySpan<byte> value, int hash, out int slot)
    {
        var mask = _slots.Length - 1;
        for (slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            var entry = _slots[slot] - 1;
            if (entry < 0)
            {
                return -1;
            }

            if (_hashes[entry] == hash && this[entry].SequenceEqual(value))
            {
                return entry;
            }
        }
    }

    // Makes room for a value known to be absent, of length bytes, whose probe ended at the empty slot; the caller writes its bytes.
    private int Add(int length, int hash, int slot)
    {
        var index = Count;
        if (index + 2 > _offsets.Length)
        {
            Array.Resize(ref _offsets, _offsets.Length * 2);
            Array.Resize(ref _hashes, _hashes.Length * 2);
        }

        var start = _offsets[index];
        if (start + length > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(start + length, _bytes.Length * 2));
        }

        _offsets[index + 1] = start + length;
        _sharedLength = index == 0 || _sharedLength == length ? length : 0;
        _hashes[index] = hash;
        _slots[slot] = index + 1;
        Count++;
        if (Count * 2 > _slots.Length)
        {
            Rehash(_slots.Length * 2);
        }

        return index;
    }

    private void Rehash(int slots)
    {
        _slots = new int[slots];
        var mask = slots - 1;
        for (var index = 0; index < Count; index++)
        {
            var slot = _hashes[index] & mask;
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            _slots[slot] = index + 1;
        }
    }

    /// <summary>The hash a value is placed by (numbers: a mix of their bits); never part of the output.</summary>
    public static int Hash(ReadOnlySpan<byte> value)
    {
        // Numbers are 8 or 4 bytes: a 64-bit finaliser mixes every bit into the low bits that pick the slot
        // (the hash only places values in slots, never in the output).
        if (value.Length == 8)
        {
            return Mix(BinaryPrimitives.ReadUInt64LittleEndian(value));
        }

        if (value.Length == 4)
        {
            return Mix(BinaryPrimitives.ReadUInt32LittleEndian(value));
        }

        // Strings (identifiers, codes) are short: fold them a word at a time, then mix.
        var folded = (ulong)value.Length;
        for (; value.Length >= sizeof(ulong); value = value[sizeof(ulong)..])
        {
            folded = BitOperations.RotateLeft(folded ^ BinaryPrimitives.ReadUInt64LittleEndian(value), 29) * 0x9E3779B97F4A7C15UL;
        }

        ulong tail = 0;
        for (var i = 0; i < value.Length; i++)
        {
            tail |= (ulong)value[i] << (8 * i);
        }

        return Mix(folded ^ tail);
    }

    // MurmurHash3's fmix64.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Mix(ulong x)
    {
        x = (x ^ (x >> 33)) * 0xFF51AFD7ED558CCDUL;
        x = (x ^ (x >> 33)) * 0xC4CEB9FE1A85EC53UL;
        return (int)(x ^ (x >> 33)) & int.MaxValue;
    }
}
