using SegBench.Bench.Results;

namespace SegBench.Bench.Tests.Fixtures;

/// <summary>
/// Makes plausible <see cref="BenchResults"/>: algorithms × separations × row counts × seeds, with
/// scores that rise with separation below a Bayes ceiling, fit times that grow with rows, and chart
/// data (projection, confusion, sizes, profile, choice-of-K curves) on the large k-means and gmm runs.
/// Deterministic: the same settings give the same results.
/// </summary>
internal sealed class ResultsBuilder
{
    public const int PlantedK = 4;

    public static readonly string[] SegmentNames = ["young_salaried", "affluent_investors", "mass_retail", "credit_heavy"];

    private static readonly string[] ProfileColumns = ["age", "networth", "monthly_spend", "cards", "utilisation", "tenure_years"];

    private string[] algorithms = ["kmeans", "gmm", "dbscan"];
    private double[] separations = [1.0, 1.5, 2.0, 2.5, 3.0];
    private long[] rows = [2_000, 20_000, 200_000];
    private ulong[] seeds = [1, 2, 3];
    private bool aggregates = true;
    private bool charts = true;
    private bool kSelection = true;

    public ResultsBuilder WithAlgorithms(params string[] names)
    {
        algorithms = names;
        return this;
    }

    public ResultsBuilder WithSeparations(params double[] values)
    {
        separations = values;
        return this;
    }

    public ResultsBuilder WithRows(params long[] values)
    {
        rows = values;
        return this;
    }

    public ResultsBuilder WithSeeds(params ulong[] values)
    {
        seeds = values;
        return this;
    }

    public ResultsBuilder WithoutAggregates()
    {
        aggregates = false;
        return this;
    }

    public ResultsBuilder WithoutCharts()
    {
        charts = false;
        return this;
    }

    public ResultsBuilder WithoutKSelection()
    {
        kSelection = false;
        return this;
    }

    public BenchResults Build()
    {
        var runs = new List<RunResult>();
        foreach (var rowCount in rows)
        {
            foreach (var separation in separations)
            {
                foreach (var seed in seeds)
                {
                    foreach (var algorithm in algorithms)
                    {
                        runs.Add(Run(algorithm, rowCount, separation, seed));
                    }
                }
            }
        }

        return Results(runs, aggregates);
    }

    /// <summary>Results over the given runs, with aggregates computed as the runner would.</summary>
    public static BenchResults Results(IReadOnlyList<RunResult> runs, bool withAggregates = true) => new()
    {
        Matrix = "fixture-matrix",
        Environment = new BenchEnvironment("Fixture CPU @ 2.0GHz", 2, ".NET 10.0.0", "Debian GNU/Linux 12", "abc1234", "fixture-host"),
        Runs = runs,
        Aggregates = withAggregates ? Aggregates(runs) : [],
    };

    /// <summary>Per (dataset, algorithm, metric): mean, sample sd, rank (1 = best), share of ceiling.</summary>
    public static IReadOnlyList<Aggregate> Aggregates(IReadOnlyList<RunResult> runs)
    {
        var aggregates = new List<Aggregate>();
        foreach (var dataset in runs.GroupBy(run => run.Dataset.Label))
        {
            var metrics = dataset.SelectMany(run => run.Metrics.Keys).Distinct().ToList();
            foreach (var metric in metrics)
            {
                var means = dataset.GroupBy(run => $"{run.Algorithm}/{run.Preprocessing}")
                    .Where(group => group.Any(run => run.Metrics.ContainsKey(metric)))
                    .Select(group =>
                    {
                        var values = group.Where(run => run.Metrics.ContainsKey(metric)).Select(run => run.Metrics[metric]).ToList();
                        var mean = values.Average();
                        var sd = values.Count > 1 ? Math.Sqrt(values.Sum(value => (value - mean) * (value - mean)) / (values.Count - 1)) : 0;
                        return (Algorithm: group.Key, Mean: mean, Sd: sd, Count: values.Count, Ceiling: group.Average(run => run.Ceiling.BayesAri), Accuracy: group.Average(run => run.Ceiling.BayesAccuracy));
                    })
                    .ToList();
                var lower = metric is "davies_bouldin" or "inertia";
                foreach (var entry in means)
                {
                    var rank = 1 + means.Count(other => lower ? other.Mean < entry.Mean : other.Mean > entry.Mean);
                    double? share = metric switch
                    {
                        "ari" => entry.Mean / entry.Ceiling,
                        "accuracy" => entry.Mean / entry.Accuracy,
                        _ => null,
                    };
                    aggregates.Add(new Aggregate(dataset.Key, entry.Algorithm, metric, entry.Mean, entry.Sd, entry.Count, rank, share));
                }
            }
        }

        return aggregates;
    }

