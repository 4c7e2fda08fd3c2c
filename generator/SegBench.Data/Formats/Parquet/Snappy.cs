using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SegBench.Data.Formats.Parquet;

/// <summary>
/// The raw Snappy block format (google/snappy format_description.txt), which Parquet's SNAPPY
/// codec uses without framing: a varint of the uncompressed length, then elements. An element's
/// tag byte ends in 00 for a literal (length - 1 in the upper six bits, or 60..63 meaning 1..4
/// little-endian length bytes follow), 01 for a copy of 4..11 bytes at an 11-bit offset, 10 for a
/// copy of 1..64 bytes at a 16-bit offset, and 11 for a copy at a 32-bit offset.
/// </summary>
/// <remarks>
/// The compressor is a greedy LZ77 over 64 KiB blocks with a hash table of 4-byte sequences and
/// the reference compressor's match skipping; its output differs from the reference's byte for
/// byte but any conforming decoder reads it. Compression and decompression are O(n).
/// </remarks>
internal static class Snappy
{
    private const int BlockSize = 1 << 16;
    private const int HashBits = 14;
    private const int MinimumHashBits = 8;
    private const uint HashMultiplier = 0x1E35A7BD;
    private const int MinimumMatch = 4;

    [ThreadStatic]
    private static int[]? t_table;

    // Where the thread's next block starts in a count of every byte it has compressed (see CompressBlock).
    [ThreadStatic]
    private static int t_tableBase;

    /// <summary>The thread's table base, which tests move near its limit.</summary>
    internal static int TableBase
    {
        get => t_tableBase;
        set => t_tableBase = value;
    }

    /// <summary>The largest output <see cref="Compress(ReadOnlySpan{byte}, Span{byte})"/> can produce for an input length.</summary>
    public static int MaximumCompressedLength(int length) => 32 + length + (length / 6);

    /// <summary>Compresses <paramref name="input"/>; returns the compressed bytes.</summary>
    public static byte[] Compress(ReadOnlySpan<byte> input)
    {
        var output = ArrayPool<byte>.Shared.Rent(MaximumCompressedLength(input.Length));
        var result = output.AsSpan(0, Compress(input, output)).ToArray();
        ArrayPool<byte>.Shared.Return(output);
        return result;
    }

    /// <summary>
    /// Compresses <paramref name="input"/> into <paramref name="output"/>, which must hold
    /// <see cref="MaximumCompressedLength"/> bytes; returns the bytes written.
    /// </summary>
    public static int Compress(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (output.Length < MaximumCompressedLength(input.Length))
        {
            throw new ArgumentException($"Snappy needs {MaximumCompressedLength(input.Length)} bytes of output for {input.Length} bytes of input.", nameof(output));
        }

        var position = WriteVarint(output, 0, (uint)input.Length);
        // One hash table per thread: a page compresses in one call, block after block.
        var table = t_table ??= new int[1 << HashBits];
        for (var blockStart = 0; blockStart < input.Length; blockStart += BlockSize)
        {
            var block = input.Slice(blockStart, Math.Min(BlockSize, input.Length - blockStart));
            position = CompressBlock(block, output, position, table);
        }

        return position;
    }

    /// <summary>Reads the uncompressed length from the preamble.</summary>
    public static int GetUncompressedLength(ReadOnlySpan<byte> input)
    {
        var position = 0;
        var length = ReadVarint(input, ref position);
        return length > int.MaxValue ? throw new InvalidDataException("The Snappy length is too large.") : (int)length;
    }

