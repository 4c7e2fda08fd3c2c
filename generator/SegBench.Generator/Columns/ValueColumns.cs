using SegBench.Data;
using SegBench.Generator.Engine;
using SegBench.Generator.Schema;

namespace SegBench.Generator.Columns;

/// <summary>A column drawn through the table's latent Gaussian vector (the copula), so segments can shift it and correlations can link it.</summary>
public interface ILatentColumn
{
    /// <summary>The column name.</summary>
    string Name { get; }

    /// <summary>The marginal distribution of the latent quantity.</summary>
    Distribution Marginal { get; }

    /// <summary>The position of this column in the latent vector, set when the plan is compiled.</summary>
    int LatentIndex { get; set; }
}

/// <summary>A column of named values drawn with weights that segments can change.</summary>
public interface ICategoricalColumn
{
    /// <summary>The column name.</summary>
    string Name { get; }

    /// <summary>The values, in weight order.</summary>
    IReadOnlyList<string> Values { get; }

    /// <summary>The weights without segments (normalised).</summary>
    IReadOnlyList<double> BaseWeights { get; }

    /// <summary>The column's slot in the batch's category indexes, set when the plan is compiled.</summary>
    int Slot { get; set; }

    /// <summary>Cumulative weights per segment (the last entry is for outliers: the base weights).</summary>
    double[][] CumulativeBySegment { get; set; }
}

/// <summary><c>int</c>, <c>float</c> and <c>money</c>: a distribution with optional clamp and rounding.</summary>
public sealed class NumericGenerator : ColumnGenerator, ILatentColumn
{
    private readonly double _minimum = double.NegativeInfinity;
    private readonly double _maximum = double.PositiveInfinity;
    private readonly Rounding _rounding;

    /// <summary>Parses <c>dist</c>, <c>clamp</c> and <c>round</c>.</summary>
    public NumericGenerator(ColumnSpec spec)
        : base(spec)
    {
        var keys = spec.Node.Keys([.. CommonKeys, "dist", "clamp", "round"], "dist");
        Marginal = Distribution.Parse(keys["dist"]);
        if (keys.TryGetValue("clamp", out var clamp))
        {
            (_minimum, _maximum) = ParseClamp(clamp);
        }

        var round = keys.TryGetValue("round", out var r) ? r.Number() : spec.Kind == "money" ? 0.01 : 0;
        if (round < 0)
        {
            throw keys["round"].Error($"'round' must be a positive step such as 0.01 or 100, not {round}.");
        }

        _rounding = new Rounding(round);
    }

    /// <inheritdoc />
    public Distribution Marginal { get; }

    /// <inheritdoc />
    public int LatentIndex { get; set; }

    /// <inheritdoc />
    public override ColumnType Type => Spec.Kind == "int" ? ColumnType.Int32 : ColumnType.Double;

    /// <summary>Parses <c>[min, max]</c>.</summary>
    public static (double Minimum, double Maximum) ParseClamp(SchemaNode node)
    {
        var items = node.Items();
        if (items.Count != 2)
        {
            throw node.Error("'clamp' is [min, max].");
        }

        var (minimum, maximum) = (items[0].Number(), items[1].Number());
        if (maximum < minimum)
        {
            throw node.Error($"clamp max ({maximum}) is below min ({minimum}).");
        }

        return (minimum, maximum);
    }

    // A marginal's value clamped and rounded.
    private double Bounded(double x) => _rounding.Apply(Math.Clamp(x, _minimum, _maximum));

    /// <inheritdoc />
    public override void Fill(BatchState batch, Column target)
    {
        // The marginal maps the batch's latent values together (some families faster so), then
        // each is clamped and rounded.
        var width = batch.Plan.Segments.LatentCount;
        var values = batch.Scratch<RowScratch<double>>(this).For(batch.Count);
        for (var r = 0; r < values.Length; r++)
        {
            values[r] = batch.Latent[(r * width) + LatentIndex];
        }

        Marginal.FromLatent(values);
        if (target is Int32Column integers)
        {
            foreach (var value in values)
            {
                integers.Append((int)Math.Clamp(Math.Round(Bounded(value)), int.MinValue, int.MaxValue));
            }
        }
        else
        {
            var doubles = (DoubleColumn)target;
            foreach (var value in values)
            {
                doubles.Append(Bounded(value));
            }
        }
    }
}

