namespace SegBench.Clustering.Preprocessing;

/// <summary>Learns one column's transform: log1p, bins, imputation value, categories.</summary>
internal static class ColumnFitting
{
    public static FittedColumn? Numeric(string name, FeatureKind kind, ColumnView column, DateOnly? reference, PreprocessingOptions options)
    {
        var raw = new List<double>(column.Count);
        for (var row = 0; row < column.Count; row++)
        {
            var value = ValueReader.Number(kind, name, column, row, reference);
            if (!double.IsNaN(value))
            {
                raw.Add(value);
            }
        }

        if (raw.Count == 0)
        {
            return null;
        }

        var values = raw.ToArray();
        IReadOnlyList<double>? edges = null;
        if (options.FixedBins.TryGetValue(name, out var fixedEdges))
        {
            edges = fixedEdges.ToArray();
        }
        else if (options.QuantileBins.TryGetValue(name, out var bins))
        {
            edges = QuantileEdges(values, bins);
        }

        var log = false;
        if (edges is null && kind == FeatureKind.Numeric)
        {
            var listed = options.Log == LogTransform.Listed && options.LogColumns.Contains(name, StringComparer.Ordinal);
            if (listed && values.Min() < 0)
            {
                throw new PreprocessingException(name, $"Column '{name}' is listed for log1p but holds negative values (minimum {values.Min()}).");
            }

            log = listed || (options.Log == LogTransform.Auto && values.Min() >= 0 && Skewness(values) > options.SkewnessThreshold);
        }

        for (var i = 0; i < values.Length; i++)
        {
            values[i] = edges is not null ? BinIndex(edges, values[i]) : log ? Math.Log(1.0 + values[i]) : values[i];
        }

        var impute = options.Imputation switch
        {
            ImputationStrategy.Median => Quantile(Sorted(values), 0.5),
            ImputationStrategy.MostFrequent => MostFrequent(values),
            _ => Mean(values),
        };

        return new FittedColumn { Name = name, Kind = kind, Log1p = log, BinEdges = edges, ImputeValue = impute };
    }

    public static FittedColumn? Categorical(string name, ColumnView column, PreprocessingOptions options)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var row = 0; row < column.Count; row++)
        {
            var value = ValueReader.Text(column, row);
            if (value is not null)
            {
                counts[value] = counts.GetValueOrDefault(value) + 1;
            }
        }

        if (counts.Count == 0)
        {
            return null;
        }

        var categories = counts.Keys.Order(StringComparer.Ordinal).ToArray();
        var mostFrequent = categories[0];
        foreach (var category in categories)
        {
            if (counts[category] > counts[mostFrequent])
            {
                mostFrequent = category;
            }
        }

        if (options.Encoding != CategoricalEncoding.OneHot || categories.Length <= options.MaximumOneHotCategories)
        {
            return new FittedColumn { Name = name, Kind = FeatureKind.Categorical, Categories = categories, ImputeCategory = mostFrequent, Encoding = options.Encoding };
        }

        // Too many for a cell each: as scikit-learn's OneHotEncoder(max_categories) does, the most
        // frequent get their own cells and the rest share one. (Ordinal codes of a nominal column
        // would put Mumbai "between" two other cities.) All categories stay known, for validation.
        var own = options.MaximumOneHotCategories - 1;
        var frequent = categories.OrderByDescending(c => counts[c]).ThenBy(c => c, StringComparer.Ordinal).Take(own).Order(StringComparer.Ordinal).ToArray();
        var infrequent = categories.Except(frequent, StringComparer.Ordinal);
        return new FittedColumn
        {
            Name = name,
            Kind = FeatureKind.Categorical,
            Categories = [.. frequent, .. infrequent],
            OwnCells = own,
            ImputeCategory = mostFrequent,
            Encoding = CategoricalEncoding.OneHot,
        };
    }

    /// <summary>The bin of a value: the number of interior edges at or below it.</summary>
    public static double BinIndex(IReadOnlyList<double> edges, double value)
    {
        int low = 0, high = edges.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (edges[middle] <= value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>A quantile with linear interpolation between order statistics (numpy's default).</summary>
    public static double Quantile(double[] sorted, double probability)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var position = probability * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }

    public static double[] Sorted(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        return sorted;
    }

    public static double Mean(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum / values.Length;
    }

    /// <summary>The biased sample skewness g1 (as scipy.stats.skew); 0 for a constant column.</summary>
    public static double Skewness(double[] values)
    {
        var mean = Mean(values);
        double second = 0, third = 0;
        foreach (var value in values)
        {
            var deviation = value - mean;
            second += deviation * deviation;
            third += deviation * deviation * deviation;
        }

        second /= values.Length;
        third /= values.Length;
        return second <= 0 ? 0.0 : third / Math.Pow(second, 1.5);
    }

    private static double[] QuantileEdges(double[] values, int bins)
    {
        var sorted = Sorted(values);
        var edges = new List<double>();
        for (var i = 1; i < bins; i++)
        {
            var edge = Quantile(sorted, (double)i / bins);
            if (edges.Count == 0 || edge > edges[^1])
            {
                edges.Add(edge);
            }
        }

        return [.. edges];
    }

    private static double MostFrequent(double[] values)
    {
        var sorted = Sorted(values);
        double best = sorted[0];
        int bestCount = 0, run = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            run = i > 0 && sorted[i] == sorted[i - 1] ? run + 1 : 1;
            if (run > bestCount)
            {
                bestCount = run;
                best = sorted[i];
            }
        }

        return best;
    }
}
