using System.Globalization;
using SegBench.Clustering.Preprocessing;
using SegBench.Data;

namespace SegBench.Clustering.Profiling;

/// <summary>
/// Summarises each cluster of a clustered table against the whole: size and share, numeric
/// means and medians as z-scores, top categories with lift, the columns that set it apart, and a
/// one-line description. Works on the raw table (real units), not the preprocessed features.
/// </summary>
/// <remarks>O(n·p) plus a sort per cluster and numeric column for medians and quartiles.</remarks>
public static class Profiler
{
    /// <summary>Profiles the clusters given by <paramref name="labels"/> (one per table row; -1 for noise is profiled as its own group).</summary>
    public static ProfileReport Profile(Table table, ReadOnlySpan<int> labels, ProfileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        options = (options ?? ProfileOptions.Defaults).Validate();
        if (labels.Length != table.RowCount)
        {
            throw new ArgumentException($"There are {labels.Length} labels for {table.RowCount} rows.", nameof(labels));
        }

        var rows = table.RowCount;
        var clusterIds = labels.ToArray().Distinct().Order().ToArray();
        var members = clusterIds.ToDictionary(c => c, _ => new List<int>());
        for (var row = 0; row < rows; row++)
        {
            members[labels[row]].Add(row);
        }

        var columns = ChooseColumns(table, options);
        var numeric = new List<(string Name, double[] Values)>();
        var categorical = new List<(string Name, string?[] Values)>();
        foreach (var (name, kind) in columns)
        {
            var view = new ColumnView(table[name]);
            if (kind is FeatureKind.Numeric or FeatureKind.Date)
            {
                numeric.Add((name, ReadNumbers(name, kind, view, table)));
            }
            else
            {
                var values = new string?[rows];
                for (var row = 0; row < rows; row++)
                {
                    values[row] = ValueReader.Text(view, row);
                }

                categorical.Add((name, values));
            }
        }

        var overallNumeric = numeric.Select(c => Summary.Of(c.Values, null)).ToArray();
        var overallShares = categorical.Select(c => Shares(c.Values, null)).ToArray();
        var profiles = new List<ClusterProfile>();
        foreach (var cluster in clusterIds)
        {
            var rowsOfCluster = members[cluster];
            var numericProfiles = new List<NumericProfile>();
            var distinctions = new List<Distinction>();
            for (var c = 0; c < numeric.Count; c++)
            {
                var overall = overallNumeric[c];
                var own = Summary.Of(numeric[c].Values, rowsOfCluster);
                var spread = overall.StandardDeviation > 0 ? overall.StandardDeviation : double.NaN;
                var profile = new NumericProfile(
                    numeric[c].Name, own.Mean, own.Median, own.LowerQuartile, own.UpperQuartile, overall.Mean, overall.Median,
                    Zero((own.Mean - overall.Mean) / spread), Zero((own.Median - overall.Median) / spread),
                    overall.Median != 0 ? own.Median / overall.Median : double.NaN);
                numericProfiles.Add(profile);
                distinctions.Add(new Distinction(numeric[c].Name, null, Math.Abs(profile.MeanZScore), profile.MedianRatio));
            }

            var categoricalProfiles = new List<CategoricalProfile>();
            for (var c = 0; c < categorical.Count; c++)
            {
                var own = Shares(categorical[c].Values, rowsOfCluster);
                var overall = overallShares[c];
                var top = own.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(options.TopCategories)
                    .Select(p => new CategoryShare(p.Key, p.Value, overall[p.Key], p.Value / overall[p.Key])).ToArray();
                categoricalProfiles.Add(new CategoricalProfile(categorical[c].Name, top));
                foreach (var (category, overallShare) in overall)
                {
                    var share = own.GetValueOrDefault(category);
                    var spread = Math.Sqrt(overallShare * (1 - overallShare));
                    // Only over-represented categories describe a cluster ("92% demat holders").
                    var score = spread > 0 && share > overallShare ? (share - overallShare) / spread : 0.0;
                    distinctions.Add(new Distinction(categorical[c].Name, category, score, share / overallShare));
                }
            }

            var strongest = distinctions
                .Where(d => d.Score >= options.MinimumScore && double.IsFinite(d.Score))
                .OrderByDescending(d => d.Score).ThenBy(d => d.Column, StringComparer.Ordinal).ThenBy(d => d.Category, StringComparer.Ordinal)
                .GroupBy(d => d.Column).Select(g => g.First()) // one reason per column
                .Take(options.DistinguishingColumns).ToArray();
            var description = Describe(strongest, numericProfiles, categoricalProfiles, categorical.Select(c => c.Name).ToArray(), overallShares, rowsOfCluster.Count, categorical, rowsOfCluster);
            profiles.Add(new ClusterProfile(cluster, rowsOfCluster.Count, rows == 0 ? 0 : (double)rowsOfCluster.Count / rows, numericProfiles, categoricalProfiles, strongest, description));
        }

        return new ProfileReport(rows, profiles);
    }

