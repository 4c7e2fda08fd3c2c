using System.Text;
using SegBench.Data;
using SegBench.Data.Formats;
using SegBench.Generator.Engine;
using SegBench.Generator.Randomness;
using SegBench.Generator.Reference;
using SegBench.Generator.Schema;

namespace SegBench.Generator.Columns;

/// <summary>
/// <c>address</c>: a street address in a major Indian city. The city, state, state code and PIN
/// columns (<c>of: address</c>) re-derive the same location from the address's own stream, so
/// they always agree and no column has to be stored for another.
/// </summary>
public sealed class AddressGenerator : ColumnGenerator
{
    private static readonly Lazy<Catalog> Shared = new(() => new Catalog());

    /// <summary>Checks the keys.</summary>
    public AddressGenerator(ColumnSpec spec)
        : base(spec) => spec.Node.Keys(CommonKeys);

    /// <inheritdoc />
    public override ColumnType Type => ColumnType.String;

    /// <inheritdoc />
    public override ColumnRole Role => ColumnRole.Text;

    /// <summary>The city of a row, and a PIN code inside that city's range.</summary>
    public (int City, int Pin) Locate(ulong rowKey)
    {
        var random = StreamFor(rowKey);
        var catalog = Shared.Value;
        var city = catalog.PickCity(random.NextOpenUnit());
        var info = ReferenceData.Cities[city];
        return (city, info.FirstPin + random.NextInt(info.LastPin - info.FirstPin + 1));
    }

    /// <summary>
    /// <see cref="Locate"/> for every row of the batch, computed once per batch however many
    /// location columns read it.
    /// </summary>
    internal LocationCache Locations(BatchState batch)
    {
        var cache = batch.Scratch<LocationCache>(this);
        if (cache.Version != batch.Version || cache.Count != batch.Count)
        {
            if (cache.Cities.Length < batch.Count)
            {
                cache.Cities = new int[batch.RowKeys.Length];
                cache.Pins = new int[batch.RowKeys.Length];
            }

            var keys = batch.RowKeys;
            for (var r = 0; r < batch.Count; r++)
            {
                (cache.Cities[r], cache.Pins[r]) = Locate(keys[r]);
            }

            cache.Version = batch.Version;
            cache.Count = batch.Count;
        }

        return cache;
    }

    /// <inheritdoc />
    public override void Fill(BatchState batch, Column target)
    {
        var output = (StringColumn)target;
        var catalog = Shared.Value;

        // The street draws from a sub-stream so the location stream stays the same as Locate's.
        var streetSalt = Randomness.StreamKey.Salt(StreamKey ^ 0x5EED5EED5EEDUL);
        for (var r = 0; r < batch.Count; r++)
        {
            var random = RowRandom.ForSalted(batch.RowKeys[r], streetSalt);
            var house = (ulong)random.NextInt(998) + 1;
            var street = catalog.Streets[random.NextInt(catalog.Streets.Length)];
            var span = output.GetAppendSpan(8 + street.Length);
            var digits = house >= 100 ? 3 : house >= 10 ? 2 : 1;
            AsciiDigits.Write(span, house, digits);
            ", "u8.CopyTo(span[digits..]);
            street.CopyTo(span[(digits + 2)..]);
            output.CommitAppend(digits + 2 + street.Length);
        }
    }

    /// <summary>The city and PIN of each row of one batch.</summary>
    internal sealed class LocationCache
    {
        public long Version { get; set; } = -1;

        public int Count { get; set; }

        public int[] Cities { get; set; } = [];

        public int[] Pins { get; set; } = [];
    }

    private sealed class Catalog
    {
        private readonly GuideTable _cities;

        public Catalog()
        {
            _cities = GuideTable.FromWeights(ReferenceData.Cities.Select(c => c.Weight).ToArray());
            Streets = ReferenceData.Streets.Select(Encoding.UTF8.GetBytes).ToArray();
        }

        public byte[][] Streets { get; }

        public int PickCity(double u) => _cities.Pick(u);
    }
}

/// <summary>
/// <c>city</c>, <c>state</c>, <c>state_code</c> (ISO 3166-2:IN), <c>gst_state_code</c> and
/// <c>pin_code</c>: one part of an address's location.
/// </summary>
public sealed class LocationPartGenerator : ColumnGenerator
{
    private readonly SchemaNode _of;
    // Per city of the reference list, this column's text; null for a PIN, which is digits.
    private readonly StringTable? _names;
    private AddressGenerator? _address;

