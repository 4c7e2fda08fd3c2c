using BenchmarkDotNet.Attributes;
using SegBench.Data.Formats;
using SegBench.Generator.Engine;
using SegBench.Generator.Schema;

namespace SegBench.Benchmarks.Generator;

/// <summary>
/// Every shipped table in every format, written by the engine: customers, card usage and card
/// statements, to CSV and to Parquet. Customers to CSV is the baseline, so each row reads as a
/// ratio to it. Rows counts customers; the card tables follow from them (about 1.1 cards each,
/// about 11.5 statements per card).
/// </summary>
[MemoryDiagnoser]
public class TableFormatBenchmarks
{
    private DatasetPlan? _plan;
    private string? _directory;

    /// <summary>Customers (root rows) per run.</summary>
    [Params(20_000)]
    public int Rows { get; set; }

    /// <summary>The output format.</summary>
    [Params(TableFormat.Csv, TableFormat.Parquet)]
    public TableFormat Format { get; set; }

    /// <summary>Compiles the credit-card schema, which includes the customers.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _plan = DatasetPlan.Compile(SchemaLoader.Load(Path.Combine(GeneratorFixture.RepositoryRoot(), "schemas", "credit-card-usage.yaml")), GeneratorFixture.Seed);
        _directory = GeneratorFixture.TemporaryDirectory("bench-tables");
    }

    /// <summary>Deletes the output folder.</summary>
    [GlobalCleanup]
    public void Cleanup() => GeneratorFixture.DeleteDirectory(_directory);

    /// <summary>Customers.</summary>
    [Benchmark(Baseline = true)]
    public long Customers() => Write("customers");

    /// <summary>Card usage: one row per card, its customers' keys and segments regenerated.</summary>
    [Benchmark]
    public long CardUsage() => Write("card_usage");

    /// <summary>Card statements: one row per card per month of tenure.</summary>
    [Benchmark]
    public long CardStatements() => Write("card_statements");

    private long Write(string table) =>
        DatasetGenerator.Run(_plan!, new GenerateOptions { OutputDirectory = _directory!, Rows = Rows, Format = Format, Tables = [table], Threads = 2 }).Rows;
}
