using SegBench.Bench.Results;

namespace SegBench.Bench.Experiments;

/// <summary>Means and spreads across seeds, and per-dataset ranks of the algorithms.</summary>
public static class Aggregation
{
    /// <summary>Metrics where lower is better; every other metric ranks higher-is-better.</summary>
    public static readonly IReadOnlySet<string> LowerIsBetter = new HashSet<string>(StringComparer.Ordinal) { "davies_bouldin", "inertia" };

    /// <summary>Aggregates every metric of every (dataset, algorithm/preprocessing) over its seeds.</summary>
    public static IReadOnlyList<Aggregate> Compute(IReadOnlyList<RunResult> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var groups = runs
            .GroupBy(r => (Dataset: r.Dataset.Label, Algorithm: $"{r.Algorithm}/{r.Preprocessing}"))
            .Select(g => (g.Key.Dataset, g.Key.Algorithm, Runs: g.ToArray()))
            .ToArray();
        var result = new List<Aggregate>();
        foreach (var (dataset, algorithm, members) in groups)
        {
            var metrics = members.SelectMany(r => r.Metrics.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            foreach (var metric in metrics.Append("fit_seconds"))
            {
                var values = members.Select(r => metric == "fit_seconds" ? r.Timings.GetValueOrDefault("fit", double.NaN) : r.Metrics.GetValueOrDefault(metric, double.NaN)).Where(v => !double.IsNaN(v)).ToArray();
                if (values.Length == 0)
                {
                    continue;
                }

                var mean = values.Average();
                var sd = values.Length < 2 ? 0 : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
                double? share = metric switch
                {
                    "ari" => mean / members.Average(r => r.Ceiling.BayesAri),
                    "accuracy" => mean / members.Average(r => r.Ceiling.BayesAccuracy),
                    _ => null,
                };
                result.Add(new Aggregate(dataset, algorithm, metric, mean, sd, values.Length, 0, share));
            }
        }

        // Rank algorithms within each (dataset, metric); ties share the better rank.
        return result
            .GroupBy(a => (a.Dataset, a.Metric))
            .SelectMany(g =>
            {
                var lowerBetter = LowerIsBetter.Contains(g.Key.Metric) || g.Key.Metric == "fit_seconds";
                var ordered = (lowerBetter ? g.OrderBy(a => a.Mean) : g.OrderByDescending(a => a.Mean)).ToArray();
                return ordered.Select(a => a with { Rank = 1 + ordered.Count(b => lowerBetter ? b.Mean < a.Mean : b.Mean > a.Mean) });
            })
            .OrderBy(a => a.Dataset, StringComparer.Ordinal)
            .ThenBy(a => a.Metric, StringComparer.Ordinal)
            .ThenBy(a => a.Rank)
            .ThenBy(a => a.Algorithm, StringComparer.Ordinal)
            .ToArray();
    }
}
