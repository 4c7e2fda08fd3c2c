using BenchmarkDotNet.Attributes;
using SegBench.Clustering;
using SegBench.Clustering.Algorithms;

namespace SegBench.Benchmarks.Clustering;

/// <summary>DBSCAN with its k-d tree against brute-force neighbour search.</summary>
[MemoryDiagnoser]
public class DbscanBenchmarks
{
    private FeatureMatrix _data = null!;

    /// <summary>Rows.</summary>
    [Params(20_000)]
    public int Rows { get; set; }

    /// <summary>Dimensions.</summary>
    [Params(2, 4)]
    public int Dimensions { get; set; }

    /// <summary>Clusters planted in the data.</summary>
    [Params(10)]
    public int Clusters { get; set; }

    /// <summary>The neighbourhood radius.</summary>
    public double Eps => Dimensions <= 2 ? 0.2 : 0.5;

    /// <summary>Makes seeded blobs.</summary>
    [GlobalSetup]
    public void Setup() => _data = BenchmarkData.Blobs(42, Rows, Dimensions, Clusters);

    /// <summary>Brute force: every pair's distance, once, to find the core points (O(n²)).</summary>
    [Benchmark(Baseline = true)]
    public int BruteForceCorePoints()
    {
        var d = _data.Columns;
        var radius = Eps * Eps;
        var core = 0;
        for (var i = 0; i < _data.Rows; i++)
        {
            var count = 0;
            var row = _data.Row(i);
            for (var j = 0; j < _data.Rows; j++)
            {
                var other = _data.Row(j);
                var distance = 0.0;
                for (var c = 0; c < d; c++)
                {
                    distance += (row[c] - other[c]) * (row[c] - other[c]);
                }

                count += distance <= radius ? 1 : 0;
            }

            core += count >= 10 ? 1 : 0;
        }

        return core;
    }

    /// <summary>SegBench's DBSCAN: the whole clustering, not only the core points.</summary>
    [Benchmark]
    public int Fit() => new Dbscan(new DbscanOptions { Eps = Eps, MinimumSamples = 10 }).Fit(_data).NumberOfClusters;
}
