using System.Text;
using SegBench.Data;
using SegBench.Generator.Engine;
using SegBench.Generator.Reference;
using SegBench.Generator.Schema;

namespace SegBench.Generator.Columns;

/// <summary>
/// <c>person_name</c>: "First Last" from Bogus's en_IND names (<see cref="PersonNames"/>). With <c>gender_of</c>, the first
/// name matches the row's gender column ("Female…" picks a female name, "Male…" a male one).
/// </summary>
public sealed class PersonNameGenerator : ColumnGenerator
{
    private static readonly Lazy<(byte[][] Female, byte[][] Male, byte[][] Last)> Names = new(() => (
        PersonNames.FemaleFirstNames.Select(Encoding.UTF8.GetBytes).ToArray(),
        PersonNames.MaleFirstNames.Select(Encoding.UTF8.GetBytes).ToArray(),
        PersonNames.LastNames.Select(Encoding.UTF8.GetBytes).ToArray()));

    private readonly SchemaNode? _genderOf;
    private string? _genderColumn;

    /// <summary>Parses <c>gender_of</c> and <c>locale</c> (only en_IND).</summary>
    public PersonNameGenerator(ColumnSpec spec)
        : base(spec)
    {
        var keys = spec.Node.Keys([.. CommonKeys, "gender_of", "locale"]);
        if (keys.TryGetValue("locale", out var locale) && locale.Text() != "en_IND")
        {
            throw locale.Error($"only the en_IND locale is available, not '{locale.Text()}'.");
        }

        _genderOf = keys.GetValueOrDefault("gender_of");
    }

    /// <inheritdoc />
    public override ColumnType Type => ColumnType.String;

    /// <inheritdoc />
    public override ColumnRole Role => ColumnRole.Text;

    /// <inheritdoc />
    public override IEnumerable<string> Dependencies => _genderOf is null ? [] : [_genderOf.Text()];

    /// <inheritdoc />
    public override void Bind(IReadOnlyDictionary<string, ColumnGenerator> generators)
    {
        if (_genderOf is not null)
        {
            _genderColumn = Resolve<CategoricalGenerator>(generators, _genderOf, "a gender").Name;
        }
    }

    /// <summary>The upper-case initial of the last word of a name (its surname).</summary>
    public static byte SurnameInitial(ReadOnlySpan<byte> name)
    {
        var space = name.LastIndexOf((byte)' ');
        var initial = name.Length == 0 ? (byte)'X' : name[space + 1];
        return initial is >= (byte)'a' and <= (byte)'z' ? (byte)(initial - 32) : initial;
    }

    /// <inheritdoc />
    public override void Fill(BatchState batch, Column target)
    {
        var output = (StringColumn)target;
        var (female, male, last) = Names.Value;
        var genders = _genderColumn is null ? null : (StringColumn)batch.Columns[_genderColumn];
        for (var r = 0; r < batch.Count; r++)
        {
            var random = StreamFor(batch.RowKeys[r]);
            var gender = genders is null || genders.IsNull(r) ? ReadOnlySpan<byte>.Empty : genders.GetBytes(r);
            var firstNames = gender.Length > 0 && (gender[0] | 0x20) == 'f' ? female
                : gender.Length > 0 && (gender[0] | 0x20) == 'm' ? male
                : random.NextOpenUnit() < 0.5 ? female : male;
            var first = firstNames[random.NextInt(firstNames.Length)];
            var surname = last[random.NextInt(last.Length)];
            var span = output.GetAppendSpan(first.Length + 1 + surname.Length);
            first.CopyTo(span);
            span[first.Length] = (byte)' ';
            surname.CopyTo(span[(first.Length + 1)..]);
            output.CommitAppend(span.Length);
        }
    }
}
