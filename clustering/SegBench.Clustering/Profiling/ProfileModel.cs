using System.Text.Json;
using System.Text.Json.Serialization;

namespace SegBench.Clustering.Profiling;

/// <summary>Settings of <see cref="Profiler"/>.</summary>
public sealed record ProfileOptions
{
    /// <summary>Three top categories, three distinguishing columns, automatic column choice.</summary>
    public static ProfileOptions Defaults { get; } = new();

    /// <summary>The columns to profile (null: the feature columns, chosen as preprocessing chooses them).</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>Categories listed per text column.</summary>
    public int TopCategories { get; init; } = 3;

    /// <summary>Distinguishing columns listed (and described) per cluster.</summary>
    public int DistinguishingColumns { get; init; } = 3;

    /// <summary>A column distinguishes a cluster only above this score (|z| or standardised share difference).</summary>
    public double MinimumScore { get; init; } = 0.3;

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    public ProfileOptions Validate()
    {
        if (TopCategories < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(TopCategories), TopCategories, "TopCategories must be at least 1.");
        }

        if (DistinguishingColumns < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(DistinguishingColumns), DistinguishingColumns, "DistinguishingColumns must not be negative.");
        }

        if (double.IsNaN(MinimumScore) || MinimumScore < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MinimumScore), MinimumScore, "MinimumScore must be a non-negative number.");
        }

        return this;
    }
}

/// <summary>One numeric column within one cluster, against the whole table.</summary>
/// <param name="Column">The column.</param>
/// <param name="Mean">The cluster's mean.</param>
/// <param name="Median">The cluster's median.</param>
/// <param name="LowerQuartile">The cluster's 25th percentile.</param>
/// <param name="UpperQuartile">The cluster's 75th percentile.</param>
/// <param name="OverallMean">The whole table's mean.</param>
/// <param name="OverallMedian">The whole table's median.</param>
/// <param name="MeanZScore">(mean − overall mean) / overall standard deviation.</param>
/// <param name="MedianZScore">(median − overall median) / overall standard deviation.</param>
/// <param name="MedianRatio">median / overall median (NaN when the overall median is 0).</param>
public sealed record NumericProfile(string Column, double Mean, double Median, double LowerQuartile, double UpperQuartile, double OverallMean, double OverallMedian, double MeanZScore, double MedianZScore, double MedianRatio);

/// <summary>One category's share within a cluster and overall.</summary>
/// <param name="Category">The value.</param>
/// <param name="Share">Its share of the cluster's non-missing values.</param>
/// <param name="OverallShare">Its share in the whole table.</param>
/// <param name="Lift">Share / overall share.</param>
public sealed record CategoryShare(string Category, double Share, double OverallShare, double Lift);

/// <summary>A text or boolean column within one cluster.</summary>
/// <param name="Column">The column.</param>
/// <param name="Top">The most common categories in the cluster.</param>
public sealed record CategoricalProfile(string Column, IReadOnlyList<CategoryShare> Top);

/// <summary>A reason a cluster stands apart.</summary>
/// <param name="Column">The column.</param>
/// <param name="Category">The category, for text and boolean columns.</param>
/// <param name="Score">|z| of the mean for numbers; (share − overall) / √(overall·(1 − overall)) for over-represented categories (the z of an indicator), so both rank together.</param>
/// <param name="Lift">Share / overall share for categories; median ratio for numbers.</param>
public sealed record Distinction(string Column, string? Category, double Score, double Lift);

/// <summary>The profile of one cluster.</summary>
/// <param name="Cluster">The label (-1 for noise).</param>
/// <param name="Size">Rows.</param>
/// <param name="Share">Size / all rows.</param>
/// <param name="Numeric">Numeric columns.</param>
/// <param name="Categorical">Text and boolean columns.</param>
/// <param name="Distinctions">The columns that set it apart most, strongest first.</param>
/// <param name="Description">A short human-readable summary, e.g. "age 45-60, networth 5x median, 92% has demat".</param>
public sealed record ClusterProfile(int Cluster, int Size, double Share, IReadOnlyList<NumericProfile> Numeric, IReadOnlyList<CategoricalProfile> Categorical, IReadOnlyList<Distinction> Distinctions, string Description);

/// <summary>Profiles of every cluster: what profile.json holds.</summary>
/// <param name="Rows">Rows profiled.</param>
/// <param name="Clusters">One profile per label, in label order.</param>
public sealed record ProfileReport(int Rows, IReadOnlyList<ClusterProfile> Clusters)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The report as indented JSON (profile.json).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a report written by <see cref="ToJson"/>.</summary>
    public static ProfileReport FromJson(string json) => JsonSerializer.Deserialize<ProfileReport>(json, JsonOptions)
        ?? throw new JsonException("The profile JSON is empty.");

    /// <summary>The report as Markdown (profile.md).</summary>
    public string ToMarkdown() => ProfileMarkdown.Render(this);
}