    /// <summary>Parses <c>of</c>, the address column.</summary>
    public LocationPartGenerator(ColumnSpec spec)
        : base(spec)
    {
        _of = spec.Node.Keys([.. CommonKeys, "of"], "of")["of"];
        var cities = ReferenceData.Cities;
        _names = spec.Kind switch
        {
            "city" => new StringTable(cities.Select(c => c.Name)),
            "state" => new StringTable(cities.Select(c => c.State.Name)),
            "state_code" => new StringTable(cities.Select(c => c.State.IsoCode)),
            "gst_state_code" => new StringTable(cities.Select(c => c.State.GstCode)),
            _ => null,
        };
    }

    /// <inheritdoc />
    public override ColumnType Type => ColumnType.String;

    /// <inheritdoc />
    public override ColumnRole Role => Spec.Kind == "pin_code" ? ColumnRole.Text : ColumnRole.Feature;

    /// <inheritdoc />
    public override IEnumerable<string> Dependencies => [_of.Text()];

    /// <inheritdoc />
    public override void Bind(IReadOnlyDictionary<string, ColumnGenerator> generators) => _address = Resolve<AddressGenerator>(generators, _of, "an address");

    /// <inheritdoc />
    public override void Fill(BatchState batch, Column target)
    {
        var output = (StringColumn)target;
        var locations = _address!.Locations(batch);
        if (_names is not null)
        {
            output.AppendFrom(_names, locations.Cities.AsSpan(0, batch.Count));
            return;
        }

        var pins = locations.Pins;
        for (var r = 0; r < batch.Count; r++)
        {
            Digits.Append(output, [], (ulong)pins[r], 6);
        }
    }
}

/// <summary>
/// <c>ifsc</c>: a real bank code, the reserved 0, and a 6-digit branch code of a branch in the
/// customer's city (with <c>near: address</c>). <c>branch_code</c>, <c>branch_name</c> and
/// <c>bank_name</c> (<c>of: ifsc</c>) re-derive the same branch.
/// </summary>
public sealed class IfscGenerator : ColumnGenerator
{
    private const int BranchesPerCity = 6;
    private readonly SchemaNode? _near;
    private readonly GuideTable _banks;
    private readonly byte[][] _codes = ReferenceData.Banks.Select(b => Encoding.UTF8.GetBytes(b.Code)).ToArray();
    private AddressGenerator? _address;

    /// <summary>Parses <c>near</c>.</summary>
    public IfscGenerator(ColumnSpec spec)
        : base(spec)
    {
        _near = spec.Node.Keys([.. CommonKeys, "near"]).GetValueOrDefault("near");
        _banks = GuideTable.FromWeights(ReferenceData.Banks.Select(b => b.Weight).ToArray());
    }

    /// <inheritdoc />
    public override ColumnType Type => ColumnType.String;

    /// <inheritdoc />
    public override ColumnRole Role => ColumnRole.Identifier;

    /// <inheritdoc />
    public override IEnumerable<string> Dependencies => _near is null ? [] : [_near.Text()];

    /// <inheritdoc />
    public override void Bind(IReadOnlyDictionary<string, ColumnGenerator> generators)
    {
        if (_near is not null)
        {
            _address = Resolve<AddressGenerator>(generators, _near, "an address");
        }
    }

    /// <summary>The bank, city, and branch code of a row.</summary>
    public (int Bank, int City, ulong BranchCode, int Locality) Branch(ulong rowKey) =>
        Branch(rowKey, _address is null ? -1 : _address.Locate(rowKey).City);

    private (int Bank, int City, ulong BranchCode, int Locality) Branch(ulong rowKey, int nearCity)
    {
        var random = StreamFor(rowKey);
        var bank = _banks.Pick(random.NextOpenUnit());
        var city = _address is null ? random.NextInt(ReferenceData.Cities.Count) : nearCity;
        var branch = random.NextInt(BranchesPerCity);

        // A branch's code and locality are fixed by (bank, city, branch), whatever the row.
        var branchKey = Randomness.StreamKey.Combine(Randomness.StreamKey.Combine((ulong)bank, (ulong)city), (ulong)branch);
        var code = (branchKey % 900_000) + 100_000;
        return (bank, city, code, (int)((branchKey >> 32) % (ulong)ReferenceData.Localities.Count));
    }