/// <summary>
/// <c>date</c> and <c>date_of_birth</c>: a date some years before the schema's <c>as_of</c>, the
/// years drawn from <c>years_before</c> (or <c>age</c>), clamped in years. Never the wall clock.
/// </summary>
public sealed class DateGenerator : ColumnGenerator, ILatentColumn
{
    private readonly double _minimumYears;
    private readonly double _maximumYears = 200;

    /// <summary>Parses <c>age</c>/<c>years_before</c> and <c>clamp</c>.</summary>
    public DateGenerator(ColumnSpec spec)
        : base(spec)
    {
        var yearsKey = spec.Kind == "date_of_birth" ? "age" : "years_before";
        var keys = spec.Node.Keys([.. CommonKeys, yearsKey, "clamp"], yearsKey);
        Marginal = Distribution.Parse(keys[yearsKey]);
        if (keys.TryGetValue("clamp", out var clamp))
        {
            (_minimumYears, _maximumYears) = NumericGenerator.ParseClamp(clamp);
        }
    }

    /// <inheritdoc />
    public Distribution Marginal { get; }

    /// <inheritdoc />
    public int LatentIndex { get; set; }

    /// <inheritdoc />
    public override ColumnType Type => ColumnType.Date;

    /// <inheritdoc />
    public override void Fill(BatchState batch, Column target)
    {
        var dates = (DateColumn)target;
        var width = batch.Plan.Segments.LatentCount;
        var anniversaries = Anniversaries.Of(batch.Plan.AsOf);
        for (var r = 0; r < batch.Count; r++)
        {
            var years = Math.Clamp(Marginal.FromLatent(batch.Latent[(r * width) + LatentIndex]), _minimumYears, _maximumYears);
            dates.Append(anniversaries.YearsBefore(years));
        }
    }

    /// <summary>
    /// The date <paramref name="years"/> before <paramref name="asOf"/>: whole years by the
    /// calendar, then the fraction in days, so the age on <paramref name="asOf"/> is exactly ⌊years⌋.
    /// </summary>
    public static DateOnly YearsBefore(DateOnly asOf, double years)
    {
        var whole = (int)Math.Floor(years);
        var anniversary = asOf.AddYears(-whole);
        var yearLength = anniversary.DayNumber - anniversary.AddYears(-1).DayNumber;
        return anniversary.AddDays(-(int)Math.Floor((years - whole) * (yearLength - 1)));
    }
}

/// <summary><c>age</c>: whole years from a date column to the schema's <c>as_of</c>.</summary>
public sealed class AgeGenerator : ColumnGenerator
{
    private readonly SchemaNode _from;

    /// <summary>Parses <c>from</c>.</summary>
    public AgeGenerator(ColumnSpec spec)
        : base(spec) => _from = spec.Node.Keys([.. CommonKeys, "from"], "from")["from"];

    /// <inheritdoc />
    public override ColumnType Type => ColumnType.Int32;

    /// <inheritdoc />
    public override IEnumerable<string> Dependencies => [_from.Text()];

    /// <inheritdoc />
    public override void Bind(IReadOnlyDictionary<string, ColumnGenerator> generators) => Resolve<DateGenerator>(generators, _from, "a date");

    /// <summary>Completed years between two dates.</summary>
    public static int YearsBetween(DateOnly birth, DateOnly asOf)
    {
        var years = asOf.Year - birth.Year;
        return asOf.Month < birth.Month || (asOf.Month == birth.Month && asOf.Day < birth.Day) ? years - 1 : years;
    }

    /// <inheritdoc />
    public override void Fill(BatchState batch, Column target)
    {
        var dates = (DateColumn)batch.Columns[_from.Text()];
        var ages = (Int32Column)target;
        var anniversaries = Anniversaries.Of(batch.Plan.AsOf);
        for (var r = 0; r < batch.Count; r++)
        {
            ages.Append(anniversaries.YearsSince(dates.GetDate(r)));
        }
    }
}

/// <summary><c>categorical</c> (named values with weights) and <c>bool</c> (probability <c>p</c> of true).</summary>
public sealed class CategoricalGenerator : ColumnGenerator, ICategoricalColumn
{
    private readonly StringTable _labels;

