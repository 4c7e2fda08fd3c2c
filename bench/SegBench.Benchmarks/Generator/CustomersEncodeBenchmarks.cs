using BenchmarkDotNet.Attributes;
using CsvHelper;
using SegBench.Data;
using SegBench.Data.Formats.Csv;

namespace SegBench.Benchmarks.Generator;

/// <summary>
/// The encoding half alone: already generated customers written as CSV to the same counting null
/// sink, by CsvHelper's generated record writer and by <see cref="CsvTableWriter.EncodeRows(ColumnBatch)"/>.
/// See <see cref="CustomersGenerateBenchmarks"/> for the other half.
/// </summary>
[MemoryDiagnoser]
public class CustomersEncodeBenchmarks
{
    private BogusCustomer[] _records = [];
    private List<ColumnBatch> _batches = [];

    /// <summary>Rows encoded.</summary>
    [Params(100_000)]
    public int Rows { get; set; }

    /// <summary>Generates the rows once, both ways, from the fixed seed.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _records = BogusBaseline.CreateFaker(GeneratorFixture.Seed).Generate(Rows).ToArray();
        _batches = GeneratorFixture.GenerateBatches(GeneratorFixture.Customers(), Rows);
    }

    /// <summary>CsvHelper 34: <c>WriteRecords</c> of the records.</summary>
    [Benchmark(Baseline = true)]
    public long CsvHelperWriteRecords()
    {
        using var sink = new CountingStream();
        using (var csv = CsvWriter.Create(sink, BogusBaseline.Options, leaveOpen: true))
        {
            csv.WriteRecords(_records);
        }

        return sink.Written;
    }

    /// <summary>SegBench: each batch encoded to UTF-8 bytes and written.</summary>
    [Benchmark]
    public long SegBenchEncodeRows()
    {
        using var sink = new CountingStream();
        foreach (var batch in _batches)
        {
            sink.Write(CsvTableWriter.EncodeRows(batch));
        }

        return sink.Written;
    }
}
