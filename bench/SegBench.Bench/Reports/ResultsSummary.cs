using SegBench.Bench.Results;

namespace SegBench.Bench.Reports;

/// <summary>A metric across seeds for one dataset and algorithm.</summary>
/// <param name="Mean">Mean over seeds.</param>
/// <param name="StandardDeviation">Sample standard deviation over seeds (0 for one seed).</param>
/// <param name="Runs">How many seeds.</param>
/// <param name="Rank">1 = best algorithm on the dataset for this metric.</param>
/// <param name="ShareOfCeiling">For ari and accuracy: the mean as a share of the Bayes ceiling.</param>
public sealed record MetricSummary(double Mean, double StandardDeviation, int Runs, int Rank, double? ShareOfCeiling);

/// <summary>One algorithm (with its preprocessing) on one dataset, across seeds.</summary>
/// <param name="Algorithm">"algorithm/preprocessing", as <see cref="Aggregate.Algorithm"/> names it.</param>
/// <param name="Metrics">Metric name → summary across seeds.</param>
/// <param name="FitSeconds">The fit time across seeds, in seconds (rank: 1 = fastest).</param>
/// <param name="PlantedK">The number of planted segments.</param>
/// <param name="FoundK">The number of clusters found by each seed's run.</param>
/// <param name="Runs">The runs, in matrix order.</param>
public sealed record AlgorithmSummary(
    string Algorithm,
    IReadOnlyDictionary<string, MetricSummary> Metrics,
    MetricSummary FitSeconds,
    int PlantedK,
    IReadOnlyList<int> FoundK,
    IReadOnlyList<RunResult> Runs);

/// <summary>One dataset (seed excluded) with its algorithms.</summary>
/// <param name="Label">The dataset label, as <see cref="DatasetKey.Label"/> gives it.</param>
/// <param name="Schema">The schema.</param>
/// <param name="Table">The table.</param>
/// <param name="Rows">The row count.</param>
/// <param name="Separation">The separation knob.</param>
/// <param name="Ceiling">The Bayes ceiling, averaged over seeds.</param>
/// <param name="Algorithms">The algorithms, best ARI first.</param>
public sealed record DatasetSummary(string Label, string Schema, string Table, long Rows, double Separation, Ceiling Ceiling, IReadOnlyList<AlgorithmSummary> Algorithms);

/// <summary>
/// The view of <see cref="BenchResults"/> that reports and the gate share: runs grouped by dataset
/// and algorithm. It takes the runner's aggregates where they exist and computes the same numbers
/// from the runs where they do not, so hand-made or partial results still render.
/// </summary>
public static class ResultsSummary
{
    /// <summary>Metrics where smaller is better; every other metric ranks larger first.</summary>
    public static IReadOnlySet<string> LowerIsBetter { get; } = new HashSet<string>(StringComparer.Ordinal) { "davies_bouldin", "inertia" };

    /// <summary>The key that joins runs, aggregates and baselines: "algorithm/preprocessing".</summary>
    public static string AlgorithmKey(RunResult run) => $"{run.Algorithm}/{run.Preprocessing}";

