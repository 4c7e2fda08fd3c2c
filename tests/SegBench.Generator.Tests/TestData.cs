using SegBench.Data;
using SegBench.Data.Formats;
using SegBench.Generator.Engine;
using SegBench.Generator.Schema;

namespace SegBench.Generator.Tests;

/// <summary>Shared helpers: the shipped schema, temporary schemas and folders, in-memory generation.</summary>
internal static class TestData
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string ShippedSchema(string name = "indian-bank-customers") => Path.Combine(RepositoryRoot, "schemas", $"{name}.yaml");

    public static string TempDirectory() => Directory.CreateTempSubdirectory("segbench-gen-").FullName;

    /// <summary>Writes YAML to a temporary schema file.</summary>
    public static string WriteSchema(string yaml)
    {
        var path = Path.Combine(TempDirectory(), "schema.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    /// <summary>Generates rows of a table in memory, as one batch.</summary>
    public static (Table Data, BatchState State) Generate(TablePlan table, long rows, long firstRow = 0)
    {
        var state = table.CreateState();
        table.Generate(state, firstRow, checked((int)rows));
        return (new Table(table.DataSchema, state.Columns.Columns), state);
    }

    public static TablePlan Customers(long? seed = null, double? separation = null) =>
        DatasetPlan.Compile(SchemaLoader.Load(ShippedSchema()), (ulong?)seed, separation).Table("customers");

    public static Table ReadCsv(string path)
    {
        using var reader = TableReaders.Open(path, TableReadOptions.Defaults);
        return reader.ReadAll();
    }

    public static string? Text(this Table table, string column, int row) => ((StringColumn)table[column]).GetString(row);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SegBench.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("SegBench.sln not found above the test folder.");
    }
}
