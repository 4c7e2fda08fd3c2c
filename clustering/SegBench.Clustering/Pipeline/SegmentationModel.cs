using System.Text.Json;
using System.Text.Json.Nodes;
using SegBench.Clustering.Algorithms;
using SegBench.Clustering.Preprocessing;
using SegBench.Clustering.Profiling;
using SegBench.Clustering.Selection;
using SegBench.Data;

namespace SegBench.Clustering.Pipeline;

/// <summary>A model file that cannot be used: missing, corrupt, or of another version.</summary>
public sealed class SegmentationModelException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The segment of one new row.</summary>
/// <param name="Segment">0..k-1, or -1 for noise.</param>
/// <param name="Description">The segment's profile in words.</param>
/// <param name="Distance">Distance to the segment's center in the model's feature space (NaN where none).</param>
/// <param name="Probabilities">Per-segment probabilities for mixtures, else null.</param>
public sealed record SegmentAssignment(int Segment, string Description, double Distance, IReadOnlyList<double>? Probabilities);

/// <summary>What fitting produced besides the model.</summary>
/// <param name="Model">The fitted pipeline.</param>
/// <param name="Result">The algorithm's result on the training rows (labels, iterations, inertia).</param>
/// <param name="Features">The training rows as preprocessed features.</param>
/// <param name="Selection">The choice-of-K curves when K was chosen automatically.</param>
/// <param name="FitSeconds">Seconds spent choosing K and fitting, preprocessing excluded.</param>
public sealed record SegmentationFit(SegmentationModel Model, ClusteringResult Result, FeatureMatrix Features, KSelectionResult? Selection, double FitSeconds);

/// <summary>
/// A fitted segmentation: the preprocessing pipeline, the clustering model and the segments'
/// profiles, saved together as one versioned JSON file so new rows go through exactly the same
/// steps (<see cref="Assign(IReadOnlyDictionary{string, object?})"/>).
/// </summary>
public sealed class SegmentationModel
{
    /// <summary>The model file's format version.</summary>
    public const int FormatVersion = 1;

    private const string Kind = "segbench-model";

    private SegmentationModel(Preprocessor preprocessing, IClusterModel clusters, ProfileReport profile, string? key)
    {
        Preprocessing = preprocessing;
        Clusters = clusters;
        Profile = profile;
        KeyColumn = key;
    }

    /// <summary>The fitted preprocessing.</summary>
    public Preprocessor Preprocessing { get; }

    /// <summary>The fitted clustering model.</summary>
    public IClusterModel Clusters { get; }

    /// <summary>The segments' profiles on the training rows.</summary>
    public ProfileReport Profile { get; }

    /// <summary>The key column of the training table, if known.</summary>
    public string? KeyColumn { get; }

    /// <summary>The input columns a row must (or may, if imputed) carry.</summary>
    public IReadOnlyList<string> InputColumns => Preprocessing.State.Columns.Select(c => c.Name).ToArray();

    /// <summary>Preprocesses, chooses K if asked, fits and profiles.</summary>
    public static SegmentationFit Fit(Table table, PreprocessingOptions preprocessing, AlgorithmOptions algorithm, string? keyColumn = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(algorithm);
        algorithm.Validate();
        var preprocessor = Preprocessor.Fit(table, preprocessing);
        var features = preprocessor.Transform(table);
        if (features.Rows == 0)
        {
            throw new ArgumentException("The table has no rows to cluster.", nameof(table));
        }

        var categorical = CategoricalColumns(preprocessor);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        KSelectionResult? selection = null;
        var k = algorithm.Clusters;
        if (k is null && algorithm.Algorithm != "dbscan")
        {
            selection = KSelector.Select(
                EvenSample(features, algorithm.KSelectionSampleRows),
                clusters => algorithm.Create(clusters, features.Columns, categorical),
                new KSelectionOptions { MinimumClusters = algorithm.MinimumK, MaximumClusters = Math.Min(algorithm.MaximumK, Math.Max(algorithm.MinimumK, features.Rows - 1)), Method = algorithm.KMethod, GapReferences = algorithm.GapReferences, Seed = (ulong)algorithm.Seed },
                clusters => (algorithm with { Initializations = 1 }).Create(clusters, features.Columns, categorical),
                cancellationToken);
            k = selection.ChosenClusters;
        }

        if (k > features.Rows)
        {
            throw new ArgumentOutOfRangeException(nameof(algorithm), k, $"K = {k} is more than the {features.Rows} rows.");
        }

        var result = algorithm.Create(k ?? 1, features.Columns, categorical).Fit(features, cancellationToken);
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var profile = Profiler.Profile(table, result.Labels);
        return new SegmentationFit(new SegmentationModel(preprocessor, result.Model, profile, keyColumn), result, features, selection, seconds);
    }

    /// <summary>Assembles a model from fitted parts, as a fit made outside <see cref="Fit"/> (e.g. streamed) produces them.</summary>
    /// <exception cref="ArgumentException">The clustering model's width is not the preprocessing's output width.</exception>
    public static SegmentationModel Create(Preprocessor preprocessing, IClusterModel clusters, ProfileReport profile, string? keyColumn = null)
    {
        ArgumentNullException.ThrowIfNull(preprocessing);
        ArgumentNullException.ThrowIfNull(clusters);
        ArgumentNullException.ThrowIfNull(profile);
        if (clusters.Dimensions != preprocessing.OutputWidth)
        {
            throw new ArgumentException($"The clustering model expects {clusters.Dimensions} features but the preprocessing makes {preprocessing.OutputWidth}.", nameof(clusters));
        }

        return new SegmentationModel(preprocessing, clusters, profile, keyColumn);
    }

