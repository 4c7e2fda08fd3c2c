using System.Text.Json;
using System.Text.Json.Serialization;

namespace SegBench.Bench.Results;

/// <summary>
/// The contents of <c>results.json</c>: every run of an experiment matrix with its metrics,
/// timings, the dataset's Bayes ceiling and the environment, plus aggregates across seeds.
/// The format is versioned; readers reject versions they do not know.
/// </summary>
public sealed record BenchResults
{
    /// <summary>The current format version.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Always "segbench-results".</summary>
    public string Kind { get; init; } = "segbench-results";

    /// <summary>The format version.</summary>
    public int FormatVersion { get; init; } = CurrentVersion;

    /// <summary>The matrix's name.</summary>
    public required string Matrix { get; init; }

    /// <summary>Where and on what the runs were measured.</summary>
    public required BenchEnvironment Environment { get; init; }

    /// <summary>Every run, in matrix order.</summary>
    public required IReadOnlyList<RunResult> Runs { get; init; }

    /// <summary>Per (dataset, algorithm, metric): mean and spread across seeds, and the rank of the algorithm on that dataset.</summary>
    public required IReadOnlyList<Aggregate> Aggregates { get; init; }

    /// <summary>snake_case, indented, enums as strings; NaN written as a string rather than failing.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Reads a results file; fails clearly on a wrong kind or version.</summary>
    public static BenchResults Load(string path)
    {
        var results = JsonSerializer.Deserialize<BenchResults>(File.ReadAllText(path), JsonOptions)
            ?? throw new InvalidDataException($"{path}: empty results file.");
        if (results.Kind != "segbench-results" || results.FormatVersion != CurrentVersion)
        {
            throw new InvalidDataException($"{path}: expected segbench-results version {CurrentVersion}, found {results.Kind} version {results.FormatVersion}.");
        }

        return results;
    }

    /// <summary>Writes the results as JSON.</summary>
    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, JsonOptions));
}

/// <summary>The machine and build the runs were measured on.</summary>
public sealed record BenchEnvironment(string CpuModel, int Cores, string DotnetVersion, string OperatingSystem, string? Commit, string MachineName);

/// <summary>One dataset in a matrix: a schema's table at a size, separation and seed.</summary>
public sealed record DatasetKey(string Schema, string Table, long Rows, double Separation, ulong Seed)
{
    /// <summary>The separation the schema declares: a run whose <see cref="Separation"/> equals it is at the schema's default.</summary>
    public double? SchemaSeparation { get; init; }

    /// <summary>The dataset without its seed: what aggregates group by.</summary>
    public string Label => $"{Schema}/{Table} n={Rows} sep={Separation:0.##}";
}

/// <summary>One clustering run on one dataset.</summary>
public sealed record RunResult
{
    /// <summary>A stable id such as "customers-n20000-sep2.5-s1/kmeans/default".</summary>
    public required string Id { get; init; }

    /// <summary>The dataset.</summary>
    public required DatasetKey Dataset { get; init; }

    /// <summary>The algorithm's name (e.g. kmeans, gmm, or an external command's name).</summary>
    public required string Algorithm { get; init; }

    /// <summary>The algorithm's parameters as given in the matrix.</summary>
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    /// <summary>The preprocessing variant's name.</summary>
    public required string Preprocessing { get; init; }

    /// <summary>The number of planted segments.</summary>
    public required int PlantedK { get; init; }

    /// <summary>The number of clusters found.</summary>
    public required int FoundK { get; init; }

    /// <summary>Metric name → value: ari, ami, nmi, fmi, homogeneity, completeness, v_measure, accuracy, nca, silhouette, davies_bouldin, calinski_harabasz, inertia.</summary>
    public required IReadOnlyDictionary<string, double> Metrics { get; init; }

    /// <summary>The dataset's Bayes-optimal ceiling.</summary>
    public required Ceiling Ceiling { get; init; }

    /// <summary>Step name → seconds: generate, preprocess, fit, score.</summary>
    public required IReadOnlyDictionary<string, double> Timings { get; init; }

    /// <summary>Peak working set of the process during the run, in bytes.</summary>
    public long PeakMemoryBytes { get; init; }

    /// <summary>The choice-of-K curves, when K was chosen automatically.</summary>
    public KSelection? KSelection { get; init; }

    /// <summary>Data for the per-run charts (only for runs the report draws).</summary>
    public RunCharts? Charts { get; init; }
}

/// <summary>The Bayes-optimal classifier's scores on the dataset: the best any clustering could do.</summary>
public sealed record Ceiling(double BayesAri, double BayesAccuracy);

/// <summary>The curves of the choice of K.</summary>
/// <param name="Method">The method that chose.</param>
/// <param name="Chosen">The K it chose.</param>
/// <param name="Curves">Criterion name (silhouette, calinski_harabasz, davies_bouldin, gap, bic, inertia) → (k, value) points.</param>
public sealed record KSelection(string Method, int Chosen, IReadOnlyDictionary<string, IReadOnlyList<CurvePoint>> Curves);

/// <summary>A point of a curve.</summary>
public sealed record CurvePoint(double X, double Y);

/// <summary>What the per-run charts need.</summary>
/// <param name="Projection">A sample of points in the first two principal components, with found and planted labels.</param>
/// <param name="Confusion">Confusion[planted][found] counts.</param>
/// <param name="PlantedNames">Names of the planted segments (row labels of the confusion).</param>
/// <param name="ClusterSizes">Rows per found cluster.</param>
/// <param name="SegmentSizes">Rows per planted segment.</param>
/// <param name="ProfileColumns">The columns of the profile heatmap.</param>
/// <param name="ProfileZScores">ProfileZScores[cluster][column]: the cluster mean's z-score.</param>
public sealed record RunCharts(
    IReadOnlyList<ProjectedPoint> Projection,
    IReadOnlyList<IReadOnlyList<long>> Confusion,
    IReadOnlyList<string> PlantedNames,
    IReadOnlyList<long> ClusterSizes,
    IReadOnlyList<long> SegmentSizes,
    IReadOnlyList<string> ProfileColumns,
    IReadOnlyList<IReadOnlyList<double>> ProfileZScores);

/// <summary>A point in the 2-D projection.</summary>
public sealed record ProjectedPoint(double X, double Y, int Found, int Planted);

/// <summary>A metric aggregated across seeds for one dataset and algorithm.</summary>
/// <param name="Dataset">The dataset label (seed excluded).</param>
/// <param name="Algorithm">The algorithm and preprocessing, e.g. "kmeans/default".</param>
/// <param name="Metric">The metric.</param>
/// <param name="Mean">Mean over seeds.</param>
/// <param name="StandardDeviation">Sample standard deviation over seeds (0 for one seed).</param>
/// <param name="Runs">How many seeds.</param>
/// <param name="Rank">1 = best algorithm on this dataset for this metric.</param>
/// <param name="ShareOfCeiling">For ari and accuracy: the mean as a share of the Bayes ceiling.</param>
public sealed record Aggregate(string Dataset, string Algorithm, string Metric, double Mean, double StandardDeviation, int Runs, int Rank, double? ShareOfCeiling);
