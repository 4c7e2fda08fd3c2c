using System.Runtime.CompilerServices;
using SegBench.Generator.Schema;

namespace SegBench.Generator.Randomness;

/// <summary>
/// Poisson draws by table, with no loop and no library call. A Poisson(mean) count is the sum of
/// two independent ones: Poisson(whole), whole the mean rounded down to a half, plus
/// Poisson(rest), rest below one half. Each comes from a table of quantiles of an 8-bit uniform:
/// one row per half up to 30, and one per 1/64 below one half, with a rest between two rows
/// reached by picking the upper one with the right chance. The tables' 256 levels keep the draw's
/// mean within 0.016 of the one asked for (2.5% of it below 1, 0.6% above) and its variance
/// within 6% of the mean (1.5% above a mean of 1). Above 30 a normal approximation is used. A
/// draw reads 24 random bits.
/// </summary>
public static class PoissonQuantiles
{
    /// <summary>The number of random bits a draw reads (the lowest ones of its argument).</summary>
    public const int Bits = (2 * UniformBits) + InterpolationBits;

    /// <summary>The largest mean the tables cover; above it the draw is a rounded normal.</summary>
    public const double TableMean = 30;

    private const int UniformBits = 8;
    private const int InterpolationBits = 8;
    private const int NoiseBits = 10;
    private const int FineBits = 5;
    private const int FineRowsPerHalf = 1 << FineBits;

    // Quantiles of Poisson(r / 2) and of Poisson(j / 64) at the midpoints of 256 equal-probability
    // bins: 24 KB in all, so they stay in cache.
    private static readonly byte[] Halves = Build((int)(TableMean * 2) + 1, 0.5);
    private static readonly byte[] Fine = Build(FineRowsPerHalf + 1, 0.5 / FineRowsPerHalf);
    private static readonly double[] StandardNormal = Enumerable.Range(0, 1 << NoiseBits).Select(i => NormalMath.InverseCdf((i + 0.5) / (1 << NoiseBits))).ToArray();

    /// <summary>A Poisson count with mean <paramref name="mean"/> (0 or more) from the low <see cref="Bits"/> bits of <paramref name="bits"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Sample(double mean, ulong bits)
    {
        if (mean <= TableMean)
        {
            // The mean in fixed point: halves, then 64ths of the rest, then 256ths of a 64th.
            var fixedPoint = double.ConvertToIntegerNative<int>(mean * (2 * FineRowsPerHalf << InterpolationBits));
            var half = fixedPoint >> (InterpolationBits + FineBits);
            var fine = ((fixedPoint >> InterpolationBits) & (FineRowsPerHalf - 1)) + ((int)((bits >> (2 * UniformBits)) & ((1 << InterpolationBits) - 1)) < (fixedPoint & ((1 << InterpolationBits) - 1)) ? 1 : 0);
            return Halves[(half << UniformBits) + (int)(bits & ((1 << UniformBits) - 1))]
                + Fine[(fine << UniformBits) + (int)((bits >> UniformBits) & ((1 << UniformBits) - 1))];
        }

        var z = StandardNormal[(int)(bits & ((1 << NoiseBits) - 1))];
        return (int)Math.Max(0, Math.Round(mean + (Math.Sqrt(mean) * z)));
    }

    // Row r: the quantiles of Poisson(r · step), from the schema's Poisson (the first count whose
    // cumulative probability reaches the bin's midpoint).
    private static byte[] Build(int rows, double step)
    {
        var table = new byte[rows << UniformBits];
        for (var r = 0; r < rows; r++)
        {
            var poisson = new PoissonDistribution(r * step);
            for (var b = 0; b < 1 << UniformBits; b++)
            {
                table[(r << UniformBits) + b] = (byte)poisson.FromUniform((b + 0.5) / (1 << UniformBits));
            }
        }

        return table;
    }
}
