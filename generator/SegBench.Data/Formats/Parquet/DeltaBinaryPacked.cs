namespace SegBench.Data.Formats.Parquet;

/// <summary>
/// Decodes DELTA_BINARY_PACKED (Encodings.md): a header of block size, miniblocks per block,
/// value count and first value (zigzag), then blocks of a zigzag minimum delta, one bit width
/// per miniblock, and the miniblocks' (delta - minimum) values bit-packed LSB-first. Arithmetic
/// wraps on 64 bits, as the spec requires.
/// </summary>
internal static class DeltaBinaryPacked
{
    /// <summary>Decodes <paramref name="count"/> values; <paramref name="consumed"/> is the bytes read.</summary>
    public static long[] Decode(ReadOnlySpan<byte> data, int count, out int consumed)
    {
        var position = 0;
        var blockSize = RleBitPackedHybrid.ReadVarint(data, ref position);
        var miniblocks = RleBitPackedHybrid.ReadVarint(data, ref position);
        var total = RleBitPackedHybrid.ReadVarint(data, ref position);
        var first = UnZigZag(RleBitPackedHybrid.ReadVarint(data, ref position));
        if (blockSize == 0 || blockSize % 128 != 0 || blockSize > 1 << 16 || miniblocks == 0 || blockSize % miniblocks != 0 || blockSize / miniblocks % 32 != 0)
        {
            throw new InvalidDataException($"a DELTA_BINARY_PACKED header is invalid (block size {blockSize}, miniblocks {miniblocks}).");
        }

        if (total < (ulong)count)
        {
            throw new InvalidDataException($"DELTA_BINARY_PACKED data holds {total} values, fewer than the {count} needed.");
        }

        var values = new long[count];
        if (count == 0)
        {
            consumed = position;
            return values;
        }

        values[0] = first;
        var previous = first;
        var decoded = 1;
        var perMiniblock = (int)(blockSize / miniblocks);
        while (decoded < count)
        {
            var minimumDelta = UnZigZag(RleBitPackedHybrid.ReadVarint(data, ref position));
            if (position + (int)miniblocks > data.Length)
            {
                throw new InvalidDataException("DELTA_BINARY_PACKED bit widths end early.");
            }

            var widths = data.Slice(position, (int)miniblocks);
            position += (int)miniblocks;
            for (var m = 0; m < (int)miniblocks && decoded < count; m++)
            {
                int width = widths[m];
                if (width > 64)
                {
                    throw new InvalidDataException($"a DELTA_BINARY_PACKED bit width {width} is over 64.");
                }

                var bytes = perMiniblock * width / 8;
                if (position + bytes > data.Length)
                {
                    throw new InvalidDataException("a DELTA_BINARY_PACKED miniblock ends early.");
                }

                var packed = data.Slice(position, bytes);
                position += bytes;
                for (var i = 0; i < perMiniblock && decoded < count; i++)
                {
                    var delta = ReadBits(packed, i * width, width);
                    previous = unchecked(previous + minimumDelta + (long)delta);
                    values[decoded++] = previous;
                }
            }
        }

        consumed = position;
        return values;
    }

    private static ulong ReadBits(ReadOnlySpan<byte> packed, int bitOffset, int width)
    {
        ulong value = 0;
        var written = 0;
        while (written < width)
        {
            var byteIndex = (bitOffset + written) >> 3;
            var bitIndex = (bitOffset + written) & 7;
            var take = Math.Min(8 - bitIndex, width - written);
            var bits = (ulong)((packed[byteIndex] >> bitIndex) & ((1 << take) - 1));
            value |= bits << written;
            written += take;
        }

        return value;
    }

    private static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);
}
