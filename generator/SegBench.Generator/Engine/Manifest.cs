using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using SegBench.Data;
using SegBench.Generator.Segments;

namespace SegBench.Generator.Engine;

/// <summary>
/// What a generation run produced: schema hash, seed, generator version, row counts, achieved
/// difficulty and the checksum of every file. Shards each write a part; <see cref="Merge"/> sums them.
/// </summary>
public sealed record Manifest
{
    /// <summary>
    /// The manifest's own format version. 2: each file's <c>checksum</c> names its algorithm
    /// (<c>xxh128:…</c> by default); version 1 had a bare <c>sha256</c>.
    /// </summary>
    public const int CurrentVersion = 2;

    /// <summary>Always "segbench-dataset".</summary>
    public string Kind { get; init; } = "segbench-dataset";

    /// <summary>The manifest format version.</summary>
    public int ManifestVersion { get; init; } = CurrentVersion;

    /// <summary>The generator's output format version.</summary>
    public int GeneratorFormatVersion { get; init; } = DatasetPlan.GeneratorFormatVersion;

    /// <summary>The schema's name.</summary>
    public required string Schema { get; init; }

    /// <summary>SHA-256 of the schema files.</summary>
    public required string SchemaSha256 { get; init; }

    /// <summary>The seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>The schema's as-of date.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>The separation override, if any.</summary>
    public double? Separation { get; init; }

    /// <summary>The file format.</summary>
    public required string Format { get; init; }

    /// <summary>The shards this manifest covers (all of them once merged).</summary>
    public required int ShardCount { get; init; }

    /// <summary>The shard indexes included.</summary>
    public required IReadOnlyList<int> Shards { get; init; }

    /// <summary>One entry per table written.</summary>
    public required IReadOnlyList<TableManifest> Tables { get; init; }

    /// <summary>The serialiser settings: snake_case, indented.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        TypeInfoResolver = ManifestJsonContext.Default,
    };

    /// <summary>Reads a manifest file.</summary>
    public static Manifest Load(string path) =>
        JsonSerializer.Deserialize<Manifest>(File.ReadAllText(path), JsonOptions) ?? throw new InvalidDataException($"{path}: empty manifest.");

    /// <summary>Combines the manifests of shards of one run.</summary>
    public static Manifest Merge(IReadOnlyList<Manifest> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var first = parts[0];
        foreach (var part in parts.Skip(1))
        {
            var differs = part.ManifestVersion != first.ManifestVersion ? "manifest version"
                : part.SchemaSha256 != first.SchemaSha256 ? "schema"
                : part.Seed != first.Seed ? "seed"
                : part.Separation != first.Separation ? "separation"
                : part.Format != first.Format ? "format"
                : part.ShardCount != first.ShardCount ? "shard count"
                : part.GeneratorFormatVersion != first.GeneratorFormatVersion ? "generator version"
                : !part.Tables.Select(t => t.Name).SequenceEqual(first.Tables.Select(t => t.Name)) ? "tables"
                : null;
            if (differs is not null)
            {
                throw new InvalidDataException($"Shard {part.Shards[0]} comes from a different run than shard {first.Shards[0]}: its {differs} differs. Regenerate it, or keep runs in separate folders.");
            }
        }

        var tables = first.Tables.Select(t => t.Name).Select(name =>
        {
            var pieces = parts.Select(p => p.Tables.Single(t => t.Name == name)).ToArray();
            var contingency = new long[pieces[0].Contingency.Length];
            foreach (var piece in pieces)
            {
                for (var i = 0; i < contingency.Length; i++)
                {
                    contingency[i] += piece.Contingency[i];
                }
            }

            return pieces[0] with
            {
                Rows = pieces.Sum(p => p.Rows),
                Outliers = pieces.Sum(p => p.Outliers),
                Contingency = contingency,
                Difficulty = pieces[0].Segments.Count > 1 ? Difficulty.FromContingency(contingency, pieces[0].Segments.Count) : null,
                Files = pieces.SelectMany(p => p.Files).OrderBy(f => f.Path, StringComparer.Ordinal).ToArray(),
            };
        }).ToArray();
        return first with { Shards = parts.SelectMany(p => p.Shards).Order().ToArray(), Tables = tables };
    }

    /// <summary>Writes the manifest atomically.</summary>
    public void Save(string path)
    {
        using var file = new Data.Formats.AtomicFile(path);
        using (var json = new Utf8JsonWriter(file.Stream, new JsonWriterOptions { Indented = true }))
        {
            WriteTo(json);
        }

        file.Commit();
    }

    /// <summary>
    /// Writes the manifest as <see cref="JsonOptions"/> would serialise it, field by field. The
    /// serialiser's first use in a process costs a few tenths of a second of JIT work for its
    /// generic converters, which every generate run would pay inside its timed generation.
    /// </summary>
    public void WriteTo(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteString("kind", Kind);
        json.WriteNumber("manifest_version", ManifestVersion);
        json.WriteNumber("generator_format_version", GeneratorFormatVersion);
        json.WriteString("schema", Schema);
        json.WriteString("schema_sha256", SchemaSha256);
        json.WriteNumber("seed", Seed);
        json.WriteString("as_of", AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        WriteNumberOrNull(json, "separation", Separation);
        json.WriteString("format", Format);
        json.WriteNumber("shard_count", ShardCount);
        WriteArray(json, "shards", Shards, (j, shard) => j.WriteNumberValue(shard));
        WriteArray(json, "tables", Tables, (j, table) => table.WriteTo(j));
        json.WriteEndObject();
    }

    /// <summary>Writes <paramref name="items"/> as a JSON array property, each with <paramref name="write"/>.</summary>
    internal static void WriteArray<T>(Utf8JsonWriter json, string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> write)
    {
        json.WriteStartArray(name);
        foreach (var item in items)
        {
            write(json, item);
        }

        json.WriteEndArray();
    }

    /// <summary>An enum value as the serialiser's snake_case string converter writes it.</summary>
    internal static string EnumText<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}

