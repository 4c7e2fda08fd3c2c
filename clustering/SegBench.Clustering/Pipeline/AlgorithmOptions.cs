using SegBench.Clustering.Algorithms;
using SegBench.Clustering.Selection;

namespace SegBench.Clustering.Pipeline;

/// <summary>
/// Which algorithm to run and with what settings, in the words of the command line
/// (<c>--algorithm kmeans --k 6 --n-init 3</c>). One record serves the CLI, the bench matrices
/// and the service, so an algorithm is configured the same way everywhere.
/// </summary>
public sealed record AlgorithmOptions
{
    /// <summary>The algorithms the catalog knows.</summary>
    public static readonly IReadOnlyList<string> Names = ["kmeans", "minibatch-kmeans", "dbscan", "gmm", "kprototypes"];

    /// <summary>
    /// k-means restarts unless told otherwise. Choosing K compares the best fit at each K, so a
    /// poor local optimum at the planted K can hide it; 8 restarts made that rare in our matrices.
    /// </summary>
    public const int DefaultKMeansInitializations = 8;

    /// <summary>The algorithm's name.</summary>
    public string Algorithm { get; init; } = "kmeans";

    /// <summary>The number of clusters; null means choose it over <see cref="MinimumK"/>..<see cref="MaximumK"/> by <see cref="KMethod"/>. Ignored by DBSCAN.</summary>
    public int? Clusters { get; init; } = 8;

    /// <summary>The smallest K tried when choosing K.</summary>
    public int MinimumK { get; init; } = 2;

    /// <summary>The largest K tried when choosing K.</summary>
    public int MaximumK { get; init; } = 10;

    /// <summary>
    /// Choosing K fits every K in the range, so it runs on an evenly spaced sample of at most this
    /// many rows; the chosen K is then fitted on all rows.
    /// </summary>
    public int KSelectionSampleRows { get; init; } = 20_000;

    /// <summary>How K is chosen (silhouette by default; the elbow is known to mislead).</summary>
    public SelectionMethod KMethod { get; init; } = SelectionMethod.Silhouette;

    /// <summary>
    /// Reference datasets of the gap statistic when choosing K; 0 skips the gap curve. The gap fits
    /// every K on each reference, so it costs this many times the rest of the choice: callers that
    /// neither choose by gap nor draw its curve turn it off.
    /// </summary>
    public int GapReferences { get; init; } = KSelectionOptions.Defaults.GapReferences;

    /// <summary>k-means initialisation.</summary>
    public KMeansInitialization Initialization { get; init; } = KMeansInitialization.KMeansPlusPlus;

    /// <summary>Explicit initial centers, row-major (k-means with <see cref="KMeansInitialization.Explicit"/>).</summary>
    public IReadOnlyList<double>? InitialCenters { get; init; }

    /// <summary>Maximum iterations (null: the algorithm's default).</summary>
    public int? MaximumIterations { get; init; }

    /// <summary>Convergence tolerance (null: the algorithm's default).</summary>
    public double? Tolerance { get; init; }

    /// <summary>Restarts that keep the best run (null: the algorithm's default).</summary>
    public int? Initializations { get; init; }

    /// <summary>The seed of every random choice.</summary>
    public int Seed { get; init; }

    /// <summary>DBSCAN neighbourhood radius.</summary>
    public double Eps { get; init; } = DbscanOptions.Defaults.Eps;

    /// <summary>DBSCAN core-point threshold (a point counts itself).</summary>
    public int MinimumSamples { get; init; } = DbscanOptions.Defaults.MinimumSamples;

    /// <summary>Gaussian mixture covariance shape.</summary>
    public CovarianceType Covariance { get; init; } = CovarianceType.Full;

    /// <summary>Mini-batch size.</summary>
    public int BatchSize { get; init; } = MiniBatchKMeansOptions.Defaults.BatchSize;

    /// <summary>Throws naming the first bad setting.</summary>
    public AlgorithmOptions Validate()
    {
        if (!Names.Contains(Algorithm))
        {
            throw new ArgumentException($"Unknown algorithm '{Algorithm}'; expected one of: {string.Join(", ", Names)}.", nameof(Algorithm));
        }

        if (Clusters is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Clusters), Clusters, "K must be at least 1.");
        }

        if (KSelectionSampleRows < 10)
        {
            throw new ArgumentOutOfRangeException(nameof(KSelectionSampleRows), KSelectionSampleRows, "The K-selection sample needs at least 10 rows.");
        }

        if (MinimumK < 2 || MaximumK < MinimumK)
        {
            throw new ArgumentOutOfRangeException(nameof(MaximumK), $"The K range {MinimumK}..{MaximumK} must start at 2 or more and not be empty.");
        }

        if (GapReferences < 0 || (GapReferences == 0 && KMethod == SelectionMethod.Gap))
        {
            throw new ArgumentOutOfRangeException(nameof(GapReferences), GapReferences, "GapReferences must not be negative, and choosing K by gap needs at least 1.");
        }

        return this;
    }

    /// <summary>Builds the clusterer for <paramref name="clusters"/> clusters.</summary>
    public IClusterer Create(int clusters, int numericColumns = 0, IReadOnlyList<int>? categoricalColumns = null)
    {
        Validate();
        return Algorithm switch
        {
            "kmeans" => new KMeans(new KMeansOptions
            {
                NumberOfClusters = clusters,
                Initialization = Initialization,
                InitialCenters = InitialCenters,
                MaximumIterations = MaximumIterations ?? KMeansOptions.Defaults.MaximumIterations,
                Tolerance = Tolerance ?? KMeansOptions.Defaults.Tolerance,
                NumberOfInitializations = Initializations ?? DefaultKMeansInitializations,
                Seed = Seed,
            }),
            "minibatch-kmeans" => new MiniBatchKMeans(new MiniBatchKMeansOptions
            {
                NumberOfClusters = clusters,
                BatchSize = BatchSize,
                MaximumIterations = MaximumIterations ?? MiniBatchKMeansOptions.Defaults.MaximumIterations,
                Tolerance = Tolerance ?? MiniBatchKMeansOptions.Defaults.Tolerance,
                NumberOfInitializations = Initializations ?? MiniBatchKMeansOptions.Defaults.NumberOfInitializations,
                Seed = Seed,
            }),
            "dbscan" => new Dbscan(new DbscanOptions { Eps = Eps, MinimumSamples = MinimumSamples }),
            "gmm" => new GaussianMixture(new GaussianMixtureOptions
            {
                NumberOfClusters = clusters,
                CovarianceType = Covariance,
                MaximumIterations = MaximumIterations ?? GaussianMixtureOptions.Defaults.MaximumIterations,
                Tolerance = Tolerance ?? GaussianMixtureOptions.Defaults.Tolerance,
                NumberOfInitializations = Initializations ?? 1,
                // EM only climbs from its start, so the k-means start gets the pipeline's restarts:
                // one k-means run (scikit-learn's default) left customers' full-covariance ARI at 0.80.
                KMeansInitializations = DefaultKMeansInitializations,
                Seed = Seed,
            }),
            _ => new KPrototypes(new KPrototypesOptions
            {
                NumberOfClusters = clusters,
                CategoricalColumns = categoricalColumns ?? [],
                MaximumIterations = MaximumIterations ?? KPrototypesOptions.Defaults.MaximumIterations,
                NumberOfInitializations = Initializations ?? 3,
                Seed = Seed,
            }),
        };
    }
}
