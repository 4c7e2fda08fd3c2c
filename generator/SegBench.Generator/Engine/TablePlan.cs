using SegBench.Data;
using SegBench.Generator.Columns;
using SegBench.Generator.Randomness;
using SegBench.Generator.Schema;
using SegBench.Generator.Segments;

namespace SegBench.Generator.Engine;

/// <summary>
/// One table compiled for generation: its generators in dependency order, its segment model, its
/// presence rules, and the schemas of its data and truth files. Immutable after compilation, so
/// any number of workers can generate batches from it at once.
/// </summary>
public sealed class TablePlan
{
    private readonly ColumnGenerator[] _generators;
    private readonly int[] _fillOrder;
    private readonly PresenceRule[] _presence;

    internal TablePlan(TableSpec spec, ulong seed, DateOnly asOf, double? separation)
    {
        Spec = spec;
        AsOf = asOf;
        TableKey = StreamKey.ForTable(seed, spec.Name);
        _generators = spec.Columns.Select(ColumnFactory.Create).ToArray();
        var byName = _generators.ToDictionary(g => g.Name, StringComparer.Ordinal);
        foreach (var generator in _generators)
        {
            generator.Bind(byName);
            if (generator is UniqueNumberGenerator unique)
            {
                unique.Key(TableKey);
            }
        }

        DataSchema = new TableSchema(_generators.Select(g => new ColumnField(g.Name, g.Type, g.Role)));
        _presence = _generators.Select((g, i) => PresenceRule.TryCreate(i, g, byName, DataSchema)).OfType<PresenceRule>().ToArray();
        Segments = SegmentModel.Build(spec, _generators, separation);
        _fillOrder = DependencyOrder(spec, _generators, byName);

        if (spec.Key is not null && !byName.ContainsKey(spec.Key))
        {
            throw spec.Node.Error($"table '{spec.Name}' names key column '{spec.Key}', which does not exist.");
        }

        KeyColumn = spec.Key;
        var keyType = spec.Key is null ? ColumnType.Int64 : byName[spec.Key].Type;
        TruthSchema = new TableSchema([
            new ColumnField(spec.Key ?? "row", keyType, ColumnRole.Identifier),
            new ColumnField("segment", ColumnType.Int32),
            new ColumnField("segment_name", ColumnType.String),
            new ColumnField("segment_likely", ColumnType.Int32),
        ]);
    }

    /// <summary>The table's spec.</summary>
    public TableSpec Spec { get; }

    /// <summary>The table's name.</summary>
    public string Name => Spec.Name;

    /// <summary>"Today" for ages and dates.</summary>
    public DateOnly AsOf { get; }

    /// <summary>The key all this table's row keys derive from.</summary>
    public ulong TableKey { get; }

    /// <summary>The schema of the data file.</summary>
    public TableSchema DataSchema { get; }

    /// <summary>The schema of the truth file: key, segment, segment_name, segment_likely.</summary>
    public TableSchema TruthSchema { get; }

    /// <summary>The key column, if the table has one.</summary>
    public string? KeyColumn { get; }

    /// <summary>The planted mixture.</summary>
    public SegmentModel Segments { get; }

    /// <summary>The generators in output order.</summary>
    public IReadOnlyList<ColumnGenerator> Generators => _generators;

    /// <summary>A fresh, reusable batch state for one worker.</summary>
    public BatchState CreateState() => new(this);

    /// <summary>Generates rows [firstRow, firstRow + count) of a root table into <paramref name="state"/>.</summary>
    public void Generate(BatchState state, long firstRow, int count)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.Reset(firstRow, count);
        var width = Segments.LatentCount;
        for (var r = 0; r < count; r++)
        {
            var row = firstRow + r;
            var key = StreamKey.ForRow(TableKey, row);
            state.RowKeys[r] = key;
            state.Ordinals[r] = row;
            var segment = Segments.DrawSegment(key, Segments.Cumulative);
            state.Segments[r] = segment;
            Segments.FillLatent(key, segment, state.Innovations.AsSpan(r * width, width), state.Latent.AsSpan(r * width, width));
        }