    /// <summary>Groups the runs by dataset (ordered by schema, table, rows, separation) and algorithm.</summary>
    public static IReadOnlyList<DatasetSummary> Summarise(BenchResults results)
    {
        var aggregates = results.Aggregates.ToDictionary(aggregate => (aggregate.Dataset, aggregate.Algorithm, aggregate.Metric));
        var datasets = new List<DatasetSummary>();
        foreach (var group in results.Runs
            .GroupBy(run => run.Dataset.Label)
            .OrderBy(group => group.First().Dataset.Schema, StringComparer.Ordinal)
            .ThenBy(group => group.First().Dataset.Table, StringComparer.Ordinal)
            .ThenBy(group => group.First().Dataset.Rows)
            .ThenBy(group => group.First().Dataset.Separation))
        {
            var first = group.First().Dataset;
            var ceiling = new Ceiling(group.Average(run => run.Ceiling.BayesAri), group.Average(run => run.Ceiling.BayesAccuracy));
            var byAlgorithm = group.GroupBy(AlgorithmKey).ToList();
            var metricNames = group.SelectMany(run => run.Metrics.Keys).Distinct().ToList();
            var computed = new Dictionary<(string Algorithm, string Metric), MetricSummary>();
            foreach (var metric in metricNames)
            {
                var spreads = byAlgorithm.Select(runs => (runs.Key, Spread(runs.Where(run => run.Metrics.ContainsKey(metric)).Select(run => run.Metrics[metric])))).ToList();
                foreach (var (algorithm, (mean, deviation, count)) in spreads)
                {
                    if (count == 0)
                    {
                        continue;
                    }

                    if (aggregates.TryGetValue((group.Key, algorithm, metric), out var aggregate))
                    {
                        computed[(algorithm, metric)] = new MetricSummary(aggregate.Mean, aggregate.StandardDeviation, aggregate.Runs, aggregate.Rank, aggregate.ShareOfCeiling ?? Share(metric, aggregate.Mean, ceiling));
                        continue;
                    }

                    var better = spreads.Count(other => other.Item2.Count > 0 && (LowerIsBetter.Contains(metric) ? other.Item2.Mean < mean : other.Item2.Mean > mean));
                    computed[(algorithm, metric)] = new MetricSummary(mean, deviation, count, better + 1, Share(metric, mean, ceiling));
                }
            }

            var fits = byAlgorithm.ToDictionary(runs => runs.Key, runs => Spread(runs.Where(run => run.Timings.ContainsKey("fit")).Select(run => run.Timings["fit"])));
            var algorithms = byAlgorithm.Select(runs => new AlgorithmSummary(
                    runs.Key,
                    metricNames.Where(metric => computed.ContainsKey((runs.Key, metric))).ToDictionary(metric => metric, metric => computed[(runs.Key, metric)], StringComparer.Ordinal),
                    FitSummary(fits, runs.Key),
                    runs.First().PlantedK,
                    runs.Select(run => run.FoundK).ToList(),
                    runs.ToList()))
                .OrderBy(summary => summary.Metrics.TryGetValue("ari", out var ari) ? ari.Rank : int.MaxValue)
                .ThenBy(summary => summary.Algorithm, StringComparer.Ordinal)
                .ToList();
            datasets.Add(new DatasetSummary(group.Key, first.Schema, first.Table, first.Rows, first.Separation, ceiling, algorithms));
        }

        return datasets;
    }

    /// <summary>Mean, sample standard deviation and count of some values.</summary>
    public static (double Mean, double StandardDeviation, int Count) Spread(IEnumerable<double> values)
    {
        var list = values.Where(double.IsFinite).ToList();
        if (list.Count == 0)
        {
            return (double.NaN, double.NaN, 0);
        }

        var mean = list.Average();
        var deviation = list.Count > 1 ? Math.Sqrt(list.Sum(value => (value - mean) * (value - mean)) / (list.Count - 1)) : 0;
        return (mean, deviation, list.Count);
    }

    private static MetricSummary FitSummary(Dictionary<string, (double Mean, double StandardDeviation, int Count)> fits, string algorithm)
    {
        var (mean, deviation, count) = fits[algorithm];
        var rank = 1 + fits.Values.Count(other => other.Count > 0 && other.Mean < mean);
        return new MetricSummary(mean, deviation, count, rank, null);
    }

    private static double? Share(string metric, double mean, Ceiling ceiling) => metric switch
    {
        "ari" when ceiling.BayesAri > 0 => mean / ceiling.BayesAri,
        "accuracy" when ceiling.BayesAccuracy > 0 => mean / ceiling.BayesAccuracy,
        _ => null,
    };
}
