using BenchmarkDotNet.Attributes;
using SegBench.Generator.Engine;

namespace SegBench.Benchmarks.Generator;

/// <summary>
/// The generating half alone, no CSV: Bogus making <see cref="BogusCustomer"/> objects against
/// <see cref="TablePlan.Generate"/> filling column batches (segments, latent vectors, every column,
/// missingness), one thread each. See <see cref="CustomersEncodeBenchmarks"/> for the other half.
/// </summary>
[MemoryDiagnoser]
public class CustomersGenerateBenchmarks
{
    private TablePlan? _customers;
    private BatchState? _state;

    /// <summary>Rows generated.</summary>
    [Params(100_000)]
    public int Rows { get; set; }

    /// <summary>Compiles the schema.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _customers = GeneratorFixture.Customers();
        _state = _customers.CreateState();
    }

    /// <summary>Bogus: every record made and dropped (GenerateLazy, as the end-to-end baseline streams them).</summary>
    [Benchmark(Baseline = true)]
    public int BogusFaker()
    {
        var count = 0;
        foreach (var customer in BogusBaseline.CreateFaker(GeneratorFixture.Seed).GenerateLazy(Rows))
        {
            count += customer.Age;
        }

        return count;
    }

    /// <summary>SegBench: rows in the engine's batch size, into one reused state.</summary>
    [Benchmark]
    public int SegBenchGenerate()
    {
        var batchRows = GenerateOptions.Defaults.BatchRows;
        var count = 0;
        for (var first = 0; first < Rows; first += batchRows)
        {
            _customers!.Generate(_state!, first, Math.Min(batchRows, Rows - first));
            count += _state!.Columns.RowCount;
        }

        return count;
    }
}