        FillColumns(state);
    }

    /// <summary>Appends the truth rows of a generated batch, and counts (segment, most likely segment) pairs.</summary>
    public void FillTruth(BatchState state, ColumnBatch truth, long[] contingency)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(contingency);
        var width = Segments.LatentCount;
        var categories = new int[Segments.CategoricalCount];
        var scratch = new double[Math.Max(width, 1)];
        var key = truth.Columns[0];
        var source = KeyColumn is null ? null : state.Columns[KeyColumn];
        for (var r = 0; r < state.Count; r++)
        {
            if (source is null)
            {
                ((Int64Column)key).Append(state.FirstRow + r);
            }
            else
            {
                key.AppendFrom(source, r);
            }

            for (var c = 0; c < categories.Length; c++)
            {
                categories[c] = state.CategoryIndexes[c][r];
            }

            var segment = state.Segments[r];
            var likely = Segments.MostLikely(segment, state.Innovations.AsSpan(r * width, width), categories, scratch);
            ((Int32Column)truth.Columns[1]).Append(segment);
            ((StringColumn)truth.Columns[2]).Append(segment < 0 ? "outlier" : Segments.Names[segment]);
            ((Int32Column)truth.Columns[3]).Append(likely);
            if (segment >= 0)
            {
                contingency[(segment * Segments.Count) + likely]++;
            }
        }
    }

    private void FillColumns(BatchState state)
    {
        foreach (var index in _fillOrder)
        {
            _generators[index].Fill(state, state.Columns.Columns[index]);
        }

        if (_presence.Length == 0)
        {
            return;
        }

        // Every rule reads values as generated, before any is blanked, so rules never interact.
        var marks = new bool[_presence.Length][];
        for (var i = 0; i < _presence.Length; i++)
        {
            marks[i] = new bool[state.Count];
            _presence[i].Mark(state, marks[i]);
        }

        for (var i = 0; i < _presence.Length; i++)
        {
            _presence[i].Apply(state, marks[i]);
        }
    }

    // Kahn's algorithm, taking ready columns in name order so the order never depends on declaration order.
    private int[] DependencyOrder(TableSpec spec, ColumnGenerator[] generators, Dictionary<string, ColumnGenerator> byName)
    {
        var index = generators.Select((g, i) => (g.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        var dependencies = generators.Select(g => g.Dependencies.Distinct(StringComparer.Ordinal).ToList()).ToArray();
        for (var i = 0; i < generators.Length; i++)
        {
            foreach (var dependency in dependencies[i])
            {
                if (!byName.ContainsKey(dependency))
                {
                    var suggestion = SchemaNode.Suggest(dependency, byName.Keys);
                    throw generators[i].Spec.Node.Error($"column '{generators[i].Name}' refers to '{dependency}', which does not exist{(suggestion is null ? "" : $"; did you mean '{suggestion}'?")}");
                }
            }
        }

        var remaining = dependencies.Select(d => d.Count).ToArray();
        var ready = new SortedSet<string>(generators.Where((_, i) => remaining[i] == 0).Select(g => g.Name), StringComparer.Ordinal);
        var order = new List<int>();
        while (ready.Count > 0)
        {
            var next = ready.Min!;
            ready.Remove(next);
            order.Add(index[next]);
            for (var i = 0; i < generators.Length; i++)
            {
                if (dependencies[i].Contains(next) && --remaining[i] == 0)
                {
                    ready.Add(generators[i].Name);
                }
            }
        }

        if (order.Count < generators.Length)
        {
            var stuck = generators.Where((_, i) => remaining[i] > 0).Select(g => g.Name).ToArray();
            var first = generators.First(g => g.Name == stuck[0]);
            throw first.Spec.Node.Error($"columns of table '{spec.Name}' depend on each other in a cycle: {string.Join(" -> ", Cycle(stuck[0], generators, dependencies, index))}.");
        }

        return [.. order];
    }

    private static IEnumerable<string> Cycle(string start, ColumnGenerator[] generators, List<string>[] dependencies, Dictionary<string, int> index)
    {
        var path = new List<string> { start };
        var current = start;
        while (true)
        {
            current = dependencies[index[current]][0];
            var seen = path.IndexOf(current);
            if (seen >= 0)
            {
                return path.Skip(seen).Append(current);
            }

            path.Add(current);
            if (path.Count > generators.Length)
            {
                return path;
            }
        }
    }
}
