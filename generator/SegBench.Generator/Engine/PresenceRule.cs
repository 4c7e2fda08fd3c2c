using System.Numerics;
using System.Text;
using SegBench.Data;
using SegBench.Generator.Columns;
using SegBench.Generator.Randomness;
using SegBench.Generator.Schema;

namespace SegBench.Generator.Engine;

/// <summary>
/// When a column's value is absent: structurally (<c>when</c>: a demat number only for demat
/// holders) or by chance (<c>missing</c>: MCAR at a rate, or MAR at a rate only where a condition
/// holds). Missingness draws from its own stream, so the data with and without it differ only in
/// the blanked cells.
/// </summary>
internal sealed class PresenceRule
{
    private const ulong MissingSalt = 0x4D495353494E47UL;
    private readonly int _column;
    private readonly ulong _missingSalt;
    private readonly Condition? _when;
    private readonly double _missingRate;
    private readonly Condition? _missingWhen;

    private PresenceRule(int column, ColumnGenerator generator, Condition? when, double missingRate, Condition? missingWhen)
    {
        _column = column;
        _missingSalt = StreamKey.Salt(generator.StreamKey ^ MissingSalt);
        _when = when;
        _missingRate = missingRate;
        _missingWhen = missingWhen;
    }

    /// <summary>The column the rule blanks.</summary>
    public int Column => _column;

    /// <summary>The columns the rule's conditions read.</summary>
    public IEnumerable<string> Dependencies => new[] { _when?.Column, _missingWhen?.Column }.OfType<string>();

    /// <summary>Parses the <c>when</c> and <c>missing</c> keys of a column, or returns null when it has neither.</summary>
    public static PresenceRule? TryCreate(int column, ColumnGenerator generator, IReadOnlyDictionary<string, ColumnGenerator> generators, TableSchema schema)
    {
        var entries = generator.Spec.Node.Entries().ToDictionary(e => e.Key, e => e.Value);
        var when = entries.TryGetValue("when", out var whenNode) ? Condition.Parse(whenNode, generators, schema) : null;
        double rate = 0;
        Condition? missingWhen = null;
        if (entries.TryGetValue("missing", out var missing))
        {
            if (missing.IsScalar)
            {
                rate = missing.Number(0, 1, "a share of rows");
            }
            else
            {
                var keys = missing.Keys(["rate", "when"], "rate");
                rate = keys["rate"].Number(0, 1, "a share of rows");
                missingWhen = keys.TryGetValue("when", out var condition) ? Condition.Parse(condition, generators, schema) : null;
            }
        }

        return when is null && rate == 0 ? null : new PresenceRule(column, generator, when, rate, missingWhen);
    }

    /// <summary>Marks the rows whose value must be absent, reading the values as generated.</summary>
    public void Mark(BatchState batch, Span<bool> absent)
    {
        absent = absent[..batch.Count];
        if (_when is null)
        {
            absent.Clear();
        }
        else
        {
            _when.Evaluate(_when.Source(batch.Columns), absent);
            for (var r = 0; r < absent.Length; r++)
            {
                absent[r] = !absent[r];
            }
        }

        if (_missingRate == 0)
        {
            return;
        }

        // A row's draw is its own stream, so rows already absent need not draw.
        bool[]? eligible = null;
        if (_missingWhen is not null)
        {
            eligible = new bool[absent.Length];
            _missingWhen.Evaluate(_missingWhen.Source(batch.Columns), eligible);
        }

        for (var r = 0; r < absent.Length; r++)
        {
            if (!absent[r] && (eligible is null || eligible[r]))
            {
                absent[r] = RowRandom.ForSalted(batch.RowKeys[r], _missingSalt).NextOpenUnit() < _missingRate;
            }
        }
    }

    /// <summary>Blanks the marked rows.</summary>
    public void Apply(BatchState batch, ReadOnlySpan<bool> absent)
    {
        var column = batch.Columns.Columns[_column];
        for (var r = 0; r < batch.Count; r++)
        {
            if (absent[r])
            {
                column.SetNull(r);
            }
        }
    }

    /// <summary>A test on another column's value in the same row.</summary>
    private sealed class Condition
    {
        private readonly int _index;
        private readonly byte[][] _in;
        private readonly double _above = double.NegativeInfinity;
        private readonly double _below = double.PositiveInfinity;
        private readonly bool _isNumeric;

        private Condition(string column, int index, byte[][] values, double above, double below, bool isNumeric)
        {
            Column = column;
            _index = index;
            _in = values;
            _above = above;
            _below = below;
            _isNumeric = isNumeric;
        }

