using MathNet.Numerics;
using SegBench.Generator.Randomness;
using MathNetBeta = MathNet.Numerics.Distributions.Beta;
using MathNetGamma = MathNet.Numerics.Distributions.Gamma;

namespace SegBench.Generator.Tests;

public sealed class GammaBetaTests
{
    private static readonly double[] GammaShapes = [0.2, 0.5, 1, 1.5, 3, 10, 30, 100, 200];
    private static readonly double[] BetaShapes = [0.2, 0.5, 1, 2, 5, 20, 200];

    // Both tails down to 1e-15 and the body.
    private static readonly double[] Probabilities =
        [1e-15, 1e-12, 1e-9, 1e-6, 1e-3, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 1 - 1e-6, 1 - 1e-9, 1 - 1e-12, 1 - 1e-15];

    [Fact]
    public void LogGammaMatchesMathNetFromAThousandthToAMillion()
    {
        var arguments = Enumerable.Range(0, 91).Select(i => Math.Pow(10, -3 + (9.0 * i / 90)))
            .Concat([0.9, 0.99, 1, 1.01, 1.5, 1.99, 2, 2.01, 2.5]);
        foreach (var x in arguments)
        {
            var expected = SpecialFunctions.GammaLn(x);

            // MathNet's own GammaLn is off by up to 7e-15 of max(1, |ln Γ|) against 40-digit values.
            GammaBeta.LogGamma(x).Should().BeApproximately(expected, 2e-14 * Math.Max(1, Math.Abs(expected)), $"ln Γ({x})");
        }
    }

    [Theory]
    [InlineData(0.001, 6.907178885383853661684)]
    [InlineData(0.2, 1.524063822430784466161)]
    [InlineData(0.5, 0.5723649429247000870717)]
    [InlineData(1.0, 0.0)]
    [InlineData(1.5, -0.1207822376352452223455)]
    [InlineData(2.0, 0.0)]
    [InlineData(3.7, 1.4280723266653881292)]
    [InlineData(200.5, 860.5822035097824919409)]
    [InlineData(12345.6789, 103959.9283844648398803)]
    [InlineData(1e6, 12815504.56914761165998)]
    public void LogGammaMatchesFortyDigitValues(double x, double expected)
    {
        // The Lanczos sum is good to 1e-15; near the zeros at 1 and 2 the error is absolute.
        GammaBeta.LogGamma(x).Should().BeApproximately(expected, 2e-15 * Math.Max(1, Math.Abs(expected)));
    }

    [Fact]
    public void RegularizedLowerGammaMatchesMathNet()
    {
        foreach (var shape in GammaShapes)
        {
            foreach (var multiple in new[] { 0.05, 0.3, 0.7, 1, 1.3, 2, 4 })
            {
                var x = shape * multiple;
                var expected = SpecialFunctions.GammaLowerRegularized(shape, x);

                // Both lose up to 1.5e-13 at shape 200 (MathNet to a ln x − x − ln Γ(a)).
                GammaBeta.RegularizedLowerGamma(shape, x).Should().BeApproximately(expected, 1e-12 * expected, $"P({shape}, {x})");
            }
        }
    }

    [Fact]
    public void RegularizedBetaMatchesMathNet()
    {
        foreach (var a in BetaShapes)
        {
            foreach (var b in BetaShapes)
            {
                foreach (var x in new[] { 1e-4, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 0.9999 })
                {
                    var expected = SpecialFunctions.BetaRegularized(a, b, x);
                    if (expected < 1e-290)
                    {
                        // Near the bottom of the double range the two underflow at different points.
                        continue;
                    }

                    // MathNet loses up to 1e-12 at (200, 0.2), from ln Γ(200.2) − ln Γ(200).
                    GammaBeta.RegularizedBeta(a, b, x).Should().BeApproximately(expected, 2e-12 * expected, $"I_{x}({a}, {b})");
                }
            }
        }
    }

    [Fact]
    public void GammaQuantilesMatchMathNetInTheBody()
    {
        // MathNet's Gamma.InvCDF stops on an absolute error in P, so in the tails it is far off
        // (1.1e-15 for the 1e-12 quantile of shape 0.2, whose value is 6.5e-61; +∞ at
        // p = 1 − 1e-15); the tails are checked against 40-digit values and by round trips below.
        foreach (var shape in GammaShapes)
        {
            foreach (var p in new[] { 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999 })
            {
                var expected = MathNetGamma.InvCDF(shape, 1, p);
                GammaBeta.GammaQuantile(shape, 1, p).Should().BeApproximately(expected, 1e-12 * expected, $"shape {shape}, p {p}");
            }
        }
    }

