using System.Globalization;
using SegBench.Bench.Reports.Svg;
using SegBench.Bench.Results;

namespace SegBench.Bench.Reports;

/// <summary>One chart of the HTML report: its kind (the <c>data-chart</c> attribute), its SVG and its caption.</summary>
/// <param name="Kind">The chart's kind, e.g. "ari-vs-separation".</param>
/// <param name="Svg">One or more SVG elements (small multiples sit side by side).</param>
/// <param name="Caption">The caption, plain text.</param>
public sealed record ReportFigure(string Kind, IReadOnlyList<string> Svg, string Caption);

/// <summary>Turns results into the report's charts. Each method returns null when the results hold no data for its chart.</summary>
public static class ReportCharts
{
    /// <summary>The kinds of chart, in the order the report shows them.</summary>
    public static IReadOnlyList<string> Kinds { get; } =
        ["ari-vs-separation", "fit-time-vs-rows", "k-selection", "projection", "confusion", "segment-sizes", "profile"];

    /// <summary>The order of choice-of-K criteria; others follow alphabetically.</summary>
    public static IReadOnlyList<string> CriterionOrder { get; } = ["silhouette", "calinski_harabasz", "davies_bouldin", "gap", "bic", "inertia"];

    /// <summary>Mean ARI ± sd against separation, one line per algorithm, at the largest row count, with the Bayes ceiling.</summary>
    public static ReportFigure? AriAgainstSeparation(IReadOnlyList<DatasetSummary> datasets)
    {
        var candidates = datasets
            .GroupBy(dataset => (dataset.Schema, dataset.Table, dataset.Rows))
            .Where(group => group.Select(dataset => dataset.Separation).Distinct().Count() >= 2)
            .OrderByDescending(group => group.Key.Rows)
            .ThenByDescending(group => group.Count())
            .FirstOrDefault();
        if (candidates is null)
        {
            return null;
        }

        var series = candidates
            .SelectMany(dataset => dataset.Algorithms.Select(algorithm => (dataset, algorithm)))
            .Where(pair => pair.algorithm.Metrics.ContainsKey("ari"))
            .GroupBy(pair => pair.algorithm.Algorithm, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => new LineSeries(group.Key, group.Select(pair =>
            {
                var ari = pair.algorithm.Metrics["ari"];
                return new SeriesPoint(pair.dataset.Separation, ari.Mean, ari.Mean - ari.StandardDeviation, ari.Mean + ari.StandardDeviation);
            }).ToList()))
            .ToList();
        series.Add(new LineSeries("Bayes ceiling", candidates.Select(dataset => new SeriesPoint(dataset.Separation, dataset.Ceiling.BayesAri)).ToList(), IsReference: true));
        var (schema, table, rows) = candidates.Key;
        var svg = LineChart.Render(new LineChartSpec
        {
            Title = $"ARI against separation ({table}, n = {rows:#,0})",
            XTitle = "separation (latent distance between segments, unitless)",
            YTitle = "adjusted Rand index (mean ± sd)",
            Series = series,
            YRange = (Math.Min(0, series.SelectMany(line => line.Points).Min(point => point.Low ?? point.Y)), 1),
        });
        return new ReportFigure(
            "ari-vs-separation",
            [svg],
            $"How well each algorithm recovers the planted segments of {schema}/{table} ({rows:#,0} rows) as they move apart. Points are means across seeds; bars are ± one standard deviation; the dashed grey line is the Bayes-optimal classifier's ARI, the best any clustering could do.");
    }

