using System.Security.Cryptography;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace SegBench.Generator.Schema;

/// <summary>
/// Loads a schema file (and the files it includes) into a <see cref="DatasetSchema"/>. Every
/// error is <c>file:line:column: what was expected</c>. Hostile input is refused before it costs
/// anything: files over 1 MiB, nesting deeper than 32, and YAML anchors and aliases (the
/// vehicle of "billion laughs" bombs, and never needed in a schema).
/// </summary>
public static class SchemaLoader
{
    /// <summary>The largest schema file accepted.</summary>
    public const long MaximumFileBytes = 1 << 20;

    /// <summary>The deepest nesting accepted.</summary>
    public const int MaximumDepth = 32;

    private static readonly string[] TopLevelKeys = ["schema", "version", "seed", "as_of", "description", "include", "tables"];
    private static readonly string[] TableKeys = ["rows", "key", "description", "columns", "segments", "correlations", "outliers", "parent", "per_parent", "max_per_parent"];
    private static readonly string[] SegmentsKeys = ["separation", "members", "inherit"];
    private static readonly string[] SegmentKeys = ["weight", "description", "shift", "categories", "parent_segments"];

    /// <summary>Loads and checks a schema file.</summary>
    public static DatasetSchema Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var tables = new List<TableSpec>();
        var root = LoadFile(path, hash, tables, new HashSet<string>(StringComparer.Ordinal));
        if (tables.Count == 0)
        {
            throw root.Document.Error("the schema declares no tables; add a 'tables:' mapping.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            if (!names.Add(table.Name))
            {
                throw table.Node.Error($"table '{table.Name}' is declared twice (check the included files).");
            }
        }

        foreach (var table in tables.Where(t => t.Parent is not null))
        {
            if (!names.Contains(table.Parent!.Table))
            {
                throw table.Parent.Node.Error($"parent table '{table.Parent.Table}' does not exist; known tables: {string.Join(", ", names)}.");
            }
        }

        return new DatasetSchema(
            root.Name ?? Path.GetFileNameWithoutExtension(path),
            root.Version ?? 1,
            root.Seed ?? 42,
            root.AsOf ?? throw root.Document.Error("the schema needs 'as_of: yyyy-MM-dd', the date ages and tenures are computed against."),
            tables,
            Path.GetFullPath(path),
            Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static FileHeader LoadFile(string path, IncrementalHash hash, List<TableSpec> tables, HashSet<string> loading)
    {
        var fullPath = Path.GetFullPath(path);
        var start = new SourceLocation(path, 1, 1);
        if (!File.Exists(fullPath))
        {
            throw new SchemaException(start, "file not found.");
        }

        if (!loading.Add(fullPath))
        {
            throw new SchemaException(start, "the file includes itself (an include cycle).");
        }

        if (new FileInfo(fullPath).Length > MaximumFileBytes)
        {
            throw new SchemaException(start, $"the file is larger than {MaximumFileBytes / 1024} KiB; a schema is a small YAML file.");
        }

        var bytes = File.ReadAllBytes(fullPath);
        hash.AppendData(bytes);
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        CheckStructure(path, text);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException error)
        {
            throw new SchemaException(new(path, error.Start.Line, error.Start.Column), $"not valid YAML: {error.Message}", error);
        }

        if (stream.Documents.Count != 1)
        {
            throw new SchemaException(start, $"a schema file holds exactly one YAML document, not {stream.Documents.Count}.");
        }

        var document = new SchemaNode(stream.Documents[0].RootNode, path, string.Empty);
        var keys = document.Keys(TopLevelKeys);
        var header = new FileHeader(document)
        {
            Name = keys.TryGetValue("schema", out var name) ? name.Text() : null,
            Version = keys.TryGetValue("version", out var version) ? (int)version.Integer(1, int.MaxValue) : null,
            Seed = keys.TryGetValue("seed", out var seed) ? (ulong)seed.Integer(0) : null,
            AsOf = keys.TryGetValue("as_of", out var asOf) ? asOf.Date() : null,
        };

        if (keys.TryGetValue("include", out var include))
        {
            foreach (var item in include.IsSequence ? include.Items() : [include])
            {
                var included = Path.Combine(Path.GetDirectoryName(fullPath)!, item.Text());
                if (!File.Exists(included))
                {
                    throw item.Error($"included file '{item.Text()}' not found (looked in {Path.GetDirectoryName(fullPath)}).");
                }

                var child = LoadFile(included, hash, tables, loading);
                header.Seed ??= child.Seed;
                header.AsOf ??= child.AsOf;
            }
        }

        if (keys.TryGetValue("tables", out var tableNodes))
        {
            foreach (var (tableName, tableNode) in tableNodes.Entries())
            {
                tables.Add(ParseTable(tableName, tableNode));
            }
        }

        loading.Remove(fullPath);
        return header;
    }

    // Walks the event stream once before building any tree: refuses aliases and deep nesting.
    private static void CheckStructure(string path, string text)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        var last = new SourceLocation(path, 1, 1);
        try
        {
            while (parser.MoveNext())
            {
                last = new SourceLocation(path, parser.Current!.Start.Line, parser.Current.Start.Column);
                switch (parser.Current)
                {
                    case AnchorAlias alias:
                        throw new SchemaException(new(path, alias.Start.Line, alias.Start.Column), "YAML aliases (*name) are not allowed in a schema; write the values out.");
                    case NodeEvent { Anchor.IsEmpty: false } anchored:
                        throw new SchemaException(new(path, anchored.Start.Line, anchored.Start.Column), "YAML anchors (&name) are not allowed in a schema; write the values out.");
                    case MappingStart or SequenceStart:
                        if (++depth > MaximumDepth)
                        {
                            throw new SchemaException(new(path, parser.Current.Start.Line, parser.Current.Start.Column), $"nesting is deeper than {MaximumDepth} levels.");
                        }

                        break;
                    case MappingEnd or SequenceEnd:
                        depth--;
                        break;
                }
            }
        }
        catch (YamlException error)
        {
            throw new SchemaException(new(path, error.Start.Line, error.Start.Column), $"not valid YAML: {error.Message}", error);
        }
        catch (InvalidOperationException error)
        {
            // YamlDotNet's scanner throws this, without a position, on some unclosed flow collections.
            throw new SchemaException(last, "not valid YAML: an unclosed bracket, brace or quote after this point.", error);
        }
    }