    private static double Zero(double value) => double.IsNaN(value) ? 0.0 : value;

    private static List<(string Name, FeatureKind Kind)> ChooseColumns(Table table, ProfileOptions options)
    {
        var chooserOptions = PreprocessingOptions.Defaults with { Features = options.Columns };
        return ColumnChooser.Choose(table, chooserOptions).Chosen;
    }

    private static double[] ReadNumbers(string name, FeatureKind kind, ColumnView view, Table table)
    {
        // Dates are profiled as years before the latest date in the column.
        DateOnly? reference = null;
        if (kind == FeatureKind.Date && view.Column is DateColumn dates)
        {
            var latest = int.MinValue;
            for (var row = 0; row < dates.Count; row++)
            {
                latest = view.IsNull(row) ? latest : Math.Max(latest, dates[row]);
            }

            reference = latest == int.MinValue ? null : DateOnly.FromDayNumber(latest + DateColumn.UnixEpochDayNumber);
        }

        var values = new double[table.RowCount];
        for (var row = 0; row < values.Length; row++)
        {
            values[row] = ValueReader.Number(kind, name, view, row, reference);
        }

        return values;
    }

    private static Dictionary<string, double> Shares(string?[] values, List<int>? rows)
    {
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        var total = 0;
        var count = rows?.Count ?? values.Length;
        for (var i = 0; i < count; i++)
        {
            var value = values[rows?[i] ?? i];
            if (value is not null)
            {
                counts[value] = counts.GetValueOrDefault(value) + 1;
                total++;
            }
        }

        foreach (var key in counts.Keys.ToArray())
        {
            counts[key] /= total;
        }

        return counts;
    }

    private static string Describe(
        Distinction[] strongest,
        List<NumericProfile> numeric,
        List<CategoricalProfile> categoricalProfiles,
        string[] categoricalNames,
        Dictionary<string, double>[] overallShares,
        int size,
        List<(string Name, string?[] Values)> categorical,
        List<int> rows)
    {
        if (size == 0)
        {
            return "empty";
        }

        var parts = new List<string>();
        foreach (var distinction in strongest)
        {
            var label = distinction.Column.Replace('_', ' ');
            if (distinction.Category is null)
            {
                var profile = numeric.First(p => p.Column == distinction.Column);
                var ratio = profile.MedianRatio;
                parts.Add(profile.OverallMedian > 0 && profile.LowerQuartile >= 0 && (ratio >= 2 || ratio <= 0.5)
                    ? $"{label} {Number(ratio)}x median"
                    : $"{label} {Number(profile.LowerQuartile)}-{Number(profile.UpperQuartile)}");
            }
            else
            {
                var index = Array.IndexOf(categoricalNames, distinction.Column);
                var share = Shares(categorical[index].Values, rows).GetValueOrDefault(distinction.Category);
                var percent = (share * 100).ToString("0", CultureInfo.InvariantCulture);
                parts.Add(distinction.Category switch
                {
                    "true" => $"{percent}% {label}",
                    "false" => $"{percent}% not {label}",
                    _ => $"{percent}% {label} {distinction.Category}",
                });
            }
        }

        return parts.Count == 0 ? "close to the whole population" : string.Join(", ", parts);
    }

    /// <summary>Two significant digits for ratios and quartiles; whole numbers from 100 up.</summary>
    internal static string Number(double value)
    {
        if (!double.IsFinite(value))
        {
            return "n/a";
        }

        var magnitude = Math.Abs(value);
        if (magnitude >= 100)
        {
            return Math.Round(value).ToString("#,0", CultureInfo.InvariantCulture);
        }

        return magnitude >= 10 ? value.ToString("0", CultureInfo.InvariantCulture) : value.ToString("0.#", CultureInfo.InvariantCulture);
    }

    private readonly record struct Summary(double Mean, double Median, double LowerQuartile, double UpperQuartile, double StandardDeviation)
    {
        public static Summary Of(double[] values, List<int>? rows)
        {
            var present = new List<double>(rows?.Count ?? values.Length);
            var count = rows?.Count ?? values.Length;
            for (var i = 0; i < count; i++)
            {
                var value = values[rows?[i] ?? i];
                if (!double.IsNaN(value))
                {
                    present.Add(value);
                }
            }

            if (present.Count == 0)
            {
                return new Summary(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
            }

            var sorted = present.ToArray();
            Array.Sort(sorted);
            var mean = ColumnFitting.Mean(sorted);
            double squares = 0;
            foreach (var value in sorted)
            {
                squares += (value - mean) * (value - mean);
            }

            return new Summary(
                mean,
                ColumnFitting.Quantile(sorted, 0.5),
                ColumnFitting.Quantile(sorted, 0.25),
                ColumnFitting.Quantile(sorted, 0.75),
                Math.Sqrt(squares / sorted.Length));
        }
    }
}
