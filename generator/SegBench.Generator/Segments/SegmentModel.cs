using System.Runtime.Intrinsics;
using MathNet.Numerics.LinearAlgebra;
using SegBench.Generator.Columns;
using SegBench.Generator.Randomness;
using SegBench.Generator.Schema;

namespace SegBench.Generator.Segments;

/// <summary>
/// The planted mixture of one table. A row's segment is drawn from the weights; its latent vector
/// is z = λ·μ_segment + L·e, with e independent standard normals (one stream per column), L the
/// Cholesky factor of the within-segment correlation, and λ = separation / declared separation.
/// Categorical columns draw from per-segment weights, interpolated in log space by λ.
/// Because the generating model is known exactly, the Bayes-optimal segment of every row is
/// computed too: the ceiling any clustering could reach.
/// </summary>
public sealed class SegmentModel
{
    // Streams are held as salts (StreamKey.Salt of the stream key), so a row costs one mix per stream.
    private static readonly ulong SegmentSalt = StreamKey.Salt(StreamKey.Hash("__segment"));
    private static readonly ulong OutlierSalt = StreamKey.Salt(StreamKey.Hash("__outlier"));
    private const ulong LatentSalt = 0x4C4154454E54UL;

    private readonly double[] _logWeights;
    private readonly double[][] _means; // Means as an array: indexed per row without an interface call
    private readonly double[] _cholesky;
    private readonly double[][] _whitenedMeans;
    private readonly ulong[] _latentSalts;

    // MostLikely's tables laid out four segments per vector, padded to whole vectors: log
    // weights [s], whitened means [d][s], and per signal category (in slot order, with its slot)
    // log weights [value][s].
    private readonly int _lanes;
    private readonly double[] _laneLogWeights;
    private readonly double[] _laneMeans;
    private readonly int[] _signalSlots;
    private readonly double[][] _signalLogWeights;

    private SegmentModel(
        IReadOnlyList<string> names,
        double[] weights,
        ILatentColumn[] latent,
        double[][] means,
        double[] cholesky,
        ICategoricalColumn[] categorical,
        double[][][] categoryLogWeights,
        bool[] categoryIsSignal,
        OutlierSpec? outliers,
        double[][] cumulativeByParent)
    {
        Names = names;
        Count = names.Count;
        CumulativeByParentSegment = cumulativeByParent;
        Weights = weights;
        _logWeights = weights.Select(PortableMath.Log).ToArray();
        Cumulative = CategoricalGenerator.Cumulative(weights);
        LatentColumns = latent;
        LatentCount = latent.Length;
        Means = means;
        _means = means;
        _cholesky = cholesky;
        _whitenedMeans = means.Select(m => SolveLower(cholesky, m)).ToArray();
        CategoricalColumns = categorical;
        CategoricalCount = categorical.Length;
        Outliers = outliers;
        _latentSalts = latent.Select(c => StreamKey.Salt(StreamKey.Hash(c.Name) ^ LatentSalt)).ToArray();

        var count = names.Count;
        _lanes = (count + 3) / 4 * 4;
        _laneLogWeights = new double[_lanes];
        _laneMeans = new double[latent.Length * _lanes];
        var signalTables = new List<double[]>();
        var signalSlots = new List<int>();
        for (var s = 0; s < count; s++)
        {
            _laneLogWeights[s] = _logWeights[s];
            for (var d = 0; d < latent.Length; d++)
            {
                _laneMeans[(d * _lanes) + s] = _whitenedMeans[s][d];
            }
        }

        for (var c = 0; c < categoryIsSignal.Length; c++)
        {
            if (categoryIsSignal[c])
            {
                var values = categoryLogWeights[c][0].Length;
                var table = new double[values * _lanes];
                for (var s = 0; s < count; s++)
                {
                    for (var v = 0; v < values; v++)
                    {
                        table[(v * _lanes) + s] = categoryLogWeights[c][s][v];
                    }
                }

                signalTables.Add(table);
                signalSlots.Add(c);
            }
        }

        _signalLogWeights = [.. signalTables];
        _signalSlots = [.. signalSlots];
    }

    /// <summary>Segment names; index = the segment id in truth files.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Normalised mixture weights.</summary>
    public IReadOnlyList<double> Weights { get; }

    /// <summary>Running sums of the weights.</summary>
    public double[] Cumulative { get; }

