using BenchmarkDotNet.Attributes;
using SegBench.Clustering.Metrics;

namespace SegBench.Benchmarks.Metrics;

/// <summary>ARI from raw labels: the contingency table plus the pair counts.</summary>
[MemoryDiagnoser]
public class AdjustedRandBenchmarks
{
    private int[] _truth = [];
    private int[] _predicted = [];

    /// <summary>Number of labels.</summary>
    [Params(100_000, 1_000_000)]
    public int Rows { get; set; }

    /// <summary>Seeded labels.</summary>
    [GlobalSetup]
    public void Setup() => (_truth, _predicted) = LabelData.Create(Rows);

    /// <summary>A plain reference: a dictionary of label pairs and the textbook n-choose-2 formula.</summary>
    [Benchmark(Baseline = true)]
    public double PlainDictionary()
    {
        var cells = new Dictionary<(int, int), long>();
        var rows = new Dictionary<int, long>();
        var columns = new Dictionary<int, long>();
        for (var i = 0; i < _truth.Length; i++)
        {
            cells[(_truth[i], _predicted[i])] = cells.GetValueOrDefault((_truth[i], _predicted[i])) + 1;
            rows[_truth[i]] = rows.GetValueOrDefault(_truth[i]) + 1;
            columns[_predicted[i]] = columns.GetValueOrDefault(_predicted[i]) + 1;
        }

        static double Pairs(long count) => count * (count - 1) / 2.0;
        var index = cells.Values.Sum(Pairs);
        var rowPairs = rows.Values.Sum(Pairs);
        var columnPairs = columns.Values.Sum(Pairs);
        var expected = rowPairs * columnPairs / Pairs(_truth.Length);
        var maximum = (rowPairs + columnPairs) / 2;
        return (index - expected) / (maximum - expected);
    }

    /// <summary>SegBench's ARI.</summary>
    [Benchmark]
    public double SegBench() => ExternalMetrics.AdjustedRandIndex(_truth, _predicted);
}
