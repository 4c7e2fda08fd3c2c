using System.Numerics;
using System.Runtime.CompilerServices;

namespace SegBench.Data.Formats;

/// <summary>Writes fixed-width ASCII digits without allocating: the one digit writer of the CSV encoder and the generator's identifiers.</summary>
public static class AsciiDigits
{
    // "00" to "99": two digits per division halves the chain of dependent divisions.
    private static readonly byte[] Pairs = Enumerable.Range(0, 100).SelectMany(i => new[] { (byte)('0' + (i / 10)), (byte)('0' + (i % 10)) }).ToArray();

    // 10^0 to 10^19: every power of ten a ulong holds.
    private static readonly ulong[] Powers10 = Enumerable.Range(0, 20).Select(i => (ulong)BigInteger.Pow(10, i)).ToArray();

    /// <summary>The number of decimal digits of <paramref name="value"/> (1 for zero).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int CountDigits(ulong value)
    {
        // log10 from log2 (1233 / 4096 is just above log10 2), corrected by one comparison: no loop of divisions.
        var estimate = ((BitOperations.Log2(value) + 1) * 1233) >> 12;
        return estimate + ((value | 1) >= Powers10[estimate] ? 1 : 0);
    }

    /// <summary>Writes the last <paramref name="width"/> digits of <paramref name="value"/>, zero-padded, at the start of <paramref name="destination"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(Span<byte> destination, ulong value, int width)
    {
        var i = width - 1;
        for (; i >= 1; i -= 2)
        {
            var pair = (int)(value % 100) * 2;
            value /= 100;
            destination[i] = Pairs[pair + 1];
            destination[i - 1] = Pairs[pair];
        }

        if (i == 0)
        {
            destination[0] = (byte)('0' + (value % 10));
        }
    }
}