    /// <summary>
    /// For a child table: running sums of the segment weights given each parent segment (the last
    /// entry for a parent outlier). Empty for a root table.
    /// </summary>
    public IReadOnlyList<double[]> CumulativeByParentSegment { get; }

    /// <summary>The number of segments (1 for a table without segments).</summary>
    public int Count { get; }

    /// <summary>True when the table declares segments.</summary>
    public bool IsMixture => Count > 1;

    /// <summary>The latent columns, in latent-vector order (sorted by name, so declaration order does not matter).</summary>
    public IReadOnlyList<ILatentColumn> LatentColumns { get; }

    /// <summary>The width of the latent vector.</summary>
    public int LatentCount { get; }

    /// <summary>Per segment, the latent mean (already scaled by λ).</summary>
    public IReadOnlyList<double[]> Means { get; }

    /// <summary>The categorical columns, in slot order.</summary>
    public IReadOnlyList<ICategoricalColumn> CategoricalColumns { get; }

    /// <summary>The number of categorical slots.</summary>
    public int CategoricalCount { get; }

    /// <summary>Outlier injection, if any.</summary>
    public OutlierSpec? Outliers { get; }

    /// <summary>Compiles the mixture of a table from its spec and its generators.</summary>
    public static SegmentModel Build(TableSpec table, IReadOnlyList<ColumnGenerator> generators, double? separation, SegmentModel? parent = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var byName = generators.ToDictionary(g => g.Name, StringComparer.Ordinal);
        var latent = generators.OfType<ILatentColumn>().OrderBy(c => c.Name, StringComparer.Ordinal).ToArray();
        for (var i = 0; i < latent.Length; i++)
        {
            latent[i].LatentIndex = i;
        }

        var categorical = generators.OfType<ICategoricalColumn>().ToArray();
        for (var i = 0; i < categorical.Length; i++)
        {
            categorical[i].Slot = i;
        }

        var spec = table.Segments;
        var members = spec?.Members ?? [];
        var count = Math.Max(1, members.Count);
        var scale = spec is null ? 1.0 : (separation ?? spec.Separation) / spec.Separation;
        var names = spec is null ? ["all"] : members.Select(m => m.Name).ToArray();
        var weights = spec is null ? [1.0] : Normalise(members.Select(m => m.Weight).ToArray());

        var means = new double[count][];
        for (var s = 0; s < count; s++)
        {
            means[s] = new double[latent.Length];
        }

        var categoryLog = categorical.Select(c => Enumerable.Range(0, count + 1).Select(_ => c.BaseWeights.Select(SafeLog).ToArray()).ToArray()).ToArray();
        var isSignal = new bool[categorical.Length];
        for (var s = 0; s < members.Count; s++)
        {
            var member = members[s];
            foreach (var (column, shift) in member.Shifts)
            {
                var target = Lookup(byName, column, shift, member) as ILatentColumn
                    ?? throw shift.Error($"segment '{member.Name}' shifts '{column}', which is not a numeric or date column; use 'categories' for categorical and bool columns.");
                means[s][target.LatentIndex] = scale * LatentShift(target, shift);
            }

            foreach (var (column, categories) in member.Categories)
            {
                var target = Lookup(byName, column, categories, member) as ICategoricalColumn
                    ?? throw categories.Error($"segment '{member.Name}' sets categories of '{column}', which is not a categorical or bool column; use 'shift' for numeric columns.");
                categoryLog[target.Slot][s] = SegmentLogWeights(target, categories, scale);
                isSignal[target.Slot] = true;
            }
        }

        foreach (var column in categorical)
        {
            column.CumulativeBySegment = categoryLog[column.Slot].Select(logs => CategoricalGenerator.Cumulative(logs.Select(PortableMath.Exp).ToArray())).ToArray();
        }

        var cholesky = Cholesky(table, latent, byName);
        var byParent = parent is null || spec is null ? [] : Conditional(spec, parent, weights);
        if (byParent.Length > 0)
        {
            // A child row's prior is its segment's share over all parent segments.
            weights = new double[count];
            for (var p = 0; p < parent!.Count; p++)
            {
                var previous = 0.0;
                for (var s = 0; s < count; s++)
                {
                    weights[s] += parent.Weights[p] * (byParent[p][s] - previous);
                    previous = byParent[p][s];
                }
            }
        }

        return new SegmentModel(names, weights, latent, means, cholesky, categorical, categoryLog, isSignal, table.Outliers, byParent);
    }