    /// <summary>Mean fit time against rows on log-log axes, one line per algorithm.</summary>
    public static ReportFigure? FitTimeAgainstRows(BenchResults results)
    {
        var series = results.Runs
            .Where(run => run.Timings.TryGetValue("fit", out var seconds) && seconds > 0)
            .GroupBy(ResultsSummary.AlgorithmKey, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => new LineSeries(group.Key, group
                .GroupBy(run => run.Dataset.Rows)
                .Select(rows =>
                {
                    var (mean, deviation, _) = ResultsSummary.Spread(rows.Select(run => run.Timings["fit"]));
                    return new SeriesPoint(rows.Key, mean, mean - deviation > 0 ? mean - deviation : null, mean - deviation > 0 ? mean + deviation : null);
                })
                .ToList()))
            .ToList();
        if (series.Count == 0 || series.All(line => line.Points.Count < 2))
        {
            return null;
        }

        var svg = LineChart.Render(new LineChartSpec
        {
            Title = "Fit time against rows",
            XTitle = "rows (log scale)",
            YTitle = "fit time, seconds (log scale)",
            Series = series,
            LogX = true,
            LogY = true,
        });
        return new ReportFigure(
            "fit-time-vs-rows",
            [svg],
            $"Wall-clock time of Fit alone, mean over seeds and separations, ± one standard deviation. {MarkdownReport.TimingNote}");
    }

    /// <summary>One small chart per choice-of-K criterion, with the planted K as a dashed vertical line and the chosen K ringed.</summary>
    public static ReportFigure? KSelection(RunResult? run)
    {
        if (run?.KSelection is not { Curves.Count: > 0 } selection)
        {
            return null;
        }

        var panels = selection.Curves
            .Where(curve => curve.Value.Count > 0)
            .OrderBy(curve => CriterionOrder.Contains(curve.Key) ? CriterionOrder.ToList().IndexOf(curve.Key) : CriterionOrder.Count)
            .ThenBy(curve => curve.Key, StringComparer.Ordinal)
            .Select(curve =>
            {
                var chosen = curve.Value.FirstOrDefault(point => (int)Math.Round(point.X) == selection.Chosen);
                return LineChart.Render(new LineChartSpec
                {
                    Title = CriterionTitle(curve.Key),
                    XTitle = "number of clusters K",
                    YTitle = CriterionUnit(curve.Key),
                    Series = [new LineSeries(curve.Key, curve.Value.Select(point => new SeriesPoint(point.X, point.Y)).ToList())],
                    Markers = [(run.PlantedK, $"planted K = {run.PlantedK}")],
                    Highlights = chosen is null ? [] : [(chosen.X, chosen.Y, $"chosen K = {selection.Chosen}")],
                    Width = 360,
                    Height = 260,
                    ShowLegend = false,
                });
            })
            .ToList();
        return new ReportFigure(
            "k-selection",
            panels,
            $"Choice of K for {run.Id}: each criterion against K. The dashed vertical line is the planted K ({run.PlantedK}); the ringed point is the K that {selection.Method} chose ({selection.Chosen}).");
    }

    /// <summary>The 2-D principal-component projection coloured by found cluster, beside the same points coloured by planted segment.</summary>
    public static ReportFigure? Projection(RunResult? run)
    {
        if (run?.Charts is not { Projection.Count: > 0 } charts)
        {
            return null;
        }

        // A found cluster takes the colour of the planted segment it overlaps most, so matching
        // colours across the two panels mean agreement.
        var match = MatchClusters(charts);
        var (plantedNames, plantedIndex) = Groups(charts.Projection.Select(point => point.Planted), label => label < charts.PlantedNames.Count ? charts.PlantedNames[label] : $"segment {label}", "outlier");
        var (foundNames, foundIndex) = FoundGroups(charts.Projection.Select(point => point.Found), match, Math.Max(plantedNames.Count, charts.PlantedNames.Count));
        var found = ScatterChart.Render(new ScatterChartSpec
        {
            Title = "Found clusters",
            XTitle = "first principal component (standardised units)",
            YTitle = "second principal component",
            Points = charts.Projection.Select(point => new ScatterPoint(point.X, point.Y, foundIndex[point.Found])).ToList(),
            GroupNames = foundNames,
        });
        var planted = ScatterChart.Render(new ScatterChartSpec
        {
            Title = "Planted segments",
            XTitle = "first principal component (standardised units)",
            YTitle = "second principal component",
            Points = charts.Projection.Select(point => new ScatterPoint(point.X, point.Y, plantedIndex[point.Planted])).ToList(),
            GroupNames = plantedNames,
        });
        return new ReportFigure(
            "projection",
            [found, planted],
            $"A sample of {charts.Projection.Count:#,0} rows of {run.Id} in the first two principal components: left coloured by the cluster found, right by the segment planted. Each found cluster has the colour of the planted segment it overlaps most, so a point whose colours differ between the panels was assigned away from its segment.");
    }

