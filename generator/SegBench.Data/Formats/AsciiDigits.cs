using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SegBench.Data.Formats;

/// <summary>Writes fixed-width ASCII digits without allocating: the one digit writer of the CSV encoder and the generator's identifiers.</summary>
public static class AsciiDigits
{
    // "00" to "99", for WriteByPairs.
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

    /// <summary>
    /// The eight decimal digits of <paramref name="value"/> (below 10^8, zero-padded) as the bytes
    /// 0 to 9 of one little-endian word, most significant digit first: OR with
    /// <see cref="AsciiZeros"/> and store it for the text.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong EightDigits(ulong value)
    {
        // All lanes divide at once (SWAR): two 32-bit lanes of 4 digits, then four 16-bit lanes of
        // 2, then eight bytes of 1. Multiplying by 10486 / 2^20 divides by 100, and by 103 / 2^10
        // by 10, exactly for the lane values that occur (below 10^4 and 10^2), and no product
        // reaches into the next lane.
        var lanes = (value / 10_000) | ((value % 10_000) << 32);
        var hundreds = ((lanes * 10_486) >> 20) & 0x0000_007F_0000_007FUL;
        lanes = hundreds | ((lanes - (hundreds * 100)) << 16);
        var tens = ((lanes * 103) >> 10) & 0x000F_000F_000F_000FUL;
        return tens | ((lanes - (tens * 10)) << 8);
    }

    /// <summary>
    /// Writes <paramref name="value"/> (below 10^8) without leading zeros, at least one digit, as
    /// one 8-byte store: <paramref name="destination"/> needs 8 bytes of room. Returns the digits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WriteUpToEight(Span<byte> destination, ulong value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, sizeof(ulong), nameof(destination));
        return WriteUpToEight(ref MemoryMarshal.GetReference(destination), value);
    }

    /// <summary>
    /// <see cref="WriteUpToEight(Span{byte}, ulong)"/> at a reference the caller has checked has 8
    /// bytes of room, for loops that check their room once for many values.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WriteUpToEight(ref byte destination, ulong value)
    {
        // The leading zeros are the digit word's low zero bytes; shifting them out moves the
        // digits to the front.
        var digits = EightDigits(value);
        var leadingZeros = Math.Min(BitOperations.TrailingZeroCount(digits) >> 3, 7);
        WriteLittleEndian(ref destination, (digits | AsciiZeros) >> (leadingZeros * 8));
        return 8 - leadingZeros;
    }

    /// <summary>Stores a digit word (as <see cref="EightDigits"/> gives it, first digit in the lowest byte) at a reference with 8 bytes of room.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteLittleEndian(ref byte destination, ulong word) =>
        Unsafe.WriteUnaligned(ref destination, BitConverter.IsLittleEndian ? word : BinaryPrimitives.ReverseEndianness(word));

    /// <summary>Stores a 4-digit word (as <see cref="FourDigits"/> gives it) at a reference with 4 bytes of room.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteLittleEndian(ref byte destination, uint word) =>
        Unsafe.WriteUnaligned(ref destination, BitConverter.IsLittleEndian ? word : BinaryPrimitives.ReverseEndianness(word));

    /// <summary>The four decimal digits of <paramref name="value"/> (below 10^4, zero-padded) as in <see cref="EightDigits"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint FourDigits(uint value)
    {
        var lanes = (value / 100) | ((value % 100) << 16);
        var tens = ((lanes * 103) >> 10) & 0x000F_000FU;
        return tens | ((lanes - (tens * 10)) << 8);
    }

    /// <summary>'0' in every byte: turns the digit words of <see cref="EightDigits"/> into ASCII (<see cref="FourAsciiZeros"/> for <see cref="FourDigits"/>).</summary>
    public const ulong AsciiZeros = 0x3030_3030_3030_3030UL;

    /// <summary>'0' in every byte of a <see cref="FourDigits"/> word.</summary>
    public const uint FourAsciiZeros = unchecked((uint)AsciiZeros);

    /// <summary>Writes the last <paramref name="width"/> digits of <paramref name="value"/>, zero-padded, at the start of <paramref name="destination"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(Span<byte> destination, ulong value, int width)
    {
        if (width is < 4 or > 16)
        {
            WriteByPairs(destination, value, width);
            return;
        }

        // As at most two digit words, the low half stored at the end and before it the rest, from
        // a word whose leading zeros are shifted out: eight digits at a time from 8 to 16 digits
        // (identifiers), four at a time from 4 to 7 (branch codes, PAN digits). The first store may
        // spill past the rest's digits; the second then overwrites the spill, so no byte beyond
        // the width is touched.
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, width, nameof(destination));
        ref var start = ref MemoryMarshal.GetReference(destination);
        if (width >= 8)
        {
            if (width > 8)
            {
                var high = (value / 100_000_000) % 100_000_000;
                WriteLittleEndian(ref start, (EightDigits(high) | AsciiZeros) >> ((16 - width) * 8));
            }

            WriteLittleEndian(ref Unsafe.Add(ref start, width - 8), EightDigits(value % 100_000_000) | AsciiZeros);
            return;
        }

        if (width > 4)
        {
            var high = (uint)((value / 10_000) % 10_000);
            WriteLittleEndian(ref start, (FourDigits(high) | FourAsciiZeros) >> ((8 - width) * 8));
        }

        WriteLittleEndian(ref Unsafe.Add(ref start, width - 4), FourDigits((uint)(value % 10_000)) | FourAsciiZeros);
    }

    // Two digits per division halves the chain of dependent divisions.
    private static void WriteByPairs(Span<byte> destination, ulong value, int width)
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
