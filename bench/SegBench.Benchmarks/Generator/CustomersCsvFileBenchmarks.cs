using BenchmarkDotNet.Attributes;
using SegBench.Generator.Engine;

namespace SegBench.Benchmarks.Generator;

/// <summary>
/// End to end, customers to a CSV file: the Bogus <c>Faker&lt;T&gt;</c> + CsvHelper loop (one
/// thread, as people write it) against <see cref="DatasetGenerator.Run"/>, which also writes the
/// truth file, hashes both files and fsyncs them. Both write into the same temporary folder.
/// </summary>
/// <remarks>The baseline ignores <see cref="Threads"/>; it is repeated per value so each row of the table has its ratio.</remarks>
[MemoryDiagnoser]
public class CustomersCsvFileBenchmarks
{
    private TablePlan? _customers;
    private DatasetPlan? _plan;
    private string? _directory;

    /// <summary>Rows per file.</summary>
    [Params(100_000)]
    public int Rows { get; set; }

    /// <summary>Worker threads of the engine.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Compiles the schema and makes the output folder.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _plan = GeneratorFixture.Plan();
        _customers = _plan.Table(GeneratorFixture.Table);
        _directory = GeneratorFixture.TemporaryDirectory("bench-file");
    }

    /// <summary>Deletes the output folder.</summary>
    [GlobalCleanup]
    public void Cleanup() => GeneratorFixture.DeleteDirectory(_directory);

    /// <summary>Bogus <c>Faker&lt;BogusCustomer&gt;</c>, en_IND, <c>UseSeed</c>, then CsvHelper <c>WriteRecords</c> to a file.</summary>
    [Benchmark(Baseline = true)]
    public long BogusCsvHelper()
    {
        var path = Path.Combine(_directory!, "bogus-customers.csv");
        BogusBaseline.WriteCsv(path, Rows, GeneratorFixture.Seed);
        return new FileInfo(path).Length;
    }

    /// <summary>SegBench's engine: customers.csv, customers.truth.csv and manifest.json.</summary>
    [Benchmark]
    public long SegBenchEngine()
    {
        var result = DatasetGenerator.Run(_plan!, new GenerateOptions
        {
            OutputDirectory = _directory!,
            Rows = Rows,
            Threads = Threads,
            Tables = [_customers!.Name],
        });
        return result.Rows;
    }
}
