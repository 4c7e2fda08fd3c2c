using System.Text.Json;

namespace SegBench.Clustering.Algorithms;

/// <summary>Settings of <see cref="Dbscan"/>, with scikit-learn's meaning.</summary>
public sealed record DbscanOptions
{
    /// <summary>The defaults: Eps 0.5, MinimumSamples 5.</summary>
    public static DbscanOptions Defaults { get; } = new();

    /// <summary>The neighbourhood radius (Euclidean, inclusive).</summary>
    public double Eps { get; init; } = 0.5;

    /// <summary>Points (the point itself included) a neighbourhood needs for its center to be a core point.</summary>
    public int MinimumSamples { get; init; } = 5;

    /// <summary>Threads to use at most; null means all cores. Results do not depend on it.</summary>
    public int? MaximumDegreeOfParallelism { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (!(Eps > 0) || double.IsInfinity(Eps))
        {
            throw OptionsGuard.Invalid(nameof(Eps), $"Eps must be finite and positive, not {Eps}.");
        }

        if (MinimumSamples < 1)
        {
            throw OptionsGuard.Invalid(nameof(MinimumSamples), $"MinimumSamples must be at least 1, not {MinimumSamples}.");
        }

        if (MaximumDegreeOfParallelism is < 1)
        {
            throw OptionsGuard.Invalid(nameof(MaximumDegreeOfParallelism), $"MaximumDegreeOfParallelism must be at least 1 when set, not {MaximumDegreeOfParallelism}.");
        }
    }
}

/// <summary>
/// Density-based clustering, with scikit-learn's labels: clusters are numbered in the order of their
/// lowest-indexed core point, a border point joins the lowest-numbered cluster that reaches it, and
/// noise is −1.
/// </summary>
/// <remarks>
/// Ester, Kriegel, Sander and Xu, "A density-based algorithm for discovering clusters in large spatial
/// databases with noise" (KDD 1996). Range queries go through a k-d tree: O(n log n) expected time in
/// low dimensions. Memory is O(n): neighbourhoods are queried one at a time (core counts stop at
/// MinimumSamples) and never all held at once, unlike scikit-learn.
/// </remarks>
public sealed class Dbscan : IClusterer
{
    /// <summary>The algorithm's name.</summary>
    public const string AlgorithmName = "dbscan";

    private readonly DbscanOptions _options;

    /// <summary>Creates DBSCAN with validated settings (defaults if null).</summary>
    public Dbscan(DbscanOptions? options = null)
    {
        _options = options ?? DbscanOptions.Defaults;
        _options.Validate();
    }

    /// <inheritdoc />
    public string Name => AlgorithmName;

    /// <inheritdoc />
    public ClusteringResult Fit(FeatureMatrix data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        DenseMath.RequireFinite(data, nameof(data));
        int n = data.Rows, d = data.Columns;
        var radiusSquared = _options.Eps * _options.Eps;
        var tree = new KdTree(data.Values, n, d);
        var parallel = ChunkedParallel.Options(_options.MaximumDegreeOfParallelism, cancellationToken);

        var core = new bool[n];
        var minimum = _options.MinimumSamples;
        ChunkedParallel.For(n, parallel, (_, start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                core[i] = tree.CountWithin(data.Row(i), radiusSquared, minimum) >= minimum;
            }
        });

        var labels = new int[n];
        Array.Fill(labels, -1);
        var stack = new Stack<int>();
        var neighbours = new List<int>();
        var cluster = 0;
        for (var i = 0; i < n; i++)
        {
            if (labels[i] != -1 || !core[i])
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            labels[i] = cluster;
            stack.Push(i);
            while (stack.Count > 0)
            {
                var point = stack.Pop();
                tree.Within(data.Row(point), radiusSquared, neighbours);
                foreach (var neighbour in neighbours)
                {
                    if (labels[neighbour] == -1)
                    {
                        labels[neighbour] = cluster;
                        if (core[neighbour])
                        {
                            stack.Push(neighbour);
                        }
                    }
                }
            }

            cluster++;
        }

        var coreCount = 0;
        foreach (var isCore in core)
        {
            coreCount += isCore ? 1 : 0;
        }

        var corePoints = new double[coreCount * d];
        var coreLabels = new int[coreCount];
        for (int i = 0, c = 0; i < n; i++)
        {
            if (core[i])
            {
                data.Row(i).CopyTo(corePoints.AsSpan(c * d));
                coreLabels[c++] = labels[i];
            }
        }

