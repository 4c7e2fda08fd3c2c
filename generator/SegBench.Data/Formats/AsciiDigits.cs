using System.Runtime.CompilerServices;

namespace SegBench.Data.Formats;

/// <summary>Writes fixed-width ASCII digits without allocating: the one digit writer of the CSV encoder and the generator's identifiers.</summary>
public static class AsciiDigits
{
    // "00" to "99": two digits per division halves the chain of dependent divisions.
    private static readonly byte[] Pairs = Enumerable.Range(0, 100).SelectMany(i => new[] { (byte)('0' + (i / 10)), (byte)('0' + (i % 10)) }).ToArray();

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
