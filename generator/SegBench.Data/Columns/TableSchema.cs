using System.Collections.ObjectModel;

namespace SegBench.Data;

/// <summary>One named, typed field of a table.</summary>
/// <param name="Name">The column name as it appears in files.</param>
/// <param name="Type">The physical type.</param>
/// <param name="Role">What the column is for; lets clustering skip identifiers without guessing.</param>
public sealed record ColumnField(string Name, ColumnType Type, ColumnRole Role = ColumnRole.Feature);

/// <summary>What a column means to downstream tools.</summary>
public enum ColumnRole
{
    /// <summary>A value worth clustering on.</summary>
    Feature,

    /// <summary>A key or identifier (unique per row or per entity): never a feature.</summary>
    Identifier,

    /// <summary>Free text such as names and addresses: never a feature.</summary>
    Text,
}

/// <summary>An ordered, immutable list of fields with lookup by name.</summary>
public sealed class TableSchema
{
    private readonly Dictionary<string, int> _indexByName;

    /// <summary>Creates a schema; names must be unique.</summary>
    public TableSchema(IEnumerable<ColumnField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Fields = new ReadOnlyCollection<ColumnField>(fields.ToArray());
        _indexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Fields.Count; i++)
        {
            if (!_indexByName.TryAdd(Fields[i].Name, i))
            {
                throw new ArgumentException($"Column '{Fields[i].Name}' appears twice in the schema.", nameof(fields));
            }
        }
    }

    /// <summary>The fields in file order.</summary>
    public IReadOnlyList<ColumnField> Fields { get; }

    /// <summary>The number of fields.</summary>
    public int Count => Fields.Count;

    /// <summary>The position of a column, or -1.</summary>
    public int IndexOf(string name) => _indexByName.TryGetValue(name, out var index) ? index : -1;

    /// <summary>The field at a position.</summary>
    public ColumnField this[int index] => Fields[index];
}
