using System.Text.Json;
using SegBench.Bench.Reports;
using SegBench.Bench.Results;

namespace SegBench.Bench.Gate;

/// <summary>
/// The committed expectation the gate compares results with (<c>bench/baselines/*.json</c>): per
/// (dataset label, algorithm/preprocessing), the mean of each gated metric across seeds, the mean
/// time of each step, and the tolerances. The format is versioned, and written with sorted keys
/// and entries so that an update's diff reads as a list of changed numbers.
/// </summary>
public sealed record Baseline
{
    /// <summary>The current format version.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The value of <see cref="Kind"/>.</summary>
    public const string KindName = "segbench-baseline";

    /// <summary>Always "segbench-baseline".</summary>
    public string Kind { get; init; } = KindName;

    /// <summary>The format version.</summary>
    public int FormatVersion { get; init; } = CurrentVersion;

    /// <summary>The matrix the baseline was made from.</summary>
    public required string Matrix { get; init; }

    /// <summary>The tolerances the gate applies.</summary>
    public required GateTolerances Tolerances { get; init; }

    /// <summary>The expectations, sorted by dataset then algorithm.</summary>
    public required IReadOnlyList<BaselineEntry> Entries { get; init; }

    /// <summary>A baseline of the given results: the mean across seeds of every metric named in the tolerances, and of every timed step.</summary>
    public static Baseline FromResults(BenchResults results, GateTolerances tolerances)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(tolerances);
        tolerances.Validate();
        var entries = new List<BaselineEntry>();
        foreach (var dataset in ResultsSummary.Summarise(results))
        {
            foreach (var algorithm in dataset.Algorithms)
            {
                var metrics = algorithm.Metrics
                    .Where(metric => tolerances.Metrics.ContainsKey(metric.Key) && double.IsFinite(metric.Value.Mean))
                    .ToDictionary(metric => metric.Key, metric => Round(metric.Value.Mean), StringComparer.Ordinal);
                var timings = algorithm.Runs
                    .SelectMany(run => run.Timings.Keys)
                    .Distinct(StringComparer.Ordinal)
                    .Select(step => (step, ResultsSummary.Spread(algorithm.Runs.Where(run => run.Timings.ContainsKey(step)).Select(run => run.Timings[step])).Mean))
                    .Where(step => double.IsFinite(step.Mean))
                    .ToDictionary(step => step.step, step => Round(step.Mean), StringComparer.Ordinal);
                entries.Add(new BaselineEntry(dataset.Label, algorithm.Algorithm, metrics, timings, algorithm.Runs.Count));
            }
        }

        return new Baseline { Matrix = results.Matrix, Tolerances = tolerances, Entries = entries }.Normalised();
    }

    /// <summary>Reads a baseline file; fails clearly on a wrong kind or version.</summary>
    public static Baseline Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Reads baseline JSON; <paramref name="source"/> names it in errors.</summary>
    public static Baseline Parse(string json, string source = "baseline")
    {
        Baseline? baseline;
        try
        {
            baseline = JsonSerializer.Deserialize<Baseline>(json, BenchResults.JsonOptions);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{source}: not a baseline file: {exception.Message}", exception);
        }

        if (baseline is null)
        {
            throw new InvalidDataException($"{source}: empty baseline file.");
        }

        if (baseline.Kind != KindName || baseline.FormatVersion != CurrentVersion)
        {
            throw new InvalidDataException($"{source}: expected {KindName} version {CurrentVersion}, found {baseline.Kind} version {baseline.FormatVersion}.");
        }

        baseline.Tolerances.Validate();
        return baseline.Normalised();
    }

    /// <summary>The baseline as JSON: snake_case, indented, entries and keys sorted, ending in a newline.</summary>
    public string ToJson() => JsonSerializer.Serialize(Normalised(), BenchResults.JsonOptions).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";

    /// <summary>Writes the baseline, under a temporary name first so an interrupted write leaves the old file intact.</summary>
    public void Save(string path)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, ToJson());
        File.Move(temporary, path, overwrite: true);
    }

    private Baseline Normalised() => this with
    {
        Tolerances = Tolerances with { Metrics = Sorted(Tolerances.Metrics) },
        Entries = Entries
            .OrderBy(entry => entry.Dataset, StringComparer.Ordinal)
            .ThenBy(entry => entry.Algorithm, StringComparer.Ordinal)
            .Select(entry => entry with { Metrics = Sorted(entry.Metrics), Timings = Sorted(entry.Timings ?? new Dictionary<string, double>()) })
            .ToList(),
    };

    private static SortedDictionary<string, double> Sorted(IReadOnlyDictionary<string, double> values) =>
        new(values.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal), StringComparer.Ordinal);

    // Six decimals is far below any tolerance and keeps the diff of an update short.
    private static double Round(double value) => Math.Round(value, 6, MidpointRounding.ToEven);
}

/// <summary>The expected scores of one algorithm on one dataset.</summary>
/// <param name="Dataset">The dataset label (seed excluded).</param>
/// <param name="Algorithm">"algorithm/preprocessing".</param>
/// <param name="Metrics">Metric → expected mean across seeds.</param>
/// <param name="Timings">Step → mean seconds across seeds (only gated when the timing gate is on).</param>
/// <param name="Runs">How many seeds the means were taken over.</param>
public sealed record BaselineEntry(string Dataset, string Algorithm, IReadOnlyDictionary<string, double> Metrics, IReadOnlyDictionary<string, double> Timings, int Runs);