    [Fact]
    public void BetaQuantilesMatchMathNetToTheAccuracyOfItsRootFinder()
    {
        // MathNet's Beta.InvCDF is a Brent search on the CDF to an absolute tolerance, so only
        // absolute agreement in the body means anything (it is 2e-12 at worst here).
        foreach (var a in BetaShapes)
        {
            foreach (var b in BetaShapes)
            {
                foreach (var p in new[] { 0.1, 0.25, 0.5, 0.75, 0.9 })
                {
                    GammaBeta.BetaQuantile(a, b, p).Should().BeApproximately(MathNetBeta.InvCDF(a, b, p), 1e-11, $"Beta({a}, {b}), p {p}");
                }
            }
        }
    }

    [Theory]
    [InlineData(0.2, 1e-12, 6.525480843457281791176e-61)]
    [InlineData(0.2, 1 - 1e-12, 23.54760472224651985511)]
    [InlineData(0.5, 0.3, 0.07423593091627271904159)]
    [InlineData(2.0, 1e-15, 4.472136021666247599726e-8)]
    [InlineData(2.0, 1 - 1e-15, 38.20846875548482286091)]
    [InlineData(7.5, 0.5, 7.169429755478323435791)]
    [InlineData(30.0, 1e-12, 5.772993820290658948167)]
    [InlineData(200.0, 1e-15, 107.4265710170856717705)]
    [InlineData(200.0, 1 - 1e-12, 316.1858798399244825397)]
    public void GammaQuantilesMatchFortyDigitValues(double shape, double p, double expected)
    {
        // Reference quantiles solved with mpmath at 60 digits, for p as the double it is.
        GammaBeta.GammaQuantile(shape, 1, p).Should().BeApproximately(expected, 1e-13 * expected);
    }

    [Theory]
    [InlineData(0.2, 0.2, 1e-15, 2.478056244863495620145e-74)]
    [InlineData(0.2, 200.0, 0.9, 0.003025980637654187448814)]
    [InlineData(0.5, 3.0, 0.999, 0.8554477766919850285665)]
    [InlineData(2.0, 5.0, 1e-12, 2.581989786361006954911e-7)]
    [InlineData(2.0, 5.0, 1 - 1e-12, 0.997216639056753664961)]
    [InlineData(3.0, 0.7, 0.25, 0.7146103503915455786957)]
    [InlineData(20.0, 20.0, 1e-12, 0.0775693346947122718562)]
    [InlineData(200.0, 0.2, 1e-15, 0.8593261581015858215492)]
    [InlineData(200.0, 200.0, 1 - 1e-15, 0.6910703335940348302459)]
    public void BetaQuantilesMatchFortyDigitValues(double a, double b, double p, double expected)
    {
        GammaBeta.BetaQuantile(a, b, p).Should().BeApproximately(expected, 1e-13 * expected);
    }

    [Fact]
    public void GammaQuantilesRoundTripThroughMathNetsCdf()
    {
        foreach (var shape in GammaShapes)
        {
            foreach (var p in Probabilities)
            {
                var x = GammaBeta.GammaQuantile(shape, 1, p);
                if (x < 1e-14)
                {
                    // MathNet's GammaLowerRegularized returns 0 within 2e-15 of 0.
                    continue;
                }

                // Each tail against its own function, so 1 − p keeps its relative precision.
                var (reached, target) = p <= 0.5
                    ? (SpecialFunctions.GammaLowerRegularized(shape, x), p)
                    : (SpecialFunctions.GammaUpperRegularized(shape, x), 1 - p);
                reached.Should().BeApproximately(target, 1e-12 * target, $"shape {shape}, p {p}, x {x}");
            }
        }
    }

