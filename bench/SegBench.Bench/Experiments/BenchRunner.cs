using System.Diagnostics;
using System.Globalization;
using SegBench.Bench.Results;
using SegBench.Clustering;
using SegBench.Clustering.Metrics;
using SegBench.Clustering.Pipeline;
using SegBench.Clustering.Selection;
using SegBench.Data;
using SegBench.Generator.Engine;
using SegBench.Generator.Schema;

namespace SegBench.Bench.Experiments;

/// <summary>Progress of a matrix run.</summary>
/// <param name="Done">Runs finished.</param>
/// <param name="Total">Runs in the matrix.</param>
/// <param name="Current">The run just finished.</param>
/// <param name="Remaining">An estimate of the time left, from the pace so far.</param>
public readonly record struct BenchProgress(int Done, int Total, string Current, TimeSpan Remaining);

/// <summary>
/// Runs an experiment matrix: for each dataset and seed it generates the table in memory (no file
/// round trip), then for each preprocessing variant and algorithm it fits, scores against the
/// planted truth and the Bayes ceiling, and times each step. Metric values depend only on the
/// matrix and its seeds, so the same matrix gives the same numbers bit for bit on one machine.
/// The vectorised distance sums follow the CPU's vector width, so across machines the geometric
/// metrics (inertia, silhouette, Calinski-Harabasz, Davies-Bouldin) can differ in their last
/// digits (the smoke matrix run with and without hardware intrinsics kept every chosen K and every
/// label-based score, ARI, NMI and the rest, identical).
/// </summary>
public static class BenchRunner
{
    /// <summary>Rows of the headline run drawn in the projection chart.</summary>
    public const int ProjectionPoints = 1500;

