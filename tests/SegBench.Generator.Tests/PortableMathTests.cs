using System.Runtime.Intrinsics;
using System.Text.RegularExpressions;
using SegBench.Generator.Randomness;

namespace SegBench.Generator.Tests;

public sealed partial class PortableMathTests
{
    private const int Samples = 200_000;

    [Fact]
    public void ExpIsWithinOneUlpOfTheSystemExp()
    {
        // Over the whole finite range and, densely, where generated values live.
        var random = new Random(11);
        MaximumUlps(PortableMath.Exp, Math.Exp, () => (random.NextDouble() * 1454) - 745).Should().BeLessThanOrEqualTo(1);
        MaximumUlps(PortableMath.Exp, Math.Exp, () => (random.NextDouble() * 40) - 20).Should().BeLessThanOrEqualTo(1);
    }

    [Fact]
    public void LogIsWithinOneUlpOfTheSystemLog()
    {
        var random = new Random(12);
        MaximumUlps(PortableMath.Log, Math.Log, random.NextDouble).Should().BeLessThanOrEqualTo(1);
        MaximumUlps(PortableMath.Log, Math.Log, () => 0.5 + random.NextDouble()).Should().BeLessThanOrEqualTo(1);
        MaximumUlps(PortableMath.Log, Math.Log, () => BitConverter.Int64BitsToDouble(random.NextInt64(1, 0x7FEF_FFFF_FFFF_FFFF))).Should().BeLessThanOrEqualTo(1);
    }

    [Fact]
    public void TheVectorLogIsBitIdenticalToTheScalarLogLaneByLane()
    {
        // Every binade of the normal range, mantissas on both sides of the closing form's switch
        // (the high mantissa words 0x6147A and 0x6B851), and the powers of two and their neighbours.
        var random = new Random(13);
        var values = new List<double>();
        for (var i = 0; i < Samples; i++)
        {
            values.Add(BitConverter.Int64BitsToDouble(random.NextInt64(0x0010_0000_0000_0000, 0x7FF0_0000_0000_0000)));
        }

        foreach (var highWord in new long[] { 0x6_1479, 0x6_147A, 0x6_147B, 0x6_B850, 0x6_B851, 0x6_B852, 0x9_5F63, 0x9_5F64, 0x9_5F65, 0, 0xF_FFFF })
        {
            foreach (var exponent in new long[] { 1, 1000, 1022, 1023, 1024, 2046 })
            {
                values.Add(BitConverter.Int64BitsToDouble((exponent << 52) | (highWord << 32) | random.NextInt64(0x1_0000_0000)));
                values.Add(BitConverter.Int64BitsToDouble((exponent << 52) | (highWord << 32)));
            }
        }

        LanesMatch(values, PortableMath.IsPositiveNormal, PortableMath.LogOfPositiveNormal, PortableMath.Log, "ln");
    }

    [Fact]
    public void TheVectorExpIsBitIdenticalToTheScalarExpLaneByLane()
    {
        // The whole domain, densely where money lives (e^5 to e^20), ties of x / ln 2 that round
        // to even, and the domain's ends.
        var random = new Random(14);
        var values = new List<double>();
        for (var i = 0; i < Samples; i++)
        {
            values.Add((random.NextDouble() * 2 * PortableMath.ModerateExponent) - PortableMath.ModerateExponent);
            values.Add(5 + (random.NextDouble() * 15));
        }

        for (var k = -1000; k <= 1000; k += 7)
        {
            values.AddRange([(k + 0.5) * Math.Log(2), Math.BitIncrement((k + 0.5) * Math.Log(2)), Math.BitDecrement((k + 0.5) * Math.Log(2))]);
        }

        values.AddRange([PortableMath.ModerateExponent, -PortableMath.ModerateExponent, 0, -0.0, 1e-300]);
        LanesMatch(values, PortableMath.IsModerate, PortableMath.ExpOfModerate, PortableMath.Exp, "exp");

        PortableMath.IsModerate(Vector256.Create(1.0, double.NaN, 2.0, 3.0)).Should().BeFalse();
        PortableMath.IsModerate(Vector256.Create(1.0, 700.5, 2.0, 3.0)).Should().BeFalse();
    }

