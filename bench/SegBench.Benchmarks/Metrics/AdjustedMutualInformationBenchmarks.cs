using BenchmarkDotNet.Attributes;
using MathNet.Numerics;
using SegBench.Clustering.Metrics;

namespace SegBench.Benchmarks.Metrics;

/// <summary>AMI from raw labels: table, MI, entropies and the expected-MI sum.</summary>
[MemoryDiagnoser]
public class AdjustedMutualInformationBenchmarks
{
    private int[] _truth = [];
    private int[] _predicted = [];

    /// <summary>Number of labels.</summary>
    [Params(100_000, 1_000_000)]
    public int Rows { get; set; }

    /// <summary>Seeded labels.</summary>
    [GlobalSetup]
    public void Setup() => (_truth, _predicted) = LabelData.Create(Rows);

    /// <summary>
    /// A plain reference: SegBench's table and MI, but the expected MI with four log-gamma calls
    /// per term, as a direct transcription of Vinh et al. (2010) would do.
    /// </summary>
    [Benchmark(Baseline = true)]
    public double PlainLogGamma()
    {
        var table = ContingencyTable.Create(_truth, _predicted);
        var mutual = ExternalMetrics.MutualInformation(table);
        double n = table.Total;
        double expected = 0;
        foreach (var a in table.RowSums)
        {
            foreach (var b in table.ColumnSums)
            {
                var constant = SpecialFunctions.GammaLn(a + 1.0) + SpecialFunctions.GammaLn(b + 1.0) + SpecialFunctions.GammaLn(n - a + 1)
                    + SpecialFunctions.GammaLn(n - b + 1) - SpecialFunctions.GammaLn(n + 1);
                for (var nij = Math.Max(1, a - (long)n + b); nij <= Math.Min(a, b); nij++)
                {
                    var log = constant - SpecialFunctions.GammaLn(nij + 1.0) - SpecialFunctions.GammaLn(a - nij + 1.0)
                        - SpecialFunctions.GammaLn(b - nij + 1.0) - SpecialFunctions.GammaLn(n - a - b + nij + 1);
                    expected += nij / n * Math.Log(n * nij / ((double)a * b)) * Math.Exp(log);
                }
            }
        }

        var mean = (ExternalMetrics.RowEntropy(table) + ExternalMetrics.ColumnEntropy(table)) / 2;
        return (mutual - expected) / (mean - expected);
    }

    /// <summary>SegBench's AMI (log-factorial table).</summary>
    [Benchmark]
    public double SegBench() => ExternalMetrics.AdjustedMutualInformation(_truth, _predicted);
}
