using SegBench.Bench.Reports;
using SegBench.Bench.Results;

namespace SegBench.Bench.Gate;

/// <summary>
/// Compares results with a committed baseline. A quality metric that falls by more than its
/// tolerance, or a baseline run the results lack, fails the gate; an improvement passes and is
/// flagged; a run the baseline lacks is reported as new. Time is compared only when the
/// baseline's timing gate is on.
/// </summary>
public static class QualityGate
{
    // Baseline means are stored rounded to six decimals; this slack keeps a change of exactly the
    // tolerance inside it despite that rounding.
    private const double Slack = 1e-6;

    /// <summary>Compares the results with the baseline.</summary>
    public static GateReport Compare(BenchResults results, Baseline baseline)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(baseline);
        var tolerances = baseline.Tolerances.Validate();
        var actual = ResultsSummary.Summarise(results)
            .SelectMany(dataset => dataset.Algorithms.Select(algorithm => (dataset.Label, algorithm)))
            .ToDictionary(pair => (pair.Label, pair.algorithm.Algorithm), pair => pair.algorithm);
        var rows = new List<GateRow>();
        var seen = new HashSet<(string, string)>();
        foreach (var entry in baseline.Entries)
        {
            seen.Add((entry.Dataset, entry.Algorithm));
            actual.TryGetValue((entry.Dataset, entry.Algorithm), out var summary);
            foreach (var (metric, expected) in entry.Metrics)
            {
                var tolerance = tolerances.For(metric);
                if (summary is null || !summary.Metrics.TryGetValue(metric, out var found) || !double.IsFinite(found.Mean))
                {
                    rows.Add(new GateRow(entry.Dataset, entry.Algorithm, metric, expected, null, null, tolerance, GateStatus.Missing));
                    continue;
                }

                var delta = found.Mean - expected;
                var gain = ResultsSummary.LowerIsBetter.Contains(metric) ? -delta : delta;
                var status = gain < -tolerance - Slack ? GateStatus.Regressed
                    : gain > tolerance + Slack ? GateStatus.Improved
                    : GateStatus.Ok;
                rows.Add(new GateRow(entry.Dataset, entry.Algorithm, metric, expected, found.Mean, delta, tolerance, status));
            }

            if (tolerances.Timing.Enabled && entry.Timings.TryGetValue(tolerances.Timing.Step, out var expectedSeconds))
            {
                rows.Add(TimingRow(entry, summary, expectedSeconds, tolerances.Timing));
            }
        }

        foreach (var ((dataset, algorithm), summary) in actual.OrderBy(pair => pair.Key.Label, StringComparer.Ordinal).ThenBy(pair => pair.Key.Algorithm, StringComparer.Ordinal))
        {
            if (seen.Contains((dataset, algorithm)))
            {
                continue;
            }

            foreach (var (metric, found) in summary.Metrics.Where(metric => tolerances.Metrics.ContainsKey(metric.Key)).OrderBy(metric => metric.Key, StringComparer.Ordinal))
            {
                rows.Add(new GateRow(dataset, algorithm, metric, null, found.Mean, null, tolerances.For(metric), GateStatus.New));
            }
        }

        return new GateReport(rows);
    }

    private static GateRow TimingRow(BaselineEntry entry, AlgorithmSummary? summary, double expectedSeconds, TimingGate timing)
    {
        var metric = $"time:{timing.Step}";
        var times = summary?.Runs.Where(run => run.Timings.ContainsKey(timing.Step)).Select(run => run.Timings[timing.Step]).ToList();
        if (times is null || times.Count == 0)
        {
            return new GateRow(entry.Dataset, entry.Algorithm, metric, expectedSeconds, null, null, timing.MaximumRatio, GateStatus.Missing);
        }

        var seconds = times.Average();
        var ratio = expectedSeconds > 0 ? seconds / expectedSeconds : double.PositiveInfinity;
        var status = expectedSeconds < timing.MinimumSeconds ? GateStatus.Ok
            : ratio > timing.MaximumRatio + Slack ? GateStatus.Regressed
            : ratio < 1 / timing.MaximumRatio ? GateStatus.Improved
            : GateStatus.Ok;
        return new GateRow(entry.Dataset, entry.Algorithm, metric, expectedSeconds, seconds, double.IsFinite(ratio) ? ratio : null, timing.MaximumRatio, status);
    }
}