    // Every value, four lanes at a time (a short last group repeats its last value): each group
    // lies in the vector function's domain, and each lane has the scalar function's bits.
    private static void LanesMatch(List<double> values, Func<Vector256<double>, bool> inDomain, Func<Vector256<double>, Vector256<double>> vector, Func<double, double> scalar, string name)
    {
        for (var i = 0; i < values.Count; i += 4)
        {
            var group = Enumerable.Range(i, 4).Select(j => values[Math.Min(j, values.Count - 1)]).ToArray();
            var lanes = Vector256.Create(group);
            inDomain(lanes).Should().BeTrue($"{string.Join(", ", group)} lie in the domain of the vector {name}");
            var results = vector(lanes);
            for (var lane = 0; lane < 4; lane++)
            {
                BitConverter.DoubleToInt64Bits(results[lane]).Should().Be(BitConverter.DoubleToInt64Bits(scalar(group[lane])), $"{name}({group[lane]:R})");
            }
        }
    }

    [Fact]
    public void OnlyPositiveNormalNumbersAreInTheVectorLogsDomain()
    {
        foreach (var outside in new[] { 0.0, -0.0, double.Epsilon, 2.2250738585072009e-308, -1.0, double.PositiveInfinity, double.NaN })
        {
            PortableMath.IsPositiveNormal(Vector256.Create(1.0, 2.0, outside, 3.0)).Should().BeFalse($"{outside:R} is not a positive normal number");
        }

        PortableMath.IsPositiveNormal(Vector256.Create(2.2250738585072014e-308, 1.0, double.MaxValue, 0.5)).Should().BeTrue();
    }

    [Fact]
    public void PowStaysWithinItsStatedBound()
    {
        // Pareto draws: a probability to the power 1/alpha, and a ratio above one to alpha. The
        // stated bound is a relative error of (|y · ln x| + 2) · 2⁻⁵² against a correctly rounded pow.
        var random = new Random(13);
        for (var i = 0; i < Samples; i++)
        {
            var (x, y) = i % 2 == 0 ? (1 - random.NextDouble(), 1 / 2.5) : (1 + (random.NextDouble() * 100), 2.5);
            var expected = Math.Pow(x, y);
            var bound = (Math.Abs(y * Math.Log(x)) + 2) * Math.Pow(2, -52);
            PortableMath.Pow(x, y).Should().BeApproximately(expected, bound * expected, $"pow({x:R}, {y:R})");
        }

        PortableMath.Pow(0, 2).Should().Be(0);
        PortableMath.Pow(3, 0).Should().Be(1);
    }

    [Fact]
    public void ErfcAgreesWithMathNetAndWithItsOwnReflection()
    {
        // MathNet's erfc forms exp(-x²) without splitting x², so it drifts from the true value by
        // up to ~x² ulps in the tail; the comparison is relative, 1e-15 near zero and 1e-13 in the tail.
        var random = new Random(14);
        for (var i = 0; i < Samples / 10; i++)
        {
            var x = (random.NextDouble() * 12) - 6;
            var expected = MathNet.Numerics.SpecialFunctions.Erfc(x);
            var tolerance = Math.Abs(x) < 1.25 ? 1e-15 : 1e-13;
            PortableMath.Erfc(x).Should().BeApproximately(expected, tolerance * expected, $"erfc({x:R})");

            // erfc(x) + erfc(−x) = 2 to within the rounding of the larger term.
            (PortableMath.Erfc(x) + PortableMath.Erfc(-x)).Should().BeApproximately(2, 4e-16, $"reflection at {x:R}");
        }
    }

    [Fact]
    public void SpecialValuesFollowIeee()
    {
        PortableMath.Exp(0).Should().Be(1);
        PortableMath.Exp(double.NegativeInfinity).Should().Be(0);
        PortableMath.Exp(double.PositiveInfinity).Should().Be(double.PositiveInfinity);
        PortableMath.Exp(710).Should().Be(double.PositiveInfinity);
        PortableMath.Exp(-746).Should().Be(0);
        double.IsNaN(PortableMath.Exp(double.NaN)).Should().BeTrue();
        PortableMath.Log(1).Should().Be(0);
        PortableMath.Log(0).Should().Be(double.NegativeInfinity);
        PortableMath.Log(double.PositiveInfinity).Should().Be(double.PositiveInfinity);
        double.IsNaN(PortableMath.Log(-1)).Should().BeTrue();
        PortableMath.Log(double.Epsilon).Should().Be(Math.Log(double.Epsilon));
        PortableMath.Erfc(0).Should().Be(1);
        PortableMath.Erfc(30).Should().Be(0);
        PortableMath.Erfc(-30).Should().Be(2);
        double.IsNaN(PortableMath.Erfc(double.NaN)).Should().BeTrue();
    }