/// <summary>One table in a manifest.</summary>
public sealed record TableManifest
{
    /// <summary>The table name.</summary>
    public required string Name { get; init; }

    /// <summary>Rows written.</summary>
    public required long Rows { get; init; }

    /// <summary>The key column.</summary>
    public string? Key { get; init; }

    /// <summary>The columns with their types and roles (identifiers and text are not features).</summary>
    public required IReadOnlyList<ColumnManifest> Columns { get; init; }

    /// <summary>The planted segments: id, name, weight.</summary>
    public required IReadOnlyList<SegmentManifest> Segments { get; init; }

    /// <summary>Outlier rows written.</summary>
    public long Outliers { get; init; }

    /// <summary>Counts of (segment, most likely segment), row-major.</summary>
    public required long[] Contingency { get; init; }

    /// <summary>The achieved difficulty (null without segments).</summary>
    public Difficulty? Difficulty { get; init; }

    /// <summary>The files written, data and truth.</summary>
    public required IReadOnlyList<FileManifest> Files { get; init; }

    /// <summary>Writes the table's entry (see <see cref="Manifest.WriteTo"/>).</summary>
    public void WriteTo(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteString("name", Name);
        json.WriteNumber("rows", Rows);
        json.WriteString("key", Key);
        Manifest.WriteArray(json, "columns", Columns, (j, column) =>
        {
            j.WriteStartObject();
            j.WriteString("name", column.Name);
            j.WriteString("type", Manifest.EnumText(column.Type));
            j.WriteString("role", Manifest.EnumText(column.Role));
            j.WriteEndObject();
        });
        Manifest.WriteArray(json, "segments", Segments, (j, segment) =>
        {
            j.WriteStartObject();
            j.WriteNumber("id", segment.Id);
            j.WriteString("name", segment.Name);
            j.WriteNumber("weight", segment.Weight);
            j.WriteEndObject();
        });
        json.WriteNumber("outliers", Outliers);
        Manifest.WriteArray(json, "contingency", Contingency, (j, count) => j.WriteNumberValue(count));
        if (Difficulty is { } difficulty)
        {
            json.WriteStartObject("difficulty");
            Manifest.WriteArray(json, "segment_rows", difficulty.SegmentRows, (j, rows) => j.WriteNumberValue(rows));
            json.WriteNumber("bayes_accuracy", difficulty.BayesAccuracy);
            json.WriteNumber("bayes_ari", difficulty.BayesAri);
            Manifest.WriteArray(json, "overlap", difficulty.Overlap, (j, row) =>
            {
                j.WriteStartArray();
                foreach (var share in row)
                {
                    j.WriteNumberValue(share);
                }

                j.WriteEndArray();
            });
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("difficulty");
        }

        Manifest.WriteArray(json, "files", Files, (j, file) =>
        {
            j.WriteStartObject();
            j.WriteString("path", file.Path);
            j.WriteString("kind", file.Kind);
            j.WriteNumber("rows", file.Rows);
            j.WriteNumber("bytes", file.Bytes);
            j.WriteString("checksum", file.Checksum);
            j.WriteEndObject();
        });
        json.WriteEndObject();
    }
}

/// <summary>A column in a manifest.</summary>
public sealed record ColumnManifest(string Name, ColumnType Type, ColumnRole Role);

/// <summary>A planted segment in a manifest.</summary>
public sealed record SegmentManifest(int Id, string Name, double Weight);

/// <summary>A file in a manifest; the path is relative to the dataset folder.</summary>
/// <param name="Path">The file, relative to the dataset folder, with forward slashes.</param>
/// <param name="Kind">data or truth.</param>
/// <param name="Rows">The rows it holds.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Checksum">Its checksum as <c>algorithm:hex</c> (see <see cref="Data.Formats.Checksum"/>); null in a version 1 manifest.</param>
public sealed record FileManifest(string Path, string Kind, long Rows, long Bytes, string? Checksum);

/// <summary>The manifest's serialisation metadata, generated at compile time.</summary>
[JsonSerializable(typeof(Manifest))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;
