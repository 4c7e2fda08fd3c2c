using System.Globalization;
using System.Net;
using System.Text;
using SegBench.Bench.Results;

namespace SegBench.Bench.Reports;

/// <summary>
/// Renders <c>report.html</c>: one self-contained file with inline CSS and inline SVG charts. It
/// loads nothing (no scripts, fonts, images or styles from anywhere), so it opens offline and can
/// be attached to a CI run as it is.
/// </summary>
public static class HtmlReport
{
    private const string Style = """
        :root { color-scheme: light; --ink: #222; --muted: #666; --rule: #ddd; --accent: #0072B2; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fafafa; }
        main { max-width: 1280px; margin: 0 auto; padding: 24px 32px 48px; }
        h1 { font-size: 26px; margin: 0 0 4px; }
        h2 { font-size: 20px; margin: 36px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--rule); }
        h3 { font-size: 16px; margin: 24px 0 6px; }
        p.lead, p.note { color: var(--muted); margin: 4px 0 12px; }
        p.note { border-left: 4px solid #E69F00; padding: 6px 12px; background: #fff8e6; color: #5a4300; }
        p.missing { color: var(--muted); font-style: italic; }
        table { border-collapse: collapse; margin: 8px 0 16px; background: #fff; }
        th, td { padding: 4px 10px; border-bottom: 1px solid var(--rule); text-align: right; white-space: nowrap; }
        th { background: #f0f0f0; font-weight: 600; }
        td.name, th.name { text-align: left; }
        tr.best td { font-weight: 600; }
        .figures { display: flex; flex-wrap: wrap; gap: 20px; align-items: flex-start; }
        figure { margin: 0; padding: 12px; background: #fff; border: 1px solid var(--rule); border-radius: 6px; max-width: 100%; }
        figure .panels { display: flex; flex-wrap: wrap; gap: 8px; }
        figure svg { display: block; max-width: 100%; height: auto; }
        /* width 0 + min-width 100%: the caption wraps to its chart instead of widening the figure. */
        figcaption { color: var(--muted); font-size: 13px; width: 0; min-width: 100%; margin-top: 6px; }
        footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
        """;

    /// <summary>Renders the report.</summary>
    public static string Render(BenchResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var datasets = ResultsSummary.Summarise(results);
        var headline = HeadlineRun.Pick(results);
        var kRun = HeadlineRun.PickForKSelection(results);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<title>SegBench report: {E(results.Matrix)}</title>\n<style>\n{Style}\n</style>\n</head>\n<body>\n<main>\n");
        html.Append(CultureInfo.InvariantCulture, $"<h1>SegBench report: {E(results.Matrix)}</h1>\n");
        var algorithms = results.Runs.Select(ResultsSummary.AlgorithmKey).Distinct().Order(StringComparer.Ordinal).ToList();
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"lead\">{results.Runs.Count} runs of {algorithms.Count} algorithms ({E(string.Join(", ", algorithms))}) on {datasets.Count} datasets. How well does clustering recover the planted segments?</p>\n");

        Environment(html, results);

        html.Append("<h2 id=\"overview\">Across datasets</h2>\n<div class=\"figures\">\n");
        Figure(html, ReportCharts.AriAgainstSeparation(datasets), "ARI against separation needs at least two separations at one row count.");
        Figure(html, ReportCharts.FitTimeAgainstRows(results), "Fit time against rows needs at least two row counts.");
        html.Append("</div>\n");

