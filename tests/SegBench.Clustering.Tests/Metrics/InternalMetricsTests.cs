using SegBench.Clustering.Metrics;

namespace SegBench.Clustering.Tests.Metrics;

public sealed class InternalMetricsTests
{
    private static (FeatureMatrix Data, int[] Labels) Blobs(int perCluster, int seed)
    {
        var random = new Random(seed);
        var values = new double[perCluster * 3 * 2];
        var labels = new int[perCluster * 3];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = i / perCluster;
            values[2 * i] = (labels[i] * 5) + random.NextDouble();
            values[(2 * i) + 1] = random.NextDouble();
        }

        return (new FeatureMatrix(values, labels.Length, 2), labels);
    }

    [Fact]
    public void BlockedSilhouetteEqualsAPlainPairwiseLoop()
    {
        foreach (var size in new[] { 3, 70, 200 })
        {
            var (data, labels) = Blobs(size, size);

            var fast = InternalMetrics.SilhouetteSamples(data, labels);

            fast.Should().Equal(PlainSilhouette(data, labels), (a, b) => Math.Abs(a - b) < 1e-12);
        }
    }

    [Theory]
    [InlineData(1, 1, 2)]
    [InlineData(2, 5, 3)]
    [InlineData(3, 37, 7)]
    [InlineData(4, 301, 1)]
    [InlineData(5, 600, 9)]
    public void BlockedSilhouetteEqualsThePlainLoopForAnySizeAndDimension(int seed, int rows, int dimensions)
    {
        // Sizes straddle the SIMD width and the 64 x 256 blocks; labels are shuffled, not sorted.
        var random = new Random(seed);
        var values = Enumerable.Range(0, rows * dimensions).Select(_ => random.NextDouble() * 10).ToArray();
        var labels = Enumerable.Range(0, rows).Select(i => i % 3 == 0 ? 0 : random.Next(1, 4)).ToArray();
        labels[0] = 1;
        if (labels.Distinct().Count() < 2 || labels.Distinct().Count() > rows - 1)
        {
            rows += 3;
            values = Enumerable.Range(0, rows * dimensions).Select(_ => random.NextDouble()).ToArray();
            labels = Enumerable.Range(0, rows).Select(i => i % 2).ToArray();
        }

        var data = new FeatureMatrix(values, rows, dimensions);

        InternalMetrics.SilhouetteSamples(data, labels).Should().Equal(PlainSilhouette(data, labels), (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void SampledSilhouetteIsSeededAndCloseToTheExactValue()
    {
        var (data, labels) = Blobs(400, 1);
        var options = InternalMetricOptions.Defaults with { SampleSize = 300, Seed = 42 };

        var first = InternalMetrics.Silhouette(data, labels, options);
        var again = InternalMetrics.Silhouette(data, labels, options);
        var other = InternalMetrics.Silhouette(data, labels, options with { Seed = 43 });

        again.Should().Be(first);
        other.Should().NotBe(first);
        first.Should().BeApproximately(InternalMetrics.Silhouette(data, labels), 0.05);
    }

    [Fact]
    public void NoiseCanBeExcludedInsteadOfCountedAsACluster()
    {
        var (data, labels) = Blobs(30, 2);
        labels[0] = -1;
        labels[45] = -1;
        var excluded = InternalMetricOptions.Defaults with { Noise = NoiseHandling.Exclude };

        var samples = InternalMetrics.SilhouetteSamples(data, labels, excluded);

        samples[0].Should().Be(double.NaN);
        samples[1].Should().BeGreaterThan(0.5);
        InternalMetrics.Silhouette(data, labels, excluded).Should().BeGreaterThan(InternalMetrics.Silhouette(data, labels));
    }

    [Fact]
    public void ASingleLabelIsRejectedWithTheCountInTheMessage()
    {
        var (data, _) = Blobs(5, 3);

        var act = () => InternalMetrics.DaviesBouldin(data, new int[15]);

        act.Should().Throw<ArgumentException>().WithMessage("*number of labels is 1*");
    }

    [Fact]
    public void ANegativeSampleSizeIsRejectedByName()
    {
        var act = () => (InternalMetricOptions.Defaults with { SampleSize = -1 }).Validate();

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("SampleSize");
    }

    private static double[] PlainSilhouette(FeatureMatrix data, int[] labels)
    {
        var n = data.Rows;
        var result = new double[n];
        var clusters = labels.Max() + 1;
        for (var i = 0; i < n; i++)
        {
            var sums = new double[clusters];
            var counts = new int[clusters];
            for (var j = 0; j < n; j++)
            {
                double squared = 0;
                for (var d = 0; d < data.Columns; d++)
                {
                    var diff = data.Row(i)[d] - data.Row(j)[d];
                    squared += diff * diff;
                }

                sums[labels[j]] += Math.Sqrt(squared);
                counts[labels[j]]++;
            }

            if (counts[labels[i]] == 1)
            {
                continue;
            }

            var a = sums[labels[i]] / (counts[labels[i]] - 1);
            var b = Enumerable.Range(0, clusters).Where(c => c != labels[i] && counts[c] > 0).Min(c => sums[c] / counts[c]);
            result[i] = (b - a) / Math.Max(a, b);
        }

        return result;
    }
}
