using System.Text.Json;
using System.Text.Json.Serialization;
using SegBench.Data;

namespace SegBench.Clustering.Preprocessing;

/// <summary>
/// A fitted preprocessing pipeline: column choice, log1p, binning, dates as years, imputation,
/// encoding, scaling and optional PCA. <see cref="Fit"/> learns it from a <see cref="Table"/>;
/// <see cref="Transform"/> and <see cref="TransformRow"/> apply it to new data; <see cref="ToJson"/>
/// saves it beside a model. Immutable and safe to share between threads.
/// </summary>
/// <remarks>
/// Per input column the order is: read (dates become years before the reference date, booleans
/// 1/0) → bin or log1p → impute → encode → scale; PCA then works on the scaled columns. Fit is
/// O(n·p) plus O(n·p²) for PCA and O(m·r·p) for KNN imputation of m incomplete rows against r
/// reference rows.
/// </remarks>
public sealed class Preprocessor
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly FittedColumn[] _columns;
    private readonly int[] _offsets;
    private readonly Dictionary<string, int>[] _categoryIndex;
    private readonly bool[] _numericCell;
    private readonly double[] _centers;
    private readonly double[] _scales;
    private readonly double[]? _pcaMean;
    private readonly double[]? _pcaComponents;

    private Preprocessor(PreprocessorState state)
    {
        State = state;
        _columns = [.. state.Columns];
        _offsets = new int[_columns.Length + 1];
        _categoryIndex = new Dictionary<string, int>[_columns.Length];
        for (var c = 0; c < _columns.Length; c++)
        {
            _offsets[c + 1] = _offsets[c] + _columns[c].Width;
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var categories = _columns[c].Categories ?? [];
            var own = _columns[c].OwnCells ?? categories.Count;
            for (var k = 0; k < categories.Count; k++)
            {
                index[categories[k]] = Math.Min(k, own);
            }

            _categoryIndex[c] = index;
        }

        EncodedWidth = _offsets[^1];
        _numericCell = new bool[EncodedWidth];
        for (var c = 0; c < _columns.Length; c++)
        {
            if (_columns[c].Kind != FeatureKind.Categorical)
            {
                _numericCell[_offsets[c]] = true;
            }
        }

        if (state.EncodedColumns.Count != EncodedWidth || state.Centers.Count != EncodedWidth || state.Scales.Count != EncodedWidth)
        {
            throw new PreprocessingException($"The pipeline is inconsistent: {EncodedWidth} encoded columns but {state.EncodedColumns.Count} names, {state.Centers.Count} centers and {state.Scales.Count} scales.");
        }

        if (state.Pca is { } projection && (projection.Mean.Count != EncodedWidth || projection.Components.Count != projection.ExplainedVariance.Count * EncodedWidth))
        {
            throw new PreprocessingException($"The PCA projection is inconsistent: {EncodedWidth} encoded columns but a mean of {projection.Mean.Count} and {projection.Components.Count} loadings for {projection.ExplainedVariance.Count} components.");
        }

        if (state.Knn is { } knn && (knn.Columns.Count == 0 || knn.Rows.Count % knn.Columns.Count != 0 || knn.Scales.Count != knn.Columns.Count || knn.Neighbors < 1 || knn.Columns.Any(c => c < 0 || c >= EncodedWidth)))
        {
            throw new PreprocessingException("The KNN reference is inconsistent with the encoded columns.");
        }

        _centers = [.. state.Centers];
        _scales = [.. state.Scales];
        _pcaMean = state.Pca is null ? null : [.. state.Pca.Mean];
        _pcaComponents = state.Pca is null ? null : [.. state.Pca.Components];
        OutputColumnNames = state.Pca is { } pca
            ? Enumerable.Range(1, pca.ExplainedVariance.Count).Select(i => $"pc{i}").ToArray()
            : state.EncodedColumns;
    }

    /// <summary>Everything the pipeline learnt; what <see cref="ToJson"/> writes.</summary>
    public PreprocessorState State { get; }

    /// <summary>The names of the output columns.</summary>
    public IReadOnlyList<string> OutputColumnNames { get; }

    /// <summary>The number of output columns.</summary>
    public int OutputWidth => OutputColumnNames.Count;

    /// <summary>The share of variance each principal component explains (empty without PCA).</summary>
    public IReadOnlyList<double> ExplainedVarianceRatio => State.Pca?.ExplainedVarianceRatio ?? [];

    /// <summary>The number of encoded columns before PCA.</summary>
    internal int EncodedWidth { get; }

    /// <summary>Learns the pipeline from a table.</summary>
    /// <exception cref="PreprocessingException">A listed column is missing, or a value cannot be read.</exception>
    public static Preprocessor Fit(Table table, PreprocessingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        options = (options ?? PreprocessingOptions.Defaults).Validate();
        var (chosen, skipped) = ColumnChooser.Choose(table, options);
        if (chosen.Count == 0)
        {
            throw new PreprocessingException("No feature columns are left to cluster on: " + string.Join(", ", skipped.Select(s => $"{s.Name} ({s.Reason})")) + ".");
        }

        var reference = chosen.Any(c => c.Kind == FeatureKind.Date) ? options.ReferenceDate ?? LatestDate(table, chosen) : (DateOnly?)null;
        var columns = new List<FittedColumn>();
        foreach (var (name, kind) in chosen)
        {
            var column = new ColumnView(table[name]);
            var fitted = kind == FeatureKind.Categorical
                ? ColumnFitting.Categorical(name, column, options)
                : ColumnFitting.Numeric(name, kind, column, reference, options);
            if (fitted is null)
            {
                skipped.Add(new SkippedColumn(name, "no values"));
            }
            else
            {
                columns.Add(fitted);
            }
        }

        if (columns.Count == 0)
        {
            throw new PreprocessingException("Every chosen column is empty.");
        }

        var names = EncodedNames(columns);
        var unscaled = new Preprocessor(new PreprocessorState
        {
            ReferenceDate = reference,
            Columns = columns,
            Skipped = skipped,
            Imputation = options.Imputation,
            Scaling = options.Scaling,
            EncodedColumns = names,
            Centers = new double[names.Count],
            Scales = Enumerable.Repeat(1.0, names.Count).ToArray(),
        });

        var rows = table.RowCount;
        var width = unscaled.EncodedWidth;
        var encoded = new double[rows * width];
        var sources = unscaled.Bind(table);
        for (var row = 0; row < rows; row++)
        {
            unscaled.EncodeRow(sources, row, encoded.AsSpan(row * width, width));
        }

        KnnReference? knn = null;
        if (options.Imputation == ImputationStrategy.KNearestNeighbors)
        {
            knn = KnnImputer.Fit(encoded, rows, width, unscaled._numericCell, options);
        }

        var state = unscaled.State with { Knn = knn };
        var imputing = new Preprocessor(state);
        for (var row = 0; row < rows; row++)
        {
            imputing.Impute(encoded.AsSpan(row * width, width));
        }

        var (centers, scales) = Scaling.Fit(encoded, rows, width, options.Scaling, options.ScaleOneHot ? null : imputing.ScalableCells());
        state = state with { Centers = centers, Scales = scales };
        var scaled = new Preprocessor(state);
        for (var row = 0; row < rows; row++)
        {
            scaled.Scale(encoded.AsSpan(row * width, width));
        }

        if (options.PrincipalComponents > 0)
        {
            state = state with { Pca = PrincipalComponents.Fit(encoded, rows, width, options.PrincipalComponents) };
        }

        return new Preprocessor(state);
    }

    /// <summary>Reads a pipeline saved by <see cref="ToJson"/>.</summary>
    /// <exception cref="PreprocessingException">The JSON is not a pipeline or has another format version.</exception>
    public static Preprocessor FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        PreprocessorState? state;
        try
        {
            state = JsonSerializer.Deserialize<PreprocessorState>(json, JsonOptions);
        }
        catch (JsonException exception)
        {
            throw new PreprocessingException($"The saved pipeline is not valid JSON of format version {PreprocessorState.CurrentFormatVersion}: {exception.Message}", exception);
        }

        if (state is null)
        {
            throw new PreprocessingException("The saved pipeline is empty.");
        }

        if (state.FormatVersion != PreprocessorState.CurrentFormatVersion)
        {
            throw new PreprocessingException($"The saved pipeline has format version {state.FormatVersion}; this build reads version {PreprocessorState.CurrentFormatVersion}.");
        }

        return new Preprocessor(state);
    }

    /// <summary>The pipeline as versioned, indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(State, JsonOptions);

    /// <summary>Applies the pipeline to every row of a table.</summary>
    /// <exception cref="PreprocessingException">A fitted column is missing, or a value cannot be read; the message names the column.</exception>
    public FeatureMatrix Transform(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var sources = Bind(table);
        var rows = table.RowCount;
        var output = new double[rows * OutputWidth];
        var encoded = new double[EncodedWidth];
        for (var row = 0; row < rows; row++)
        {
            EncodeRow(sources, row, encoded);
            Finish(encoded, output.AsSpan(row * OutputWidth, OutputWidth));
        }

        return new FeatureMatrix(output, rows, OutputWidth, OutputColumnNames);
    }

    /// <summary>Applies the pipeline to one row given as column name → value (numbers, text, booleans, dates, JSON elements; null for missing).</summary>
    /// <exception cref="PreprocessingException">A fitted column is absent from the row, or a value cannot be read.</exception>
    public double[] TransformRow(IReadOnlyDictionary<string, object?> row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var encoded = new double[EncodedWidth];
        for (var c = 0; c < _columns.Length; c++)
        {
            var column = _columns[c];
            if (!row.TryGetValue(column.Name, out var value))
            {
                throw new PreprocessingException(column.Name, $"The row has no column '{column.Name}', which the pipeline was fitted on.");
            }

            var cells = encoded.AsSpan(_offsets[c], column.Width);
            if (column.Kind == FeatureKind.Categorical)
            {
                EncodeCategory(c, ValueReader.Text(column.Name, value), cells);
            }
            else
            {
                cells[0] = TransformNumber(column, ValueReader.Number(column.Kind, column.Name, value, State.ReferenceDate));
            }
        }

        var output = new double[OutputWidth];
        Finish(encoded, output);
        return output;
    }

    private static DateOnly LatestDate(Table table, List<(string Name, FeatureKind Kind)> chosen)
    {
        var latest = int.MinValue;
        foreach (var (name, kind) in chosen)
        {
            if (kind == FeatureKind.Date && table[name] is DateColumn dates)
            {
                var view = new ColumnView(dates);
                for (var row = 0; row < dates.Count; row++)
                {
                    if (!view.IsNull(row))
                    {
                        latest = Math.Max(latest, dates[row]);
                    }
                }
            }
        }

        return latest == int.MinValue ? new DateOnly(1970, 1, 1) : DateOnly.FromDayNumber(latest + DateColumn.UnixEpochDayNumber);
    }

    private static List<string> EncodedNames(List<FittedColumn> columns)
    {
        var names = new List<string>();
        foreach (var column in columns)
        {
            if (column.Kind == FeatureKind.Categorical && column.Encoding == CategoricalEncoding.OneHot)
            {
                names.AddRange(column.Categories!.Take(column.OwnCells ?? int.MaxValue).Select(category => $"{column.Name}={category}"));
                if (column.OwnCells is not null)
                {
                    names.Add($"{column.Name}={FittedColumn.OtherCategory}");
                }
            }
            else
            {
                var suffix = column.BinEdges is not null ? " (bin)" : column.Log1p ? " (log1p)" : column.Kind == FeatureKind.Date ? " (years)" : string.Empty;
                names.Add(column.Name + suffix);
            }
        }

        return names;
    }

    private ColumnView[] Bind(Table table)
    {
        var sources = new ColumnView[_columns.Length];
        for (var c = 0; c < _columns.Length; c++)
        {
            var index = table.Schema.IndexOf(_columns[c].Name);
            if (index < 0)
            {
                throw new PreprocessingException(_columns[c].Name, $"The table has no column '{_columns[c].Name}', which the pipeline was fitted on.");
            }

            sources[c] = new ColumnView(table.Columns[index]);
        }

        return sources;
    }

    /// <summary>Reads, transforms and encodes one table row; missing numbers stay NaN.</summary>
    private void EncodeRow(ColumnView[] sources, int row, Span<double> encoded)
    {
        for (var c = 0; c < _columns.Length; c++)
        {
            var column = _columns[c];
            var cells = encoded.Slice(_offsets[c], column.Width);
            if (column.Kind == FeatureKind.Categorical)
            {
                EncodeCategory(c, ValueReader.Text(sources[c], row), cells);
            }
            else
            {
                cells[0] = TransformNumber(column, ValueReader.Number(column.Kind, column.Name, sources[c], row, State.ReferenceDate));
            }
        }
    }

    private static double TransformNumber(FittedColumn column, double value)
    {
        if (double.IsNaN(value))
        {
            return value;
        }

        if (column.BinEdges is { } edges)
        {
            return ColumnFitting.BinIndex(edges, value);
        }

        if (column.Log1p)
        {
            // A negative value in a logged column at apply time is clipped to 0 rather than NaN.
            return Math.Log(1.0 + Math.Max(0.0, value));
        }

        return value;
    }

    private void EncodeCategory(int c, string? value, Span<double> cells)
    {
        var column = _columns[c];
        var index = _categoryIndex[c];
        if (column.Encoding == CategoricalEncoding.OneHot)
        {
            cells.Clear();
            var key = value ?? column.ImputeCategory;
            if (key is not null && index.TryGetValue(key, out var position))
            {
                cells[position] = 1.0;
            }

            // An unseen category gets all zeros: it is like no known category.
            return;
        }

        cells[0] = value is not null && index.TryGetValue(value, out var ordinal)
            ? ordinal
            : column.ImputeCategory is not null && index.TryGetValue(column.ImputeCategory, out var fallback) ? fallback : 0.0;
    }

    private void Impute(Span<double> encoded)
    {
        if (State.Knn is { } knn && HasMissing(encoded))
        {
            KnnImputer.Impute(knn, encoded);
        }

        for (var c = 0; c < _columns.Length; c++)
        {
            ref var cell = ref encoded[_offsets[c]];
            if (_columns[c].Kind != FeatureKind.Categorical && double.IsNaN(cell))
            {
                cell = _columns[c].ImputeValue;
            }
        }
    }

    /// <summary>Every encoded cell but category encodings: indicators stay 0/1 and ordinal codes stay codes (k-prototypes matches them).</summary>
    private bool[] ScalableCells()
    {
        var scalable = new bool[EncodedWidth];
        for (var c = 0; c < _columns.Length; c++)
        {
            if (_columns[c].Width == 1 && _columns[c].Kind != FeatureKind.Categorical)
            {
                scalable[_offsets[c]] = true;
            }
        }

        return scalable;
    }

    private static bool HasMissing(ReadOnlySpan<double> encoded)
    {
        foreach (var value in encoded)
        {
            if (double.IsNaN(value))
            {
                return true;
            }
        }

        return false;
    }

    private void Scale(Span<double> encoded)
    {
        for (var i = 0; i < encoded.Length; i++)
        {
            encoded[i] = (encoded[i] - _centers[i]) / _scales[i];
        }
    }

    private void Finish(Span<double> encoded, Span<double> output)
    {
        Impute(encoded);
        Scale(encoded);
        if (_pcaMean is not null && _pcaComponents is not null)
        {
            PrincipalComponents.Project(_pcaMean, _pcaComponents, encoded, output);
        }
        else
        {
            encoded.CopyTo(output);
        }
    }
}