        var model = new DbscanModel(corePoints, coreLabels, cluster, d, _options.Eps);
        return new ClusteringResult(labels, cluster, model, 0, double.NaN);
    }
}

/// <summary>
/// A fitted DBSCAN: its core points. A new row joins the lowest-numbered cluster with a core point
/// within Eps (which reproduces the fit's labels for the training rows), else it is noise. Immutable.
/// </summary>
public sealed class DbscanModel : IClusterModel, IJsonClusterModel
{
    private readonly double[] _corePoints;
    private readonly int[] _coreLabels;
    private readonly KdTree _tree;

    /// <summary>Creates the model from core points (row-major) and their clusters; arrays are copied.</summary>
    public DbscanModel(IReadOnlyList<double> corePoints, IReadOnlyList<int> coreLabels, int numberOfClusters, int dimensions, double eps)
    {
        ArgumentNullException.ThrowIfNull(corePoints);
        ArgumentNullException.ThrowIfNull(coreLabels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        ArgumentOutOfRangeException.ThrowIfNegative(numberOfClusters);
        if (!(eps > 0) || double.IsInfinity(eps))
        {
            throw new ArgumentException($"Eps must be finite and positive, not {eps}.", nameof(eps));
        }

        if (corePoints.Count != (long)coreLabels.Count * dimensions)
        {
            throw new ArgumentException($"{coreLabels.Count} core points of {dimensions} dimensions need {coreLabels.Count * dimensions} values, not {corePoints.Count}.", nameof(corePoints));
        }

        foreach (var label in coreLabels)
        {
            if (label < 0 || label >= numberOfClusters)
            {
                throw new ArgumentException($"Core label {label} is outside 0..{numberOfClusters - 1}.", nameof(coreLabels));
            }
        }

        _corePoints = [.. corePoints];
        _coreLabels = [.. coreLabels];
        NumberOfClusters = numberOfClusters;
        Dimensions = dimensions;
        Eps = eps;
        _tree = new KdTree(_corePoints, _coreLabels.Length, dimensions);
    }

    /// <inheritdoc />
    public string Algorithm => Dbscan.AlgorithmName;

    /// <inheritdoc />
    public int NumberOfClusters { get; }

    /// <inheritdoc />
    public int Dimensions { get; }

    /// <summary>The neighbourhood radius.</summary>
    public double Eps { get; }

    /// <summary>The number of core points kept.</summary>
    public int CorePointCount => _coreLabels.Length;

    /// <inheritdoc />
    public Assignment Assign(ReadOnlySpan<double> row)
    {
        if (row.Length != Dimensions)
        {
            throw new ArgumentException($"The model needs rows of {Dimensions} values, not {row.Length}.", nameof(row));
        }

        var nearest = new LowestCluster { Labels = _coreLabels, Cluster = -1, SquaredDistance = double.PositiveInfinity };
        _tree.Visit(row, Eps * Eps, ref nearest);
        return nearest.Cluster < 0
            ? new Assignment(-1, double.NaN)
            : new Assignment(nearest.Cluster, Math.Sqrt(nearest.SquaredDistance));
    }

    void IJsonClusterModel.WriteProperties(Utf8JsonWriter writer)
    {
        writer.WriteNumber("eps", Eps);
        JsonArrays.WriteVector(writer, "core_labels", _coreLabels);
        JsonArrays.WriteMatrix(writer, "core_points", _corePoints, Dimensions);
    }

    internal static DbscanModel Read(ModelReader reader) =>
        new(reader.Doubles("core_points"), reader.Ints("core_labels"), reader.Int("clusters"), reader.Int("dimensions"), reader.Double("eps"));

    /// <summary>Keeps the lowest cluster among the core points found, and the nearest of its points.</summary>
    private struct LowestCluster : IKdVisitor
    {
        public int[] Labels;
        public int Cluster;
        public double SquaredDistance;

        public bool Found(int row, double squaredDistance)
        {
            var label = Labels[row];
            if (Cluster < 0 || label < Cluster || (label == Cluster && squaredDistance < SquaredDistance))
            {
                Cluster = label;
                SquaredDistance = squaredDistance;
            }

            return false;
        }
    }
}
