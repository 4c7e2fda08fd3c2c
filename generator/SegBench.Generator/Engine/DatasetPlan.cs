using SegBench.Generator.Schema;

namespace SegBench.Generator.Engine;

/// <summary>A whole schema compiled for generation, with the seed and separation to use.</summary>
public sealed class DatasetPlan
{
    /// <summary>The format version of generated values. Any change to seeded output bumps it (see CHANGELOG.md).</summary>
    public const int GeneratorFormatVersion = 5;

    private DatasetPlan(DatasetSchema schema, ulong seed, double? separation, IReadOnlyList<TablePlan> tables)
    {
        Schema = schema;
        Seed = seed;
        Separation = separation;
        Tables = tables;
    }

    /// <summary>The schema.</summary>
    public DatasetSchema Schema { get; }

    /// <summary>The seed in force.</summary>
    public ulong Seed { get; }

    /// <summary>The separation override, or null for each table's declared one.</summary>
    public double? Separation { get; }

    /// <summary>The tables in declaration order.</summary>
    public IReadOnlyList<TablePlan> Tables { get; }

    /// <summary>Compiles a schema. Fails with a <see cref="SchemaException"/> on any semantic error.</summary>
    public static DatasetPlan Compile(DatasetSchema schema, ulong? seed = null, double? separation = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (separation is <= 0 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(separation), separation, "The separation must be greater than 0 and at most 1000.");
        }

        var effectiveSeed = seed ?? schema.Seed;
        var compiled = new Dictionary<string, TablePlan>(StringComparer.Ordinal);
        TablePlan CompileTable(TableSpec table, HashSet<string> visiting)
        {
            if (compiled.TryGetValue(table.Name, out var done))
            {
                return done;
            }

            if (!visiting.Add(table.Name))
            {
                throw table.Node.Error($"table '{table.Name}' is its own ancestor through 'parent:'.");
            }

            var parent = table.Parent is null ? null : CompileTable(schema.Tables.Single(t => t.Name == table.Parent.Table), visiting);
            return compiled[table.Name] = new TablePlan(table, effectiveSeed, schema.AsOf, separation, parent);
        }

        var tables = schema.Tables.Select(table => CompileTable(table, new HashSet<string>(StringComparer.Ordinal))).ToArray();
        return new DatasetPlan(schema, effectiveSeed, separation, tables);
    }

    /// <summary>The table with a name.</summary>
    public TablePlan Table(string name) =>
        Tables.FirstOrDefault(t => t.Name == name)
        ?? throw new ArgumentException($"The schema has no table '{name}'; it has: {string.Join(", ", Tables.Select(t => t.Name))}.", nameof(name));
}
