using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using SegBench.Data;
using SegBench.Data.Formats;
using SegBench.Generator.Engine;
using SegBench.Generator.Randomness;
using SegBench.Generator.Schema;

namespace SegBench.Generator.Columns;

/// <summary>
/// A generator of identifiers that must be unique: each row's number is a keyed permutation of
/// its ordinal, so uniqueness holds by construction, across shards, without a lookup set.
/// </summary>
public abstract class UniqueNumberGenerator : ColumnGenerator
{
    private KeyedPermutation? _permutation;

    /// <summary>Creates the generator.</summary>
    protected UniqueNumberGenerator(ColumnSpec spec)
        : base(spec)
    {
    }

    /// <summary>How many distinct numbers exist; rows beyond it cannot be given one.</summary>
    protected abstract ulong Domain { get; }

    /// <inheritdoc />
    public override ColumnRole Role => ColumnRole.Identifier;

    /// <summary>Builds the permutation for a dataset seed and table.</summary>
    public void Key(ulong tableKey) => _permutation = new KeyedPermutation(Domain, Randomness.StreamKey.Combine(tableKey, StreamKey));

    /// <summary>The unique number of every row of a batch, computed together (several permutations in flight at once).</summary>
    protected ReadOnlySpan<ulong> UniqueNumbers(BatchState batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var buffer = batch.Scratch<NumberBuffer>(this);
        if (buffer.Numbers.Length < batch.Count)
        {
            buffer.Numbers = new ulong[Math.Max(batch.Count, buffer.Numbers.Length * 2)];
        }

        var numbers = buffer.Numbers.AsSpan(0, batch.Count);
        _permutation!.Permute(batch.Ordinals.AsSpan(0, batch.Count), numbers);
        return numbers;
    }

    private sealed class NumberBuffer
    {
        public ulong[] Numbers { get; set; } = [];
    }
}

/// <summary><c>id</c>: a formatted row ordinal such as <c>CUST{0:D9}</c>.</summary>
public sealed class IdGenerator : ColumnGenerator
{
    private readonly byte[] _prefix;
    private readonly byte[] _suffix;
    private readonly int _width;
    private readonly long _start;

    /// <summary>Parses <c>format</c> (one <c>{0:Dn}</c> placeholder) and <c>start</c>.</summary>
    public IdGenerator(ColumnSpec spec)
        : base(spec)
    {
        var keys = spec.Node.Keys([.. CommonKeys, "format", "start"]);
        var format = keys.TryGetValue("format", out var f) ? f.Text() : "{0:D9}";
        var open = format.IndexOf("{0:D", StringComparison.Ordinal);
        var close = open < 0 ? -1 : format.IndexOf('}', open);
        if (open < 0 || close < 0 || !int.TryParse(format.AsSpan(open + 4, close - open - 4), NumberStyles.None, CultureInfo.InvariantCulture, out _width) || _width is < 1 or > 19)
        {
            throw (keys.TryGetValue("format", out var node) ? node : spec.Node).Error($"an id format holds one zero-padded placeholder such as \"CUST{{0:D9}}\", not \"{format}\".");
        }

        _prefix = Encoding.UTF8.GetBytes(format[..open]);
        _suffix = Encoding.UTF8.GetBytes(format[(close + 1)..]);
        _start = keys.TryGetValue("start", out var start) ? start.Integer(0) : 1;
    }

    /// <inheritdoc />
    public override ColumnType Type => ColumnType.String;

    /// <inheritdoc />
    public override ColumnRole Role => ColumnRole.Identifier;

    /// <inheritdoc />
    public override void Fill(BatchState batch, Column target)
    {
        for (var r = 0; r < batch.Count; r++)
        {
            Write((StringColumn)target, batch.Ordinals[r]);
        }
    }

    /// <summary>Writes the id of an ordinal; child tables call this to rebuild a parent's key.</summary>
    public void Write(StringColumn target, long ordinal)
    {
        var value = (ulong)(_start + ordinal);
        var span = target.GetAppendSpan(_prefix.Length + 20 + _suffix.Length);
        _prefix.CopyTo(span);
        var digits = Math.Max(_width, AsciiDigits.CountDigits(value));
        AsciiDigits.Write(span[_prefix.Length..], value, digits);
        _suffix.CopyTo(span[(_prefix.Length + digits)..]);
        target.CommitAppend(_prefix.Length + digits + _suffix.Length);
    }
}

/// <summary>
/// <c>pan</c>: AAAPS1234X. Characters 1-3 a series, 4 the holder type, 5 the surname's initial for
/// individuals, 6-9 digits never 0000, 10 a letter drawn uniformly (no public check algorithm).
/// </summary>
public sealed class PanGenerator : UniqueNumberGenerator
{
    private const ulong Series = 26 * 26 * 26;
    private const ulong Numbers = 9999;
    private static readonly string[] Holders = ["individual", "company", "huf", "firm", "aop", "boi", "government", "juridical", "local_authority", "trust"];
    private static readonly byte[] HolderLetters = "PCHFABGJLT"u8.ToArray();
    private readonly byte _holder;
    private readonly SchemaNode? _surnameOf;
    private PersonNameGenerator? _names;