    /// <summary>Parses <c>values</c> (categorical) or <c>p</c> (bool).</summary>
    public CategoricalGenerator(ColumnSpec spec)
        : base(spec)
    {
        if (spec.Kind == "bool")
        {
            var keys = spec.Node.Keys([.. CommonKeys, "p"], "p");
            var p = keys["p"].Number(0, 1, "the probability of true");
            Values = ["false", "true"];
            BaseWeights = [1 - p, p];
        }
        else
        {
            var keys = spec.Node.Keys([.. CommonKeys, "values"], "values");
            var entries = keys["values"].Entries();
            if (entries.Count == 0)
            {
                throw keys["values"].Error("a categorical column needs at least one value.");
            }

            Values = entries.Select(e => e.Key).ToArray();
            var weights = entries.Select(e => e.Value.Number(0, 1e12, "a non-negative weight")).ToArray();
            var total = weights.Sum();
            if (total <= 0)
            {
                throw keys["values"].Error("the weights of a categorical column must not all be zero.");
            }

            BaseWeights = weights.Select(w => w / total).ToArray();
        }

        _labels = new StringTable(Values);
        CumulativeBySegment = [Cumulative(BaseWeights)];
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Values { get; }

    /// <inheritdoc />
    public IReadOnlyList<double> BaseWeights { get; }

    /// <inheritdoc />
    public int Slot { get; set; }

    /// <inheritdoc />
    public double[][] CumulativeBySegment { get; set; }

    /// <inheritdoc />
    public override ColumnType Type => Spec.Kind == "bool" ? ColumnType.Boolean : ColumnType.String;

    /// <summary>Running sums of weights.</summary>
    public static double[] Cumulative(IReadOnlyList<double> weights)
    {
        var result = new double[weights.Count];
        var sum = 0.0;
        for (var i = 0; i < result.Length; i++)
        {
            sum += weights[i];
            result[i] = sum;
        }

        return result;
    }

    /// <summary>
    /// The first entry of <paramref name="cumulative"/> (running sums) above <paramref name="u"/>,
    /// or the last entry: a weighted draw for short lists. The sums never decrease, so the entries u
    /// reaches form a prefix; counting them without a branch gives a scan's index with no
    /// mispredicted loop exit (where the scan stops is a weighted coin). Long lists use a guide
    /// table (<see cref="Randomness.GuideTable"/>).
    /// </summary>
    public static int Reached(ReadOnlySpan<double> cumulative, double u)
    {
        var index = 0;
        for (var i = 0; i < cumulative.Length - 1; i++)
        {
            index += u >= cumulative[i] ? 1 : 0;
        }

        return index;
    }

    /// <inheritdoc />
    public override void Fill(BatchState batch, Column target)
    {
        var indexes = batch.CategoryIndexes[Slot];
        var outlierRow = CumulativeBySegment.Length - 1;

        for (var r = 0; r < batch.Count; r++)
        {
            var segment = batch.Segments[r];
            var cumulative = CumulativeBySegment[segment < 0 ? outlierRow : segment];
            var u = StreamFor(batch.RowKeys[r]).NextOpenUnit() * cumulative[^1];
            indexes[r] = Reached(cumulative, u);
        }

        // Then the labels of all rows at once.
        if (target is BooleanColumn flags)
        {
            for (var r = 0; r < batch.Count; r++)
            {
                flags.Append(indexes[r] == 1);
            }
        }
        else
        {
            ((StringColumn)target).AppendFrom(_labels, indexes.AsSpan(0, batch.Count));
        }
    }
}

/// <summary><c>income_slab</c>: the securities-market KYC income slab of an annual income column.</summary>
public sealed class IncomeSlabGenerator : ColumnGenerator
{
    // The slabs' upper bounds, and their labels (one more: the last has no bound).
    private static readonly double[] Below = [100_000, 500_000, 1_000_000, 2_500_000];
    private static readonly StringTable Labels = new(["Below 1 Lakh", "1-5 Lakh", "5-10 Lakh", "10-25 Lakh", "Above 25 Lakh"]);

    private readonly SchemaNode _from;

    /// <summary>Parses <c>from</c>.</summary>
    public IncomeSlabGenerator(ColumnSpec spec)
        : base(spec) => _from = spec.Node.Keys([.. CommonKeys, "from"], "from")["from"];

    /// <inheritdoc />
    public override ColumnType Type => ColumnType.String;

    /// <inheritdoc />
    public override IEnumerable<string> Dependencies => [_from.Text()];