    /// <summary>The segment of one row given by column name (values as strings, numbers, booleans or JSON elements).</summary>
    public SegmentAssignment Assign(IReadOnlyDictionary<string, object?> row)
    {
        var features = Preprocessing.TransformRow(row);
        var assignment = Clusters.Assign(features);
        return new SegmentAssignment(assignment.Cluster, Describe(assignment.Cluster), assignment.Distance, assignment.Probabilities);
    }

    /// <summary>The segments of every row of a table.</summary>
    public int[] Assign(Table table)
    {
        var features = Preprocessing.Transform(table);
        var labels = new int[features.Rows];
        for (var r = 0; r < labels.Length; r++)
        {
            labels[r] = Clusters.Assign(features.Row(r)).Cluster;
        }

        return labels;
    }

    /// <summary>A segment's description from its profile.</summary>
    public string Describe(int segment) =>
        segment < 0 ? "noise: near no segment" : Profile.Clusters.FirstOrDefault(c => c.Cluster == segment)?.Description ?? $"segment {segment}";

    /// <summary>The model as JSON.</summary>
    public string ToJson()
    {
        var document = new JsonObject
        {
            ["kind"] = Kind,
            ["format_version"] = FormatVersion,
            ["algorithm"] = Clusters.Algorithm,
            ["clusters"] = Clusters.NumberOfClusters,
            ["key"] = KeyColumn,
            ["input_columns"] = new JsonArray(InputColumns.Select(c => (JsonNode?)c).ToArray()),
            ["preprocessing"] = JsonNode.Parse(Preprocessing.ToJson()),
            ["model"] = JsonNode.Parse(ClusterModelJson.Serialize(Clusters)),
            ["profile"] = JsonNode.Parse(Profile.ToJson()),
        };
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Reads a model; any problem is a <see cref="SegmentationModelException"/> that says what is wrong.</summary>
    public static SegmentationModel FromJson(string json)
    {
        JsonObject document;
        try
        {
            document = JsonNode.Parse(json) as JsonObject ?? throw new SegmentationModelException("the model file is not a JSON object.");
        }
        catch (JsonException error)
        {
            throw new SegmentationModelException($"the model file is not valid JSON: {error.Message}", error);
        }

        if ((string?)document["kind"] != Kind)
        {
            throw new SegmentationModelException($"not a SegBench model (kind is '{(string?)document["kind"] ?? "missing"}', expected '{Kind}').");
        }

        var version = (int?)document["format_version"];
        if (version != FormatVersion)
        {
            throw new SegmentationModelException($"model format version {version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "missing"} is not supported; this SegBench reads version {FormatVersion}. Refit the model with this version.");
        }

        try
        {
            var preprocessing = Preprocessor.FromJson(Require(document, "preprocessing").ToJsonString());
            var clusters = ClusterModelJson.Deserialize(Require(document, "model").ToJsonString());
            var profile = ProfileReport.FromJson(Require(document, "profile").ToJsonString());
            if (clusters.Dimensions != preprocessing.OutputWidth)
            {
                throw new SegmentationModelException($"the clustering model expects {clusters.Dimensions} features but the preprocessing makes {preprocessing.OutputWidth}.");
            }

            return new SegmentationModel(preprocessing, clusters, profile, (string?)document["key"]);
        }
        catch (Exception error) when (error is JsonException or ClusterModelFormatException or PreprocessingException or InvalidOperationException or ArgumentException or FormatException or KeyNotFoundException or NullReferenceException)
        {
            throw new SegmentationModelException($"the model file is corrupt: {error.Message}", error);
        }
    }

    /// <summary>Saves the model.</summary>
    public void Save(string path) => File.WriteAllText(path, ToJson());

    /// <summary>Loads a model file, with a clear error if it is missing or unusable.</summary>
    public static SegmentationModel Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new SegmentationModelException($"{path}: model file not found.");
        }

        try
        {
            return FromJson(File.ReadAllText(path));
        }
        catch (SegmentationModelException error)
        {
            throw new SegmentationModelException($"{path}: {error.Message}", error);
        }
    }

    private static JsonNode Require(JsonObject document, string name) =>
        document[name] ?? throw new SegmentationModelException($"the model file has no '{name}' section.");

    // Every n-th row: deterministic, and spread over the whole table.
    private static FeatureMatrix EvenSample(FeatureMatrix features, int rows)
    {
        if (features.Rows <= rows)
        {
            return features;
        }

        var values = new double[rows * features.Columns];
        for (var i = 0; i < rows; i++)
        {
            features.Row((int)((long)i * features.Rows / rows)).CopyTo(values.AsSpan(i * features.Columns, features.Columns));
        }

        return new FeatureMatrix(values, rows, features.Columns, features.ColumnNames);
    }

    // k-prototypes needs to know which features are categorical codes: the ordinal-encoded text columns.
    private static int[] CategoricalColumns(Preprocessor preprocessor)
    {
        var result = new List<int>();
        var position = 0;
        foreach (var column in preprocessor.State.Columns)
        {
            if (column.Kind == FeatureKind.Categorical && column.Encoding == CategoricalEncoding.Ordinal)
            {
                result.Add(position);
            }

            position += column.Width;
        }

        return preprocessor.State.Pca is null ? [.. result] : [];
    }
}