        public string Column { get; }

        // Forms: `when: has_demat` (a bool column is true), or { column, in | equals | above | below }.
        public static Condition Parse(SchemaNode node, IReadOnlyDictionary<string, ColumnGenerator> generators, TableSchema schema)
        {
            if (node.IsScalar)
            {
                var (name, index) = Find(node, node.Text(), generators, schema);
                if (schema[index].Type != ColumnType.Boolean)
                {
                    throw node.Error($"'when: {name}' needs a bool column; for other columns write {{ column: {name}, in: [...] }}.");
                }

                return new Condition(name, index, ["true"u8.ToArray()], double.NegativeInfinity, double.PositiveInfinity, false);
            }

            var keys = node.Keys(["column", "in", "equals", "above", "below"], "column");
            var (column, position) = Find(keys["column"], keys["column"].Text(), generators, schema);
            var type = schema[position].Type;
            var isNumeric = type is ColumnType.Double or ColumnType.Int32 or ColumnType.Int64;
            var values = keys.TryGetValue("in", out var list) ? list.TextList() : keys.TryGetValue("equals", out var one) ? [one.Text()] : [];
            var above = keys.TryGetValue("above", out var a) ? a.Number() : double.NegativeInfinity;
            var below = keys.TryGetValue("below", out var b) ? b.Number() : double.PositiveInfinity;
            if (values.Count == 0 && !isNumeric)
            {
                throw node.Error($"a condition on '{column}' needs 'in' or 'equals'.");
            }

            if (values.Count == 0 && double.IsNegativeInfinity(above) && double.IsPositiveInfinity(below))
            {
                throw node.Error($"a condition on '{column}' needs 'in', 'equals', 'above' or 'below'.");
            }

            return new Condition(column, position, values.Select(Encoding.UTF8.GetBytes).ToArray(), above, below, isNumeric && values.Count == 0);
        }

        /// <summary>The column this condition tests, in a batch.</summary>
        public Column Source(ColumnBatch columns) => columns.Columns[_index];

        /// <summary>
        /// Whether the condition holds in each row of <paramref name="column"/> (never in a null
        /// row), with the test chosen once for the column rather than per row.
        /// </summary>
        public void Evaluate(Column column, Span<bool> holds)
        {
            switch (column)
            {
                case DoubleColumn numbers when _isNumeric:
                    InRange(numbers.Values, holds);
                    break;

                case Int32Column numbers when _isNumeric:
                    InRange(numbers.Values, holds);
                    break;

                case Int64Column numbers when _isNumeric:
                    InRange(numbers.Values, holds);
                    break;

                case BooleanColumn flags when !_isNumeric:
                {
                    var whenTrue = Accepts("true"u8);
                    var whenFalse = Accepts("false"u8);
                    var values = flags.Values;
                    for (var r = 0; r < holds.Length; r++)
                    {
                        holds[r] = values[r] ? whenTrue : whenFalse;
                    }

                    break;
                }

                case StringColumn text when !_isNumeric:
                    for (var r = 0; r < holds.Length; r++)
                    {
                        holds[r] = Accepts(text.GetBytes(r));
                    }

                    break;

                default:
                    // A column of neither: no number is in a range, and its text reads as empty.
                    holds.Fill(!_isNumeric && Accepts([]));
                    break;
            }

            if (column.NullCount != 0)
            {
                for (var r = 0; r < holds.Length; r++)
                {
                    holds[r] &= !column.IsNull(r);
                }
            }
        }

        private void InRange<T>(ReadOnlySpan<T> values, Span<bool> holds)
            where T : INumberBase<T>
        {
            for (var r = 0; r < holds.Length; r++)
            {
                var value = double.CreateTruncating(values[r]);
                holds[r] = value > _above && value < _below;
            }
        }

        // True when the text is one of the listed values.
        private bool Accepts(ReadOnlySpan<byte> text)
        {
            foreach (var candidate in _in)
            {
                if (text.SequenceEqual(candidate))
                {
                    return true;
                }
            }

            return false;
        }

        private static (string Name, int Index) Find(SchemaNode node, string name, IReadOnlyDictionary<string, ColumnGenerator> generators, TableSchema schema)
        {
            var index = schema.IndexOf(name);
            if (index < 0)
            {
                var suggestion = SchemaNode.Suggest(name, generators.Keys);
                throw node.Error($"condition refers to column '{name}', which does not exist{(suggestion is null ? "" : $"; did you mean '{suggestion}'?")}");
            }

            return (name, index);
        }
    }
}