    private RunResult Run(string algorithm, long rowCount, double separation, ulong seed)
    {
        var dataset = new DatasetKey("indian-bank-customers", "customers", rowCount, separation, seed);
        var random = new Random(StableSeed($"{algorithm}|{rowCount}|{separation}|{seed}"));
        var ceilingAri = 1 - Math.Exp(-1.1 * separation);
        var ceilingAccuracy = 1 - (0.7 * Math.Exp(-1.3 * separation));
        var quality = algorithm switch
        {
            "kmeans" => 0.88,
            "gmm" => 0.94,
            "dbscan" => 0.55,
            _ => 0.7,
        };
        var ari = Math.Clamp((ceilingAri * quality) + ((random.NextDouble() - 0.5) * 0.03), 0, 1);
        var metrics = new Dictionary<string, double>
        {
            ["ari"] = ari,
            ["ami"] = Math.Clamp(ari + 0.03 + ((random.NextDouble() - 0.5) * 0.02), 0, 1),
            ["nmi"] = Math.Clamp(ari + 0.04 + ((random.NextDouble() - 0.5) * 0.02), 0, 1),
            ["accuracy"] = Math.Clamp((ceilingAccuracy * (0.6 + (0.4 * quality))) + ((random.NextDouble() - 0.5) * 0.02), 0, 1),
            ["fmi"] = Math.Clamp(ari + 0.1, 0, 1),
            ["v_measure"] = Math.Clamp(ari + 0.04, 0, 1),
            ["silhouette"] = 0.1 + (0.12 * separation),
            ["davies_bouldin"] = 2.5 / separation,
            ["calinski_harabasz"] = rowCount * separation * 0.4,
            ["inertia"] = rowCount * 6.0 / separation,
        };
        var perRow = algorithm switch
        {
            "kmeans" => 1.5e-6,
            "gmm" => 6e-6,
            _ => 2e-7 * Math.Pow(rowCount, 0.3),
        };
        var fit = perRow * rowCount * (0.9 + (0.2 * random.NextDouble()));
        var foundK = algorithm == "dbscan" ? PlantedK + (int)(seed % 3) - 1 : PlantedK;
        var large = rowCount == rows.Max() && separation == 2.0 && algorithm != "dbscan";
        return new RunResult
        {
            Id = $"customers-n{rowCount}-sep{separation:0.##}-s{seed}/{algorithm}/default",
            Dataset = dataset,
            Algorithm = algorithm,
            Parameters = new Dictionary<string, string> { ["k"] = algorithm == "dbscan" ? "auto" : "4" },
            Preprocessing = "default",
            PlantedK = PlantedK,
            FoundK = foundK,
            Metrics = metrics,
            Ceiling = new Ceiling(ceilingAri, ceilingAccuracy),
            Timings = new Dictionary<string, double> { ["generate"] = rowCount * 2e-6, ["preprocess"] = rowCount * 5e-7, ["fit"] = fit, ["score"] = rowCount * 1e-7 },
            PeakMemoryBytes = 50_000_000 + (rowCount * 400),
            KSelection = large && kSelection ? Selection(seed) : null,
            Charts = large && charts ? Charts(new Random((int)seed * 7919 + algorithm.Length)) : null,
        };
    }