    // Per parent segment (plus one row for parent outliers): the child's segment weights, as running sums.
    private static double[][] Conditional(SegmentsSpec spec, SegmentModel parent, double[] weights)
    {
        var members = spec.Members;
        var result = new double[parent.Count + 1][];
        for (var p = 0; p < parent.Count; p++)
        {
            var conditional = new double[members.Count];
            for (var s = 0; s < members.Count; s++)
            {
                if (spec.Inherit)
                {
                    conditional[s] = members[s].Name == parent.Names[p] ? 1 : 0;
                }
                else
                {
                    conditional[s] = weights[s] * members[s].ParentSegments.GetValueOrDefault(parent.Names[p], 1.0);
                }
            }

            if (conditional.Sum() <= 0)
            {
                throw spec.Node.Error(spec.Inherit
                    ? $"an inheriting table needs a member for every parent segment; '{parent.Names[p]}' is missing."
                    : $"no segment of this table can follow parent segment '{parent.Names[p]}': its parent_segments factors are all 0.");
            }

            result[p] = CategoricalGenerator.Cumulative(Normalise(conditional));
        }

        result[parent.Count] = CategoricalGenerator.Cumulative(weights);
        foreach (var member in members)
        {
            foreach (var name in member.ParentSegments.Keys.Where(name => !parent.Names.Contains(name)))
            {
                var suggestion = SchemaNode.Suggest(name, parent.Names);
                throw member.Node.Error($"segment '{member.Name}' names parent segment '{name}', which does not exist{(suggestion is null ? "" : $"; did you mean '{suggestion}'?")}");
            }
        }

        return result;
    }

    /// <summary>Draws a row's segment: its index, or -1 when the row is an outlier.</summary>
    public int DrawSegment(ulong rowKey, ReadOnlySpan<double> cumulative)
    {
        if (Outliers is { Rate: > 0 } outliers && RowRandom.ForSalted(rowKey, OutlierSalt).NextOpenUnit() < outliers.Rate)
        {
            return -1;
        }

        var u = RowRandom.ForSalted(rowKey, SegmentSalt).NextOpenUnit() * cumulative[^1];
        return CategoricalGenerator.Reached(cumulative, u);
    }

    /// <summary>
    /// Fills the innovations e and latent values z of a batch's rows (<see cref="LatentCount"/>
    /// of each per row, row after row), given each row's stream key and segment.
    /// </summary>
    public void FillLatent(ReadOnlySpan<ulong> rowKeys, ReadOnlySpan<int> segments, Span<double> innovations, Span<double> latent)
    {
        var width = LatentCount;
        var values = rowKeys.Length * width;

        // The uniforms wait in latent (written below anyway), so the whole batch's normals are
        // drawn together.
        for (var r = 0; r < rowKeys.Length; r++)
        {
            var rowKey = rowKeys[r];
            var uniforms = latent.Slice(r * width, width);
            for (var d = 0; d < uniforms.Length; d++)
            {
                uniforms[d] = RowRandom.ForSalted(rowKey, _latentSalts[d]).NextOpenUnit();
            }
        }

        NormalMath.InverseCdf(latent[..values], innovations[..values]);
        for (var r = 0; r < rowKeys.Length; r++)
        {
            Combine(segments[r], innovations.Slice(r * width, width), latent.Slice(r * width, width));
        }
    }

    // z = λ·μ_segment + L·e for a regular row, spread · L·e for an outlier.
    private void Combine(int segment, ReadOnlySpan<double> innovations, Span<double> latent)
    {
        var width = LatentCount;
        if (segment < 0)
        {
            var spread = Outliers!.Scale;
            for (var d = 0; d < width; d++)
            {
                var sum = 0.0;
                for (var j = 0; j <= d; j++)
                {
                    sum += spread * _cholesky[(d * width) + j] * innovations[j];
                }

                latent[d] = sum;
            }

            return;
        }

        // A regular row's spread is 1, and 1 × L is exactly L: the same sums, one multiply fewer per term.
        var means = _means[segment];
        var lower = _cholesky.AsSpan(0, width * width);
        var e = innovations[..width];
        for (var d = 0; d < width; d++)
        {
            var sum = means[d];
            var row = lower.Slice(d * width, d + 1);
            for (var j = 0; j < row.Length; j++)
            {
                sum += row[j] * e[j];
            }

            latent[d] = sum;
        }
    }