    /// <summary>
    /// <see cref="Branch(ulong)"/> for every row of the batch, computed once per batch however many
    /// branch columns read it.
    /// </summary>
    internal BranchCache Branches(BatchState batch)
    {
        var cache = batch.Scratch<BranchCache>(this);
        if (cache.Version != batch.Version || cache.Count != batch.Count)
        {
            if (cache.Banks.Length < batch.Count)
            {
                var capacity = batch.RowKeys.Length;
                cache.Banks = new int[capacity];
                cache.Cities = new int[capacity];
                cache.Codes = new ulong[capacity];
                cache.Localities = new int[capacity];
            }

            var keys = batch.RowKeys;
            var cities = _address?.Locations(batch).Cities;
            for (var r = 0; r < batch.Count; r++)
            {
                (cache.Banks[r], cache.Cities[r], cache.Codes[r], cache.Localities[r]) = Branch(keys[r], cities is null ? -1 : cities[r]);
            }

            cache.Version = batch.Version;
            cache.Count = batch.Count;
        }

        return cache;
    }

    /// <inheritdoc />
    public override void Fill(BatchState batch, Column target)
    {
        var output = (StringColumn)target;
        var branches = Branches(batch);
        for (var r = 0; r < batch.Count; r++)
        {
            var bank = branches.Banks[r];
            var code = branches.Codes[r];
            var span = output.GetAppendSpan(11);
            _codes[bank].CopyTo(span);
            span[4] = (byte)'0';
            AsciiDigits.Write(span[5..], code, 6);
            output.CommitAppend(11);
        }
    }
}

/// <summary>The bank, city, branch code and locality of each row of one batch.</summary>
internal sealed class BranchCache
{
    public long Version { get; set; } = -1;

    public int Count { get; set; }

    public int[] Banks { get; set; } = [];

    public int[] Cities { get; set; } = [];

    public ulong[] Codes { get; set; } = [];

    public int[] Localities { get; set; } = [];
}

/// <summary><c>branch_code</c>, <c>branch_name</c> and <c>bank_name</c> of an IFSC column.</summary>
public sealed class BranchPartGenerator : ColumnGenerator
{
    private static readonly Lazy<byte[][]> BranchNames = new(() =>
        ReferenceData.Cities.SelectMany(city => ReferenceData.Localities.Select(locality => Encoding.UTF8.GetBytes($"{city.Name} {locality}"))).ToArray());

    private static readonly Lazy<byte[][]> BankNames = new(() => ReferenceData.Banks.Select(bank => Encoding.UTF8.GetBytes(bank.Name)).ToArray());

    private readonly SchemaNode _of;
    private IfscGenerator? _ifsc;

    /// <summary>Parses <c>of</c>, the IFSC column.</summary>
    public BranchPartGenerator(ColumnSpec spec)
        : base(spec) => _of = spec.Node.Keys([.. CommonKeys, "of"], "of")["of"];

    /// <inheritdoc />
    public override ColumnType Type => ColumnType.String;

    /// <inheritdoc />
    public override ColumnRole Role => Spec.Kind == "bank_name" ? ColumnRole.Feature : Spec.Kind == "branch_code" ? ColumnRole.Identifier : ColumnRole.Text;

    /// <inheritdoc />
    public override IEnumerable<string> Dependencies => [_of.Text()];

    /// <inheritdoc />
    public override void Bind(IReadOnlyDictionary<string, ColumnGenerator> generators) => _ifsc = Resolve<IfscGenerator>(generators, _of, "an IFSC code");

    /// <inheritdoc />
    public override void Fill(BatchState batch, Column target)
    {
        var output = (StringColumn)target;
        var branches = _ifsc!.Branches(batch);

        // The kind is fixed, so it is resolved once, not per row.
        var part = Spec.Kind switch
        {
            "branch_code" => 0,
            "bank_name" => 1,
            _ => 2,
        };
        var branchNames = BranchNames.Value;
        var bankNames = BankNames.Value;
        var localities = ReferenceData.Localities.Count;
        for (var r = 0; r < batch.Count; r++)
        {
            if (part == 0)
            {
                Digits.Append(output, [], branches.Codes[r], 6);
            }
            else if (part == 1)
            {
                output.Append(bankNames[branches.Banks[r]]);
            }
            else
            {
                output.Append(branchNames[(branches.Cities[r] * localities) + branches.Localities[r]]);
            }
        }
    }
}
