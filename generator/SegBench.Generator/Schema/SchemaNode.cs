using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace SegBench.Generator.Schema;

/// <summary>
/// A read-only view of one YAML node that knows where it came from, so every check can fail with
/// <c>file:line:column: what was expected</c>.
/// </summary>
public sealed class SchemaNode
{
    private readonly YamlNode _node;

    internal SchemaNode(YamlNode node, string file, string path)
    {
        _node = node;
        File = file;
        Path = path;
    }

    /// <summary>Wraps the root of a parsed YAML document, so other YAML formats (experiment matrices) report errors the same way.</summary>
    public static SchemaNode Root(YamlNode node, string file) => new(node, file, string.Empty);

    /// <summary>The file the node came from.</summary>
    public string File { get; }

    /// <summary>A dotted path such as <c>tables.customers.columns.age</c>, for messages.</summary>
    public string Path { get; }

    /// <summary>The node's location.</summary>
    public SourceLocation Location => new(File, _node.Start.Line, _node.Start.Column);

    /// <summary>True for a mapping.</summary>
    public bool IsMapping => _node is YamlMappingNode;

    /// <summary>True for a sequence.</summary>
    public bool IsSequence => _node is YamlSequenceNode;

    /// <summary>True for a scalar.</summary>
    public bool IsScalar => _node is YamlScalarNode;

    /// <summary>Throws a <see cref="SchemaException"/> at this node.</summary>
    public SchemaException Error(string problem) => new(Location, problem);

    /// <summary>The entries of a mapping in file order; fails when the node is not a mapping.</summary>
    public IReadOnlyList<KeyValuePair<string, SchemaNode>> Entries()
    {
        if (_node is not YamlMappingNode mapping)
        {
            throw Error($"{Describe()} must be a mapping of key: value.");
        }

        var entries = new List<KeyValuePair<string, SchemaNode>>(mapping.Children.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? throw new SchemaException(new(File, keyNode.Start.Line, keyNode.Start.Column), "keys must be plain text.");
            if (!seen.Add(key))
            {
                throw new SchemaException(new(File, keyNode.Start.Line, keyNode.Start.Column), $"key '{key}' appears twice in {Describe()}.");
            }

            entries.Add(new(key, new SchemaNode(valueNode, File, Path.Length == 0 ? key : $"{Path}.{key}")));
        }

        return entries;
    }

    /// <summary>The items of a sequence; fails when the node is not a sequence.</summary>
    public IReadOnlyList<SchemaNode> Items()
    {
        if (_node is not YamlSequenceNode sequence)
        {
            throw Error($"{Describe()} must be a list.");
        }

        return sequence.Children.Select((child, i) => new SchemaNode(child, File, $"{Path}[{i}]")).ToArray();
    }

    /// <summary>
    /// Checks a mapping has only <paramref name="allowed"/> keys and every <paramref name="required"/> one,
    /// suggesting the closest allowed key for a typo.
    /// </summary>
    public IReadOnlyDictionary<string, SchemaNode> Keys(IReadOnlyCollection<string> allowed, params string[] required)
    {
        var result = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
        foreach (var (key, value) in Entries())
        {
            if (!allowed.Contains(key))
            {
                var suggestion = Suggest(key, allowed);
                throw new SchemaException(value.KeyLocation(key, this), $"unknown key '{key}' in {Describe()}{(suggestion is null ? "" : $"; did you mean '{suggestion}'?")} Expected one of: {string.Join(", ", allowed)}.");
            }

            result[key] = value;
        }

        foreach (var key in required)
        {
            if (!result.ContainsKey(key))
            {
                throw Error($"{Describe()} needs '{key}'.");
            }
        }

        return result;
    }

    /// <summary>The scalar text; fails for mappings and sequences.</summary>
    public string Text()
    {
        if (_node is not YamlScalarNode scalar)
        {
            throw Error($"{Describe()} must be a single value, not a {(IsMapping ? "mapping" : "list")}.");
        }

        return scalar.Value ?? string.Empty;
    }

    /// <summary>A finite number.</summary>
    public double Number()
    {
        var text = Text();
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw Error($"{Describe()} must be a number, not '{text}'.");
        }

        return value;
    }

    /// <summary>A number within [min, max].</summary>
    public double Number(double min, double max, string what)
    {
        var value = Number();
        if (value < min || value > max)
        {
            throw Error($"{Describe()} ({what}) must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}, not {value.ToString(CultureInfo.InvariantCulture)}.");
        }

        return value;
    }

    /// <summary>A whole number.</summary>
    public long Integer(long min = long.MinValue, long max = long.MaxValue)
    {
        var text = Text();
        if (!long.TryParse(text, NumberStyles.Integer | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value))
        {
            throw Error($"{Describe()} must be a whole number, not '{text}'.");
        }

        if (value < min || value > max)
        {
            throw Error($"{Describe()} must be between {min} and {max}, not {value}.");
        }

        return value;
    }

    /// <summary>true or false.</summary>
    public bool Boolean()
    {
        var text = Text();
        return text.ToLowerInvariant() switch
        {
            "true" or "yes" => true,
            "false" or "no" => false,
            _ => throw Error($"{Describe()} must be true or false, not '{text}'."),
        };
    }

    /// <summary>An ISO date yyyy-MM-dd.</summary>
    public DateOnly Date()
    {
        var text = Text();
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw Error($"{Describe()} must be a date as yyyy-MM-dd, not '{text}'.");
        }

        return date;
    }

    /// <summary>A list of scalars, accepting a single scalar as a one-item list.</summary>
    public IReadOnlyList<string> TextList() => IsSequence ? Items().Select(item => item.Text()).ToArray() : [Text()];

    /// <summary>The closest candidate by edit distance, if it is close enough to be a typo.</summary>
    public static string? Suggest(string key, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = EditDistance(key, candidate);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }

        return best is not null && bestDistance <= Math.Max(2, key.Length / 3) ? best : null;
    }

    private SourceLocation KeyLocation(string key, SchemaNode parent)
    {
        if (parent._node is YamlMappingNode mapping)
        {
            foreach (var keyNode in mapping.Children.Keys)
            {
                if (keyNode is YamlScalarNode scalar && scalar.Value == key)
                {
                    return new(File, keyNode.Start.Line, keyNode.Start.Column);
                }
            }
        }

        return Location;
    }

    private string Describe() => Path.Length == 0 ? "the document" : $"'{Path}'";

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