    /// <summary>
    /// The Bayes-optimal segment of each row of a batch: argmax over s of log w_s + log N(z; μ_s, Σ)
    /// + Σ log P_s(category), using the whitened latent vector u = L⁻¹z, which is e + L⁻¹μ for a
    /// regular row. <paramref name="categoryIndexes"/> holds each categorical slot's value index per row.
    /// </summary>
    public void MostLikely(ReadOnlySpan<int> segments, ReadOnlySpan<double> innovations, int[][] categoryIndexes, Span<int> likely)
    {
        ArgumentNullException.ThrowIfNull(categoryIndexes);
        var width = LatentCount;
        var point = new double[width];
        var scores = new double[_lanes];
        var offsets = new int[_signalSlots.Length];
        var half = Vector256.Create(0.5);
        for (var r = 0; r < segments.Length; r++)
        {
            var segment = segments[r];
            var e = innovations.Slice(r * width, width);
            if (segment < 0)
            {
                var spread = Outliers!.Scale;
                for (var d = 0; d < point.Length; d++)
                {
                    point[d] = spread * e[d];
                }
            }
            else
            {
                var mean = _whitenedMeans[segment];
                for (var d = 0; d < point.Length; d++)
                {
                    point[d] = e[d] + mean[d];
                }
            }

            for (var i = 0; i < offsets.Length; i++)
            {
                offsets[i] = categoryIndexes[_signalSlots[i]][r] * _lanes;
            }

            // Four segments at a time, one per lane, eight at a time where there are eight (two
            // independent chains the CPU overlaps). Each lane does exactly the scalar operations,
            // in the same order (no fused multiply-add), so every score is bit-identical to one
            // segment at a time.
            var first = 0;
            for (; first + 8 <= _lanes; first += 8)
            {
                var low = Vector256.Create<double>(_laneLogWeights.AsSpan(first, 4));
                var high = Vector256.Create<double>(_laneLogWeights.AsSpan(first + 4, 4));
                for (var d = 0; d < point.Length; d++)
                {
                    var coordinate = Vector256.Create(point[d]);
                    var means = _laneMeans.AsSpan((d * _lanes) + first, 8);
                    var lowDifference = coordinate - Vector256.Create<double>(means);
                    var highDifference = coordinate - Vector256.Create<double>(means[4..]);
                    low -= half * lowDifference * lowDifference;
                    high -= half * highDifference * highDifference;
                }

                for (var i = 0; i < offsets.Length; i++)
                {
                    var logWeights = _signalLogWeights[i].AsSpan(offsets[i] + first, 8);
                    low += Vector256.Create<double>(logWeights);
                    high += Vector256.Create<double>(logWeights[4..]);
                }

                low.CopyTo(scores.AsSpan(first));
                high.CopyTo(scores.AsSpan(first + 4));
            }

            for (; first < _lanes; first += 4)
            {
                var score = Vector256.Create<double>(_laneLogWeights.AsSpan(first, 4));
                for (var d = 0; d < point.Length; d++)
                {
                    var difference = Vector256.Create(point[d]) - Vector256.Create<double>(_laneMeans.AsSpan((d * _lanes) + first, 4));
                    score -= half * difference * difference;
                }

                for (var i = 0; i < offsets.Length; i++)
                {
                    score += Vector256.Create<double>(_signalLogWeights[i].AsSpan(offsets[i] + first, 4));
                }

                score.CopyTo(scores.AsSpan(first));
            }

            // The first highest score, chosen without branches: which segment wins is a coin flip
            // to the branch predictor.
            var best = 0;
            var bestScore = double.NegativeInfinity;
            for (var s = 0; s < Count; s++)
            {
                var higher = scores[s] > bestScore;
                best = higher ? s : best;
                bestScore = higher ? scores[s] : bestScore;
            }

            likely[r] = best;
        }
    }

    private static ColumnGenerator Lookup(Dictionary<string, ColumnGenerator> byName, string column, SchemaNode node, SegmentSpec member)
    {
        if (byName.TryGetValue(column, out var generator))
        {
            return generator;
        }

        var suggestion = SchemaNode.Suggest(column, byName.Keys);
        throw node.Error($"segment '{member.Name}' refers to column '{column}', which does not exist{(suggestion is null ? "" : $"; did you mean '{suggestion}'?")}");
    }

