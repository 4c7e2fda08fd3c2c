using System.Text;
using System.Text.Json;

namespace SegBench.Clustering.Algorithms;

/// <summary>A saved model that cannot be read: not JSON, the wrong format version, or missing fields.</summary>
public sealed class ClusterModelFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ClusterModelFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ClusterModelFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ClusterModelFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A model that can write itself into the versioned JSON document.</summary>
internal interface IJsonClusterModel
{
    /// <summary>Writes the algorithm-specific properties (the envelope is written by the caller).</summary>
    void WriteProperties(Utf8JsonWriter writer);
}

/// <summary>
/// Saves fitted models to, and loads them from, versioned JSON: an object with <c>format_version</c>,
/// an <c>algorithm</c> discriminator and the algorithm's own fields. Doubles round-trip exactly.
/// </summary>
public static class ClusterModelJson
{
    /// <summary>The format this build writes and reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>The model as a JSON string.</summary>
    public static string Serialize(IClusterModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var stream = new MemoryStream();
        Write(model, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes the model to <paramref name="stream"/> as UTF-8 JSON.</summary>
    public static void Write(IClusterModel model, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stream);
        if (model is not IJsonClusterModel json)
        {
            throw new NotSupportedException($"Models of type {model.GetType().Name} cannot be saved.");
        }

        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteNumber("format_version", FormatVersion);
        writer.WriteString("algorithm", model.Algorithm);
        writer.WriteNumber("clusters", model.NumberOfClusters);
        writer.WriteNumber("dimensions", model.Dimensions);
        json.WriteProperties(writer);
        writer.WriteEndObject();
    }

    /// <summary>Saves to <paramref name="path"/>, through a temporary file so a failed save leaves no file.</summary>
    public static void Save(IClusterModel model, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var temporary = path + ".tmp";
        try
        {
            using (var stream = File.Create(temporary))
            {
                Write(model, stream);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Loads a model saved by <see cref="Save"/>.</summary>
    /// <exception cref="ClusterModelFormatException">The file is not a model this build can read.</exception>
    public static IClusterModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Deserialize(File.ReadAllText(path));
    }

    /// <summary>Reads a model from its JSON text.</summary>
    /// <exception cref="ClusterModelFormatException">The text is not a model this build can read.</exception>
    public static IClusterModel Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new ClusterModelFormatException($"The model is not valid JSON: {exception.Message}", exception);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ClusterModelFormatException($"The model must be a JSON object, not {root.ValueKind}.");
            }

            if (!root.TryGetProperty("format_version", out var version) || version.ValueKind != JsonValueKind.Number)
            {
                throw new ClusterModelFormatException("The model has no numeric 'format_version'.");
            }

            if (!version.TryGetInt32(out var formatVersion) || formatVersion != FormatVersion)
            {
                throw new ClusterModelFormatException($"The model's format_version is {version.GetRawText()}; this build reads version {FormatVersion}.");
            }

            var reader = new ModelReader(root);
            var algorithm = reader.String("algorithm");
            try
            {
                return algorithm switch
                {
                    KMeans.AlgorithmName or MiniBatchKMeans.AlgorithmName =>
                        new KMeansModel(reader.Doubles("centers"), reader.Int("clusters"), reader.Int("dimensions"), algorithm),
                    GaussianMixture.AlgorithmName => GaussianMixtureModel.Read(reader),
                    Dbscan.AlgorithmName => DbscanModel.Read(reader),
                    KPrototypes.AlgorithmName => KPrototypesModel.Read(reader),
                    _ => throw new ClusterModelFormatException($"The model's algorithm '{algorithm}' is unknown."),
                };
            }
            catch (ArgumentException exception)
            {
                throw new ClusterModelFormatException($"The {algorithm} model is inconsistent: {exception.Message}", exception);
            }
        }
    }
}

/// <summary>Reads required fields with messages that name the missing or malformed one.</summary>
internal readonly struct ModelReader(JsonElement root)
{
    public JsonElement Property(string name)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            throw new ClusterModelFormatException($"The model has no '{name}'.");
        }

        return value;
    }

    public string String(string name)
    {
        var value = Property(name);
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new ClusterModelFormatException($"The model's '{name}' must be a string.");
    }

    public int Int(string name)
    {
        var value = Property(name);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var result)
            ? result
            : throw new ClusterModelFormatException($"The model's '{name}' must be an integer.");
    }

    public double Double(string name)
    {
        var value = Property(name);
        return value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : throw new ClusterModelFormatException($"The model's '{name}' must be a number.");
    }

    public double[] Doubles(string name) => Flatten(Property(name), name).ToArray();

    public int[] Ints(string name)
    {
        var value = Property(name);
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new ClusterModelFormatException($"The model's '{name}' must be an array of integers.");
        }

        var result = new int[value.GetArrayLength()];
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            result[i++] = item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out var number)
                ? number
                : throw new ClusterModelFormatException($"The model's '{name}' must be an array of integers.");
        }

        return result;
    }

    /// <summary>Numbers of a (possibly nested) array, in order.</summary>
    private static List<double> Flatten(JsonElement value, string name)
    {
        var result = new List<double>();
        void Walk(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Number:
                    result.Add(element.GetDouble());
                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Walk(item);
                    }

                    break;
                default:
                    throw new ClusterModelFormatException($"The model's '{name}' must be an array of numbers.");
            }
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new ClusterModelFormatException($"The model's '{name}' must be an array of numbers.");
        }

        Walk(value);
        return result;
    }
}

/// <summary>Helpers to write row-major arrays as nested JSON arrays.</summary>
internal static class JsonArrays
{
    public static void WriteMatrix(Utf8JsonWriter writer, string name, ReadOnlySpan<double> values, int columns)
    {
        writer.WriteStartArray(name);
        for (var start = 0; start < values.Length; start += columns)
        {
            writer.WriteStartArray();
            foreach (var value in values.Slice(start, columns))
            {
                writer.WriteNumberValue(value);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }

    public static void WriteVector(Utf8JsonWriter writer, string name, ReadOnlySpan<double> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteNumberValue(value);
        }

        writer.WriteEndArray();
    }

    public static void WriteVector(Utf8JsonWriter writer, string name, ReadOnlySpan<int> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteNumberValue(value);
        }

        writer.WriteEndArray();
    }
}