    /// <summary>Parses <c>holder</c> and <c>surname_of</c>.</summary>
    public PanGenerator(ColumnSpec spec)
        : base(spec)
    {
        var keys = spec.Node.Keys([.. CommonKeys, "holder", "surname_of"]);
        var holder = keys.TryGetValue("holder", out var h) ? h.Text() : "individual";
        var index = Array.IndexOf(Holders, holder);
        if (index < 0)
        {
            throw keys["holder"].Error($"unknown PAN holder '{holder}'; expected one of: {string.Join(", ", Holders)}.");
        }

        _holder = HolderLetters[index];
        _surnameOf = keys.GetValueOrDefault("surname_of");
    }

    /// <inheritdoc />
    public override ColumnType Type => ColumnType.String;

    /// <inheritdoc />
    public override IEnumerable<string> Dependencies => _surnameOf is null ? [] : [_surnameOf.Text()];

    /// <inheritdoc />
    protected override ulong Domain => Series * Numbers * 26;

    /// <inheritdoc />
    public override void Bind(IReadOnlyDictionary<string, ColumnGenerator> generators)
    {
        if (_surnameOf is not null)
        {
            _names = Resolve<PersonNameGenerator>(generators, _surnameOf, "a person's name");
        }
    }

    /// <inheritdoc />
    public override void Fill(BatchState batch, Column target)
    {
        var output = (StringColumn)target;
        var names = _names is null ? null : (StringColumn)batch.Columns[_names.Name];
        var numbers = UniqueNumbers(batch);
        for (var r = 0; r < batch.Count; r++)
        {
            var number = numbers[r];
            var check = number % 26;
            number /= 26;
            var digits = (number % Numbers) + 1;
            var series = number / Numbers;
            var span = output.GetAppendSpan(10);
            span[0] = (byte)('A' + (series / 676));
            span[1] = (byte)('A' + (series / 26 % 26));
            span[2] = (byte)('A' + (series % 26));
            span[3] = _holder;
            span[4] = names is null ? (byte)('A' + StreamFor(batch.RowKeys[r]).NextInt(26)) : PersonNameGenerator.SurnameInitial(names.GetBytes(r));
            AsciiDigits.Write(span[5..], digits, 4);
            span[9] = (byte)('A' + check);
            output.CommitAppend(10);
        }
    }
}

/// <summary><c>aadhaar</c>: 12 digits, the first 2-9, the last a Verhoeff check digit.</summary>
public sealed class AadhaarGenerator : UniqueNumberGenerator
{
    private readonly bool _masked;

    /// <summary>Parses <c>masked</c> (show only the last four digits).</summary>
    public AadhaarGenerator(ColumnSpec spec)
        : base(spec)
    {
        var keys = spec.Node.Keys([.. CommonKeys, "masked"]);
        _masked = keys.TryGetValue("masked", out var masked) && masked.Boolean();
    }

    /// <inheritdoc />
    public override ColumnType Type => ColumnType.String;

    /// <inheritdoc />
    protected override ulong Domain => 8 * Digits.Pow10(10);

    /// <inheritdoc />
    public override void Fill(BatchState batch, Column target)
    {
        var output = (StringColumn)target;
        Span<byte> number = stackalloc byte[12];
        var numbers = UniqueNumbers(batch);
        for (var r = 0; r < batch.Count; r++)
        {
            var body = numbers[r] + (2 * Digits.Pow10(10));
            AsciiDigits.Write(number, body, 11);
            number[11] = (byte)('0' + Verhoeff.CheckDigit(number[..11]));
            if (_masked)
            {
                var span = output.GetAppendSpan(14);
                "XXXX XXXX "u8.CopyTo(span);
                number[8..].CopyTo(span[10..]);
                output.CommitAppend(14);
            }
            else
            {
                output.Append(number);
            }
        }
    }
}

/// <summary><c>mobile</c>: ten digits starting 6-9, as +91XXXXXXXXXX (or national).</summary>
public sealed class MobileGenerator : UniqueNumberGenerator
{
    private readonly byte[] _prefix;

    /// <summary>Parses <c>format</c>: e164 (default) or national.</summary>
    public MobileGenerator(ColumnSpec spec)
        : base(spec)
    {
        var keys = spec.Node.Keys([.. CommonKeys, "format"]);
        var format = keys.TryGetValue("format", out var f) ? f.Text() : "e164";
        _prefix = format switch
        {
            "e164" => "+91"u8.ToArray(),
            "national" => [],
            _ => throw keys["format"].Error($"mobile format must be e164 or national, not '{format}'."),
        };
    }

