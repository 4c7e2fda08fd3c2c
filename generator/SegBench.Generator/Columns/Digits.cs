using SegBench.Data.Formats;

namespace SegBench.Generator.Columns;

/// <summary>Fixed-width digits appended to string columns, and powers of ten.</summary>
internal static class Digits
{
    /// <summary>Appends fixed-width digits to a string column.</summary>
    public static void Append(Data.StringColumn target, ReadOnlySpan<byte> prefix, ulong value, int width)
    {
        var span = target.GetAppendSpan(prefix.Length + width);
        prefix.CopyTo(span);
        AsciiDigits.Write(span[prefix.Length..], value, width);
        target.CommitAppend(prefix.Length + width);
    }

    /// <summary>10 to the power <paramref name="exponent"/>.</summary>
    public static ulong Pow10(int exponent)
    {
        var result = 1UL;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }
}

/// <summary>The Verhoeff check digit that Aadhaar numbers carry (not Luhn).</summary>
/// <remarks>J. Verhoeff, "Error Detecting Decimal Codes" (1969): dihedral group D5 with a position permutation.</remarks>
public static class Verhoeff
{
    // Flat row-major tables (10 columns) in the assembly's data section: no bounds-checked 2-D
    // array indexing in the loop.
    private static ReadOnlySpan<byte> Multiplication =>
    [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2, 3, 4, 0, 6, 7, 8, 9, 5, 2, 3, 4, 0, 1, 7, 8, 9, 5, 6,
        3, 4, 0, 1, 2, 8, 9, 5, 6, 7, 4, 0, 1, 2, 3, 9, 5, 6, 7, 8, 5, 9, 8, 7, 6, 0, 4, 3, 2, 1,
        6, 5, 9, 8, 7, 1, 0, 4, 3, 2, 7, 6, 5, 9, 8, 2, 1, 0, 4, 3, 8, 7, 6, 5, 9, 3, 2, 1, 0, 4,
        9, 8, 7, 6, 5, 4, 3, 2, 1, 0,
    ];

    private static ReadOnlySpan<byte> Permutation =>
    [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 5, 7, 6, 2, 8, 3, 0, 9, 4, 5, 8, 0, 3, 7, 9, 6, 1, 4, 2,
        8, 9, 1, 6, 0, 4, 3, 5, 2, 7, 9, 4, 5, 3, 1, 2, 6, 8, 7, 0, 4, 2, 8, 6, 5, 7, 3, 9, 0, 1,
        2, 7, 9, 3, 8, 0, 6, 4, 1, 5, 7, 0, 4, 6, 9, 1, 3, 2, 5, 8,
    ];

    private static ReadOnlySpan<byte> Inverse => [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

    // Two steps at once, halving the chain of dependent lookups: for a pair of digits whose first
    // is at an even position i (from the right), PairSteps[((phase · 10) + c) · 100 + a · 10 + b]
    // is the state after digit a at i and digit b at i + 1, from state c, with phase = (i / 2) mod 4
    // (the permutation row of position i is (i + 1) mod 8 = 2 · phase + 1).
    private static readonly byte[] PairSteps = BuildPairSteps();

    /// <summary>The check digit (0-9) for ASCII digits.</summary>
    public static int CheckDigit(ReadOnlySpan<byte> digits)
    {
        var multiplication = Multiplication;
        var permutation = Permutation;
        var pairs = PairSteps;
        var last = digits.Length - 1;
        var c = 0;
        var i = 0;
        for (; i < last; i += 2)
        {
            c = pairs[(((((i >> 1) & 3) * 10) + c) * 100) + ((digits[last - i] - '0') * 10) + (digits[last - i - 1] - '0')];
        }

        if (i == last)
        {
            c = multiplication[(c * 10) + permutation[(((i + 1) & 7) * 10) + (digits[0] - '0')]];
        }

        return Inverse[c];
    }

    private static byte[] BuildPairSteps()
    {
        var steps = new byte[4 * 10 * 100];
        for (var phase = 0; phase < 4; phase++)
        {
            for (var c = 0; c < 10; c++)
            {
                for (var a = 0; a < 10; a++)
                {
                    for (var b = 0; b < 10; b++)
                    {
                        var first = Multiplication[(c * 10) + Permutation[((2 * phase) + 1) * 10 + a]];
                        steps[(((phase * 10) + c) * 100) + (a * 10) + b] = Multiplication[(first * 10) + Permutation[((((2 * phase) + 2) & 7) * 10) + b]];
                    }
                }
            }
        }

        return steps;
    }
}
