using SegBench.Clustering.Metrics;

namespace SegBench.Clustering.Selection;

/// <summary>
/// Chooses the number of clusters: fits the clusterer at every k in a range and evaluates the
/// silhouette, Calinski-Harabasz, Davies-Bouldin, gap statistic, BIC and elbow curves.
/// </summary>
/// <remarks>
/// Cost: (K + K·B) fits for K values of k and B gap references, plus one silhouette per k,
/// O(s²·d) on a sample of s rows. The gap statistic follows Tibshirani, Walther and Hastie (2001),
/// with reference data drawn uniformly from the data's bounding box; the elbow is the kneedle
/// knee (Satopää et al., 2011): the point of the normalised inertia curve farthest below the
/// chord joining its ends.
/// </remarks>
public static class KSelector
{
    /// <summary>Evaluates every criterion over the k range and returns the curves and the chosen k.</summary>
    /// <param name="data">The preprocessed rows.</param>
    /// <param name="clustererForK">Makes the clusterer for a given k (seeded by the caller).</param>
    /// <param name="options">The k range, method and seeds.</param>
    /// <param name="referenceClustererForK">
    /// Makes the clusterer fitted to the gap statistic's uniform references (default: <paramref name="clustererForK"/>).
    /// Restarts buy little on featureless uniform data, and the references cost B times the data's fits.
    /// </param>
    /// <param name="cancellationToken">Stops between fits.</param>
    public static KSelectionResult Select(FeatureMatrix data, Func<int, IClusterer> clustererForK, KSelectionOptions? options = null, Func<int, IClusterer>? referenceClustererForK = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(clustererForK);
        options = (options ?? KSelectionOptions.Defaults).Validate();
        if (options.MaximumClusters > data.Rows)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaximumClusters, $"MaximumClusters ({options.MaximumClusters}) exceeds the number of rows ({data.Rows}).");
        }

        var ks = Enumerable.Range(options.MinimumClusters, options.MaximumClusters - options.MinimumClusters + 1).ToArray();
        var silhouette = new double[ks.Length];
        var calinski = new double[ks.Length];
        var davies = new double[ks.Length];
        var inertia = new double[ks.Length];
        var bic = new double[ks.Length];
        var hasBic = true;
        var silhouetteOptions = InternalMetricOptions.Defaults with
        {
            SampleSize = data.Rows > options.SilhouetteSampleSize ? options.SilhouetteSampleSize : 0,
            Seed = options.Seed,
        };

        for (var i = 0; i < ks.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = clustererForK(ks[i]).Fit(data, cancellationToken);
            var distinct = result.Labels.Distinct().Count();
            var defined = distinct >= 2 && distinct <= data.Rows - 1;
            silhouette[i] = defined ? InternalMetrics.Silhouette(data, result.Labels, silhouetteOptions) : double.NaN;
            calinski[i] = defined ? InternalMetrics.CalinskiHarabasz(data, result.Labels) : double.NaN;
            davies[i] = defined ? InternalMetrics.DaviesBouldin(data, result.Labels) : double.NaN;
            inertia[i] = InertiaOf(data, result);
            if (result.Model is IHasBic model)
            {
                bic[i] = model.BayesianInformationCriterion(data);
            }
            else
            {
                hasBic = false;
            }
        }

        var curves = new List<KCurve>
        {
            Curve(SelectionMethod.Silhouette, ks, silhouette, larger: true),
            Curve(SelectionMethod.CalinskiHarabasz, ks, calinski, larger: true),
            Curve(SelectionMethod.DaviesBouldin, ks, davies, larger: false),
        };

        if (options.GapReferences > 0)
        {
            curves.Add(GapCurve(data, referenceClustererForK ?? clustererForK, ks, inertia, options, cancellationToken));
        }

        if (hasBic)
        {
            curves.Add(Curve(SelectionMethod.Bic, ks, bic, larger: false));
        }

        curves.Add(new KCurve(SelectionMethod.Elbow, ks, inertia, null, Kneedle(ks, inertia)));
        var chosen = curves.FirstOrDefault(c => c.Method == options.Method)?.ChosenClusters
            ?? throw new InvalidOperationException(options.Method == SelectionMethod.Bic
                ? "The BIC method needs a model that implements IHasBic; this clusterer's does not."
                : $"The {options.Method} criterion could not choose a k in {options.MinimumClusters}..{options.MaximumClusters}.");
        return new KSelectionResult(options.Method, chosen, curves, inertia);
    }

    /// <summary>The knee of a decreasing convex curve: the k farthest below the chord of the normalised curve.</summary>
    internal static int? Kneedle(int[] ks, double[] values)
    {
        if (ks.Length < 3)
        {
            return null;
        }

        double first = values[0], last = values[^1];
        if (!(first > last))
        {
            return null;
        }

        var best = double.NegativeInfinity;
        int? knee = null;
        for (var i = 0; i < ks.Length; i++)
        {
            var x = (double)(ks[i] - ks[0]) / (ks[^1] - ks[0]);
            var y = (values[i] - last) / (first - last);
            var below = 1 - x - y;
            if (below > best)
            {
                best = below;
                knee = ks[i];
            }
        }

        return best > 0 ? knee : null;
    }

    private static KCurve Curve(SelectionMethod method, int[] ks, double[] values, bool larger)
    {
        int? chosen = null;
        var best = larger ? double.NegativeInfinity : double.PositiveInfinity;
        for (var i = 0; i < ks.Length; i++)
        {
            if (!double.IsNaN(values[i]) && (larger ? values[i] > best : values[i] < best))
            {
                best = values[i];
                chosen = ks[i];
            }
        }

        return new KCurve(method, ks, values, null, chosen);
    }

    private static KCurve GapCurve(FeatureMatrix data, Func<int, IClusterer> clustererForK, int[] ks, double[] inertia, KSelectionOptions options, CancellationToken cancellationToken)
    {
        var d = data.Columns;
        var minimum = new double[d];
        var maximum = new double[d];
        Array.Fill(minimum, double.PositiveInfinity);
        Array.Fill(maximum, double.NegativeInfinity);
        for (var row = 0; row < data.Rows; row++)
        {
            var values = data.Row(row);
            for (var j = 0; j < d; j++)
            {
                minimum[j] = Math.Min(minimum[j], values[j]);
                maximum[j] = Math.Max(maximum[j], values[j]);
            }
        }

        var references = options.GapReferences;
        var logReference = new double[ks.Length, references];
        for (var b = 0; b < references; b++)
        {
            // One stream per reference dataset, so adding references keeps the earlier ones.
            var random = new Random(unchecked((int)((options.Seed * 0x9E3779B97F4A7C15UL) + (ulong)b) ^ (int)(options.Seed >> 32)));
            var uniform = new double[data.Rows * d];
            for (var row = 0; row < data.Rows; row++)
            {
                for (var j = 0; j < d; j++)
                {
                    uniform[(row * d) + j] = minimum[j] + (random.NextDouble() * (maximum[j] - minimum[j]));
                }
            }

            var reference = new FeatureMatrix(uniform, data.Rows, d, data.ColumnNames);
            for (var i = 0; i < ks.Length; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                logReference[i, b] = Math.Log(InertiaOf(reference, clustererForK(ks[i]).Fit(reference, cancellationToken)));
            }
        }

        var gap = new double[ks.Length];
        var errors = new double[ks.Length];
        for (var i = 0; i < ks.Length; i++)
        {
            double mean = 0;
            for (var b = 0; b < references; b++)
            {
                mean += logReference[i, b];
            }

            mean /= references;
            double squares = 0;
            for (var b = 0; b < references; b++)
            {
                squares += (logReference[i, b] - mean) * (logReference[i, b] - mean);
            }

            gap[i] = mean - Math.Log(inertia[i]);
            errors[i] = Math.Sqrt(squares / references) * Math.Sqrt(1 + (1.0 / references));
        }

        int? chosen = null;
        for (var i = 0; i + 1 < ks.Length; i++)
        {
            if (gap[i] >= gap[i + 1] - errors[i + 1])
            {
                chosen = ks[i];
                break;
            }
        }

        chosen ??= Curve(SelectionMethod.Gap, ks, gap, larger: true).ChosenClusters;
        return new KCurve(SelectionMethod.Gap, ks, gap, errors, chosen);
    }

    private static double InertiaOf(FeatureMatrix data, ClusteringResult result) =>
        double.IsNaN(result.Inertia) ? InternalMetrics.Inertia(data, result.Labels) : result.Inertia;
}
