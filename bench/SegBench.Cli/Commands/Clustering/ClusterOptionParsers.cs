using System.CommandLine.Parsing;
using System.Globalization;
using SegBench.Clustering.Algorithms;
using SegBench.Clustering.Pipeline;
using SegBench.Clustering.Preprocessing;
using SegBench.Clustering.Selection;

namespace SegBench.Cli.Commands.Clustering;

/// <summary>What <c>--k</c> asked for: a number of clusters, or null for "choose it".</summary>
/// <param name="Clusters">The number, or null for <c>auto</c>.</param>
internal sealed record KChoice(int? Clusters);

/// <summary>
/// Parsers for the clustering options. As in <see cref="OptionParsers"/>, a bad value is a parse
/// error naming the option and the value (exit code 2) before any file is read.
/// </summary>
internal static class ClusterOptionParsers
{
    /// <summary>The <c>--k-method</c> names, as the JSON output spells them.</summary>
    public static readonly IReadOnlyDictionary<string, SelectionMethod> KMethods = new Dictionary<string, SelectionMethod>(StringComparer.Ordinal)
    {
        ["silhouette"] = SelectionMethod.Silhouette,
        ["calinski-harabasz"] = SelectionMethod.CalinskiHarabasz,
        ["davies-bouldin"] = SelectionMethod.DaviesBouldin,
        ["gap"] = SelectionMethod.Gap,
        ["bic"] = SelectionMethod.Bic,
        ["elbow"] = SelectionMethod.Elbow,
    };

    /// <summary>The <c>--scale</c> names.</summary>
    public static readonly IReadOnlyDictionary<string, ScalingMethod> Scalings = new Dictionary<string, ScalingMethod>(StringComparer.Ordinal)
    {
        ["standard"] = ScalingMethod.Standard,
        ["robust"] = ScalingMethod.Robust,
        ["minmax"] = ScalingMethod.MinMax,
        ["none"] = ScalingMethod.None,
    };

    /// <summary>The <c>--impute</c> names.</summary>
    public static readonly IReadOnlyDictionary<string, ImputationStrategy> Imputations = new Dictionary<string, ImputationStrategy>(StringComparer.Ordinal)
    {
        ["mean"] = ImputationStrategy.Mean,
        ["median"] = ImputationStrategy.Median,
        ["most-frequent"] = ImputationStrategy.MostFrequent,
        ["knn"] = ImputationStrategy.KNearestNeighbors,
    };

    /// <summary>The <c>--encode</c> names; null is "none" (numeric features only).</summary>
    public static readonly IReadOnlyDictionary<string, CategoricalEncoding?> Encodings = new Dictionary<string, CategoricalEncoding?>(StringComparer.Ordinal)
    {
        ["none"] = null,
        ["onehot"] = CategoricalEncoding.OneHot,
        ["ordinal"] = CategoricalEncoding.Ordinal,
    };

    /// <summary>The <c>--log</c> names.</summary>
    public static readonly IReadOnlyDictionary<string, LogTransform> Logs = new Dictionary<string, LogTransform>(StringComparer.Ordinal)
    {
        ["auto"] = LogTransform.Auto,
        ["none"] = LogTransform.None,
    };

    /// <summary>The <c>--covariance</c> names.</summary>
    public static readonly IReadOnlyDictionary<string, CovarianceType> Covariances = new Dictionary<string, CovarianceType>(StringComparer.Ordinal)
    {
        ["full"] = CovarianceType.Full,
        ["diag"] = CovarianceType.Diagonal,
    };

    /// <summary>The name of a K criterion as the command line and the JSON spell it.</summary>
    public static string Name(SelectionMethod method) => KMethods.First(pair => pair.Value == method).Key.Replace('-', '_');

    /// <summary>One of <paramref name="choices"/>.</summary>
    public static T? Choice<T>(ArgumentResult result, string option, IReadOnlyDictionary<string, T> choices)
    {
        var text = Text(result);
        if (choices.TryGetValue(text, out var value))
        {
            return value;
        }

        result.AddError($"{option} {text}: expected one of {string.Join(", ", choices.Keys)}.");
        return default;
    }

    /// <summary>An algorithm of the catalog.</summary>
    public static string? Algorithm(ArgumentResult result)
    {
        var text = Text(result);
        if (AlgorithmOptions.Names.Contains(text))
        {
            return text;
        }

        result.AddError($"--algorithm {text}: unknown algorithm; expected one of {string.Join(", ", AlgorithmOptions.Names)}.");
        return null;
    }

    /// <summary>A whole number of clusters, at least 1, or <c>auto</c>.</summary>
    public static KChoice? K(ArgumentResult result)
    {
        var text = Text(result);
        if (text == "auto")
        {
            return new KChoice(null);
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var k))
        {
            result.AddError($"--k {text}: expected a whole number of clusters or 'auto'.");
            return null;
        }

        if (k < 1)
        {
            result.AddError($"--k {text}: the number of clusters must be at least 1.");
            return null;
        }

        return new KChoice(k);
    }

    /// <summary>"A..B" with 2 ≤ A ≤ B.</summary>
    public static (int Minimum, int Maximum)? KRange(ArgumentResult result)
    {
        var text = Text(result);
        var parts = text.Split("..");
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var minimum)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var maximum))
        {
            if (minimum >= 2 && maximum >= minimum)
            {
                return (minimum, maximum);
            }

            result.AddError($"--k-range {text}: the range must start at 2 or more and not be empty.");
            return null;
        }

        result.AddError($"--k-range {text}: expected A..B, such as 2..10.");
        return null;
    }

    /// <summary>A finite number, greater than 0 when <paramref name="positive"/>, else at least 0.</summary>
    public static double? Number(ArgumentResult result, string option, bool positive)
    {
        var text = Text(result);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            result.AddError($"{option} {text}: expected a number such as 0.5.");
            return null;
        }

        if (positive ? value <= 0 : value < 0)
        {
            result.AddError($"{option} {text}: must be {(positive ? "greater than 0" : "0 or more")}.");
            return null;
        }

        return value;
    }

    /// <summary>A comma-separated list of column names.</summary>
    public static string[] Columns(ArgumentResult result) =>
        result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();

    private static string Text(ArgumentResult result) => result.Tokens.Count == 0 ? string.Empty : result.Tokens[^1].Value;
}