    /// <summary>Decompresses into <paramref name="output"/>, which must be exactly the uncompressed length.</summary>
    public static void Decompress(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var position = 0;
        var expected = ReadVarint(input, ref position);
        if (expected != (ulong)output.Length)
        {
            throw new InvalidDataException($"Snappy data holds {expected} bytes, but {output.Length} were expected.");
        }

        var written = 0;
        while (position < input.Length)
        {
            var tag = input[position++];
            int length;
            int offset;
            switch (tag & 3)
            {
                case 0:
                    length = tag >> 2;
                    if (length >= 60)
                    {
                        var extra = length - 59;
                        if (position + extra > input.Length)
                        {
                            throw new InvalidDataException("A Snappy literal length runs past the end of the input.");
                        }

                        length = 0;
                        for (var b = 0; b < extra; b++)
                        {
                            length |= input[position + b] << (8 * b);
                        }

                        position += extra;
                    }

                    length++;
                    if (length <= 0 || length > input.Length - position || length > output.Length - written)
                    {
                        throw new InvalidDataException("A Snappy literal runs past the end of its buffer.");
                    }

                    input.Slice(position, length).CopyTo(output[written..]);
                    position += length;
                    written += length;
                    continue;
                case 1:
                    if (position >= input.Length)
                    {
                        throw new InvalidDataException("A Snappy copy ends early.");
                    }

                    length = ((tag >> 2) & 7) + 4;
                    offset = ((tag >> 5) << 8) | input[position++];
                    break;
                case 2:
                    if (position + 2 > input.Length)
                    {
                        throw new InvalidDataException("A Snappy copy ends early.");
                    }

                    length = (tag >> 2) + 1;
                    offset = BinaryPrimitives.ReadUInt16LittleEndian(input[position..]);
                    position += 2;
                    break;
                default:
                    if (position + 4 > input.Length)
                    {
                        throw new InvalidDataException("A Snappy copy ends early.");
                    }

                    length = (tag >> 2) + 1;
                    var wide = BinaryPrimitives.ReadUInt32LittleEndian(input[position..]);
                    offset = wide > int.MaxValue ? 0 : (int)wide;
                    position += 4;
                    break;
            }

            if (offset == 0 || offset > written || length > output.Length - written)
            {
                throw new InvalidDataException($"A Snappy copy (offset {offset}, length {length}) is out of range at output byte {written}.");
            }

            if (offset >= length)
            {
                output.Slice(written - offset, length).CopyTo(output[written..]);
            }
            else
            {
                // Overlapping copies repeat a pattern, so they go byte by byte.
                for (var i = 0; i < length; i++)
                {
                    output[written + i] = output[written - offset + i];
                }
            }

            written += length;
        }

        if (written != output.Length)
        {
            throw new InvalidDataException($"Snappy data ends after {written} of {output.Length} bytes.");
        }
    }