    private static KSelection Selection(ulong seed)
    {
        IReadOnlyList<CurvePoint> Curve(Func<int, double> value) => Enumerable.Range(2, 9).Select(k => new CurvePoint(k, value(k))).ToList();
        var bump = (seed % 2) * 0.01;
        return new KSelection("silhouette", PlantedK, new Dictionary<string, IReadOnlyList<CurvePoint>>
        {
            ["silhouette"] = Curve(k => 0.42 - (0.03 * Math.Abs(k - PlantedK)) + bump),
            ["calinski_harabasz"] = Curve(k => 52_000 - (4_000 * Math.Abs(k - PlantedK)) - (300 * k)),
            ["davies_bouldin"] = Curve(k => 0.9 + (0.12 * Math.Abs(k - PlantedK))),
            ["gap"] = Curve(k => 0.6 + (0.1 * Math.Min(k, PlantedK)) - (0.01 * Math.Max(0, k - PlantedK))),
            ["bic"] = Curve(k => 1_250_000 + (30_000 * Math.Abs(k - PlantedK)) + (2_000 * k)),
        });
    }

    private static RunCharts Charts(Random random)
    {
        double[][] centres = [[-2.5, -1.0], [2.8, 1.6], [0.2, 2.4], [0.5, -2.6]];
        var points = new List<ProjectedPoint>();
        for (var index = 0; index < 600; index++)
        {
            var planted = index % 7 == 0 ? 1 : index % 3 == 0 ? 0 : index % 2 == 0 ? 2 : 3;
            var x = centres[planted][0] + Gaussian(random);
            var y = centres[planted][1] + (0.8 * Gaussian(random));
            var found = random.NextDouble() < 0.08 ? (planted + 1) % PlantedK : (planted + 2) % PlantedK;
            points.Add(new ProjectedPoint(x, y, found, planted));
        }

        var scale = 200_000 / points.Count;
        var confusion = Enumerable.Range(0, PlantedK)
            .Select(planted => (IReadOnlyList<long>)Enumerable.Range(0, PlantedK)
                .Select(found => (long)points.Count(point => point.Planted == planted && point.Found == found) * scale)
                .ToList())
            .ToList();
        var segmentSizes = confusion.Select(row => row.Sum()).ToList();
        var clusterSizes = Enumerable.Range(0, PlantedK).Select(found => confusion.Sum(row => row[found])).ToList();
        var profile = Enumerable.Range(0, PlantedK)
            .Select(cluster => (IReadOnlyList<double>)ProfileColumns.Select(_ => Math.Round((random.NextDouble() * 3.2) - 1.6, 2)).ToList())
            .ToList();
        return new RunCharts(points, confusion, SegmentNames, clusterSizes, segmentSizes, ProfileColumns, profile);
    }

    // HashCode and string.GetHashCode differ between processes; FNV-1a does not.
    private static int StableSeed(string text)
    {
        var hash = 2166136261u;
        foreach (var character in text)
        {
            hash = (hash ^ character) * 16777619u;
        }

        return (int)(hash & int.MaxValue);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

/// <summary>Edits of built results for the gate tests; aggregates are recomputed so they agree with the runs.</summary>
internal static class ResultsEdits
{
    public static BenchResults ShiftMetric(this BenchResults results, string algorithm, string metric, double delta) =>
        results.MapRuns(run => run.Algorithm != algorithm ? run : run with
        {
            Metrics = run.Metrics.ToDictionary(pair => pair.Key, pair => pair.Key == metric ? pair.Value + delta : pair.Value),
        });

    public static BenchResults ScaleTiming(this BenchResults results, string algorithm, string step, double factor) =>
        results.MapRuns(run => run.Algorithm != algorithm ? run : run with
        {
            Timings = run.Timings.ToDictionary(pair => pair.Key, pair => pair.Key == step ? pair.Value * factor : pair.Value),
        });

    public static BenchResults WithoutRuns(this BenchResults results, Func<RunResult, bool> drop) =>
        ResultsBuilder.Results(results.Runs.Where(run => !drop(run)).ToList());

    public static BenchResults MapRuns(this BenchResults results, Func<RunResult, RunResult> map) =>
        ResultsBuilder.Results(results.Runs.Select(map).ToList());
}
