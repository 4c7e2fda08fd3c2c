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

    // Per column, its presence rule when the rule is applied before the fill: the generator then
    // skips the rows the rule will blank (a demat number for the 75% without an account).
    private readonly PresenceRule?[] _ruleBeforeFill;
    private readonly int[] _outputColumns;
    private readonly ulong _childCountSalt;
    private readonly int _perParentColumn = -1;
    private readonly ulong[] _childSalts;

    // The segment names, then "outlier" (index Segments.Count, for segment -1).
    private readonly StringTable _segmentNames;
    private readonly int[] _latentColumns;

    internal TablePlan(TableSpec spec, ulong seed, DateOnly asOf, double? separation, TablePlan? parent)
    {
        Spec = spec;
        AsOf = asOf;
        Parent = parent;
        TableKey = StreamKey.ForTable(seed, spec.Name);
        _childSalts = Enumerable.Range(0, Math.Min(spec.Parent?.MaximumPerParent ?? 0, 4096)).Select(j => StreamKey.Salt((ulong)j)).ToArray();
        _childCountSalt = StreamKey.Salt(StreamKey.Hash($"__children:{spec.Name}"));
        _generators = spec.Columns.Select(column => ColumnFactory.Create(column, parent)).ToArray();
        var byName = _generators.ToDictionary(g => g.Name, StringComparer.Ordinal);
        foreach (var generator in _generators)
        {
            generator.Bind(byName);
            if (generator is UniqueNumberGenerator unique)
            {
                unique.Key(TableKey);
            }
        }

        WorkingSchema = new TableSchema(_generators.Select(g => new ColumnField(g.Name, g.Type, g.Role)));
        _outputColumns = Enumerable.Range(0, _generators.Length).Where(i => !_generators[i].IsHidden).ToArray();
        DataSchema = new TableSchema(_outputColumns.Select(i => WorkingSchema[i]));
        _presence = _generators.Select((g, i) => PresenceRule.TryCreate(i, g, byName, WorkingSchema)).OfType<PresenceRule>().ToArray();
        Segments = SegmentModel.Build(spec, _generators, separation, parent?.Segments);
        _segmentNames = new StringTable([.. Segments.Names, "outlier"]);
        _latentColumns = Segments.LatentColumns.Select(c => WorkingSchema.IndexOf(c.Name)).ToArray();
        _ruleBeforeFill = RulesBeforeFill();
        _fillOrder = DependencyOrder(spec, _generators, byName);
        if (spec.Parent?.PerParentColumn is { } countColumn)
        {
            _perParentColumn = parent!.WorkingSchema.IndexOf(countColumn.Text());
            if (_perParentColumn < 0 || parent.WorkingSchema[_perParentColumn].Type is not (ColumnType.Int32 or ColumnType.Double))
            {
                throw countColumn.Error($"'per_parent: {{ column: {countColumn.Text()} }}' needs a numeric column of parent table '{parent.Name}'.");
            }
        }

        if (spec.Segments is { Inherit: true } && parent is null)
        {
            throw spec.Segments.Node.Error("'inherit: true' needs a table with 'parent:'.");
        }

        ParentColumnsNeeded = parent?.Closure(
            _generators.SelectMany(g => g.ParentDependencies)
                .Concat(_perParentColumn >= 0 ? [parent.WorkingSchema[_perParentColumn].Name] : [])) ?? [];

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

    /// <summary>The schema of the data file: every column but the hidden ones.</summary>
    public TableSchema DataSchema { get; }

    /// <summary>Every column, hidden ones included: what a batch state holds.</summary>
    public TableSchema WorkingSchema { get; }

    /// <summary>The parent table of a child table.</summary>
    public TablePlan? Parent { get; }

    /// <summary>The tables from the root down to this one.</summary>
    public IReadOnlyList<TablePlan> Lineage => Parent is null ? [this] : [.. Parent.Lineage, this];

    /// <summary>Which parent columns this child reads (with their dependencies): the rest of the parent is not generated.</summary>
    public IReadOnlyList<bool> ParentColumnsNeeded { get; }

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

    /// <summary>Fresh batch states for this table and each of its ancestors, root first: what <see cref="GenerateLineage"/> fills.</summary>
    public BatchState[] CreateLineageStates() => Lineage.Select(t => t.CreateState()).ToArray();

    /// <summary>
    /// Generates root rows [firstRow, firstRow + count) and, down the lineage, their descendants,
    /// filling each ancestor only with what its child reads. Returns this table's state.
    /// </summary>
    public BatchState GenerateLineage(BatchState[] states, long firstRow, int count)
    {
        ArgumentNullException.ThrowIfNull(states);
        var lineage = Lineage;
        lineage[0].Generate(states[0], firstRow, count, lineage.Count == 1 ? null : lineage[1].ParentColumnsNeeded);
        for (var level = 1; level < lineage.Count; level++)
        {
            lineage[level].GenerateChildren(states[level], states[level - 1], level == lineage.Count - 1 ? null : lineage[level + 1].ParentColumnsNeeded);
        }

        return states[^1];
    }

    /// <summary>The data-file view of a generated batch: hidden columns left out.</summary>
    public ColumnBatch Output(BatchState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return _outputColumns.Length == _generators.Length
            ? state.Columns
            : new ColumnBatch(DataSchema, _outputColumns.Select(i => state.Columns.Columns[i]).ToArray(), state.FirstRow);
    }

    /// <summary>
    /// Generates rows [firstRow, firstRow + count) of a root table into <paramref name="state"/>;
    /// with <paramref name="only"/>, only those columns (an ancestor of the table being written).
    /// </summary>
    public void Generate(BatchState state, long firstRow, int count, IReadOnlyList<bool>? only = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (Parent is not null)
        {
            throw new InvalidOperationException($"'{Name}' is a child table; generate it from its parent's batch.");
        }

        state.Reset(firstRow, count);
        for (var r = 0; r < count; r++)
        {
            var row = firstRow + r;
            var key = StreamKey.ForRow(TableKey, row);
            state.RowKeys[r] = key;
            state.Ordinals[r] = row;
            state.Segments[r] = Segments.DrawSegment(key, Segments.Cumulative);
        }

        if (NeedsLatent(only))
        {
            FillLatent(state);
        }

        FillColumns(state, only);
    }

    /// <summary>
    /// Generates the children of every row of a parent batch. A child's stream key derives from its
    /// parent's key and its position, and its identifier ordinal is parent ordinal × cap + position,
    /// so children are the same whichever batch or shard their parent falls in.
    /// </summary>
    public void GenerateChildren(BatchState state, BatchState parent, IReadOnlyList<bool>? only = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(parent);
        var link = Spec.Parent ?? throw new InvalidOperationException($"'{Name}' is a root table.");
        var counts = new int[parent.Count];
        var total = 0;
        for (var p = 0; p < parent.Count; p++)
        {
            counts[p] = ChildCount(parent, p, link);
            total += counts[p];
        }

        state.Reset(parent.Count == 0 ? 0 : parent.Ordinals[0] * link.MaximumPerParent, total);
        state.Parent = parent;
        var row = 0;
        for (var p = 0; p < parent.Count; p++)
        {
            var parentSegment = parent.Segments[p];
            var cumulative = Segments.CumulativeByParentSegment.Count == 0 ? Segments.Cumulative
                : Segments.CumulativeByParentSegment[parentSegment < 0 ? Segments.CumulativeByParentSegment.Count - 1 : parentSegment];
            var parentKey = StreamKey.Combine(TableKey, parent.RowKeys[p]);
            for (var j = 0; j < counts[p]; j++, row++)
            {
                var key = StreamKey.CombineSalted(parentKey, ChildSalt(j));
                state.RowKeys[row] = key;
                state.Ordinals[row] = (parent.Ordinals[p] * link.MaximumPerParent) + j;
                state.ParentIndexes[row] = p;
                state.ChildOrdinals[row] = j;
                state.Segments[row] = Segments.DrawSegment(key, cumulative);
            }
        }

        if (NeedsLatent(only))
        {
            FillLatent(state);
        }

        FillColumns(state, only);
    }

    // The latent vectors of every row of the batch, in one call so the normals are drawn together.
    private void FillLatent(BatchState state)
    {
        var values = state.Count * Segments.LatentCount;
        Segments.FillLatent(state.RowKeys.AsSpan(0, state.Count), state.Segments.AsSpan(0, state.Count), state.Innovations.AsSpan(0, values), state.Latent.AsSpan(0, values));
    }

    // An ancestor filled only for its child skips the latent vectors when none of the columns the
    // child needs reads them (card_usage needs its customers' segments and keys, not their incomes).
    // Latent vectors come from their own streams, so skipping them changes no other value.
    private bool NeedsLatent(IReadOnlyList<bool>? only) => only is null || _latentColumns.Any(column => only[column]);

    // StreamKey.Salt of each child position, computed once for the positions most parents use.
    private ulong ChildSalt(int position) => position < _childSalts.Length ? _childSalts[position] : StreamKey.Salt((ulong)position);

    /// <summary>A mask of the given columns and every column they depend on.</summary>
    internal bool[] Closure(IEnumerable<string> names)
    {
        var mask = new bool[_generators.Length];
        var pending = new Stack<string>(names);
        while (pending.Count > 0)
        {
            var index = WorkingSchema.IndexOf(pending.Pop());
            if (index >= 0 && !mask[index])
            {
                mask[index] = true;
                foreach (var dependency in _generators[index].Dependencies.Concat(_presence.Where(p => p.Column == index).SelectMany(p => p.Dependencies)))
                {
                    pending.Push(dependency);
                }
            }
        }

        return mask;
    }

    private int ChildCount(BatchState parent, int row, ParentSpec link)
    {
        double count;
        if (_perParentColumn >= 0)
        {
            var column = parent.Columns.Columns[_perParentColumn];
            count = column.IsNull(row) ? 0 : column is Int32Column integers ? integers[row] : ((DoubleColumn)column)[row];
        }
        else
        {
            count = link.PerParent!.FromUniform(RowRandom.ForSalted(parent.RowKeys[row], _childCountSalt).NextOpenUnit());
        }

        return (int)Math.Clamp(Math.Round(count), 0, link.MaximumPerParent);
    }

    /// <summary>Appends the truth rows of a generated batch, and counts (segment, most likely segment) pairs.</summary>
    public void FillTruth(BatchState state, ColumnBatch truth, long[] contingency)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(contingency);
        var count = state.Count;
        var nameIndexes = new int[count];
        var key = truth.Columns[0];
        if (KeyColumn is null)
        {
            state.Ordinals.AsSpan(0, count).CopyTo(((Int64Column)key).AppendValues(count));
        }
        else
        {
            key.AppendRange(state.Columns[KeyColumn], 0, count);
        }

        var segments = state.Segments.AsSpan(0, count);
        segments.CopyTo(((Int32Column)truth.Columns[1]).AppendValues(count));
        var likely = ((Int32Column)truth.Columns[3]).AppendValues(count);
        Segments.MostLikely(segments, state.Innovations.AsSpan(0, count * Segments.LatentCount), state.CategoryIndexes, likely);
        var segmentCount = Segments.Count;
        for (var r = 0; r < count; r++)
        {
            var segment = segments[r];
            nameIndexes[r] = segment < 0 ? segmentCount : segment;
            if (segment >= 0)
            {
                contingency[(segment * segmentCount) + likely[r]]++;
            }
        }

        ((StringColumn)truth.Columns[2]).AppendFrom(_segmentNames, nameIndexes);
    }

    // A rule can be applied before its column's fill when the generator can skip absent rows and
    // nothing in the table reads the column: the skipped values would be read by no one, since
    // every rule blanks them. (A child table reads its parent after the rules have run.)
    private PresenceRule?[] RulesBeforeFill()
    {
        var read = _generators.SelectMany(g => g.Dependencies).Concat(_presence.SelectMany(p => p.Dependencies)).ToHashSet(StringComparer.Ordinal);
        var rules = new PresenceRule?[_generators.Length];
        foreach (var rule in _presence)
        {
            var generator = _generators[rule.Column];
            if (generator.SkipsAbsentRows && !read.Contains(generator.Name))
            {
                rules[rule.Column] = rule;
            }
        }

        return rules;
    }

    private void FillColumns(BatchState state, IReadOnlyList<bool>? only)
    {
        // Every rule reads values as generated, before any is blanked (all are applied at the end),
        // so rules never interact, and marking one before its column's fill marks the same rows.
        var marksByColumn = new bool[_generators.Length][];
        foreach (var index in _fillOrder)
        {
            if (only is null || only[index])
            {
                if (_ruleBeforeFill[index] is { } rule)
                {
                    marksByColumn[index] = new bool[state.Count];
                    rule.Mark(state, marksByColumn[index]);
                    state.AbsentRows = marksByColumn[index];
                }

                _generators[index].Fill(state, state.Columns.Columns[index]);
                state.AbsentRows = null;
            }
        }

        var rules = only is null ? _presence : _presence.Where(rule => only[rule.Column]).ToArray();
        if (rules.Length == 0)
        {
            return;
        }

        var marks = new bool[rules.Length][];
        for (var i = 0; i < rules.Length; i++)
        {
            if (marksByColumn[rules[i].Column] is not { } marked)
            {
                marked = new bool[state.Count];
                rules[i].Mark(state, marked);
            }

            marks[i] = marked;
        }

        for (var i = 0; i < rules.Length; i++)
        {
            rules[i].Apply(state, marks[i]);
        }
    }

    // Kahn's algorithm, taking ready columns in name order so the order never depends on declaration order.
    private int[] DependencyOrder(TableSpec spec, ColumnGenerator[] generators, Dictionary<string, ColumnGenerator> byName)
    {
        var index = generators.Select((g, i) => (g.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        // A rule applied before its column's fill needs the columns it tests filled first.
        var dependencies = generators.Select((g, i) => g.Dependencies.Concat(_ruleBeforeFill[i]?.Dependencies ?? []).Distinct(StringComparer.Ordinal).ToList()).ToArray();
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