    /// <inheritdoc />
    public override ColumnType Type => ColumnType.String;

    /// <inheritdoc />
    protected override ulong Domain => 4 * Digits.Pow10(9);

    /// <inheritdoc />
    public override void Fill(BatchState batch, Column target)
    {
        var numbers = UniqueNumbers(batch);
        for (var r = 0; r < batch.Count; r++)
        {
            Digits.Append((StringColumn)target, _prefix, numbers[r] + (6 * Digits.Pow10(9)), 10);
        }
    }
}

/// <summary><c>ckyc</c> (14-digit KIN) and <c>crn</c> (a bank's customer reference, <c>digits</c> long).</summary>
public sealed class DigitsIdentifierGenerator : UniqueNumberGenerator
{
    private readonly int _digits;
    private readonly bool _leadingZeroAllowed;

    /// <summary>Parses <c>digits</c> (crn only; ckyc is always 14).</summary>
    public DigitsIdentifierGenerator(ColumnSpec spec)
        : base(spec)
    {
        if (spec.Kind == "ckyc")
        {
            spec.Node.Keys(CommonKeys);
            _digits = 14;
            _leadingZeroAllowed = true;
        }
        else
        {
            var keys = spec.Node.Keys([.. CommonKeys, "digits"]);
            _digits = keys.TryGetValue("digits", out var d) ? (int)d.Integer(8, 18) : 12;
        }
    }

    /// <inheritdoc />
    public override ColumnType Type => ColumnType.String;

    /// <inheritdoc />
    protected override ulong Domain => _leadingZeroAllowed ? Digits.Pow10(_digits) : 9 * Digits.Pow10(_digits - 1);

    /// <inheritdoc />
    public override void Fill(BatchState batch, Column target)
    {
        var offset = _leadingZeroAllowed ? 0 : Digits.Pow10(_digits - 1);
        var numbers = UniqueNumbers(batch);
        for (var r = 0; r < batch.Count; r++)
        {
            Digits.Append((StringColumn)target, [], numbers[r] + offset, _digits);
        }
    }
}

/// <summary>
/// <c>demat</c>: a beneficial-owner id, NSDL (<c>IN</c> + 6-digit DP + 8-digit client) or CDSL
/// (8-digit DP + 8-digit client). The client number is unique per row. Pair with <c>when</c> so
/// customers without a demat account have none.
/// </summary>
public sealed class DematGenerator : UniqueNumberGenerator
{
    private static readonly ulong[] NsdlParticipants = [300214, 300441, 300476, 300513, 301330, 301549, 302269, 302902, 303028, 303735];
    private static readonly ulong[] CdslParticipants = [12010600, 12013200, 12023000, 12033200, 12036000, 12044700, 12047200, 12081600, 13016400, 12088700];
    private readonly double _nsdlShare;

    /// <summary>Parses <c>nsdl_share</c> (the rest is CDSL).</summary>
    public DematGenerator(ColumnSpec spec)
        : base(spec)
    {
        var keys = spec.Node.Keys([.. CommonKeys, "nsdl_share"]);
        _nsdlShare = keys.TryGetValue("nsdl_share", out var share) ? share.Number(0, 1, "a share") : 0.4;
    }

    /// <inheritdoc />
    public override ColumnType Type => ColumnType.String;

    /// <inheritdoc />
    protected override ulong Domain => Digits.Pow10(8);

    /// <inheritdoc />
    public override bool SkipsAbsentRows => true;

    /// <inheritdoc />
    public override void Fill(BatchState batch, Column target)
    {
        var output = (StringColumn)target;
        var numbers = UniqueNumbers(batch);
        var absent = batch.AbsentRows;
        for (var r = 0; r < batch.Count; r++)
        {
            if (absent is not null && absent[r])
            {
                // Blanked by the column's rule (no demat account) after the fill.
                output.CommitAppend(0);
                continue;
            }

            var random = StreamFor(batch.RowKeys[r]);
            var client = numbers[r];
            if (random.NextOpenUnit() < _nsdlShare)
            {
                var span = output.GetAppendSpan(16);
                "IN"u8.CopyTo(span);
                AsciiDigits.Write(span[2..], NsdlParticipants[random.NextInt(NsdlParticipants.Length)], 6);
                AsciiDigits.Write(span[8..], client, 8);
                output.CommitAppend(16);
            }
            else
            {
                var span = output.GetAppendSpan(16);
                AsciiDigits.Write(span, CdslParticipants[random.NextInt(CdslParticipants.Length)], 8);
                AsciiDigits.Write(span[8..], client, 8);
                output.CommitAppend(16);
            }
        }
    }
}

