using BenchmarkDotNet.Attributes;
using SegBench.Data;
using SegBench.Data.Formats.Csv;
using SegBench.Generator.Engine;

namespace SegBench.Benchmarks.Generator;

/// <summary>
/// Per column of the customers table: the cost of its generator's <c>Fill</c> and of encoding it
/// as CSV, over one engine-sized batch. Divide by <see cref="Rows"/> for ns per row; the columns'
/// sum, plus segments and latent vectors, is what <see cref="CustomersGenerateBenchmarks"/> measures.
/// </summary>
/// <remarks>
/// No baseline: there is no reference implementation per column. Each Fill reads the columns it
/// depends on from a batch generated once in setup; only its own column is cleared and refilled.
/// </remarks>
[MemoryDiagnoser]
public class ColumnGeneratorBenchmarks
{
    private TablePlan? _customers;
    private BatchState? _state;
    private int _index;
    private Column? _column;
    private ColumnBatch? _single;

    /// <summary>Rows in the batch (the engine's default batch size).</summary>
    [Params(GenerateOptions.Defaults.BatchRows)]
    public int Rows { get; set; }

    /// <summary>The column measured.</summary>
    [ParamsSource(nameof(ColumnNames))]
    public string Column { get; set; } = "";

    /// <summary>Every column of the customers table, in output order.</summary>
    public static IEnumerable<string> ColumnNames() => GeneratorFixture.Customers().Generators.Select(g => g.Name);

    /// <summary>Generates one batch and picks the column.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _customers = GeneratorFixture.Customers();
        _state = _customers.CreateState();
        _customers.Generate(_state, 0, Rows);
        _index = _customers.DataSchema.IndexOf(Column);
        _column = _state.Columns.Columns[_index];
        _single = new ColumnBatch(new TableSchema([_customers.DataSchema[_index]]), [_column]);
    }

    /// <summary>The generator refills its column.</summary>
    [Benchmark]
    public int Fill()
    {
        _column!.Clear();
        _customers!.Generators[_index].Fill(_state!, _column);
        return _column.Count;
    }

    /// <summary>The column alone encoded as CSV lines.</summary>
    [Benchmark]
    public int Encode() => CsvTableWriter.EncodeRows(_single!).Length;
}