        html.Append("<h2 id=\"headline\">Headline run</h2>\n");
        if (headline is null)
        {
            html.Append("<p class=\"missing\">No run carries chart data, so the per-run charts are not drawn.</p>\n");
        }
        else
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"lead\">{E(headline.Id)}: {headline.Dataset.Rows:#,0} rows, separation {headline.Dataset.Separation:0.##}, seed {headline.Dataset.Seed}; found {headline.FoundK} clusters for {headline.PlantedK} planted segments; ARI {Metric(headline, "ari")} (Bayes ceiling {headline.Ceiling.BayesAri:0.000}).</p>\n");
        }

        html.Append("<div class=\"figures\">\n");
        Figure(html, ReportCharts.KSelection(kRun), "No run chose K automatically, so there are no choice-of-K curves.");
        if (headline is not null)
        {
            Figure(html, ReportCharts.Projection(headline), "The headline run has no projection.");
            Figure(html, ReportCharts.Confusion(headline), "The headline run has no confusion matrix.");
            Figure(html, ReportCharts.SegmentSizes(headline), "The headline run has no segment sizes.");
            Figure(html, ReportCharts.Profile(headline), "The headline run has no profile.");
        }

        html.Append("</div>\n");

        html.Append("<h2 id=\"datasets\">Scores by dataset</h2>\n");
        html.Append("<p class=\"lead\">Means ± sample standard deviations across seeds. Rank is by mean ARI (1 = best). ARI / ceiling is the mean ARI as a share of the Bayes-optimal classifier's.</p>\n");
        foreach (var dataset in datasets)
        {
            DatasetTable(html, dataset);
        }

        html.Append(CultureInfo.InvariantCulture, $"<footer>{E(MarkdownReport.TimingNote)} Generated by SegBench from results format version {results.FormatVersion}.</footer>\n");
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Environment(StringBuilder html, BenchResults results)
    {
        var environment = results.Environment;
        html.Append("<h2 id=\"environment\">Environment</h2>\n<table>\n");
        Row(html, "CPU", $"{environment.CpuModel} ({environment.Cores} cores)");
        Row(html, ".NET", environment.DotnetVersion);
        Row(html, "OS", environment.OperatingSystem);
        Row(html, "commit", environment.Commit ?? "unknown");
        Row(html, "machine", environment.MachineName);
        html.Append("</table>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\"><strong>Note.</strong> {E(MarkdownReport.TimingNote)}</p>\n");

        static void Row(StringBuilder html, string name, string value) =>
            html.Append(CultureInfo.InvariantCulture, $"<tr><th class=\"name\">{E(name)}</th><td class=\"name\">{E(value)}</td></tr>\n");
    }

    private static void DatasetTable(StringBuilder html, DatasetSummary dataset)
    {
        var planted = dataset.Algorithms.Count > 0 ? dataset.Algorithms[0].PlantedK : 0;
        html.Append(CultureInfo.InvariantCulture, $"<h3>{E(dataset.Label)}</h3>\n<p class=\"lead\">{dataset.Rows:#,0} rows, separation {dataset.Separation:0.##}, {planted} planted segments. Bayes ceiling: ARI {dataset.Ceiling.BayesAri:0.000}, accuracy {dataset.Ceiling.BayesAccuracy:0.000}.</p>\n");
        html.Append("<table>\n<tr><th>rank</th><th class=\"name\">algorithm</th>");
        foreach (var (_, name) in ReportFormat.QualityColumns)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>{E(name)}</th>");
        }

        html.Append("<th>ARI / ceiling</th><th>fit time</th><th>K found / planted</th><th>seeds</th></tr>\n");
        foreach (var algorithm in dataset.Algorithms)
        {
            algorithm.Metrics.TryGetValue("ari", out var ari);
            html.Append(ari?.Rank == 1 ? "<tr class=\"best\">" : "<tr>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{(ari is null ? "–" : ari.Rank.ToString(CultureInfo.InvariantCulture))}</td><td class=\"name\">{E(algorithm.Algorithm)}</td>");
            foreach (var (metric, _) in ReportFormat.QualityColumns)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td>{E(ReportFormat.MeanSd(algorithm.Metrics.GetValueOrDefault(metric)))}</td>");
            }

            html.Append(CultureInfo.InvariantCulture, $"<td>{E(ReportFormat.Percent(ari?.ShareOfCeiling))}</td><td>{E(ReportFormat.Timing(algorithm.FitSeconds))}</td><td>{E(ReportFormat.FoundK(algorithm))}</td><td>{algorithm.Runs.Count}</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Figure(StringBuilder html, ReportFigure? figure, string whenMissing)
    {
        if (figure is null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"missing\">{E(whenMissing)}</p>\n");
            return;
        }

        html.Append(CultureInfo.InvariantCulture, $"<figure id=\"chart-{figure.Kind}\" data-chart=\"{figure.Kind}\">\n<div class=\"panels\">\n");
        foreach (var svg in figure.Svg)
        {
            html.Append(svg).Append('\n');
        }

        html.Append(CultureInfo.InvariantCulture, $"</div>\n<figcaption>{E(figure.Caption)}</figcaption>\n</figure>\n");
    }

    private static string Metric(RunResult run, string metric) =>
        run.Metrics.TryGetValue(metric, out var value) ? value.ToString("0.000", CultureInfo.InvariantCulture) : "–";

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