/// <summary><c>email</c>: first.last plus digits at a common provider, from the row's name.</summary>
public sealed class EmailGenerator : ColumnGenerator
{
    private static readonly byte[][] Domains = ["gmail.com"u8.ToArray(), "yahoo.co.in"u8.ToArray(), "outlook.com"u8.ToArray(), "rediffmail.com"u8.ToArray(), "hotmail.com"u8.ToArray()];
    private static readonly double[] DomainShares = [0.62, 0.14, 0.1, 0.08, 0.06];

    // Each name byte's local-part byte (a space becomes a dot, the rest char.ToLowerInvariant),
    // tabulated once instead of a culture-table lookup per byte.
    private static readonly byte[] Local = Enumerable.Range(0, 256).Select(b => b == ' ' ? (byte)'.' : (byte)char.ToLowerInvariant((char)b)).ToArray();
    private readonly SchemaNode _nameOf;
    private PersonNameGenerator? _names;

    /// <summary>Parses <c>name_of</c>.</summary>
    public EmailGenerator(ColumnSpec spec)
        : base(spec)
    {
        var keys = spec.Node.Keys([.. CommonKeys, "name_of"], "name_of");
        _nameOf = keys["name_of"];
    }

    /// <inheritdoc />
    public override ColumnType Type => ColumnType.String;

    /// <inheritdoc />
    public override ColumnRole Role => ColumnRole.Identifier;

    /// <inheritdoc />
    public override IEnumerable<string> Dependencies => [_nameOf.Text()];

    /// <inheritdoc />
    public override void Bind(IReadOnlyDictionary<string, ColumnGenerator> generators) => _names = Resolve<PersonNameGenerator>(generators, _nameOf, "a person's name");

    /// <inheritdoc />
    public override void Fill(BatchState batch, Column target)
    {
        var output = (StringColumn)target;
        var names = (StringColumn)batch.Columns[_names!.Name];
        for (var r = 0; r < batch.Count; r++)
        {
            var random = StreamFor(batch.RowKeys[r]);
            var name = names.GetBytes(r);
            var span = output.GetAppendSpan((name.Length * 2) + 32);
            var length = LocalPart(name, span);
            var number = (ulong)random.NextInt(9000) + 100;
            AsciiDigits.Write(span[length..], number, number >= 1000 ? 4 : 3);
            length += number >= 1000 ? 4 : 3;
            span[length++] = (byte)'@';
            var domain = Domains[Pick(random.NextOpenUnit())];
            domain.CopyTo(span[length..]);
            output.CommitAppend(length + domain.Length);
        }
    }

    /// <summary>
    /// Writes a name's local part (<see cref="Local"/> of each byte) into the start of
    /// <paramref name="destination"/> and returns its length. ASCII names of 8 to 32 bytes, nearly
    /// all of them, go 16 (or 8) bytes at a time in two overlapping moves.
    /// </summary>
    internal static int LocalPart(ReadOnlySpan<byte> name, Span<byte> destination)
    {
        var length = name.Length;
        if (length is >= 8 and <= 32 && Ascii.IsValid(name))
        {
            ref var source = ref MemoryMarshal.GetReference(name);
            ref var target = ref MemoryMarshal.GetReference(destination[..length]);
            if (length >= 16)
            {
                LowerDotted(Vector128.LoadUnsafe(ref source)).StoreUnsafe(ref target);
                LowerDotted(Vector128.LoadUnsafe(ref source, (nuint)(length - 16))).StoreUnsafe(ref target, (nuint)(length - 16));
            }
            else
            {
                var both = Vector128.Create(Unsafe.ReadUnaligned<ulong>(ref source), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref source, length - 8))).AsByte();
                var lowered = LowerDotted(both).AsUInt64();
                Unsafe.WriteUnaligned(ref target, lowered.GetElement(0));
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref target, length - 8), lowered.GetElement(1));
            }

            return length;
        }

        for (var i = 0; i < length; i++)
        {
            destination[i] = Local[name[i]];
        }

        return length;
    }

    // ASCII bytes as Local maps them: 'A'..'Z' to lower case, ' ' to '.', the rest unchanged.
    private static Vector128<byte> LowerDotted(Vector128<byte> bytes)
    {
        var upper = Vector128.LessThan(bytes - Vector128.Create((byte)'A'), Vector128.Create((byte)26));
        var lowered = bytes | (upper & Vector128.Create((byte)0x20));
        return Vector128.ConditionalSelect(Vector128.Equals(bytes, Vector128.Create((byte)' ')), Vector128.Create((byte)'.'), lowered);
    }

    private static int Pick(double u)
    {
        for (var i = 0; i < DomainShares.Length - 1; i++)
        {
            u -= DomainShares[i];
            if (u < 0)
            {
                return i;
            }
        }

        return DomainShares.Length - 1;
    }
}
