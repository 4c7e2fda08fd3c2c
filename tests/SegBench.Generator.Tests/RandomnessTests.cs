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
}
