using SegBench.Generator.Schema;

namespace SegBench.Generator.Engine;

/// <summary>A whole schema compiled for generation, with the seed and separation to use.</summary>
public sealed class DatasetPlan
{
    /// <summary>The format version of generated values. Any change to seeded output bumps it (see CHANGELOG.md).</summary>
    public const int GeneratorFormatVersion = 1;

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
        var tables = new List<TablePlan>();
        foreach (var table in schema.Tables)
        {
            if (table.Parent is not null)
            {
                throw table.Parent.Node.Error("child tables (parent:) are not supported by this generator version yet.");
            }

            tables.Add(new TablePlan(table, effectiveSeed, schema.AsOf, separation));
        }

        return new DatasetPlan(schema, effectiveSeed, separation, tables);
    }

    /// <summary>The table with a name.</summary>
    public TablePlan Table(string name) =>
        Tables.FirstOrDefault(t => t.Name == name)
        ?? throw new ArgumentException($"The schema has no table '{name}'; it has: {string.Join(", ", Tables.Select(t => t.Name))}.", nameof(name));
}