    /// <summary>The confusion of planted segments (rows, named) against found clusters (columns), with counts in the cells.</summary>
    public static ReportFigure? Confusion(RunResult? run)
    {
        if (run?.Charts is not { Confusion.Count: > 0 } charts)
        {
            return null;
        }

        var columns = charts.Confusion.Max(row => row.Count);
        var svg = Heatmap.Render(new HeatmapSpec
        {
            Title = "Planted segment against found cluster",
            RowLabels = charts.Confusion.Select((_, index) => index < charts.PlantedNames.Count ? charts.PlantedNames[index] : $"segment {index}").ToList(),
            ColumnLabels = Enumerable.Range(0, columns).Select(index => $"cluster {index}").ToList(),
            Values = charts.Confusion.Select(row => (IReadOnlyList<double>)row.Select(count => (double)count).ToList()).ToList(),
            RowTitle = "planted segment",
            ColumnTitle = "found cluster",
            ValueTitle = "rows",
            Format = value => value.ToString("#,0", CultureInfo.InvariantCulture),
            CellWidth = 70,
        });
        return new ReportFigure(
            "confusion",
            [svg],
            $"Rows of {run.Id} by planted segment (rows) and found cluster (columns). A perfect recovery puts all of each row in one column.");
    }

    /// <summary>Rows per planted segment beside rows of the found cluster that best matches it.</summary>
    public static ReportFigure? SegmentSizes(RunResult? run)
    {
        if (run?.Charts is not { SegmentSizes.Count: > 0 } charts)
        {
            return null;
        }

        var match = MatchClusters(charts);
        var categories = new List<string>();
        var planted = new List<double>();
        var found = new List<double>();
        for (var segment = 0; segment < charts.SegmentSizes.Count; segment++)
        {
            categories.Add(segment < charts.PlantedNames.Count ? charts.PlantedNames[segment] : $"segment {segment}");
            planted.Add(charts.SegmentSizes[segment]);
            found.Add(match.TryGetValue(segment, out var cluster) && cluster < charts.ClusterSizes.Count ? charts.ClusterSizes[cluster] : 0);
        }

        var matched = match.Values.ToHashSet();
        for (var cluster = 0; cluster < charts.ClusterSizes.Count; cluster++)
        {
            if (!matched.Contains(cluster))
            {
                categories.Add($"cluster {cluster} (unmatched)");
                planted.Add(double.NaN);
                found.Add(charts.ClusterSizes[cluster]);
            }
        }

        var svg = BarChart.Render(new BarChartSpec
        {
            Title = "Segment sizes: planted and found",
            XTitle = "planted segment (found cluster matched by largest overlap)",
            YTitle = "rows",
            Categories = categories,
            Series = [new BarSeries("planted", planted), new BarSeries("found", found)],
            Width = 560,
        });
        return new ReportFigure(
            "segment-sizes",
            [svg],
            $"Rows per planted segment of {run.Id} beside the found cluster that overlaps it most; clusters matching no segment are listed after.");
    }

    /// <summary>The found clusters' mean z-score on each profiled column, in diverging colours with the value in each cell.</summary>
    public static ReportFigure? Profile(RunResult? run)
    {
        if (run?.Charts is not { ProfileZScores.Count: > 0, ProfileColumns.Count: > 0 } charts)
        {
            return null;
        }

        var match = MatchClusters(charts).ToDictionary(pair => pair.Value, pair => pair.Key);
        var rowLabels = charts.ProfileZScores.Select((_, cluster) =>
        {
            var size = cluster < charts.ClusterSizes.Count ? $" (n={charts.ClusterSizes[cluster]:#,0})" : string.Empty;
            var like = match.TryGetValue(cluster, out var segment) && segment < charts.PlantedNames.Count ? $" ≈ {charts.PlantedNames[segment]}" : string.Empty;
            return $"cluster {cluster}{like}{size}";
        }).ToList();
        var svg = Heatmap.Render(new HeatmapSpec
        {
            Title = "Cluster profiles (z-score of the cluster mean)",
            RowLabels = rowLabels,
            ColumnLabels = charts.ProfileColumns,
            Values = charts.ProfileZScores,
            RowTitle = "found cluster",
            ColumnTitle = "column",
            ValueTitle = "z (sd)",
            Colouring = HeatmapColouring.Diverging,
            Format = value => value.ToString("+0.00;−0.00;0.00", CultureInfo.InvariantCulture),
            CellWidth = 70,
        });
        return new ReportFigure(
            "profile",
            [svg],
            $"How far each found cluster's mean of each column of {run.Id} sits from the overall mean, in overall standard deviations: red above, blue below.");
    }

