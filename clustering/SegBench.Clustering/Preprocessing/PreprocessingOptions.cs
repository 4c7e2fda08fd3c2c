namespace SegBench.Clustering.Preprocessing;

/// <summary>How missing values are filled in.</summary>
public enum ImputationStrategy
{
    /// <summary>The column's mean (numbers); the most frequent category (text).</summary>
    Mean,

    /// <summary>The column's median (numbers); the most frequent category (text).</summary>
    Median,

    /// <summary>The most frequent value, for numbers as for text.</summary>
    MostFrequent,

    /// <summary>
    /// The mean of the k nearest reference rows, by nan-Euclidean distance over the numeric
    /// columns the row does have; text columns take the most frequent category. Unlike
    /// scikit-learn's <c>KNNImputer</c>, distances are measured in units of each column's spread
    /// (so money does not drown out age), and the reference is a seeded sample of complete rows
    /// (at most <see cref="PreprocessingOptions.MaximumReferenceRows"/>), saved with the pipeline.
    /// </summary>
    KNearestNeighbors,
}

/// <summary>How text (and ordinal) columns become numbers.</summary>
public enum CategoricalEncoding
{
    /// <summary>One 0/1 column per category, up to <see cref="PreprocessingOptions.MaximumOneHotCategories"/> cells (the infrequent categories share the last).</summary>
    OneHot,

    /// <summary>One column holding the category's index in ordinal string order.</summary>
    Ordinal,
}

/// <summary>How numeric columns are scaled after imputation.</summary>
public enum ScalingMethod
{
    /// <summary>(x − mean) / standard deviation (population, as scikit-learn's StandardScaler).</summary>
    Standard,

    /// <summary>(x − median) / interquartile range.</summary>
    Robust,

    /// <summary>(x − min) / (max − min), into [0, 1].</summary>
    MinMax,

    /// <summary>Left as is.</summary>
    None,
}

/// <summary>Which numeric columns get log1p before imputation and scaling.</summary>
public enum LogTransform
{
    /// <summary>None.</summary>
    None,

    /// <summary>Non-negative numeric columns whose skewness exceeds <see cref="PreprocessingOptions.SkewnessThreshold"/>.</summary>
    Auto,

    /// <summary>Only the columns in <see cref="PreprocessingOptions.LogColumns"/>.</summary>
    Listed,
}

/// <summary>Settings of the preprocessing pipeline. Every setting has a working default.</summary>
public sealed record PreprocessingOptions
{
    /// <summary>The defaults: role/heuristic column choice, mean imputation, one-hot, standard scaling, no log, no PCA.</summary>
    public static PreprocessingOptions Defaults { get; } = new();

    /// <summary>
    /// When choosing automatically, keep only numeric and date columns: k-means measures Euclidean
    /// distance, where one-hot columns of noisy categories can outweigh the real structure.
    /// </summary>
    public bool NumericOnly { get; init; }

    /// <summary>When choosing automatically, leave out columns with a larger share of empty values (1: keep all).</summary>
    public double MaximumMissingShare { get; init; } = 1.0;

    /// <summary>
    /// The settings SegBench's commands use unless told otherwise: numeric and date columns that
    /// are at most half empty, log1p on skewed non-negative columns, median imputation, standard scaling.
    /// </summary>
    public static PreprocessingOptions Recommended { get; } = new()
    {
        NumericOnly = true,
        MaximumMissingShare = 0.5,
        Log = LogTransform.Auto,
        Imputation = ImputationStrategy.Median,
    };

    /// <summary>Exactly these columns, in this order (null: choose automatically).</summary>
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary>Columns never used, whatever else says.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>How missing values are filled.</summary>
    public ImputationStrategy Imputation { get; init; } = ImputationStrategy.Mean;

    /// <summary>k of the k-nearest-neighbour imputation.</summary>
    public int NearestNeighbors { get; init; } = 5;

    /// <summary>The most complete rows kept as KNN reference (a seeded sample); bounds memory and the saved model's size.</summary>
    public int MaximumReferenceRows { get; init; } = 2000;

    /// <summary>The seed of every random choice (the KNN reference sample).</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>How text columns are encoded.</summary>
    public CategoricalEncoding Encoding { get; init; } = CategoricalEncoding.OneHot;

    /// <summary>
    /// The most one-hot cells per column: above this many categories, the most frequent get a cell
    /// each and the rest share one "(other)" cell, so the column still makes this many.
    /// </summary>
    public int MaximumOneHotCategories { get; init; } = 20;

