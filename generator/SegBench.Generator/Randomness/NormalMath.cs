using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SegBench.Generator.Randomness;

/// <summary>The standard normal CDF and its inverse, fast enough for every generated value.</summary>
public static class NormalMath
{
    // Wichura's AS241 (PPND16) coefficients, highest degree first.
    private static readonly double[] CentralNumerator = [2509.0809287301226727, 33430.575583588128105, 67265.770927008700853, 45921.953931549871457, 13731.693765509461125, 1971.5909503065514427, 133.14166789178437745, 3.387132872796366608];
    private static readonly double[] CentralDenominator = [5226.495278852545925, 28729.085735721942674, 39307.89580009271061, 21213.794301586595867, 5394.1960214247511077, 687.1870074920579083, 42.313330701600911252, 1.0];
    private static readonly double[] NearNumerator = [7.7454501427834140764e-4, 0.0227238449892691845833, 0.24178072517745061177, 1.27045825245236838258, 3.64784832476320460504, 5.7694972214606914055, 4.6303378461565452959, 1.42343711074968357734];
    private static readonly double[] NearDenominator = [1.05075007164441684324e-9, 5.475938084995344946e-4, 0.0151986665636164571966, 0.14810397642748007459, 0.68976733498510000455, 1.6763848301838038494, 2.05319162663775882187, 1.0];
    private static readonly double[] FarNumerator = [2.01033439929228813265e-7, 2.71155556874348757815e-5, 0.0012426609473880784386, 0.026532189526576123093, 0.29656057182850489123, 1.7848265399172913358, 5.4637849111641143699, 6.6579046435011037772];
    private static readonly double[] FarDenominator = [2.04426310338993978564e-15, 1.4215117583164458887e-7, 1.8463183175100546818e-5, 7.868691311456132591e-4, 0.0148753612908506148525, 0.13692988092273580531, 0.59983220655588793769, 1.0];

    /// <summary>Φ⁻¹(p) by Wichura's AS241, accurate to about 1e-16.</summary>
    /// <remarks>M. J. Wichura, "Algorithm AS 241", Applied Statistics 37 (1988) 477-484.</remarks>
    public static double InverseCdf(double p)
    {
        var q = p - 0.5;
        if (Math.Abs(q) <= 0.425)
        {
            var r = 0.180625 - (q * q);
            var (centralNumerator, centralDenominator) = Horner(CentralNumerator, CentralDenominator, r);
            return q * centralNumerator / centralDenominator;
        }

        var s = q < 0 ? p : 1.0 - p;
        if (s <= 0)
        {
            return q < 0 ? double.NegativeInfinity : double.PositiveInfinity;
        }

        var t = Math.Sqrt(-PortableMath.Log(s));
        var (numerator, denominator) = t <= 5.0
            ? Horner(NearNumerator, NearDenominator, t - 1.6)
            : Horner(FarNumerator, FarDenominator, t - 5.0);
        var value = numerator / denominator;
        return q < 0 ? -value : value;
    }

    /// <summary>
    /// <see cref="InverseCdf(double)"/> of every probability, into <paramref name="destination"/>
    /// (which must not overlap them), bit-identical to one at a time: four lanes at a time by the
    /// same operations in the same order (separate multiplies and adds, never fused). The central
    /// region (85% of draws) goes first; the tail lanes are gathered and then done four at a time
    /// too, so a long span keeps its vectors full.
    /// </summary>
    public static void InverseCdf(ReadOnlySpan<double> probabilities, Span<double> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, probabilities.Length, nameof(destination));
        if (!Vector256.IsHardwareAccelerated || probabilities.Length < 4)
        {
            for (var i = 0; i < probabilities.Length; i++)
            {
                destination[i] = InverseCdf(probabilities[i]);
            }

            return;
        }

        Span<int> tails = stackalloc int[TailBlock];
        var tailCount = 0;

