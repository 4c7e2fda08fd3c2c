using System.Numerics;
using System.Runtime.CompilerServices;

namespace SegBench.Data.Formats.Parquet;

/// <summary>
/// Proves cheaply that a page has too many distinct values for a dictionary, so the exact count
/// (a <see cref="ByteStringDictionary"/> filled until it passes the limit) is left for pages that
/// may qualify. Each value sets the bit of its hash in a bitmap: equal values set the same bit, so
/// the bits set never outnumber the distinct values, and passing the limit proves the dictionary
/// would too. Only the work done depends on this, never the output.
/// </summary>
internal static class DistinctCountBound
{
    // Bits per value of the limit: enough that few distinct values share a bit, small enough to stay in cache.
    private const int BitsPerLimit = 16;

    [ThreadStatic]
    private static ulong[]? t_bits;

    /// <summary>
    /// A lower bound on the distinct non-null values of rows [start, start + count) of a column (of
    /// any type but boolean): above <paramref name="limit"/> proves them more than the limit (and
    /// then says only that); otherwise few values share a bit, so it is near the true count, near
    /// enough to size a dictionary by.
    /// </summary>
    public static int LowerBound(Column column, int start, int count, int limit)
    {
        var words = (int)Math.Min(1L << 18, Math.Max(1L, BitOperations.RoundUpToPowerOf2((uint)limit + 1) * BitsPerLimit / 64));
        var bits = t_bits is { } spare && spare.Length >= words ? spare : t_bits = new ulong[words];
        var map = bits.AsSpan(0, words);
        map.Clear();
        var mask = (words * 64) - 1;
        var shift = 64 - BitOperations.Log2((uint)words * 64);
        var end = start + count;
        var set = 0;
        // Each loop stops once the bound passes the limit, or once the rows left could no longer take it there
        // (as at the end): either way, reading further cannot change the answer.
        switch (column)
        {
            case DoubleColumn numbers:
                set = MarkNumbers(numbers, start, end, limit, map, shift);
                break;
            case Int64Column integers:
                set = MarkNumbers(integers, start, end, limit, map, shift);
                break;
            case PrimitiveColumn<int> integers:
                set = MarkNumbers(integers, start, end, limit, map, shift);
                break;
            case StringColumn text:
                for (var i = start; set <= limit && set + (end - i) > limit; i++)
                {
                    if (!text.IsNull(i))
                    {
                        set += Mark(map, ByteStringDictionary.Hash(text.GetBytes(i)) & mask);
                    }
                }

                break;
            default:
                throw new NotSupportedException($"Parquet cannot dictionary-encode a {column.Type} column.");
        }

        return set;
    }

    // The numbers' bits, as the dictionary keys them, each marking its bucket.
    private static int MarkNumbers<T>(PrimitiveColumn<T> numbers, int start, int end, int limit, Span<ulong> map, int shift)
        where T : unmanaged
    {
        var set = 0;
        for (var i = start; set <= limit && set + (end - i) > limit; i++)
        {
            if (!numbers.IsNull(i))
            {
                set += Mark(map, Bucket(ByteStringDictionary.NumberBits(numbers[i]), shift));
            }
        }

        return set;
    }

    // Fibonacci hashing: the top bits of the product depend on every bit of the value, and it costs one multiply.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Bucket(ulong value, int shift) => (int)((value * 0x9E3779B97F4A7C15UL) >> shift);

    // Sets the bit; 1 when it was clear.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Mark(Span<ulong> map, int bit)
    {
        ref var word = ref map[bit >> 6];
        var mask = 1UL << bit;
        var added = (word & mask) == 0 ? 1 : 0;
        word |= mask;
        return added;
    }
}
