using System.Globalization;

namespace SegBench.Bench.Reports;

/// <summary>Number formats the reports share, all in the invariant culture.</summary>
public static class ReportFormat
{
    /// <summary>The quality metrics the reports tabulate, with their display names.</summary>
    public static IReadOnlyList<(string Metric, string Name)> QualityColumns { get; } =
        [("ari", "ARI"), ("ami", "AMI"), ("nmi", "NMI"), ("accuracy", "accuracy")];

    /// <summary>"0.812 ± 0.010", or "–" when absent.</summary>
    public static string MeanSd(MetricSummary? summary) =>
        summary is null || !double.IsFinite(summary.Mean)
            ? "–"
            : summary.Runs > 1
                ? string.Create(CultureInfo.InvariantCulture, $"{summary.Mean:0.000} ± {summary.StandardDeviation:0.000}")
                : summary.Mean.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>A share as a percentage, "89.0%", or "–".</summary>
    public static string Percent(double? share) =>
        share is { } value && double.IsFinite(value) ? value.ToString("0.0%", CultureInfo.InvariantCulture) : "–";

    /// <summary>Seconds with three significant digits, switching to milliseconds below one second.</summary>
    public static string Seconds(double seconds) => seconds switch
    {
        _ when !double.IsFinite(seconds) => "–",
        < 1 => (seconds * 1000).ToString(seconds * 1000 < 10 ? "0.00" : seconds * 1000 < 100 ? "0.0" : "0", CultureInfo.InvariantCulture) + " ms",
        < 10 => seconds.ToString("0.00", CultureInfo.InvariantCulture) + " s",
        < 100 => seconds.ToString("0.0", CultureInfo.InvariantCulture) + " s",
        _ => seconds.ToString("0", CultureInfo.InvariantCulture) + " s",
    };

    /// <summary>Fit time as "12.3 ms ± 0.4 ms".</summary>
    public static string Timing(MetricSummary summary) =>
        summary.Runs == 0 ? "–" : summary.Runs > 1 ? $"{Seconds(summary.Mean)} ± {Seconds(summary.StandardDeviation)}" : Seconds(summary.Mean);

    /// <summary>"4 / 4" when every seed found the same K, else "3–5 / 4".</summary>
    public static string FoundK(AlgorithmSummary algorithm)
    {
        var minimum = algorithm.FoundK.DefaultIfEmpty(0).Min();
        var maximum = algorithm.FoundK.DefaultIfEmpty(0).Max();
        var found = minimum == maximum ? minimum.ToString(CultureInfo.InvariantCulture) : $"{minimum}–{maximum}";
        return $"{found} / {algorithm.PlantedK}";
    }

    /// <summary>Bytes as "1.2 GiB".</summary>
    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("0.0", CultureInfo.InvariantCulture) + " GiB",
        >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
        _ => (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KiB",
    };
}
