namespace SegBench.Clustering;

/// <summary>
/// A clustering algorithm with its settings. <see cref="Fit"/> is pure: the same data and options
/// (seed included) give the same result, whatever the thread count.
/// </summary>
public interface IClusterer
{
    /// <summary>The algorithm's name as the CLI spells it, e.g. "kmeans".</summary>
    string Name { get; }

    /// <summary>Clusters the rows of <paramref name="data"/>.</summary>
    ClusteringResult Fit(FeatureMatrix data, CancellationToken cancellationToken = default);
}

/// <summary>What a fit produced.</summary>
/// <param name="Labels">A cluster per row: 0..k-1, or -1 for noise.</param>
/// <param name="NumberOfClusters">The number of clusters found (noise excluded).</param>
/// <param name="Model">The fitted model, which assigns new rows.</param>
/// <param name="Iterations">Iterations run (0 where the algorithm has none).</param>
/// <param name="Inertia">Sum of squared distances to the assigned centers, or NaN where centers do not exist.</param>
public sealed record ClusteringResult(int[] Labels, int NumberOfClusters, IClusterModel Model, int Iterations, double Inertia);

/// <summary>A fitted model that assigns new, already preprocessed rows to clusters.</summary>
public interface IClusterModel
{
    /// <summary>The algorithm that made it.</summary>
    string Algorithm { get; }

    /// <summary>The number of clusters.</summary>
    int NumberOfClusters { get; }

    /// <summary>The number of features a row must have.</summary>
    int Dimensions { get; }

    /// <summary>Assigns one row: its cluster (or -1) and its distance to that cluster's center (NaN if none).</summary>
    Assignment Assign(ReadOnlySpan<double> row);
}

/// <summary>The cluster of one row.</summary>
/// <param name="Cluster">0..k-1, or -1 for noise.</param>
/// <param name="Distance">Euclidean distance to the cluster's center, NaN where there is none.</param>
/// <param name="Probabilities">Per-cluster membership probabilities for mixtures, else null.</param>
public sealed record Assignment(int Cluster, double Distance, IReadOnlyList<double>? Probabilities = null);
