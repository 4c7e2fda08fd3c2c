using System.Buffers;

namespace SegBench.Data.Formats.Parquet;

/// <summary>
/// The RLE / bit-packing hybrid of Parquet's Encodings.md, used for definition levels,
/// dictionary indices and RLE booleans. A run header is a ULEB128 varint: an even header
/// <c>count &lt;&lt; 1</c> is followed by one value in <c>ceil(width / 8)</c> little-endian bytes and
/// repeats it; an odd header <c>groups &lt;&lt; 1 | 1</c> is followed by <c>groups * 8</c> values packed
/// LSB-first in <c>groups * width</c> bytes.
/// </summary>
internal static class RleBitPackedHybrid
{
    /// <summary>The fewest repeats worth an RLE run; shorter runs are bit-packed.</summary>
    private const int MinimumRepeatRun = 8;

    /// <summary>The number of bits needed to store values up to <paramref name="maximum"/> (at least 1).</summary>
    public static int BitWidth(int maximum) => Math.Max(1, 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)maximum));

    /// <summary>Encodes values (each below 2^width) without a length prefix.</summary>
    public static void Encode(ReadOnlySpan<int> values, int bitWidth, IBufferWriter<byte> output)
    {
        var i = 0;
        while (i < values.Length)
        {
            var run = RepeatLength(values, i);
            if (run >= MinimumRepeatRun)
            {
                WriteRun(output, values[i], run, bitWidth);
                i += run;
                continue;
            }

            // Bit-pack whole groups of 8 until a long repeat starts at a group boundary.
            var start = i;
            do
            {
                i += 8;
            }
            while (i < values.Length && RepeatLength(values, i) < MinimumRepeatRun);

            var groups = (i - start) / 8;
            WriteVarint(output, ((uint)groups << 1) | 1);
            WritePacked(output, values[start..Math.Min(i, values.Length)], groups * 8, bitWidth);
        }
    }

    /// <summary>
    /// Encodes <paramref name="count"/> copies of one value, as <see cref="Encode"/> would, without
    /// holding them: definition levels of a page without nulls are all 1.
    /// </summary>
    public static void EncodeRepeated(int value, int count, int bitWidth, IBufferWriter<byte> output)
    {
        if (count >= MinimumRepeatRun)
        {
            WriteRun(output, value, count, bitWidth);
            return;
        }

        Span<int> values = stackalloc int[MinimumRepeatRun];
        values.Fill(value);
        Encode(values[..count], bitWidth, output);
    }

    /// <summary>Decodes exactly <paramref name="destination"/>.Length values; trailing padding is ignored.</summary>
    public static void Decode(ReadOnlySpan<byte> input, int bitWidth, Span<int> destination)
    {
        if (bitWidth is < 0 or > 32)
        {
            throw new InvalidDataException($"Bit width {bitWidth} is out of range.");
        }

        var position = 0;
        var written = 0;
        var valueBytes = (bitWidth + 7) / 8;
        while (written < destination.Length)
        {
            var header = ReadVarint(input, ref position);
            if ((header & 1) == 0)
            {
                var count = header >> 1;
                if (position + valueBytes > input.Length)
                {
                    throw new InvalidDataException("An RLE run ends early.");
                }

                var value = 0;
                for (var b = 0; b < valueBytes; b++)
                {
                    value |= input[position + b] << (8 * b);
                }

                position += valueBytes;
                if (bitWidth < 32 && (uint)value >> bitWidth != 0)
                {
                    throw new InvalidDataException($"An RLE value {value} does not fit in {bitWidth} bits.");
                }

                var take = (int)Math.Min(count, (ulong)(destination.Length - written));
                destination.Slice(written, take).Fill(value);
                written += take;
            }
            else
            {
                var groups = header >> 1;
                var byteCount = groups * (ulong)bitWidth;
                if (byteCount > (ulong)(input.Length - position))
                {
                    throw new InvalidDataException("A bit-packed run ends early.");
                }

                var count = (int)Math.Min(groups * 8, (ulong)(destination.Length - written));
                Unpack(input.Slice(position, (int)byteCount), bitWidth, destination.Slice(written, count));
                position += (int)byteCount;
                written += count;
            }
        }
    }

    /// <summary>Packs values LSB-first at a bit width (no header), padding to <paramref name="count"/> values.</summary>
    public static void WritePacked(IBufferWriter<byte> output, ReadOnlySpan<int> values, int count, int bitWidth)
    {
        var byteCount = (int)(((long)count * bitWidth + 7) / 8);
        var span = output.GetSpan(byteCount)[..byteCount];
        span.Clear();
        ulong accumulator = 0;
        var bits = 0;
        var position = 0;
        var mask = bitWidth == 32 ? uint.MaxValue : (1u << bitWidth) - 1;
        for (var i = 0; i < count; i++)
        {
            var value = i < values.Length ? (uint)values[i] & mask : 0u;
            accumulator |= (ulong)value << bits;
            bits += bitWidth;
            while (bits >= 8)
            {
                span[position++] = (byte)accumulator;
                accumulator >>= 8;
                bits -= 8;
            }
        }

        if (bits > 0)
        {
            span[position] = (byte)accumulator;
        }

        output.Advance(byteCount);
    }

    /// <summary>Unpacks LSB-first values; the input must hold at least count * width bits.</summary>
    public static void Unpack(ReadOnlySpan<byte> input, int bitWidth, Span<int> destination)
    {
        if (bitWidth == 0)
        {
            destination.Clear();
            return;
        }

        ulong accumulator = 0;
        var bits = 0;
        var position = 0;
        var mask = bitWidth == 32 ? uint.MaxValue : (1u << bitWidth) - 1;
        for (var i = 0; i < destination.Length; i++)
        {
            while (bits < bitWidth)
            {
                accumulator |= (ulong)input[position++] << bits;
                bits += 8;
            }

            destination[i] = (int)((uint)accumulator & mask);
            accumulator >>= bitWidth;
            bits -= bitWidth;
        }
    }

    /// <summary>Reads a ULEB128 varint.</summary>
    public static ulong ReadVarint(ReadOnlySpan<byte> input, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= input.Length)
            {
                throw new InvalidDataException("Encoded values end early.");
            }

            var next = input[position++];
            value |= (ulong)(next & 0x7F) << shift;
            if ((next & 0x80) == 0)
            {
                return value;
            }
        }

        throw new InvalidDataException("A varint is too long.");
    }

    /// <summary>Writes a ULEB128 varint.</summary>
    public static void WriteVarint(IBufferWriter<byte> output, ulong value)
    {
        var span = output.GetSpan(10);
        var length = 0;
        while (value >= 0x80)
        {
            span[length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[length++] = (byte)value;
        output.Advance(length);
    }

    private static int RepeatLength(ReadOnlySpan<int> values, int start)
    {
        var value = values[start];
        var end = start + 1;
        while (end < values.Length && values[end] == value)
        {
            end++;
        }

        return end - start;
    }

    private static void WriteRun(IBufferWriter<byte> output, int value, int count, int bitWidth)
    {
        WriteVarint(output, (uint)count << 1);
        WriteRepeatedValue(output, value, bitWidth);
    }

    private static void WriteRepeatedValue(IBufferWriter<byte> output, int value, int bitWidth)
    {
        var byteCount = (bitWidth + 7) / 8;
        var span = output.GetSpan(byteCount);
        for (var b = 0; b < byteCount; b++)
        {
            span[b] = (byte)(value >> (8 * b));
        }

        output.Advance(byteCount);
    }
}