    [Fact]
    public void BetaQuantilesRoundTripThroughMathNetsCdf()
    {
        foreach (var a in BetaShapes)
        {
            foreach (var b in BetaShapes)
            {
                foreach (var p in Probabilities)
                {
                    var x = GammaBeta.BetaQuantile(a, b, p);

                    // The upper tail as I₁₋ₓ(b, a), so 1 − p keeps its relative precision.
                    var (tail, target) = p <= 0.5
                        ? ((Func<double, double>)(u => SpecialFunctions.BetaRegularized(a, b, u)), p)
                        : (u => SpecialFunctions.BetaRegularized(b, a, 1 - u), 1 - p);

                    // 2e-12 for MathNet's CDF, plus what one unit of rounding of x moves the tail by
                    // (all of it when x rounds to 1).
                    var tolerance = (2e-12 * target) + Resolution(tail, x);
                    tail(x).Should().BeApproximately(target, tolerance, $"Beta({a}, {b}), p {p}, x {x}");
                }
            }
        }
    }

    [Fact]
    public void QuantilesInvertTheirOwnCdfs()
    {
        foreach (var p in Probabilities.Where(p => p <= 0.5))
        {
            foreach (var shape in GammaShapes)
            {
                var x = GammaBeta.GammaQuantile(shape, 1, p);
                GammaBeta.RegularizedLowerGamma(shape, x).Should().BeApproximately(p, 1e-13 * p, $"shape {shape}, p {p}");
            }

            foreach (var a in BetaShapes)
            {
                foreach (var b in BetaShapes)
                {
                    var x = GammaBeta.BetaQuantile(a, b, p);
                    var tolerance = (1e-13 * p) + Resolution(u => GammaBeta.RegularizedBeta(a, b, u), x);
                    GammaBeta.RegularizedBeta(a, b, x).Should().BeApproximately(p, tolerance, $"Beta({a}, {b}), p {p}");
                }
            }
        }
    }