    private static int CompressBlock(ReadOnlySpan<byte> block, Span<byte> output, int position, int[] table)
    {
        // A table no larger than the block, as the reference sizes it.
        var hashBits = Math.Clamp(BitOperations.Log2((uint)Math.Max(1, block.Length - 1)) + 1, MinimumHashBits, HashBits);
        var hashShift = 32 - hashBits;
        // Entries are tableBase + block offset + 1, with tableBase past every entry of earlier blocks,
        // so those read as empty without clearing the table per block; it is cleared only when the
        // count would overflow. Stale entries within the block are caught by comparing the bytes.
        if (t_tableBase > int.MaxValue - (2 * BlockSize))
        {
            Array.Clear(table);
            t_tableBase = 0;
        }

        var tableBase = t_tableBase;
        t_tableBase += block.Length;
        var literalStart = 0;
        var i = 0;
        var limit = block.Length - MinimumMatch;
        // Unchecked reads and table slots: i ≤ limit and 0 ≤ candidate < i keep every 4-byte read
        // inside the block, and a hash has hashBits bits.
        ref var start = ref MemoryMarshal.GetReference(block);
        ref var slots = ref MemoryMarshal.GetArrayDataReference(table);
        while (true)
        {
            // Look for a 4-byte match at every byte, then, after each 32 misses, a byte further
            // apart (the reference's heuristic): varied input, such as PLAIN amounts, then costs
            // few lookups, while a match ends the skipping at once.
            var skip = 32;
            int candidate;
            while (true)
            {
                if (i > limit)
                {
                    return EmitLiteral(block, literalStart, block.Length - literalStart, output, position);
                }

                var sequence = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, i));
                ref var slot = ref Unsafe.Add(ref slots, (int)((sequence * HashMultiplier) >> hashShift));
                candidate = slot - tableBase - 1;
                slot = tableBase + i + 1;
                if ((uint)candidate < (uint)i && Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, candidate)) == sequence)
                {
                    break;
                }

                var step = skip >> 5;
                skip += step;
                i += step;
            }

            position = EmitLiteral(block, literalStart, i - literalStart, output, position);
            while (true)
            {
                var length = MatchLength(block, candidate, i);
                position = EmitCopy(i - candidate, length, output, position);
                i += length;
                literalStart = i;
                if (i > limit)
                {
                    return EmitLiteral(block, literalStart, block.Length - literalStart, output, position);
                }

                // Another copy may follow at once; the byte before it goes into the table too.
                var before = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, i - 1));
                Unsafe.Add(ref slots, (int)((before * HashMultiplier) >> hashShift)) = tableBase + i;
                var sequence = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, i));
                ref var slot = ref Unsafe.Add(ref slots, (int)((sequence * HashMultiplier) >> hashShift));
                candidate = slot - tableBase - 1;
                slot = tableBase + i + 1;
                if ((uint)candidate >= (uint)i || Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, candidate)) != sequence)
                {
                    break;
                }
            }

            i++;
        }
    }

    // The match length from MinimumMatch on, 8 bytes at a time: the first differing byte is the lowest
    // set byte of the XOR (little-endian). candidate < i, so reads at i + length stay ahead of it.
    private static int MatchLength(ReadOnlySpan<byte> block, int candidate, int i)
    {
        ref var start = ref MemoryMarshal.GetReference(block);
        var length = MinimumMatch;
        while (i + length + 8 <= block.Length)
        {
            var difference = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, candidate + length))
                ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i + length));
            if (difference != 0)
            {
                return length + (BitOperations.TrailingZeroCount(difference) >> 3);
            }

            length += 8;
        }

        while (i + length < block.Length && Unsafe.Add(ref start, candidate + length) == Unsafe.Add(ref start, i + length))
        {
            length++;
        }

        return length;
    }

    // Literal block[from..from + length). Most literals between matches are short: those up to 16
    // bytes go as one 16-byte copy when both buffers have the room (the bytes past the literal are
    // overwritten by what follows, or lie beyond what the caller keeps).
    private static int EmitLiteral(ReadOnlySpan<byte> block, int from, int length, Span<byte> output, int position)
    {
        if (length == 0)
        {
            return position;
        }

        var lengthMinusOne = length - 1;
        if (lengthMinusOne < 60)
        {
            output[position++] = (byte)(lengthMinusOne << 2);
            if (length <= 16 && from + 16 <= block.Length && position + 16 <= output.Length)
            {
                Unsafe.WriteUnaligned(
                    ref Unsafe.Add(ref MemoryMarshal.GetReference(output), position),
                    Unsafe.ReadUnaligned<Vector128<byte>>(ref Unsafe.Add(ref MemoryMarshal.GetReference(block), from)));
                return position + length;
            }
        }
        else
        {
            var extra = lengthMinusOne < 1 << 8 ? 1 : lengthMinusOne < 1 << 16 ? 2 : lengthMinusOne < 1 << 24 ? 3 : 4;
            output[position++] = (byte)((59 + extra) << 2);
            for (var b = 0; b < extra; b++)
            {
                output[position++] = (byte)(lengthMinusOne >> (8 * b));
            }
        }

        block.Slice(from, length).CopyTo(output[position..]);
        return position + length;
    }

    private static int EmitCopy(int offset, int length, Span<byte> output, int position)
    {
        // Long matches become 64-byte copies; keep the last piece at least 4 bytes long.
        while (length >= 68)
        {
            position = EmitCopyAtMost64(offset, 64, output, position);
            length -= 64;
        }

        if (length > 64)
        {
            position = EmitCopyAtMost64(offset, 60, output, position);
            length -= 60;
        }

        return EmitCopyAtMost64(offset, length, output, position);
    }

    private static int EmitCopyAtMost64(int offset, int length, Span<byte> output, int position)
    {
        if (length is >= 4 and <= 11 && offset < 2048)
        {
            output[position++] = (byte)(1 | ((length - 4) << 2) | ((offset >> 8) << 5));
            output[position++] = (byte)offset;
        }
        else
        {
            output[position++] = (byte)(2 | ((length - 1) << 2));
            output[position++] = (byte)offset;
            output[position++] = (byte)(offset >> 8);
        }

        return position;
    }

    private static int WriteVarint(Span<byte> output, int position, uint value)
    {
        while (value >= 0x80)
        {
            output[position++] = (byte)(value | 0x80);
            value >>= 7;
        }

        output[position++] = (byte)value;
        return position;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> input, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (position >= input.Length)
            {
                throw new InvalidDataException("The Snappy length preamble ends early.");
            }

            var next = input[position++];
            value |= (ulong)(next & 0x7F) << shift;
            if ((next & 0x80) == 0)
            {
                return value;
            }
        }

        throw new InvalidDataException("The Snappy length preamble is too long.");
    }
}