    /// <summary>Automatic choice only: text columns with more categories than this are left out.</summary>
    public int MaximumCategories { get; init; } = 200;

    /// <summary>Automatic choice only: text whose distinct values make up at least this share of rows is an identifier.</summary>
    public double IdentifierDistinctShare { get; init; } = 0.9;

    /// <summary>Automatic choice only: text averaging more UTF-8 bytes than this is free text.</summary>
    public int LongTextBytes { get; init; } = 40;

    /// <summary>Bins with fixed interior edges, per column (in the column's own units); the bin index replaces the value.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> FixedBins { get; init; } = new Dictionary<string, IReadOnlyList<double>>();

    /// <summary>Bins at quantiles, per column: the number of bins.</summary>
    public IReadOnlyDictionary<string, int> QuantileBins { get; init; } = new Dictionary<string, int>();

    /// <summary>The date ages and tenures are measured to (null: the latest date in the fitted data; never the wall clock).</summary>
    public DateOnly? ReferenceDate { get; init; }

    /// <summary>How numeric columns are scaled.</summary>
    public ScalingMethod Scaling { get; init; } = ScalingMethod.Standard;

    /// <summary>Whether one-hot columns are scaled too (they stay 0/1 by default).</summary>
    public bool ScaleOneHot { get; init; }

    /// <summary>Which columns get log1p.</summary>
    public LogTransform Log { get; init; } = LogTransform.None;

    /// <summary>The columns that get log1p with <see cref="LogTransform.Listed"/>.</summary>
    public IReadOnlyList<string> LogColumns { get; init; } = [];

    /// <summary>With <see cref="LogTransform.Auto"/>: the skewness above which a non-negative column gets log1p.</summary>
    public double SkewnessThreshold { get; init; } = 1.0;

    /// <summary>The number of principal components to keep (0: no PCA).</summary>
    public int PrincipalComponents { get; init; }

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    public PreprocessingOptions Validate()
    {
        if (MaximumMissingShare is < 0 or > 1 || double.IsNaN(MaximumMissingShare))
        {
            throw new ArgumentOutOfRangeException(nameof(MaximumMissingShare), MaximumMissingShare, "MaximumMissingShare must be between 0 and 1.");
        }

        if (NearestNeighbors < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(NearestNeighbors), NearestNeighbors, "NearestNeighbors must be at least 1.");
        }

        if (MaximumReferenceRows < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaximumReferenceRows), MaximumReferenceRows, "MaximumReferenceRows must be at least 1.");
        }

        if (MaximumOneHotCategories < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(MaximumOneHotCategories), MaximumOneHotCategories, "MaximumOneHotCategories must be at least 2: one frequent category and the other cell.");
        }

        if (MaximumCategories < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaximumCategories), MaximumCategories, "MaximumCategories must be at least 1.");
        }

        if (IdentifierDistinctShare is <= 0 or > 1 || double.IsNaN(IdentifierDistinctShare))
        {
            throw new ArgumentOutOfRangeException(nameof(IdentifierDistinctShare), IdentifierDistinctShare, "IdentifierDistinctShare must be in (0, 1].");
        }

        if (LongTextBytes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(LongTextBytes), LongTextBytes, "LongTextBytes must be at least 1.");
        }

        if (PrincipalComponents < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(PrincipalComponents), PrincipalComponents, "PrincipalComponents must be 0 (no PCA) or positive.");
        }

        if (double.IsNaN(SkewnessThreshold))
        {
            throw new ArgumentOutOfRangeException(nameof(SkewnessThreshold), SkewnessThreshold, "SkewnessThreshold must be a number.");
        }

        foreach (var (column, bins) in QuantileBins)
        {
            if (bins < 2)
            {
                throw new ArgumentOutOfRangeException(nameof(QuantileBins), bins, $"QuantileBins of '{column}' must be at least 2.");
            }
        }

        foreach (var (column, edges) in FixedBins)
        {
            for (var i = 0; i < edges.Count; i++)
            {
                if (double.IsNaN(edges[i]) || (i > 0 && edges[i] <= edges[i - 1]))
                {
                    throw new ArgumentOutOfRangeException(nameof(FixedBins), $"FixedBins of '{column}' must be strictly increasing numbers.");
                }
            }
        }

        if (!Enum.IsDefined(Imputation) || !Enum.IsDefined(Encoding) || !Enum.IsDefined(Scaling) || !Enum.IsDefined(Log))
        {
            throw new ArgumentOutOfRangeException(nameof(Imputation), "Imputation, Encoding, Scaling and Log must be defined values.");
        }

        return this;
    }
}