    [Theory]
    // Bits recorded from this implementation (each within one ulp of glibc's): a runtime, CPU or
    // operating system that computed a different bit anywhere would fail here, not in a dataset.
    [InlineData("exp", 1.0, 0x4005BF0A8B14576AUL)]
    [InlineData("exp", -0.5, 0x3FE368B2FC6F960AUL)]
    [InlineData("exp", 13.0 / 7, 0x40199F23A672C3E8UL)]
    [InlineData("exp", -700.25, 0x00CAF5FE9A485C8EUL)]
    [InlineData("exp", 1e-9, 0x3FF000000044B830UL)]
    [InlineData("log", 2.0, 0x3FE62E42FEFA39EFUL)]
    [InlineData("log", 0.1, 0xC0026BB1BBB55515UL)]
    [InlineData("log", 1.4, 0x3FD588C2D913348EUL)]
    [InlineData("log", 1e-300, 0xC085963447F87FB5UL)]
    [InlineData("log", 123456.789, 0x40277281CAD8A844UL)]
    [InlineData("erfc", 0.3, 0x3FE57BE3BBF10AF8UL)]
    [InlineData("erfc", -1.0, 0x3FFD7BB3D3A08446UL)]
    [InlineData("erfc", 2.0, 0x3F7328F5EC350E67UL)]
    [InlineData("erfc", 4.5, 0x3DEB05CFE2E99434UL)]
    [InlineData("erfc", 10.0, 0x36A7D8A7F2A8A2D0UL)]
    public void ResultsAreTheRecordedBits(string function, double x, ulong bits)
    {
        var value = function switch
        {
            "exp" => PortableMath.Exp(x),
            "log" => PortableMath.Log(x),
            _ => PortableMath.Erfc(x),
        };

        BitConverter.DoubleToUInt64Bits(value).Should().Be(bits, $"{function}({x:R}) = {value:R}");
    }

    [Fact]
    public void GeneratorCodeCallsNoPlatformMathFunction()
    {
        // Every transcendental value the generator computes goes through PortableMath; one call to
        // the platform's libm (directly or inside MathNet's special functions and distributions)
        // would make a seed's bytes depend on the machine again.
        var generator = Path.Combine(TestData.RepositoryRoot, "generator");
        var offenders = Directory.EnumerateFiles(generator, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(path => Path.GetFileName(path) != "PortableMath.cs")
            .SelectMany(path => File.ReadLines(path).Select((line, index) => (path, line, index)))
            .Where(entry => PlatformMath().IsMatch(entry.line))
            .Select(entry => $"{Path.GetRelativePath(generator, entry.path)}:{entry.index + 1}: {entry.line.Trim()}")
            .ToList();

        offenders.Should().BeEmpty();
    }

    [GeneratedRegex(@"\bMath(F)?\.(Exp|Log|Log2|Log10|Pow|Sin|Cos|Tan|Asin|Acos|Atan|Atan2|Sinh|Cosh|Tanh|Cbrt|FusedMultiplyAdd)\s*\(|SpecialFunctions|Numerics\.Distributions|double\.(Exp|Log|Pow)\w*\(")]
    private static partial Regex PlatformMath();

    private static long MaximumUlps(Func<double, double> mine, Func<double, double> reference, Func<double> argument)
    {
        long worst = 0;
        for (var i = 0; i < Samples; i++)
        {
            var x = argument();
            var (a, b) = (mine(x), reference(x));
            var ulps = a == b ? 0 : Math.Abs(BitConverter.DoubleToInt64Bits(a) - BitConverter.DoubleToInt64Bits(b));
            worst = Math.Max(worst, ulps);
        }

        return worst;
    }
}