    /// <summary>Runs every cell of the matrix.</summary>
    public static BenchResults Run(ExperimentMatrix matrix, IProgress<BenchProgress>? progress = null, string? workDirectory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var runs = new List<RunResult>();
        var total = matrix.RunCount;
        var clock = Stopwatch.StartNew();

        // A report draws one run per dataset, so only the first charted run of each computes chart data.
        var charted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dataset in matrix.Datasets)
        {
            var schema = SchemaLoader.Load(dataset.SchemaPath);
            foreach (var rows in dataset.Rows)
            {
                foreach (var separation in dataset.Separations)
                {
                    foreach (var seed in matrix.Seeds)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        var generateClock = Stopwatch.StartNew();
                        var table = DatasetPlan.Compile(schema, seed, separation).Table(dataset.Table);
                        var generated = InMemoryTable.Generate(table, rows);
                        var generateSeconds = generateClock.Elapsed.TotalSeconds;
                        var declared = schema.Tables.First(t => t.Name == dataset.Table).Segments?.Separation ?? 1;
                        var key = new DatasetKey(dataset.SchemaName, dataset.Table, rows, separation ?? declared, seed) { SchemaSeparation = declared };
                        foreach (var preprocessing in matrix.Preprocessing)
                        {
                            foreach (var algorithm in matrix.Algorithms)
                            {
                                var drawCharts = algorithm.Label == matrix.ChartsAlgorithm && !charted.Contains(key.Label);
                                var run = RunOne(matrix, key, generated, table, preprocessing, algorithm, generateSeconds, drawCharts, workDirectory, cancellationToken);
                                if (run.Charts is not null)
                                {
                                    charted.Add(key.Label);
                                }

                                runs.Add(run);
                                var pace = clock.Elapsed / runs.Count;
                                progress?.Report(new BenchProgress(runs.Count, total, run.Id, pace * (total - runs.Count)));
                            }
                        }
                    }
                }
            }
        }

        return new BenchResults
        {
            Matrix = matrix.Name,
            Environment = EnvironmentInfo.Capture(Path.GetDirectoryName(matrix.Path)),
            Runs = runs,
            Aggregates = Aggregation.Compute(runs),
        };
    }

    private static RunResult RunOne(ExperimentMatrix matrix, DatasetKey dataset, InMemoryTable generated, TablePlan plan, PreprocessingEntry preprocessing, AlgorithmEntry algorithm, double generateSeconds, bool drawCharts, string? workDirectory, CancellationToken cancellationToken)
    {
        var planted = generated.SegmentNames.Count;
        var id = string.Create(CultureInfo.InvariantCulture, $"{dataset.Table}-n{dataset.Rows}-sep{dataset.Separation:0.##}-s{dataset.Seed}/{algorithm.Label}/{preprocessing.Label}");
        var k = algorithm.K switch { KChoice.Planted => planted, KChoice.Fixed => algorithm.FixedK, _ => (int?)null };
        int[] labels;
        var timings = new Dictionary<string, double> { ["generate"] = generateSeconds };
        KSelectionResult? selection = null;
        SegmentationFit? fit = null;
        if (algorithm.Command is not null)
        {
            var external = ExternalAlgorithm.Run(algorithm, generated, plan, k ?? planted, dataset.Seed, workDirectory, cancellationToken);
            labels = external.Labels;
            timings["fit"] = external.Seconds;
        }
        else
        {
            var options = algorithm.Options! with
            {
                Clusters = k,
                Seed = (int)(dataset.Seed % int.MaxValue),
                MinimumK = matrix.KSelection.MinimumClusters,
                MaximumK = matrix.KSelection.MaximumClusters,
                KMethod = matrix.KSelection.Method,
                // The gap curve costs GapReferences times the rest of choosing K. Unless it chooses, it
                // is only drawn, from a first-seed run (HeadlineRun), so later seeds skip it.
                GapReferences = matrix.KSelection.Method == SelectionMethod.Gap || dataset.Seed == matrix.Seeds[0] ? matrix.KSelection.GapReferences : 0,
            };
            var preprocessClock = Stopwatch.StartNew();
            fit = SegmentationModel.Fit(generated.Data, preprocessing.Options, options, plan.KeyColumn, cancellationToken);
            timings["preprocess_and_fit"] = preprocessClock.Elapsed.TotalSeconds;
            timings["fit"] = fit.FitSeconds;
            labels = fit.Result.Labels;
            selection = fit.Selection;
        }

        var scoreClock = Stopwatch.StartNew();
        var metrics = Score(generated.Segments, labels, fit);
        timings["score"] = scoreClock.Elapsed.TotalSeconds;
        return new RunResult
        {
            Id = id,
            Dataset = dataset,
            Algorithm = algorithm.Label,
            Parameters = algorithm.Parameters,
            Preprocessing = preprocessing.Label,
            PlantedK = planted,
            FoundK = labels.Where(l => l >= 0).Distinct().Count(),
            Metrics = metrics,
            Ceiling = new Ceiling(generated.Difficulty.BayesAri, generated.Difficulty.BayesAccuracy),
            Timings = timings,
            PeakMemoryBytes = Process.GetCurrentProcess().PeakWorkingSet64,
            KSelection = selection is null ? null : Curves(selection),
            Charts = drawCharts && fit is not null ? Charts(generated, fit, labels) : null,
        };
    }

    /// <summary>External metrics against the planted segments (outliers count as their own label), and internal ones when features exist.</summary>
    public static Dictionary<string, double> Score(int[] truth, int[] labels, SegmentationFit? fit)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(labels);
        var external = ExternalMetrics.Compute(truth, labels);
        var metrics = new Dictionary<string, double>
        {
            ["ari"] = external.AdjustedRandIndex,
            ["ami"] = external.AdjustedMutualInformation,
            ["nmi"] = external.NormalizedMutualInformation,
            ["fmi"] = external.FowlkesMallows,
            ["homogeneity"] = external.Homogeneity,
            ["completeness"] = external.Completeness,
            ["v_measure"] = external.VMeasure,
            ["accuracy"] = external.BestMatchAccuracy,
            ["nca"] = external.NormalizedClusteringAccuracy,
        };
        if (fit is not null && labels.Where(l => l >= 0).Distinct().Count() > 1)
        {
            var sampled = new InternalMetricOptions(SampleSize: Math.Min(fit.Features.Rows, 4000), Seed: 7);
            metrics["silhouette"] = InternalMetrics.Silhouette(fit.Features, labels, sampled);
            metrics["davies_bouldin"] = InternalMetrics.DaviesBouldin(fit.Features, labels);
            metrics["calinski_harabasz"] = InternalMetrics.CalinskiHarabasz(fit.Features, labels);
            metrics["inertia"] = InternalMetrics.Inertia(fit.Features, labels);
        }

        return metrics;
    }

    private static KSelection Curves(KSelectionResult selection) => new(
        selection.Method.ToString(),
        selection.ChosenClusters,
        selection.Curves.ToDictionary(
            c => c.Method.ToString(),
            c => (IReadOnlyList<CurvePoint>)c.Clusters.Zip(c.Values, (k, v) => new CurvePoint(k, v)).ToArray()));

    private static RunCharts Charts(InMemoryTable generated, SegmentationFit fit, int[] labels)
    {
        var features = fit.Features;
        var found = Math.Max(1, labels.Max() + 1);
        var planted = generated.SegmentNames.Count;
        var confusion = new long[planted][];
        for (var s = 0; s < planted; s++)
        {
            confusion[s] = new long[found];
        }

        for (var r = 0; r < labels.Length; r++)
        {
            if (generated.Segments[r] >= 0 && labels[r] >= 0)
            {
                confusion[generated.Segments[r]][labels[r]]++;
            }
        }

        var profile = fit.Model.Profile;
        var columns = profile.Clusters.SelectMany(c => c.Numeric.Select(n => n.Column)).Distinct(StringComparer.Ordinal).ToArray();
        var zScores = profile.Clusters.OrderBy(c => c.Cluster)
            .Select(c => (IReadOnlyList<double>)columns.Select(column => c.Numeric.FirstOrDefault(n => n.Column == column)?.MeanZScore ?? 0).ToArray())
            .ToArray();
        return new RunCharts(
            Projection.FirstTwoComponents(features, labels, generated.Segments, ProjectionPoints),
            confusion.Select(row => (IReadOnlyList<long>)row).ToArray(),
            generated.SegmentNames,
            Enumerable.Range(0, found).Select(c => (long)labels.Count(l => l == c)).ToArray(),
            Enumerable.Range(0, planted).Select(s => (long)generated.Segments.Count(x => x == s)).ToArray(),
            columns,
            zScores);
    }
}
