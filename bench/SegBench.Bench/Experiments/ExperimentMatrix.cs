using System.Globalization;
using SegBench.Clustering.Algorithms;
using SegBench.Clustering.Pipeline;
using SegBench.Clustering.Preprocessing;
using SegBench.Clustering.Selection;
using SegBench.Generator.Schema;
using YamlDotNet.RepresentationModel;

namespace SegBench.Bench.Experiments;

/// <summary>One dataset family of a matrix: a schema's table at several sizes and separations.</summary>
/// <param name="SchemaPath">The resolved schema file.</param>
/// <param name="SchemaName">The schema as written in the matrix.</param>
/// <param name="Table">The table to cluster.</param>
/// <param name="Rows">Root-table row counts.</param>
/// <param name="Separations">Separations (null entries mean the schema's own).</param>
public sealed record DatasetSpec(string SchemaPath, string SchemaName, string Table, IReadOnlyList<long> Rows, IReadOnlyList<double?> Separations);

/// <summary>How an algorithm entry chooses K.</summary>
public enum KChoice
{
    /// <summary>The number of planted segments.</summary>
    Planted,

    /// <summary>Chosen by the matrix's K-selection settings.</summary>
    Auto,

    /// <summary>A fixed number.</summary>
    Fixed,
}

/// <summary>One algorithm entry: a built-in algorithm with parameters, or an external command.</summary>
/// <param name="Label">The name runs and reports use.</param>
/// <param name="Options">The built-in algorithm's settings (null for a command).</param>
/// <param name="Command">An external command line with {input}, {output}, {k}, {seed}, {key} placeholders.</param>
/// <param name="K">How K is chosen.</param>
/// <param name="FixedK">K when <paramref name="K"/> is <see cref="KChoice.Fixed"/>.</param>
/// <param name="Parameters">The parameters as written, for the results.</param>
public sealed record AlgorithmEntry(string Label, AlgorithmOptions? Options, string? Command, KChoice K, int FixedK, IReadOnlyDictionary<string, string> Parameters);

/// <summary>One preprocessing variant.</summary>
public sealed record PreprocessingEntry(string Label, PreprocessingOptions Options);

