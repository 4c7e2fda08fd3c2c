using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SegBench.Clustering.Pipeline;
using SegBench.Clustering.Preprocessing;

namespace SegBench.Cli.Serve;

/// <summary>
/// A loaded model with everything the endpoints reuse worked out once: the input checks, the
/// segments' names and descriptions as encoded JSON text, and the <c>GET /v1/model</c> and
/// <c>GET /healthz</c> bodies as bytes.
/// </summary>
internal sealed class ServedModel
{
    /// <summary>The unknown-category policy, as the API documents it.</summary>
    public const string UnknownCategoryPolicy =
        "Every input column must be present in each customer; null means 'not known' and is imputed as in training. "
        + "Numbers must be JSON numbers, booleans true/false, dates \"yyyy-MM-dd\" strings, categories JSON strings. "
        + "A category not seen in training (compared exactly, case-sensitively) is rejected with 400 naming the field and listing the known categories; "
        + "it is never silently encoded. Fields the model does not use are ignored.";

    private readonly JsonEncodedText[] _names;
    private readonly JsonEncodedText[] _descriptions;

    public ServedModel(SegmentationModel model, string path)
    {
        Model = model;
        Reader = new CustomerReader(model.Preprocessing.State.Columns);
        var clusters = Math.Max(model.Clusters.NumberOfClusters, model.Profile.Clusters.Count == 0 ? 0 : model.Profile.Clusters.Max(c => c.Cluster) + 1);
        _names = new JsonEncodedText[clusters + 1];
        _descriptions = new JsonEncodedText[clusters + 1];
        for (var segment = -1; segment < clusters; segment++)
        {
            _names[segment + 1] = JsonEncodedText.Encode(NameOf(segment));
            _descriptions[segment + 1] = JsonEncodedText.Encode(model.Describe(segment));
        }

        ModelDocument = JsonSerializer.SerializeToUtf8Bytes(Describe(model, path), JsonContext.Indented);
        HealthDocument = JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["status"] = "ok",
            ["algorithm"] = model.Clusters.Algorithm,
            ["clusters"] = model.Clusters.NumberOfClusters,
        }, JsonContext.Compact);
    }

    public SegmentationModel Model { get; }

    public CustomerReader Reader { get; }

    /// <summary>The body of <c>GET /v1/model</c>.</summary>
    public byte[] ModelDocument { get; }

    /// <summary>The body of <c>GET /healthz</c>.</summary>
    public byte[] HealthDocument { get; }

    /// <summary>A segment's short name: the profile has descriptions but no names, so "segment N" (or "noise").</summary>
    public static string NameOf(int segment) => segment < 0 ? "noise" : string.Create(CultureInfo.InvariantCulture, $"segment {segment}");

    public JsonEncodedText EncodedName(int segment) => segment + 1 < _names.Length ? _names[segment + 1] : JsonEncodedText.Encode(NameOf(segment));

    public JsonEncodedText EncodedDescription(int segment) =>
        segment + 1 < _descriptions.Length ? _descriptions[segment + 1] : JsonEncodedText.Encode(Model.Describe(segment));

    private static JsonObject Describe(SegmentationModel model, string path)
    {
        var inputs = new JsonArray();
        foreach (var column in model.Preprocessing.State.Columns)
        {
            var input = new JsonObject
            {
                ["name"] = column.Name,
                ["kind"] = column.Kind.ToString().ToLowerInvariant(),
                ["json_type"] = column.Kind switch
                {
                    FeatureKind.Numeric => "number",
                    FeatureKind.Boolean => "boolean",
                    _ => "string",
                },
                ["required"] = true,
                ["nullable"] = true,
            };
            if (column.Kind == FeatureKind.Date)
            {
                input["format"] = "date";
            }

            if (column.Categories is { } categories)
            {
                input["categories"] = new JsonArray([.. categories.Select(c => (JsonNode?)c)]);
            }

            inputs.Add(input);
        }

        var segments = new JsonArray();
        foreach (var profile in model.Profile.Clusters)
        {
            segments.Add(new JsonObject
            {
                ["segment"] = profile.Cluster,
                ["segment_name"] = NameOf(profile.Cluster),
                ["description"] = profile.Description,
                ["size"] = profile.Size,
                ["share"] = profile.Share,
            });
        }

        return new JsonObject
        {
            ["format"] = "segbench-model",
            ["format_version"] = SegmentationModel.FormatVersion,
            ["file"] = Path.GetFileName(path),
            ["algorithm"] = model.Clusters.Algorithm,
            ["k"] = model.Clusters.NumberOfClusters,
            ["probabilities"] = model.Clusters.Algorithm == "gmm",
            ["key_column"] = model.KeyColumn,
            ["input_columns"] = inputs,
            ["features"] = new JsonArray([.. model.Preprocessing.OutputColumnNames.Select(c => (JsonNode?)c)]),
            ["unknown_category_policy"] = UnknownCategoryPolicy,
            ["segments"] = segments,
            ["profile"] = JsonNode.Parse(model.Profile.ToJson()),
        };
    }

    private static class JsonContext
    {
        public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
        public static readonly JsonSerializerOptions Compact = new();
    }
}
