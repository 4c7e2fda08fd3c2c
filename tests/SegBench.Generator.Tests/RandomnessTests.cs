using System.Globalization;
using SegBench.Data.Formats.Csv;
using SegBench.Generator.Randomness;

namespace SegBench.Generator.Tests;

public sealed class RandomnessTests
{
    [Theory]
    [InlineData(2UL)]
    [InlineData(3UL)]
    [InlineData(10UL)]
    [InlineData(97UL)]
    [InlineData(1000UL)]
    [InlineData(4096UL)]
    [InlineData(9999UL)]
    public void AKeyedPermutationIsABijection(ulong domain)
    {
        var permutation = new KeyedPermutation(domain, 12345);
        var images = new HashSet<ulong>();
        for (var i = 0UL; i < domain; i++)
        {
            var image = permutation.Permute(i);
            image.Should().BeLessThan(domain);
            images.Add(image);
        }

        images.Should().HaveCount((int)domain);
    }

    [Theory]
    [InlineData(97UL)]
    [InlineData(4_000_000_000UL)]
    [InlineData(100_000_000_000_000UL)]
    [InlineData(900_000_000_000_000_000UL)]
    public void APermutationMatchesThePlainFeistelNetworkOneByOneAndInBatches(ulong domain)
    {
        // The fast paths (quotient by a corrected double estimate, branchless modular add, four
        // chains at once) must give exactly what the textbook construction gives.
        var permutation = new KeyedPermutation(domain, 42);
        var ordinals = Enumerable.Range(0, 1003).Select(i => (long)((ulong)i * (domain / 1003))).Append((long)(domain - 1)).ToArray();
        var batch = new ulong[ordinals.Length];
        permutation.Permute(ordinals, batch);
        for (var i = 0; i < ordinals.Length; i++)
        {
            var expected = PlainPermute(domain, 42, (ulong)ordinals[i]);
            permutation.Permute((ulong)ordinals[i]).Should().Be(expected);
            batch[i].Should().Be(expected);
        }
    }

    private static ulong PlainPermute(ulong domain, ulong key, ulong value)
    {
        var a = (ulong)Math.Ceiling(Math.Sqrt(domain));
        while (a * a < domain)
        {
            a++;
        }

        var b = (domain + a - 1) / a;
        do
        {
            ulong left = value / b, right = value % b;
            for (var i = 0; i < 6; i += 2)
            {
                left = (left + Math.BigMul((StreamKey.Combine(key, (ulong)i) ^ right) * 0x9E3779B97F4A7C15UL, a, out _)) % a;
                right = (right + Math.BigMul((StreamKey.Combine(key, (ulong)i + 1) ^ left) * 0x9E3779B97F4A7C15UL, b, out _)) % b;
            }

            value = (left * b) + right;
        }
        while (value >= domain);

        return value;
    }