    /// <inheritdoc />
    public override void Bind(IReadOnlyDictionary<string, ColumnGenerator> generators)
    {
        if (Resolve<NumericGenerator>(generators, _from, "an annual income").Type != ColumnType.Double)
        {
            throw _from.Error("an income slab needs a money or float column.");
        }
    }

    /// <inheritdoc />
    public override void Fill(BatchState batch, Column target)
    {
        var incomes = (DoubleColumn)batch.Columns[_from.Text()];
        var slabs = batch.Scratch<RowScratch<int>>(this).For(batch.Count);
        for (var r = 0; r < slabs.Length; r++)
        {
            slabs[r] = Slab(incomes[r]);
        }

        ((StringColumn)target).AppendFrom(Labels, slabs);
    }

    // The number of bounds the income is not below, counted without a branch per bound.
    private static int Slab(double income)
    {
        var slab = 0;
        foreach (var bound in Below)
        {
            slab += income < bound ? 0 : 1;
        }

        return slab;
    }
}

/// <summary><c>constant</c>: the same text in every row (country, nationality).</summary>
public sealed class ConstantGenerator : ColumnGenerator
{
    private readonly StringTable _value;

    /// <summary>Parses <c>value</c>.</summary>
    public ConstantGenerator(ColumnSpec spec)
        : base(spec) => _value = new StringTable([spec.Node.Keys([.. CommonKeys, "value"], "value")["value"].Text()]);

    /// <inheritdoc />
    public override ColumnType Type => ColumnType.String;

    /// <inheritdoc />
    public override void Fill(BatchState batch, Column target)
    {
        // Index 0, the one value, for every row: the scratch is never written, so it stays zero.
        ((StringColumn)target).AppendFrom(_value, batch.Scratch<RowScratch<int>>(this).For(batch.Count));
    }
}

/// <summary>A value per row of a batch (label indexes, values in the making), kept with the batch state.</summary>
internal sealed class RowScratch<T>
{
    private T[] _values = [];

    /// <summary>Room for <paramref name="rows"/> values; room added since the last call holds defaults.</summary>
    public Span<T> For(int rows)
    {
        if (_values.Length < rows)
        {
            Array.Resize(ref _values, rows);
        }

        return _values.AsSpan(0, rows);
    }
}

/// <summary>
/// <c>linear</c>: <c>scale · from + offset</c>, rounded, from another numeric column of the same
/// row (e.g. a monthly income from an annual one). Linear columns may chain; a cycle is an error.
/// </summary>
public sealed class LinearGenerator : ColumnGenerator
{
    private readonly SchemaNode _from;
    private readonly double _scale;
    private readonly double _offset;
    private readonly Rounding _rounding;

    /// <summary>Parses <c>from</c>, <c>scale</c>, <c>offset</c> and <c>round</c>.</summary>
    public LinearGenerator(ColumnSpec spec)
        : base(spec)
    {
        var keys = spec.Node.Keys([.. CommonKeys, "from", "scale", "offset", "round"], "from");
        _from = keys["from"];
        _scale = keys.TryGetValue("scale", out var scale) ? scale.Number() : 1;
        _offset = keys.TryGetValue("offset", out var offset) ? offset.Number() : 0;
        _rounding = new Rounding(keys.TryGetValue("round", out var r) ? r.Number(0, 1e12, "a rounding step") : 0);
    }

    /// <inheritdoc />
    public override ColumnType Type => ColumnType.Double;

    /// <inheritdoc />
    public override IEnumerable<string> Dependencies => [_from.Text()];

    /// <inheritdoc />
    public override void Bind(IReadOnlyDictionary<string, ColumnGenerator> generators)
    {
        var source = Resolve<ColumnGenerator>(generators, _from, "a number");
        if (source.Type is not (ColumnType.Double or ColumnType.Int32))
        {
            throw _from.Error($"'{_from.Text()}' is a {source.Type} column; a linear column needs a numeric one.");
        }
    }

    /// <inheritdoc />
    public override void Fill(BatchState batch, Column target)
    {
        var source = batch.Columns[_from.Text()];
        var output = (DoubleColumn)target;
        for (var r = 0; r < batch.Count; r++)
        {
            var x = source is DoubleColumn d ? d[r] : ((Int32Column)source)[r];
            output.Append(_rounding.Apply((_scale * x) + _offset));
        }
    }
}
