using System.Text.Json.Nodes;
using SegBench.Clustering;
using SegBench.Clustering.Metrics;

namespace SegBench.Cli.Commands.Clustering;

/// <summary>The internal indices of one labeling; null where undefined (fewer than two clusters, or every row its own).</summary>
/// <param name="Silhouette">The mean silhouette, exact up to <see cref="SampleLimit"/> rows, else on a seeded sample of that many.</param>
/// <param name="SilhouetteSampleSize">The rows the silhouette was computed on.</param>
/// <param name="DaviesBouldin">The Davies-Bouldin index (lower is better).</param>
/// <param name="CalinskiHarabasz">The Calinski-Harabasz index (higher is better).</param>
internal sealed record InternalScores(double? Silhouette, int SilhouetteSampleSize, double? DaviesBouldin, double? CalinskiHarabasz)
{
    /// <summary>Above this many rows the silhouette (O(n²)) is computed on a seeded sample.</summary>
    public const int SampleLimit = 10_000;

    /// <summary>Scores <paramref name="labels"/> on <paramref name="features"/>; noise (-1) counts as a cluster, as in scikit-learn.</summary>
    public static InternalScores Compute(FeatureMatrix features, ReadOnlySpan<int> labels, ulong seed)
    {
        var sample = Math.Min(features.Rows, SampleLimit);
        var options = new InternalMetricOptions(SampleSize: features.Rows > SampleLimit ? SampleLimit : 0, Seed: seed);
        var labelArray = labels.ToArray();
        return new InternalScores(
            OrNull(() => InternalMetrics.Silhouette(features, labelArray, options)),
            sample,
            OrNull(() => InternalMetrics.DaviesBouldin(features, labelArray)),
            OrNull(() => InternalMetrics.CalinskiHarabasz(features, labelArray)));
    }

    /// <summary>Adds the scores to a JSON summary.</summary>
    public void AddTo(JsonObject json)
    {
        json["silhouette"] = Silhouette;
        json["silhouette_sample_size"] = SilhouetteSampleSize;
        json["davies_bouldin"] = DaviesBouldin;
        json["calinski_harabasz"] = CalinskiHarabasz;
    }

    /// <summary>A value for a human summary.</summary>
    public static string Show(double? value) => value is { } number ? number.ToString("F4", System.Globalization.CultureInfo.InvariantCulture) : "n/a";

    /// <summary>A number JSON can hold (NaN and infinities become null).</summary>
    public static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static double? OrNull(Func<double> metric)
    {
        try
        {
            return Finite(metric());
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
