using SegBench.Generator.Randomness;
using SegBench.Generator.Schema;
using YamlDotNet.RepresentationModel;

namespace SegBench.Generator.Tests;

public sealed class DistributionTests
{
    [Theory]
    [InlineData("{ normal: { mean: 5, sd: 2 } }", false)]
    [InlineData("{ lognormal: { median: 80, sigma: 0.5 } }", false)]
    [InlineData("{ gamma: { shape: 2, scale: 3 } }", false)]
    [InlineData("{ beta: { a: 2, b: 5 } }", false)]
    [InlineData("{ pareto: { scale: 1000, alpha: 2.5 } }", false)]
    [InlineData("{ uniform: { min: -3, max: 7 } }", false)]
    [InlineData("{ poisson: { mean: 1.1 } }", true)]
    [InlineData("{ poisson: { mean: 37 } }", true)]
    [InlineData("{ bernoulli: { p: 0.3 } }", true)]
    public void FromUniformIsFromLatentOfTheNormalQuantile(string yaml, bool discrete)
    {
        // A child count draws a probability and skips the normal round trip where a family can;
        // it must land where the latent route lands (exactly, for counts: no probability on the
        // grid sits on a step of their CDF).
        var distribution = Parse(yaml);
        const int points = 4_000;
        for (var i = 0; i < points; i++)
        {
            var u = (i + 0.5) / points;
            var direct = distribution.FromUniform(u);
            var throughLatent = distribution.FromLatent(NormalMath.InverseCdf(u));
            if (discrete)
            {
                direct.Should().Be(throughLatent, $"{yaml} at u = {u}");
            }
            else
            {
                direct.Should().BeApproximately(throughLatent, 1e-9 * (1 + Math.Abs(throughLatent)), $"{yaml} at u = {u}");
            }
        }
    }

    [Theory]
    [InlineData("{ normal: { mean: 5, sd: 2 } }")]
    [InlineData("{ lognormal: { median: 80, sigma: 0.5 } }")]
    [InlineData("{ lognormal: { median: 600000, sigma: 1.2 } }")]
    [InlineData("{ lognormal: { median: 1, sigma: 30 } }")]
    [InlineData("{ gamma: { shape: 2, scale: 3 } }")]
    [InlineData("{ poisson: { mean: 37 } }")]
    public void ABatchMapsToTheSameBitsAsEachValueAlone(string yaml)
    {
        // Ordinary latents, outliers far out, and (with sigma 30) exponents past the vector exp's
        // domain, at every lane position and with a tail shorter than a vector.
        var distribution = Parse(yaml);
        var random = new RowRandom(21);
        var latents = Enumerable.Range(0, 4_003).Select(i => i % 97 == 0 ? 40 * (random.NextOpenUnit() - 0.5) : random.NextStandardNormal()).ToArray();
        latents[10] = double.NaN;
        var batch = latents.ToArray();
        distribution.FromLatent(batch);
        for (var i = 0; i < latents.Length; i++)
        {
            BitConverter.DoubleToInt64Bits(batch[i]).Should().Be(BitConverter.DoubleToInt64Bits(distribution.FromLatent(latents[i])), $"{yaml} at z = {latents[i]:R}");
        }
    }

    [Theory]
    [InlineData("{ gamma: { shape: 2, scale: 1000 } }", 0, double.PositiveInfinity, true)]
    [InlineData("{ gamma: { shape: 0.3, rate: 2 } }", 0, double.PositiveInfinity, true)]
    [InlineData("{ beta: { a: 8, b: 12 } }", 0, 1, true)]
    [InlineData("{ beta: { a: 0.5, b: 0.5 } }", 0, 1, false)]
    public void TabulatedFamiliesStayFiniteAndRisingToTheEndsOfTheLatentRange(string yaml, double lowest, double highest, bool topBelowHighest)
    {
        // Outliers scale latents far past ±8, where the table is clamped. Its end entries are
        // quantiles at 1 − 1e-16 and 1e-300: MathNet's gave +∞ for gamma there (so interpolated
        // draws printed NaN) and exactly 1 for beta.
        var distribution = Parse(yaml);
        var previous = double.NegativeInfinity;
        for (var z = -9.0; z <= 9.0; z += 1.0 / 64)
        {
            var value = distribution.FromLatent(z);
            double.IsFinite(value).Should().BeTrue($"{yaml} at z = {z}");
            value.Should().BeGreaterThanOrEqualTo(previous, $"{yaml} rises at z = {z}").And.BeInRange(lowest, highest);
            previous = value;
        }

        // Beta(0.5, 0.5)'s quantile at 1 − 1e-16 is 1 − 2.5e-32, which rounds to 1.
        if (topBelowHighest)
        {
            distribution.FromLatent(8).Should().BeLessThan(highest, "the top entry is a quantile, not the support's end")
                .And.BeGreaterThan(distribution.FromLatent(7.5));
        }
    }

    private static Distribution Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Distribution.Parse(SchemaNode.Root(stream.Documents[0].RootNode, "test.yaml"));
    }
}