    private static double LatentShift(ILatentColumn column, SchemaNode shift)
    {
        var keys = shift.Keys(["mean", "median", "z"]);
        if (keys.Count != 1)
        {
            throw shift.Error("a shift sets exactly one of 'mean', 'median' (where the segment's center sits) or 'z' (a latent offset in standard deviations).");
        }

        var (kind, value) = keys.First();
        return kind == "z" ? value.Number(-20, 20, "a latent offset") : column.Marginal.LatentShiftForMedian(value.Number());
    }

    private static double[] SegmentLogWeights(ICategoricalColumn column, SchemaNode node, double scale)
    {
        var weights = column.BaseWeights.ToArray();
        if (node.IsScalar && column.Values.Count == 2 && column.Values[1] == "true")
        {
            var p = node.Number(0, 1, "the probability of true");
            weights = [1 - p, p];
        }
        else
        {
            foreach (var (value, weightNode) in node.Entries())
            {
                var index = column.Values.ToList().IndexOf(value);
                if (index < 0)
                {
                    var suggestion = SchemaNode.Suggest(value, column.Values);
                    throw weightNode.Error($"'{column.Name}' has no value '{value}'{(suggestion is null ? "" : $"; did you mean '{suggestion}'?")} Values: {string.Join(", ", column.Values)}.");
                }

                weights[index] = weightNode.Number(0, 1e12, "a non-negative weight");
            }

            if (column.Values.Count == 2 && column.Values[1] == "true" && node.Entries().Count == 1)
            {
                // {true: 0.9} on a bool means p = 0.9, so false gets the rest.
                var set = node.Entries()[0].Key == "true" ? 1 : 0;
                weights[1 - set] = 1 - weights[set];
            }
        }

        weights = Normalise(weights);
        var result = new double[weights.Length];
        var total = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            var baseLog = SafeLog(column.BaseWeights[i]);
            result[i] = PortableMath.Exp(baseLog + (scale * (SafeLog(weights[i]) - baseLog)));
            total += result[i];
        }

        return result.Select(w => PortableMath.Log(w / total)).ToArray();
    }

    private static double[] Cholesky(TableSpec table, ILatentColumn[] latent, Dictionary<string, ColumnGenerator> byName)
    {
        var width = latent.Length;
        var correlation = Matrix<double>.Build.DenseIdentity(Math.Max(width, 1));
        foreach (var item in table.Correlations)
        {
            var first = Find(item.First);
            var second = Find(item.Second);
            if (first == second)
            {
                throw item.Node.Error($"a column cannot be correlated with itself ('{item.First}').");
            }

            correlation[first, second] = correlation[second, first] = item.Correlation;
        }

        if (width == 0)
        {
            return [];
        }

        try
        {
            var factor = correlation.Cholesky().Factor;
            var result = new double[width * width];
            for (var i = 0; i < width; i++)
            {
                for (var j = 0; j <= i; j++)
                {
                    result[(i * width) + j] = factor[i, j];
                }
            }

            return result;
        }
        catch (ArgumentException error)
        {
            throw table.Correlations[0].Node.Error($"the correlations of table '{table.Name}' do not form a valid (positive definite) correlation matrix; weaken some of them. ({error.Message})");
        }

        int Find(string name)
        {
            var index = Array.FindIndex(latent, c => c.Name == name);
            if (index >= 0)
            {
                return index;
            }

            var node = table.Correlations.First(c => c.First == name || c.Second == name).Node;
            if (byName.ContainsKey(name))
            {
                throw node.Error($"'{name}' is not a numeric or date column, so it cannot be correlated.");
            }

            var suggestion = SchemaNode.Suggest(name, byName.Keys);
            throw node.Error($"correlation refers to column '{name}', which does not exist{(suggestion is null ? "" : $"; did you mean '{suggestion}'?")}");
        }
    }

    private static double[] SolveLower(double[] lower, double[] vector)
    {
        var width = vector.Length;
        var result = new double[width];
        for (var i = 0; i < width; i++)
        {
            var sum = vector[i];
            for (var j = 0; j < i; j++)
            {
                sum -= lower[(i * width) + j] * result[j];
            }

            result[i] = sum / lower[(i * width) + i];
        }

        return result;
    }

    private static double[] Normalise(double[] weights)
    {
        var total = weights.Sum();
        return weights.Select(w => w / total).ToArray();
    }

    private static double SafeLog(double weight) => PortableMath.Log(Math.Max(weight, 1e-12));
}
