namespace SegBench.Clustering.Preprocessing;

/// <summary>What an input column is to the pipeline.</summary>
public enum FeatureKind
{
    /// <summary>A number.</summary>
    Numeric,

    /// <summary>true/false, encoded as 1/0.</summary>
    Boolean,

    /// <summary>A date, encoded as years before the reference date (an age or tenure).</summary>
    Date,

    /// <summary>Text with a small set of values.</summary>
    Categorical,
}

/// <summary>One fitted input column: everything needed to turn its raw values into output cells.</summary>
public sealed record FittedColumn
{
    /// <summary>The input column's name.</summary>
    public required string Name { get; init; }

    /// <summary>What the column is.</summary>
    public required FeatureKind Kind { get; init; }

    /// <summary>Whether log1p is applied (numbers only).</summary>
    public bool Log1p { get; init; }

    /// <summary>Interior bin edges; when set, the bin index (0..edges) replaces the value.</summary>
    public IReadOnlyList<double>? BinEdges { get; init; }

    /// <summary>The fill value for a missing number, after log1p/binning.</summary>
    public double ImputeValue { get; init; }

    /// <summary>The categories, in output order (categorical only).</summary>
    public IReadOnlyList<string>? Categories { get; init; }

    /// <summary>The fill category for a missing or unseen value under ordinal encoding.</summary>
    public string? ImputeCategory { get; init; }

    /// <summary>The encoding of a categorical column.</summary>
    public CategoricalEncoding Encoding { get; init; }

    /// <summary>
    /// One-hot only: how many of <see cref="Categories"/>, from the first, get a cell of their own;
    /// the rest, the infrequent ones, share one last cell, "(other)". Null: every category has its own.
    /// </summary>
    public int? OwnCells { get; init; }

    /// <summary>The number of output cells.</summary>
    public int Width => Kind == FeatureKind.Categorical && Encoding == CategoricalEncoding.OneHot
        ? OwnCells is { } own ? own + 1 : Categories?.Count ?? 0
        : 1;

    /// <summary>The name of the cell the infrequent categories share.</summary>
    public const string OtherCategory = "(other)";
}

/// <summary>A column the automatic choice left out, and why.</summary>
/// <param name="Name">The column.</param>
/// <param name="Reason">Why, e.g. "identifier role" or "nearly unique text (an identifier)".</param>
public sealed record SkippedColumn(string Name, string Reason);

/// <summary>The KNN imputer's reference rows, in the pre-scaling space of the numeric output columns.</summary>
/// <param name="Columns">The output columns (pre-PCA indices) the reference covers.</param>
/// <param name="Rows">Row-major reference values, <c>Rows.Count / Columns.Count</c> rows.</param>
/// <param name="Scales">Per column, the spread distances are measured in.</param>
/// <param name="Neighbors">k.</param>
public sealed record KnnReference(IReadOnlyList<int> Columns, IReadOnlyList<double> Rows, IReadOnlyList<double> Scales, int Neighbors);

/// <summary>A fitted principal component projection.</summary>
/// <param name="Mean">The mean subtracted first, per input column.</param>
/// <param name="Components">Row-major components × input columns; each row a unit vector.</param>
/// <param name="ExplainedVariance">The variance along each component.</param>
/// <param name="ExplainedVarianceRatio">Its share of the total variance.</param>
public sealed record PcaProjection(IReadOnlyList<double> Mean, IReadOnlyList<double> Components, IReadOnlyList<double> ExplainedVariance, IReadOnlyList<double> ExplainedVarianceRatio);

/// <summary>The whole fitted pipeline as saved beside a model (see <see cref="Preprocessor.ToJson"/>).</summary>
public sealed record PreprocessorState
{
    /// <summary>The version this build writes and reads.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>The format version of the saved pipeline.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>The date ages are measured to, when there are date columns.</summary>
    public DateOnly? ReferenceDate { get; init; }

    /// <summary>The input columns in order.</summary>
    public required IReadOnlyList<FittedColumn> Columns { get; init; }

    /// <summary>The columns left out by the automatic choice.</summary>
    public IReadOnlyList<SkippedColumn> Skipped { get; init; } = [];

    /// <summary>How numbers were imputed.</summary>
    public ImputationStrategy Imputation { get; init; }

    /// <summary>The scaling method.</summary>
    public ScalingMethod Scaling { get; init; }

    /// <summary>The output names before PCA ("age", "city=Pune", "networth (log1p)").</summary>
    public required IReadOnlyList<string> EncodedColumns { get; init; }

    /// <summary>Subtracted from each encoded column.</summary>
    public required IReadOnlyList<double> Centers { get; init; }

    /// <summary>Each encoded column is divided by this.</summary>
    public required IReadOnlyList<double> Scales { get; init; }

    /// <summary>The KNN reference, with <see cref="ImputationStrategy.KNearestNeighbors"/>.</summary>
    public KnnReference? Knn { get; init; }

    /// <summary>The PCA projection, when one was asked for.</summary>
    public PcaProjection? Pca { get; init; }
}