    // How far a tail probability moves between x in [0, 1] and its neighbouring doubles: all the
    // resolution a quantile stored as a double has.
    private static double Resolution(Func<double, double> tail, double x)
    {
        var here = tail(x);
        var above = tail(Math.Min(Math.BitIncrement(x), 1));
        var below = tail(Math.Max(Math.BitDecrement(x), 0));
        return Math.Max(Math.Abs(above - here), Math.Abs(here - below));
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.999999)]
    public void ClosedFormQuantilesAreMatched(double p)
    {
        // Exponential: −ln(1 − p) / rate, where rounding 1 − p costs up to 6e-15 at p = 0.01.
        var exponential = -Math.Log(1 - p) / 2.5;
        GammaBeta.GammaQuantile(1, 2.5, p).Should().BeApproximately(exponential, 2e-14 * exponential);

        // Uniform, power-function and arcsine (Beta(1/2, 1/2): sin²(πp/2)) laws.
        GammaBeta.BetaQuantile(1, 1, p).Should().BeApproximately(p, 1e-14 * p);
        foreach (var a in new[] { 0.2, 3, 200 })
        {
            var power = Math.Pow(p, 1 / a);
            GammaBeta.BetaQuantile(a, 1, p).Should().BeApproximately(power, 1e-13 * power, $"a {a}");
        }

        var sine = Math.Sin(Math.PI * p / 2);
        GammaBeta.BetaQuantile(0.5, 0.5, p).Should().BeApproximately(sine * sine, 1e-13 * sine * sine);
    }

    [Fact]
    public void TheRateOnlyDividesTheStandardQuantile()
    {
        foreach (var p in Probabilities)
        {
            GammaBeta.GammaQuantile(2.5, 0.125, p).Should().Be(GammaBeta.GammaQuantile(2.5, 1, p) / 0.125);
        }
    }

    [Fact]
    public void QuantilesIncreaseAlongTheTabulationGrid()
    {
        // The probabilities TabulatedDistribution builds its table at: Φ(z) for z from −8 to 8 in
        // steps of 1/256, clamped as it clamps them.
        var probabilities = Enumerable.Range(0, 4097)
            .Select(i => Math.Clamp(0.5 * SpecialFunctions.Erfc((8.0 - (i / 256.0)) / Math.Sqrt(2)), 1e-300, 1 - 1e-16))
            .ToArray();
        var columns = new (string Name, Func<double, double> Quantile)[]
        {
            ("Gamma(0.2)", p => GammaBeta.GammaQuantile(0.2, 1, p)),
            ("Gamma(2)", p => GammaBeta.GammaQuantile(2, 1, p)),
            ("Gamma(200)", p => GammaBeta.GammaQuantile(200, 1, p)),
            ("Beta(0.2, 0.2)", p => GammaBeta.BetaQuantile(0.2, 0.2, p)),
            ("Beta(2, 5)", p => GammaBeta.BetaQuantile(2, 5, p)),
            ("Beta(200, 0.2)", p => GammaBeta.BetaQuantile(200, 0.2, p)),
        };
        foreach (var (name, quantile) in columns)
        {
            var table = probabilities.Select(quantile).ToArray();
            var firstDrop = Enumerable.Range(1, table.Length - 1).FirstOrDefault(i => !(table[i] >= table[i - 1]));
            firstDrop.Should().Be(0, $"{name} must not decrease (it does at index {firstDrop})");
            table[0].Should().BeGreaterThan(0, name);
            if (name.StartsWith("Gamma", StringComparison.Ordinal))
            {
                double.IsFinite(table[^1]).Should().BeTrue(name);
            }
            else
            {
                table[^1].Should().BeLessThanOrEqualTo(1, name);
            }
        }
    }

    [Fact]
    public void ProbabilitiesAtAndBeyondTheEndsGiveTheSupportsEnds()
    {
        GammaBeta.GammaQuantile(2, 1, 0).Should().Be(0);
        GammaBeta.GammaQuantile(2, 1, -0.5).Should().Be(0);
        GammaBeta.GammaQuantile(2, 1, 1).Should().Be(double.PositiveInfinity);
        GammaBeta.GammaQuantile(2, 1, 1.5).Should().Be(double.PositiveInfinity);
        GammaBeta.GammaQuantile(2, 1, double.NaN).Should().Be(double.NaN);
        GammaBeta.BetaQuantile(2, 5, 0).Should().Be(0);
        GammaBeta.BetaQuantile(2, 5, -0.5).Should().Be(0);
        GammaBeta.BetaQuantile(2, 5, 1).Should().Be(1);
        GammaBeta.BetaQuantile(2, 5, 1.5).Should().Be(1);
        GammaBeta.BetaQuantile(2, 5, double.NaN).Should().Be(double.NaN);

        // Quantiles below the smallest double (about 1e-600 here) come out as 0.
        GammaBeta.GammaQuantile(0.02, 1, 1e-12).Should().Be(0);
        GammaBeta.BetaQuantile(0.02, 2, 1e-12).Should().Be(0);
    }

    [Fact]
    public void TheCdfsAreZeroAndOneOutsideTheSupport()
    {
        GammaBeta.RegularizedLowerGamma(2, 0).Should().Be(0);
        GammaBeta.RegularizedLowerGamma(2, -1).Should().Be(0);
        GammaBeta.RegularizedLowerGamma(2, double.PositiveInfinity).Should().Be(1);
        GammaBeta.RegularizedLowerGamma(2, double.NaN).Should().Be(double.NaN);
        GammaBeta.RegularizedBeta(2, 5, 0).Should().Be(0);
        GammaBeta.RegularizedBeta(2, 5, -1).Should().Be(0);
        GammaBeta.RegularizedBeta(2, 5, 1).Should().Be(1);
        GammaBeta.RegularizedBeta(2, 5, 2).Should().Be(1);
        GammaBeta.RegularizedBeta(2, 5, double.NaN).Should().Be(double.NaN);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ParametersThatAreNotPositiveAndFiniteAreRejected(double bad)
    {
        var calls = new Action[]
        {
            () => GammaBeta.GammaQuantile(bad, 1, 0.5),
            () => GammaBeta.GammaQuantile(1, bad, 0.5),
            () => GammaBeta.BetaQuantile(bad, 1, 0.5),
            () => GammaBeta.BetaQuantile(1, bad, 0.5),
            () => GammaBeta.RegularizedLowerGamma(bad, 1),
            () => GammaBeta.RegularizedBeta(bad, 1, 0.5),
            () => GammaBeta.RegularizedBeta(1, bad, 0.5),
        };
        foreach (var call in calls)
        {
            call.Should().Throw<ArgumentOutOfRangeException>();
        }

        if (!double.IsPositiveInfinity(bad))
        {
            FluentActions.Invoking(() => GammaBeta.LogGamma(bad)).Should().Throw<ArgumentOutOfRangeException>();
        }
    }
}
