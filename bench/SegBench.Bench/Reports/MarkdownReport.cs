using System.Globalization;
using System.Text;
using SegBench.Bench.Results;

namespace SegBench.Bench.Reports;

/// <summary>Renders <c>report.md</c>: the environment, then one table per dataset of every algorithm's scores across seeds.</summary>
public static class MarkdownReport
{
    /// <summary>The note that goes beside every timing.</summary>
    public const string TimingNote =
        "Timings were measured on this machine, which may be shared with other work: they are noisy. " +
        "Compare them within one report, not across machines.";

    /// <summary>Renders the report.</summary>
    public static string Render(BenchResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var datasets = ResultsSummary.Summarise(results);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# SegBench report: {Escape(results.Matrix)}\n\n");
        var algorithms = results.Runs.Select(ResultsSummary.AlgorithmKey).Distinct().Order(StringComparer.Ordinal).ToList();
        text.Append(CultureInfo.InvariantCulture, $"{results.Runs.Count} runs of {algorithms.Count} algorithms ({Escape(string.Join(", ", algorithms))}) on {datasets.Count} datasets. ");
        text.Append("Scores are means ± sample standard deviations across seeds; the rank is by mean ARI (1 = best). ");
        text.Append("\"ARI / ceiling\" is the mean ARI as a share of the Bayes-optimal classifier's ARI on the same data.\n\n");

        text.Append("## Environment\n\n| | |\n|---|---|\n");
        var environment = results.Environment;
        text.Append(CultureInfo.InvariantCulture, $"| CPU | {Escape(environment.CpuModel)} ({environment.Cores} cores) |\n");
        text.Append(CultureInfo.InvariantCulture, $"| .NET | {Escape(environment.DotnetVersion)} |\n");
        text.Append(CultureInfo.InvariantCulture, $"| OS | {Escape(environment.OperatingSystem)} |\n");
        text.Append(CultureInfo.InvariantCulture, $"| commit | {Escape(environment.Commit ?? "unknown")} |\n");
        text.Append(CultureInfo.InvariantCulture, $"| machine | {Escape(environment.MachineName)} |\n");
        var peak = results.Runs.Select(run => run.PeakMemoryBytes).DefaultIfEmpty(0).Max();
        if (peak > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"| peak memory | {ReportFormat.Bytes(peak)} |\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"\n> **Note.** {TimingNote}\n");

        foreach (var dataset in datasets)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n## {Escape(dataset.Label)}\n\n");
            text.Append(CultureInfo.InvariantCulture, $"{dataset.Rows:#,0} rows, separation {dataset.Separation:0.##}, {(dataset.Algorithms.Count > 0 ? dataset.Algorithms[0].PlantedK : 0)} planted segments. ");
            text.Append(CultureInfo.InvariantCulture, $"Bayes ceiling: ARI {dataset.Ceiling.BayesAri:0.000}, accuracy {dataset.Ceiling.BayesAccuracy:0.000}.\n\n");
            text.Append("| rank | algorithm |");
            foreach (var (_, name) in ReportFormat.QualityColumns)
            {
                text.Append(' ').Append(name).Append(" |");
            }

            text.Append(" ARI / ceiling | fit time | K found / planted | seeds |\n|---:|---|");
            text.Append(string.Concat(Enumerable.Repeat("---:|", ReportFormat.QualityColumns.Count)));
            text.Append("---:|---:|---:|---:|\n");
            foreach (var algorithm in dataset.Algorithms)
            {
                algorithm.Metrics.TryGetValue("ari", out var ari);
                text.Append(CultureInfo.InvariantCulture, $"| {(ari is null ? "–" : ari.Rank.ToString(CultureInfo.InvariantCulture))} | {Escape(algorithm.Algorithm)} |");
                foreach (var (metric, _) in ReportFormat.QualityColumns)
                {
                    text.Append(' ').Append(ReportFormat.MeanSd(algorithm.Metrics.GetValueOrDefault(metric))).Append(" |");
                }

                text.Append(CultureInfo.InvariantCulture, $" {ReportFormat.Percent(ari?.ShareOfCeiling)} | {ReportFormat.Timing(algorithm.FitSeconds)} | {ReportFormat.FoundK(algorithm)} | {algorithm.Runs.Count} |\n");
            }
        }

        text.Append(CultureInfo.InvariantCulture, $"\n---\n\nFit times are wall-clock seconds of `Fit` alone. {TimingNote}\n");
        return text.ToString();
    }

    private static string Escape(string value) => value.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
