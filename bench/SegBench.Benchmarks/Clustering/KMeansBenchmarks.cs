using BenchmarkDotNet.Attributes;
using SegBench.Clustering;
using SegBench.Clustering.Algorithms;

namespace SegBench.Benchmarks.Clustering;

/// <summary>The assignment step alone: nearest center for every row.</summary>
[MemoryDiagnoser]
public class KMeansAssignmentBenchmarks
{
    private FeatureMatrix _data = null!;
    private double[] _centers = null!;
    private KMeansModel _model = null!;

    /// <summary>Rows.</summary>
    [Params(100_000)]
    public int Rows { get; set; }

    /// <summary>Dimensions.</summary>
    [Params(4, 17)]
    public int Dimensions { get; set; }

    /// <summary>Clusters.</summary>
    [Params(8, 32)]
    public int Clusters { get; set; }

    /// <summary>Makes seeded data and centers.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _data = BenchmarkData.Blobs(42, Rows, Dimensions, Clusters);
        _centers = BenchmarkData.RandomRows(_data, Clusters, 7);
        _model = new KMeansModel(_centers, Clusters, Dimensions);
    }

    /// <summary>Exact distances, one center at a time.</summary>
    [Benchmark(Baseline = true)]
    public int[] Scalar() => BenchmarkData.AssignScalar(_data, _centers, Clusters);

    /// <summary>The blocked ‖c‖² − 2x·c kernel (AVX-512 where present).</summary>
    [Benchmark]
    public int[] Blocked() => _model.Predict(_data);
}

/// <summary>A whole k-means fit: 30 Lloyd iterations from fixed centers, tolerance 0.</summary>
[MemoryDiagnoser]
public class KMeansFitBenchmarks
{
    private const int Iterations = 30;
    private FeatureMatrix _data = null!;
    private double[] _centers = null!;

    /// <summary>Rows.</summary>
    [Params(100_000)]
    public int Rows { get; set; }

    /// <summary>Dimensions.</summary>
    [Params(17)]
    public int Dimensions { get; set; }

    /// <summary>Clusters.</summary>
    [Params(8, 32)]
    public int Clusters { get; set; }

    /// <summary>Makes seeded data and centers.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _data = BenchmarkData.Blobs(42, Rows, Dimensions, Clusters);
        _centers = BenchmarkData.RandomRows(_data, Clusters, 7);
    }

    /// <summary>Single-threaded scalar Lloyd.</summary>
    [Benchmark(Baseline = true)]
    public double[] ScalarLloyd() => BenchmarkData.LloydScalar(_data, _centers, Clusters, Iterations);

    /// <summary>SegBench's k-means on all cores.</summary>
    [Benchmark]
    public double Fit() => new KMeans(new KMeansOptions
    {
        NumberOfClusters = Clusters,
        InitialCenters = _centers,
        MaximumIterations = Iterations,
        Tolerance = 0,
    }).Fit(_data).Inertia;

    /// <summary>SegBench's k-means with Hamerly's bounds, on all cores.</summary>
    [Benchmark]
    public double FitHamerly() => new KMeans(new KMeansOptions
    {
        NumberOfClusters = Clusters,
        InitialCenters = _centers,
        MaximumIterations = Iterations,
        Tolerance = 0,
        Algorithm = KMeansAlgorithm.Hamerly,
    }).Fit(_data).Inertia;

    /// <summary>SegBench's k-means on one thread.</summary>
    [Benchmark]
    public double FitOneThread() => new KMeans(new KMeansOptions
    {
        NumberOfClusters = Clusters,
        InitialCenters = _centers,
        MaximumIterations = Iterations,
        Tolerance = 0,
        MaximumDegreeOfParallelism = 1,
    }).Fit(_data).Inertia;

    /// <summary>k-means++ seeding alone (one Lloyd step, so seeding dominates).</summary>
    [Benchmark]
    public double SeedKMeansPlusPlus() => new KMeans(new KMeansOptions
    {
        NumberOfClusters = Clusters,
        MaximumIterations = 1,
        Seed = 1,
    }).Fit(_data).Inertia;
}
