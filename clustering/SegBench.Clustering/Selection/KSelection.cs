namespace SegBench.Clustering.Selection;

/// <summary>A criterion for the number of clusters.</summary>
public enum SelectionMethod
{
    /// <summary>The largest mean silhouette (sampled for large n). The default.</summary>
    Silhouette,

    /// <summary>The largest Calinski-Harabasz index.</summary>
    CalinskiHarabasz,

    /// <summary>The smallest Davies-Bouldin index.</summary>
    DaviesBouldin,

    /// <summary>Tibshirani's gap statistic: the smallest k with Gap(k) ≥ Gap(k+1) − s(k+1).</summary>
    Gap,

    /// <summary>The smallest BIC, when the fitted model implements <see cref="IHasBic"/>.</summary>
    Bic,

    /// <summary>The knee of the inertia curve (kneedle). Often misleading: never the default.</summary>
    Elbow,
}

/// <summary>Settings of <see cref="KSelector"/>.</summary>
public sealed record KSelectionOptions
{
    /// <summary>k from 2 to 10, silhouette, 10 gap references.</summary>
    public static KSelectionOptions Defaults { get; } = new();

    /// <summary>The smallest k tried (1 is allowed: silhouette and the indices skip it, gap and BIC use it).</summary>
    public int MinimumClusters { get; init; } = 2;

    /// <summary>The largest k tried.</summary>
    public int MaximumClusters { get; init; } = 10;

    /// <summary>The criterion whose choice is <see cref="KSelectionResult.ChosenClusters"/>.</summary>
    public SelectionMethod Method { get; init; } = SelectionMethod.Silhouette;

    /// <summary>Above this many rows the silhouette is computed on a seeded sample of this size.</summary>
    public int SilhouetteSampleSize { get; init; } = 5000;

    /// <summary>B, the number of uniform reference datasets of the gap statistic (0 skips the gap curve).</summary>
    public int GapReferences { get; init; } = 10;

    /// <summary>The seed of the silhouette sample and of the gap references.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    public KSelectionOptions Validate()
    {
        if (MinimumClusters < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinimumClusters), MinimumClusters, "MinimumClusters must be at least 1.");
        }

        if (MaximumClusters < MinimumClusters)
        {
            throw new ArgumentOutOfRangeException(nameof(MaximumClusters), MaximumClusters, $"MaximumClusters must be at least MinimumClusters ({MinimumClusters}).");
        }

        if (SilhouetteSampleSize < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(SilhouetteSampleSize), SilhouetteSampleSize, "SilhouetteSampleSize must be at least 2.");
        }

        if (GapReferences < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(GapReferences), GapReferences, "GapReferences must not be negative.");
        }

        if (!Enum.IsDefined(Method))
        {
            throw new ArgumentOutOfRangeException(nameof(Method), Method, "Method is not a known SelectionMethod.");
        }

        if (Method == SelectionMethod.Gap && GapReferences == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(GapReferences), GapReferences, "The gap method needs GapReferences of at least 1.");
        }

        return this;
    }
}

/// <summary>One criterion evaluated over the k range.</summary>
/// <param name="Method">The criterion.</param>
/// <param name="Clusters">The k values.</param>
/// <param name="Values">The criterion at each k (NaN where undefined, e.g. silhouette at k = 1).</param>
/// <param name="StandardErrors">The gap statistic's s(k); null for other criteria.</param>
/// <param name="ChosenClusters">The k this criterion picks, or null when it cannot pick one.</param>
public sealed record KCurve(SelectionMethod Method, IReadOnlyList<int> Clusters, IReadOnlyList<double> Values, IReadOnlyList<double>? StandardErrors, int? ChosenClusters);

/// <summary>Every curve, and the k chosen by the requested method.</summary>
/// <param name="Method">The requested method.</param>
/// <param name="ChosenClusters">Its choice.</param>
/// <param name="Curves">Every criterion that could be computed (BIC only when the model implements <see cref="IHasBic"/>), inertia's elbow included.</param>
/// <param name="Inertia">The inertia at each k.</param>
public sealed record KSelectionResult(SelectionMethod Method, int ChosenClusters, IReadOnlyList<KCurve> Curves, IReadOnlyList<double> Inertia)
{
    /// <summary>The curve of one criterion, or null when it was not computed.</summary>
    public KCurve? Curve(SelectionMethod method) => Curves.FirstOrDefault(c => c.Method == method);
}
