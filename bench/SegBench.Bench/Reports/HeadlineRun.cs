using SegBench.Bench.Results;

namespace SegBench.Bench.Reports;

/// <summary>Chooses the run whose per-run charts the report draws.</summary>
public static class HeadlineRun
{
    /// <summary>The algorithm preferred for the headline, when it has chart data.</summary>
    public const string PreferredAlgorithm = "kmeans";

    /// <summary>
    /// The run with chart data, preferring k-means, then the largest dataset; the first seed and
    /// then matrix order break ties. Null when no run has charts.
    /// </summary>
    public static RunResult? Pick(BenchResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return results.Runs
            .Select((run, index) => (run, index))
            .Where(pair => pair.run.Charts is not null)
            .OrderByDescending(pair => pair.run.Algorithm == PreferredAlgorithm)
            .ThenByDescending(pair => pair.run.Dataset.Rows)
            .ThenBy(pair => pair.run.Dataset.Seed)
            .ThenBy(pair => pair.index)
            .Select(pair => pair.run)
            .FirstOrDefault();
    }

    /// <summary>The run whose choice-of-K curves the report draws: the headline if it has curves, else the first run in the same order that does.</summary>
    public static RunResult? PickForKSelection(BenchResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var headline = Pick(results);
        if (headline?.KSelection is not null)
        {
            return headline;
        }

        return results.Runs
            .Select((run, index) => (run, index))
            .Where(pair => pair.run.KSelection is not null)
            .OrderByDescending(pair => pair.run.Algorithm == PreferredAlgorithm)
            .ThenByDescending(pair => pair.run.Dataset.Rows)
            .ThenBy(pair => pair.run.Dataset.Seed)
            .ThenBy(pair => pair.index)
            .Select(pair => pair.run)
            .FirstOrDefault();
    }
}