    /// <summary>Each planted segment's best-matching found cluster (greedy on the largest confusion count, one cluster per segment).</summary>
    public static IReadOnlyDictionary<int, int> MatchClusters(RunCharts charts)
    {
        var cells = new List<(long Count, int Segment, int Cluster)>();
        for (var segment = 0; segment < charts.Confusion.Count; segment++)
        {
            for (var cluster = 0; cluster < charts.Confusion[segment].Count; cluster++)
            {
                cells.Add((charts.Confusion[segment][cluster], segment, cluster));
            }
        }

        var match = new Dictionary<int, int>();
        var used = new HashSet<int>();
        foreach (var (count, segment, cluster) in cells.OrderByDescending(cell => cell.Count).ThenBy(cell => cell.Segment).ThenBy(cell => cell.Cluster))
        {
            if (count > 0 && !match.ContainsKey(segment) && used.Add(cluster))
            {
                match[segment] = cluster;
            }
        }

        return match;
    }

    private static (IReadOnlyList<string> Names, Dictionary<int, int> Index) Groups(IEnumerable<int> labels, Func<int, string> name, string negativeName)
    {
        var distinct = labels.Distinct().ToList();
        var positive = distinct.Where(label => label >= 0).ToList();
        var count = positive.Count == 0 ? 0 : positive.Max() + 1;
        var names = Enumerable.Range(0, count).Select(name).ToList();
        var index = Enumerable.Range(0, count).ToDictionary(label => label, label => label);
        foreach (var negative in distinct.Where(label => label < 0))
        {
            index[negative] = names.Count;
            names.Add(negativeName);
        }

        return (names, index);
    }

    private static (IReadOnlyList<string> Names, Dictionary<int, int> Index) FoundGroups(IEnumerable<int> labels, IReadOnlyDictionary<int, int> match, int plantedCount)
    {
        var distinct = labels.Distinct().Order().ToList();
        var bySegment = match.ToDictionary(pair => pair.Value, pair => pair.Key);
        var names = Enumerable.Repeat(string.Empty, plantedCount).ToList();
        var index = new Dictionary<int, int>();
        foreach (var label in distinct)
        {
            if (label >= 0 && bySegment.TryGetValue(label, out var segment) && segment < plantedCount)
            {
                names[segment] = $"cluster {label}";
                index[label] = segment;
            }
        }

        foreach (var label in distinct.Where(label => !index.ContainsKey(label)))
        {
            index[label] = names.Count;
            names.Add(label < 0 ? "noise" : $"cluster {label}");
        }

        // Legend slots of segments no cluster matched stay, empty, so colours keep their meaning.
        return (names, index);
    }

    private static string CriterionTitle(string criterion) => criterion switch
    {
        "silhouette" => "Silhouette (higher is better)",
        "calinski_harabasz" => "Calinski–Harabasz (higher is better)",
        "davies_bouldin" => "Davies–Bouldin (lower is better)",
        "gap" => "Gap statistic (first K within one s.e.)",
        "bic" => "BIC (lower is better)",
        "inertia" => "Inertia (look for the elbow)",
        _ => criterion,
    };

    private static string CriterionUnit(string criterion) => criterion switch
    {
        "silhouette" => "mean silhouette (−1 to 1)",
        "calinski_harabasz" => "CH index (ratio)",
        "davies_bouldin" => "DB index (ratio)",
        "gap" => "gap (log inertia units)",
        "bic" => "BIC (nats)",
        "inertia" => "inertia (sum of squares)",
        _ => criterion,
    };
}