/// <summary>
/// An experiment matrix (YAML in bench/matrices/): datasets × seeds × preprocessing × algorithms.
/// Errors cite <c>file:line:column</c> like schema errors do.
/// </summary>
public sealed record ExperimentMatrix(
    string Name,
    string Path,
    IReadOnlyList<DatasetSpec> Datasets,
    IReadOnlyList<ulong> Seeds,
    IReadOnlyList<AlgorithmEntry> Algorithms,
    IReadOnlyList<PreprocessingEntry> Preprocessing,
    KSelectionOptions KSelection,
    string ChartsAlgorithm)
{
    /// <summary>The number of runs the matrix makes.</summary>
    public int RunCount => Datasets.Sum(d => d.Rows.Count * d.Separations.Count) * Seeds.Count * Algorithms.Count * Preprocessing.Count;

    /// <summary>Loads and checks a matrix file.</summary>
    public static ExperimentMatrix Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new SchemaException(new SourceLocation(path, 1, 1), "matrix file not found.");
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(File.ReadAllText(path)));
        }
        catch (YamlDotNet.Core.YamlException error)
        {
            throw new SchemaException(new SourceLocation(path, error.Start.Line, error.Start.Column), $"not valid YAML: {error.Message}", error);
        }

        if (stream.Documents.Count != 1)
        {
            throw new SchemaException(new SourceLocation(path, 1, 1), "a matrix file holds exactly one YAML document.");
        }

        var root = SchemaNode.Root(stream.Documents[0].RootNode, path);
        var keys = root.Keys(["name", "description", "datasets", "seeds", "algorithms", "preprocessing", "k_selection", "charts"], "datasets", "algorithms");
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        var datasets = keys["datasets"].Items().Select(node => ParseDataset(node, directory)).ToArray();
        var seeds = keys.TryGetValue("seeds", out var seedNode) ? seedNode.Items().Select(s => (ulong)s.Integer(0)).ToArray() : [1UL];
        var algorithms = keys["algorithms"].Items().Select(ParseAlgorithm).ToArray();
        var preprocessing = keys.TryGetValue("preprocessing", out var pre)
            ? pre.Items().Select(ParsePreprocessing).ToArray()
            : [new PreprocessingEntry("recommended", PreprocessingOptions.Recommended)];
        var selection = keys.TryGetValue("k_selection", out var ks) ? ParseSelection(ks) : KSelectionOptions.Defaults with { MinimumClusters = 2, MaximumClusters = 10 };
        var charts = keys.TryGetValue("charts", out var chartNode) ? chartNode.Keys(["algorithm"], "algorithm")["algorithm"].Text() : algorithms[0].Label;
        foreach (var duplicate in algorithms.GroupBy(a => a.Label).Where(g => g.Count() > 1))
        {
            throw keys["algorithms"].Error($"two algorithm entries are named '{duplicate.Key}'; give each a distinct 'name'.");
        }

        return new ExperimentMatrix(
            keys.TryGetValue("name", out var name) ? name.Text() : System.IO.Path.GetFileNameWithoutExtension(path),
            System.IO.Path.GetFullPath(path),
            datasets,
            seeds,
            algorithms,
            preprocessing,
            selection,
            charts);
    }

    private static DatasetSpec ParseDataset(SchemaNode node, string directory)
    {
        var keys = node.Keys(["schema", "table", "rows", "separations"], "schema", "table", "rows");
        var schema = keys["schema"].Text();
        var resolved = ResolveSchema(schema, directory) ?? throw keys["schema"].Error($"schema '{schema}' not found: give a path, or the name of a file in schemas/.");
        return new DatasetSpec(
            resolved,
            schema,
            keys["table"].Text(),
            keys["rows"].IsSequence ? keys["rows"].Items().Select(r => r.Integer(10, 100_000_000)).ToArray() : [keys["rows"].Integer(10, 100_000_000)],
            keys.TryGetValue("separations", out var s) ? s.Items().Select(x => (double?)x.Number(0.01, 100, "a separation")).ToArray() : [null]);
    }

    /// <summary>Finds a schema by path, or by name in a schemas/ folder above the matrix or the working folder.</summary>
    public static string? ResolveSchema(string nameOrPath, string startDirectory)
    {
        foreach (var candidate in new[] { nameOrPath, System.IO.Path.Combine(startDirectory, nameOrPath) })
        {
            if (File.Exists(candidate))
            {
                return System.IO.Path.GetFullPath(candidate);
            }
        }

        var file = nameOrPath.EndsWith(".yaml", StringComparison.Ordinal) ? nameOrPath : $"{nameOrPath}.yaml";
        foreach (var start in new[] { startDirectory, Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var candidate = System.IO.Path.Combine(folder.FullName, "schemas", file);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static AlgorithmEntry ParseAlgorithm(SchemaNode node)
    {
        var keys = node.Keys(["name", "algorithm", "command", "k", "params"]);
        if (keys.ContainsKey("algorithm") == keys.ContainsKey("command"))
        {
            throw node.Error("an algorithm entry has exactly one of 'algorithm' (built in) or 'command' (an external program).");
        }

        var (choice, fixedK) = ParseK(keys.GetValueOrDefault("k"));
        var parameters = keys.TryGetValue("params", out var p) ? p.Entries().ToDictionary(e => e.Key, e => e.Value.Text()) : new Dictionary<string, string>();
        if (keys.TryGetValue("command", out var command))
        {
            var label = keys.TryGetValue("name", out var n) ? n.Text() : throw node.Error("an external command needs a 'name'.");
            return new AlgorithmEntry(label, null, command.Text(), choice, fixedK, parameters);
        }

        var algorithm = keys["algorithm"].Text();
        if (!AlgorithmOptions.Names.Contains(algorithm))
        {
            var suggestion = SchemaNode.Suggest(algorithm, AlgorithmOptions.Names);
            throw keys["algorithm"].Error($"unknown algorithm '{algorithm}'{(suggestion is null ? "" : $"; did you mean '{suggestion}'?")} Known: {string.Join(", ", AlgorithmOptions.Names)}.");
        }

        var options = new AlgorithmOptions { Algorithm = algorithm };
        if (p is not null)
        {
            foreach (var (key, value) in p.Keys(["n_init", "max_iter", "tol", "init", "eps", "min_samples", "covariance", "batch_size"]))
            {
                options = key switch
                {
                    "n_init" => options with { Initializations = (int)value.Integer(1, 1000) },
                    "max_iter" => options with { MaximumIterations = (int)value.Integer(1, 1_000_000) },
                    "tol" => options with { Tolerance = value.Number(0, 1, "a tolerance") },
                    "init" => options with { Initialization = value.Text() == "random" ? KMeansInitialization.Random : value.Text() == "k-means++" ? KMeansInitialization.KMeansPlusPlus : throw value.Error("init is k-means++ or random.") },
                    "eps" => options with { Eps = value.Number(1e-9, 1e9, "a radius") },
                    "min_samples" => options with { MinimumSamples = (int)value.Integer(1, 1_000_000) },
                    "covariance" => options with { Covariance = value.Text() == "diag" ? CovarianceType.Diagonal : value.Text() == "full" ? CovarianceType.Full : throw value.Error("covariance is full or diag.") },
                    _ => options with { BatchSize = (int)value.Integer(1, 10_000_000) },
                };
            }
        }

        var defaultLabel = algorithm + (choice == KChoice.Auto ? "-auto" : string.Empty);
        return new AlgorithmEntry(keys.TryGetValue("name", out var labelNode) ? labelNode.Text() : defaultLabel, options, null, choice, fixedK, parameters);
    }

    private static (KChoice Choice, int Fixed) ParseK(SchemaNode? node) => node?.Text() switch
    {
        null or "planted" => (KChoice.Planted, 0),
        "auto" => (KChoice.Auto, 0),
        _ => (KChoice.Fixed, (int)node.Integer(1, 10_000)),
    };

    private static PreprocessingEntry ParsePreprocessing(SchemaNode node)
    {
        var keys = node.Keys(["name", "encode", "scale", "impute", "log", "pca", "features", "exclude"], "name");
        var options = PreprocessingOptions.Recommended;
        foreach (var (key, value) in keys)
        {
            options = key switch
            {
                "encode" => value.Text() switch
                {
                    "none" => options with { NumericOnly = true },
                    "onehot" => options with { NumericOnly = false, Encoding = CategoricalEncoding.OneHot },
                    "ordinal" => options with { NumericOnly = false, Encoding = CategoricalEncoding.Ordinal },
                    _ => throw value.Error("encode is none, onehot or ordinal."),
                },
                "scale" => options with { Scaling = Enum.TryParse<ScalingMethod>(value.Text().Replace("minmax", "MinMax", StringComparison.Ordinal), true, out var scaling) ? scaling : throw value.Error("scale is standard, robust, minmax or none.") },
                "impute" => options with { Imputation = value.Text() switch { "mean" => ImputationStrategy.Mean, "median" => ImputationStrategy.Median, "most-frequent" => ImputationStrategy.MostFrequent, "knn" => ImputationStrategy.KNearestNeighbors, _ => throw value.Error("impute is mean, median, most-frequent or knn.") } },
                "log" => options with { Log = value.Text() == "auto" ? LogTransform.Auto : value.Text() == "none" ? LogTransform.None : throw value.Error("log is auto or none.") },
                "pca" => options with { PrincipalComponents = (int)value.Integer(1, 1000) },
                "features" => options with { Features = value.TextList() },
                "exclude" => options with { Exclude = value.TextList() },
                _ => options,
            };
        }

        return new PreprocessingEntry(keys["name"].Text(), options);
    }

    private static KSelectionOptions ParseSelection(SchemaNode node)
    {
        var keys = node.Keys(["min", "max", "method"]);
        var method = keys.TryGetValue("method", out var m) ? m.Text() : "silhouette";
        return KSelectionOptions.Defaults with
        {
            MinimumClusters = keys.TryGetValue("min", out var min) ? (int)min.Integer(2, 1000) : 2,
            MaximumClusters = keys.TryGetValue("max", out var max) ? (int)max.Integer(2, 1000) : 10,
            Method = method switch
            {
                "silhouette" => SelectionMethod.Silhouette,
                "calinski-harabasz" => SelectionMethod.CalinskiHarabasz,
                "davies-bouldin" => SelectionMethod.DaviesBouldin,
                "gap" => SelectionMethod.Gap,
                "bic" => SelectionMethod.Bic,
                "elbow" => SelectionMethod.Elbow,
                _ => throw keys["method"].Error("method is silhouette, calinski-harabasz, davies-bouldin, gap, bic or elbow."),
            },
        };
    }

    /// <summary>Formats a separation for labels.</summary>
    public static string Format(double? separation) => separation?.ToString("0.##", CultureInfo.InvariantCulture) ?? "default";
}
