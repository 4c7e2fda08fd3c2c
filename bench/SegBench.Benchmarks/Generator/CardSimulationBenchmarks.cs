using BenchmarkDotNet.Attributes;
using SegBench.Data;
using SegBench.Generator.Engine;

namespace SegBench.Benchmarks.Generator;

/// <summary>
/// The card simulation (<c>schemas/credit-card-usage.yaml</c>, column <c>usage</c>): every card of
/// one engine-sized batch of customers simulated month by month, as the card_usage and
/// card_statements tables read it. Divide by the cards of the batch (about 1.09 per customer) for
/// ns per card.
/// </summary>
/// <remarks>
/// No baseline: the previous generator format's simulation is not kept in the code. The drivers
/// the simulation reads are generated once in setup; only the simulation column is refilled.
/// </remarks>
[MemoryDiagnoser]
public class CardSimulationBenchmarks
{
    private const string Simulation = "usage";
    private TablePlan? _cards;
    private BatchState? _state;
    private Column? _column;
    private int _index;

    /// <summary>Customers whose cards are simulated (the engine's default batch size).</summary>
    [Params(GenerateOptions.Defaults.BatchRows)]
    public int Customers { get; set; }

    /// <summary>Cards in the batch.</summary>
    public int Cards => _state?.Count ?? 0;

    /// <summary>Generates one batch of cards, drivers included.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _cards = GeneratorFixture.Plan("schemas/credit-card-usage.yaml").Table("card_usage");
        _state = _cards.GenerateLineage(_cards.CreateLineageStates(), 0, Customers);
        _index = _cards.Generators.Select((g, i) => (g, i)).Single(p => p.g.Name == Simulation).i;
        _column = _state.Columns.Columns[_index];
    }

    /// <summary>Simulates every card of the batch again.</summary>
    [Benchmark]
    public int Simulate()
    {
        _column!.Clear();
        _cards!.Generators[_index].Fill(_state!, _column);
        return _column.Count;
    }
}