    private static TableSpec ParseTable(string name, SchemaNode node)
    {
        var keys = node.Keys(TableKeys, "columns");
        var columns = new List<ColumnSpec>();
        foreach (var (columnName, columnNode) in keys["columns"].Entries())
        {
            var type = columnNode.Entries().FirstOrDefault(e => e.Key == "type").Value
                ?? throw columnNode.Error($"column '{columnName}' needs a 'type'.");
            columns.Add(new ColumnSpec(columnName, type.Text(), columnNode));
        }

        ParentSpec? parent = null;
        if (keys.TryGetValue("parent", out var parentNode))
        {
            if (!keys.TryGetValue("per_parent", out var perParentNode))
            {
                throw parentNode.Error("a child table needs 'per_parent': a distribution of rows per parent row, e.g. { poisson: { mean: 1.3 } }, or { column: TENURE } to take the count from a parent column.");
            }

            var byColumn = perParentNode.IsMapping && perParentNode.Entries().Any(e => e.Key == "column");
            var maximum = keys.TryGetValue("max_per_parent", out var max) ? (int)max.Integer(1, 1_000_000) : 16;
            parent = new ParentSpec(
                parentNode.Text(),
                byColumn ? null : Distribution.Parse(perParentNode),
                byColumn ? perParentNode.Keys(["column"], "column")["column"] : null,
                maximum,
                parentNode);
        }
        else if (keys.TryGetValue("per_parent", out var stray))
        {
            throw stray.Error("'per_parent' needs 'parent: TABLE'.");
        }

        return new TableSpec(
            name,
            keys.TryGetValue("rows", out var rows) ? rows.Integer(0) : 1000,
            keys.TryGetValue("key", out var key) ? key.Text() : null,
            columns,
            keys.TryGetValue("segments", out var segments) ? ParseSegments(segments) : null,
            keys.TryGetValue("correlations", out var correlations) ? ParseCorrelations(correlations) : [],
            keys.TryGetValue("outliers", out var outliers) ? ParseOutliers(outliers) : null,
            parent,
            node);
    }

    private static SegmentsSpec ParseSegments(SchemaNode node)
    {
        var keys = node.Keys(SegmentsKeys);
        var separation = keys.TryGetValue("separation", out var sep) ? sep.Number(1e-6, 1000, "a positive separation") : 1.0;
        var inherit = keys.TryGetValue("inherit", out var inheritNode) && inheritNode.Boolean();
        if (!keys.ContainsKey("members"))
        {
            throw node.Error(inherit
                ? "an inheriting table still lists its members, with the parent's segment names, to say how each shifts this table's columns."
                : "'segments' needs 'members'.");
        }

        var members = new List<SegmentSpec>();
        foreach (var (name, member) in keys["members"].Entries())
        {
            var memberKeys = member.Keys(SegmentKeys, "weight");
            members.Add(new SegmentSpec(
                name,
                memberKeys["weight"].Number(1e-9, 1e9, "a positive weight"),
                memberKeys.TryGetValue("shift", out var shift) ? shift.Entries().ToDictionary() : new Dictionary<string, SchemaNode>(),
                memberKeys.TryGetValue("categories", out var categories) ? categories.Entries().ToDictionary() : new Dictionary<string, SchemaNode>(),
                memberKeys.TryGetValue("parent_segments", out var parents) ? parents.Entries().ToDictionary(e => e.Key, e => e.Value.Number(0, 1e9, "a non-negative factor")) : new Dictionary<string, double>(),
                member));
        }

        if (members.Count < 2)
        {
            throw keys["members"].Error("a mixture needs at least two segments.");
        }

        return new SegmentsSpec(separation, members, node, inherit);
    }

    private static List<CorrelationSpec> ParseCorrelations(SchemaNode node)
    {
        var result = new List<CorrelationSpec>();
        foreach (var item in node.Items())
        {
            var parts = item.Items();
            if (parts.Count != 3)
            {
                throw item.Error("a correlation is [column, column, coefficient], e.g. [annual_income, networth, 0.6].");
            }

            result.Add(new CorrelationSpec(parts[0].Text(), parts[1].Text(), parts[2].Number(-0.999, 0.999, "a correlation coefficient"), item));
        }

        return result;
    }

    private static OutlierSpec ParseOutliers(SchemaNode node)
    {
        var keys = node.Keys(["rate", "scale"], "rate");
        return new OutlierSpec(
            keys["rate"].Number(0, 0.5, "a share of rows"),
            keys.TryGetValue("scale", out var scale) ? scale.Number(1, 100, "a widening factor") : 4.0);
    }

    private sealed class FileHeader(SchemaNode document)
    {
        public SchemaNode Document { get; } = document;

        public string? Name { get; init; }

        public int? Version { get; init; }

        public ulong? Seed { get; set; }

        public DateOnly? AsOf { get; set; }
    }
}
