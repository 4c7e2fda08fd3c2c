using BenchmarkDotNet.Attributes;
using SegBench.Data;
using SegBench.Generator.Columns;
using SegBench.Generator.Engine;
using SegBench.Generator.Randomness;

namespace SegBench.Benchmarks.Generator;

/// <summary>
/// The building blocks the hot columns call once or several times per row, over one engine-sized
/// batch of row keys: address location (called by 4 location columns and by every IFSC branch
/// lookup), IFSC branch (called by 3 columns), the keyed permutation behind 6 unique identifiers,
/// the Aadhaar check digit, the inverse normal CDF, the latent vector, and the truth. Divide by
/// <see cref="Rows"/> for ns per call; multiply by the calls per row to see what a row pays.
/// </summary>
/// <remarks>No baseline: these are the parts, measured so a change to one shows up here first.</remarks>
[MemoryDiagnoser]
public class GeneratorPrimitivesBenchmarks
{
    private TablePlan? _customers;
    private BatchState? _state;
    private AddressGenerator? _address;
    private IfscGenerator? _ifsc;
    private KeyedPermutation? _permutation;
    private ulong[] _keys = [];
    private byte[] _digits = [];
    private double[] _uniforms = [];
    private double[] _innovations = [];
    private double[] _latent = [];
    private ColumnBatch? _truth;

    /// <summary>Rows (calls) per invocation: the engine's batch size.</summary>
    [Params(GenerateOptions.Defaults.BatchRows)]
    public int Rows { get; set; }

    /// <summary>Generates one batch and prepares the inputs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _customers = GeneratorFixture.Customers();
        _state = _customers.CreateState();
        _customers.Generate(_state, 0, Rows);
        _keys = _state.RowKeys.AsSpan(0, Rows).ToArray();
        _address = _customers.Generators.OfType<AddressGenerator>().First();
        _ifsc = _customers.Generators.OfType<IfscGenerator>().First();
        _permutation = new KeyedPermutation(8 * 10_000_000_000UL, StreamKey.Combine(_customers.TableKey, StreamKey.Hash("customer_adhar_card_no")));
        _digits = new byte[Rows * 11];
        var random = new RowRandom(GeneratorFixture.Seed);
        for (var i = 0; i < _digits.Length; i++)
        {
            _digits[i] = (byte)('0' + random.NextInt(10));
        }

        _uniforms = Enumerable.Range(0, Rows).Select(i => (i + 0.5) / Rows).ToArray();
        var width = _customers.Segments.LatentCount;
        _innovations = new double[Rows * width];
        _latent = new double[Rows * width];
        _truth = ColumnBatch.CreateEmpty(_customers.TruthSchema, Rows);
    }

    /// <summary><see cref="AddressGenerator.Locate"/>: city and PIN of a row.</summary>
    [Benchmark]
    public long AddressLocate()
    {
        long sum = 0;
        foreach (var key in _keys)
        {
            sum += _address!.Locate(key).Pin;
        }

        return sum;
    }

    /// <summary><see cref="IfscGenerator.Branch"/>: bank, city and branch of a row (it calls Locate).</summary>
    [Benchmark]
    public long IfscBranch()
    {
        long sum = 0;
        foreach (var key in _keys)
        {
            sum += _ifsc!.Branch(key).Locality;
        }

        return sum;
    }

    /// <summary><see cref="KeyedPermutation.Permute"/> on the Aadhaar domain.</summary>
    [Benchmark]
    public ulong Permute()
    {
        ulong sum = 0;
        for (var i = 0; i < Rows; i++)
        {
            sum += _permutation!.Permute((ulong)i);
        }

        return sum;
    }

    /// <summary><see cref="Verhoeff.CheckDigit"/> of 11 digits.</summary>
    [Benchmark]
    public int VerhoeffCheckDigit()
    {
        var sum = 0;
        for (var i = 0; i < Rows; i++)
        {
            sum += Verhoeff.CheckDigit(_digits.AsSpan(i * 11, 11));
        }

        return sum;
    }

    /// <summary><see cref="NormalMath.InverseCdf"/>, evenly over (0, 1).</summary>
    [Benchmark]
    public double InverseNormalCdf()
    {
        var sum = 0.0;
        foreach (var u in _uniforms)
        {
            sum += NormalMath.InverseCdf(u);
        }

        return sum;
    }

    /// <summary>The latent vectors of the rows: one normal per latent column, then the Cholesky factor.</summary>
    [Benchmark]
    public double FillLatent()
    {
        _customers!.Segments.FillLatent(_keys, _state!.Segments.AsSpan(0, Rows), _innovations, _latent);
        return _latent[0];
    }

    /// <summary><see cref="TablePlan.FillTruth"/>: the Bayes-optimal segment of every row.</summary>
    [Benchmark]
    public int FillTruth()
    {
        _truth!.Clear();
        _customers!.FillTruth(_state!, _truth, new long[_customers.Segments.Count * _customers.Segments.Count]);
        return _truth.RowCount;
    }
}