        // When the length is not a multiple of four the last block overlaps the one before it;
        // each lane depends only on its own probability, so lanes computed twice agree.
        for (var start = 0; start < probabilities.Length; start += 4)
        {
            var first = Math.Min(start, probabilities.Length - 4);
            var p = Vector256.Create(probabilities.Slice(first, 4));
            var q = p - Vector256.Create(0.5);
            var central = Vector256.LessThanOrEqual(Vector256.Abs(q), Vector256.Create(0.425)).ExtractMostSignificantBits();
            if (central != 0)
            {
                var r = Vector256.Create(0.180625) - (q * q);
                var (numerator, denominator) = Horner(CentralNumerator, CentralDenominator, r);
                (q * numerator / denominator).CopyTo(destination.Slice(first, 4));
            }

            // Each tail lane once: an overlapping block's lanes before start were gathered already.
            for (var lane = start - first; lane < 4; lane++)
            {
                if ((central & (1u << lane)) == 0)
                {
                    tails[tailCount++] = first + lane;
                }
            }

            if (tailCount > TailBlock - 4)
            {
                Tails(probabilities, destination, tails[..tailCount]);
                tailCount = 0;
            }
        }

        Tails(probabilities, destination, tails[..tailCount]);
    }

    // Tail lanes gathered per flush of InverseCdf's span overload.
    private const int TailBlock = 256;

    // The tails of InverseCdf (|p − 0.5| > 0.425) at the given indexes, four at a time; a last
    // short group repeats its last index. Lanes whose tail is not a positive normal number (p of 0,
    // 1 or NaN) or that reach the far region (p below about 1e-11) are done one at a time.
    private static void Tails(ReadOnlySpan<double> probabilities, Span<double> destination, ReadOnlySpan<int> indexes)
    {
        var last = indexes.Length - 1;
        for (var i = 0; i < indexes.Length; i += 4)
        {
            var i0 = indexes[i];
            var i1 = indexes[Math.Min(i + 1, last)];
            var i2 = indexes[Math.Min(i + 2, last)];
            var i3 = indexes[Math.Min(i + 3, last)];
            var p = Vector256.Create(probabilities[i0], probabilities[i1], probabilities[i2], probabilities[i3]);
            var q = p - Vector256.Create(0.5);
            var lower = Vector256.LessThan(q, Vector256<double>.Zero);
            var s = Vector256.ConditionalSelect(lower, p, Vector256<double>.One - p);
            var t = PortableMath.IsPositiveNormal(s) ? Vector256.Sqrt(-PortableMath.LogOfPositiveNormal(s)) : Vector256<double>.AllBitsSet;
            if (!Vector256.LessThanOrEqualAll(t, Vector256.Create(5.0)))
            {
                destination[i0] = InverseCdf(probabilities[i0]);
                destination[i1] = InverseCdf(probabilities[i1]);
                destination[i2] = InverseCdf(probabilities[i2]);
                destination[i3] = InverseCdf(probabilities[i3]);
                continue;
            }

            var (numerator, denominator) = Horner(NearNumerator, NearDenominator, t - Vector256.Create(1.6));
            var value = numerator / denominator;
            var result = Vector256.ConditionalSelect(lower, -value, value);
            destination[i0] = result[0];
            destination[i1] = result[1];
            destination[i2] = result[2];
            destination[i3] = result[3];
        }
    }

    /// <summary>Φ(x), the standard normal CDF.</summary>
    public static double Cdf(double x) => 0.5 * PortableMath.Erfc(-x / Math.Sqrt(2.0));

    // Both degree-7 polynomials of a ratio by Horner's rule, unrolled and interleaved so the two
    // multiply-add chains overlap; each is the same operations in the same order as on its own.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (double Numerator, double Denominator) Horner(double[] a, double[] b, double x)
    {
        _ = a[7];
        _ = b[7];
        var n = a[0];
        var d = b[0];
        n = (n * x) + a[1];
        d = (d * x) + b[1];
        n = (n * x) + a[2];
        d = (d * x) + b[2];
        n = (n * x) + a[3];
        d = (d * x) + b[3];
        n = (n * x) + a[4];
        d = (d * x) + b[4];
        n = (n * x) + a[5];
        d = (d * x) + b[5];
        n = (n * x) + a[6];
        d = (d * x) + b[6];
        n = (n * x) + a[7];
        d = (d * x) + b[7];
        return (n, d);
    }

    // The same two chains on four values at once.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<double> Numerator, Vector256<double> Denominator) Horner(double[] a, double[] b, Vector256<double> x)
    {
        _ = a[7];
        _ = b[7];
        var n = Vector256.Create(a[0]);
        var d = Vector256.Create(b[0]);
        for (var k = 1; k < 8; k++)
        {
            n = (n * x) + Vector256.Create(a[k]);
            d = (d * x) + Vector256.Create(b[k]);
        }

        return (n, d);
    }
}