    [Fact]
    public void APermutationScramblesConsecutiveOrdinals()
    {
        // Identifiers come from consecutive row ordinals, so their images must not keep their order
        // or their closeness: about half of the steps go up, and the images spread over the domain.
        const ulong domain = 10_000_000_000;
        var permutation = new KeyedPermutation(domain, 7);
        var images = Enumerable.Range(0, 20_000).Select(i => (double)permutation.Permute((ulong)i)).ToArray();
        var ups = images.Zip(images.Skip(1)).Count(pair => pair.Second > pair.First) / (double)(images.Length - 1);
        ups.Should().BeApproximately(0.5, 0.02);
        (images.Average() / domain).Should().BeApproximately(0.5, 0.01);
        var ordinals = Enumerable.Range(0, images.Length).Select(i => (double)i).ToArray();
        MathNet.Numerics.Statistics.Correlation.Pearson(ordinals, images).Should().BeInRange(-0.03, 0.03);
        var steps = images.Zip(images.Skip(1)).Select(pair => Math.Abs(pair.Second - pair.First) / domain).ToArray();
        steps.Average().Should().BeApproximately(1.0 / 3, 0.01, "the mean distance between two independent uniforms");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    [InlineData(1.0)]
    [InlineData(2.37)]
    [InlineData(7.7)]
    [InlineData(29.9)]
    [InlineData(45.0)]
    public void PoissonQuantilesHaveThePoissonMeanVarianceAndShape(double mean)
    {
        var random = new RowRandom(99);
        var counts = Enumerable.Range(0, 200_000).Select(_ => PoissonQuantiles.Sample(mean, random.NextUInt64())).ToArray();
        counts.Should().OnlyContain(count => count >= 0);
        var average = counts.Average();
        var variance = counts.Select(c => (c - average) * (c - average)).Average();
        average.Should().BeApproximately(mean, 0.01 + (0.01 * mean));
        variance.Should().BeApproximately(mean, 0.03 + (0.03 * mean));
        if (mean <= PoissonQuantiles.TableMean)
        {
            // Total variation distance to the exact distribution: the table's 256 quantiles move at
            // most a bin (1/256) of probability per count.
            var distance = 0.0;
            for (var k = 0; k <= (int)(mean + 12 + (8 * Math.Sqrt(mean))); k++)
            {
                var observed = counts.Count(c => c == k) / (double)counts.Length;
                distance += Math.Abs(observed - MathNet.Numerics.Distributions.Poisson.PMF(Math.Max(mean, 1e-300), k)) / 2;
            }

            distance.Should().BeLessThan(0.02);
        }
    }

    [Fact]
    public void PermutationsWithDifferentKeysDiffer()
    {
        var a = new KeyedPermutation(1_000_000, 1);
        var b = new KeyedPermutation(1_000_000, 2);
        Enumerable.Range(0, 100).Count(i => a.Permute((ulong)i) != b.Permute((ulong)i)).Should().BeGreaterThan(95);
    }

    [Fact]
    public void InverseNormalCdfMatchesMathNet()
    {
        foreach (var p in new[] { 1e-12, 1e-6, 0.001, 0.02425, 0.1, 0.3, 0.5, 0.7, 0.975, 0.999999, 1 - 1e-12 })
        {
            NormalMath.InverseCdf(p).Should().BeApproximately(MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, p), 1e-9, $"p = {p}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(1001)]
    [InlineData(20_000)]
    public void InverseNormalCdfOfASpanIsBitIdenticalToOneAtATime(int length)
    {
        // Central draws, both tails, the region boundaries and the extremes (the far tail beyond
        // t = 5, the smallest open-unit draw, subnormals, 0, 1 and NaN), in every lane position;
        // a long span gathers more tails than one flush holds.
        var random = new RowRandom(11);
        var special = new[] { 0.075, 0.925, 0.5, 1e-300, 1 - 1e-16, 0.07499999999999999, 0.9250000000000002, 1e-12, 1 - 1e-12, Math.Pow(2, -54), 5e-324, 0.0, 1.0, double.NaN, 0.001, 0.999 };
        for (var round = 0; round < 20_000 / length; round++)
        {
            var probabilities = new double[length];
            for (var i = 0; i < length; i++)
            {
                probabilities[i] = random.NextInt(5) == 0 ? special[random.NextInt(special.Length)] : random.NextOpenUnit();
            }

            var normals = new double[length];
            NormalMath.InverseCdf(probabilities, normals);
            for (var i = 0; i < length; i++)
            {
                BitConverter.DoubleToInt64Bits(normals[i]).Should().Be(BitConverter.DoubleToInt64Bits(NormalMath.InverseCdf(probabilities[i])), $"p = {probabilities[i]:R}");
            }
        }
    }

    [Fact]
    public void RowStreamsAreUniformAndIndependentOfEachOther()
    {
        var sums = new double[10];
        for (var row = 0L; row < 100_000; row++)
        {
            var u = RowRandom.For(StreamKey.ForRow(7, row), 99).NextOpenUnit();
            u.Should().BeInRange(0, 1).And.NotBe(0);
            sums[(int)(u * 10)]++;
        }

        sums.Should().OnlyContain(count => Math.Abs(count - 10_000) < 500, "each decile holds about a tenth");
    }

    [Fact]
    public void FastDoubleFormattingEqualsRoundTripFormatting()
    {
        var random = new RowRandom(42);
        Span<byte> buffer = stackalloc byte[64];
        for (var i = 0; i < 200_000; i++)
        {
            var magnitude = Math.Pow(10, (random.NextOpenUnit() * 20) - 6);
            var raw = (random.NextOpenUnit() - 0.3) * magnitude;
            var decimals = random.NextInt(6);
            var value = decimals == 5 ? raw : Math.Round(raw * Math.Pow(10, decimals)) / Math.Pow(10, decimals);
            var written = CsvTableWriter.FormatDouble(value, buffer);
            System.Text.Encoding.ASCII.GetString(buffer[..written]).Should().Be(value.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void WeightedPicksAreTheFirstRunningSumAboveTheDraw()
    {
        // The guide table must pick what a plain scan picks: on every length, with zero weights
        // (equal sums), draws exactly on a sum or a slice's edge, and draws outside the sums.
        var random = new Random(11);
        for (var length = 1; length <= 70; length++)
        {
            for (var trial = 0; trial < 200; trial++)
            {
                var cumulative = new double[length];
                var sum = 0.0;
                for (var i = 0; i < length; i++)
                {
                    sum += random.Next(4) == 0 ? 0 : random.Next(1, 5);
                    cumulative[i] = sum;
                }

                if (sum == 0)
                {
                    cumulative[^1] = sum = 1; // all weights zero but the last
                }

                var guide = new GuideTable(cumulative);
                var sliceEdge = (double)random.Next(8 * length) / (8 * length) * sum;
                foreach (var u in new[] { -1, 0, random.NextDouble() * sum, cumulative[random.Next(length)], sliceEdge, Math.BitDecrement(sliceEdge), sum, sum + 1 })
                {
                    var scan = Array.FindIndex(cumulative, c => c > u);
                    var expected = scan < 0 ? length - 1 : scan;
                    guide.Pick(u).Should().Be(expected, $"u = {u} in [{string.Join(", ", cumulative)}]");
                }
            }
        }
    }
}
