using BenchmarkDotNet.Attributes;
using SegBench.Clustering;
using SegBench.Clustering.Metrics;

namespace SegBench.Benchmarks.Metrics;

/// <summary>The exact silhouette: O(n²·d) distances.</summary>
[MemoryDiagnoser]
public class SilhouetteBenchmarks
{
    private FeatureMatrix _data = new([0.0], 1, 1);
    private int[] _labels = [];

    /// <summary>Number of rows.</summary>
    [Params(2_000, 10_000)]
    public int Rows { get; set; }

    /// <summary>Dimensions.</summary>
    [Params(8)]
    public int Dimensions { get; set; }

    /// <summary>Seeded rows around five centers.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261122);
        var values = new double[Rows * Dimensions];
        _labels = new int[Rows];
        for (var i = 0; i < Rows; i++)
        {
            _labels[i] = random.Next(5);
            for (var j = 0; j < Dimensions; j++)
            {
                values[(i * Dimensions) + j] = (_labels[i] * 2.0) + random.NextDouble();
            }
        }

        _data = new FeatureMatrix(values, Rows, Dimensions);
    }

    /// <summary>A plain single-threaded double loop with scalar distances.</summary>
    [Benchmark(Baseline = true)]
    public double PlainLoop()
    {
        var n = _data.Rows;
        var d = _data.Columns;
        var values = _data.Values;
        var sizes = new int[5];
        foreach (var label in _labels)
        {
            sizes[label]++;
        }

        double total = 0;
        var sums = new double[5];
        for (var i = 0; i < n; i++)
        {
            Array.Clear(sums);
            for (var j = 0; j < n; j++)
            {
                double squares = 0;
                for (var k = 0; k < d; k++)
                {
                    var difference = values[(i * d) + k] - values[(j * d) + k];
                    squares += difference * difference;
                }

                sums[_labels[j]] += Math.Sqrt(squares);
            }

            var own = _labels[i];
            var intra = sums[own] / (sizes[own] - 1);
            var nearest = double.PositiveInfinity;
            for (var c = 0; c < 5; c++)
            {
                nearest = c == own ? nearest : Math.Min(nearest, sums[c] / sizes[c]);
            }

            total += (nearest - intra) / Math.Max(intra, nearest);
        }

        return total / n;
    }

    /// <summary>SegBench's blocked, vectorised, parallel silhouette.</summary>
    [Benchmark]
    public double SegBench() => InternalMetrics.Silhouette(_data, _labels);
}
