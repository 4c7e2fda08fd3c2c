using System.Text.Json;

namespace SegBench.Clustering.Algorithms;

/// <summary>Settings of <see cref="KPrototypes"/>.</summary>
public sealed record KPrototypesOptions
{
    /// <summary>The defaults: k = 8, no categorical columns, γ from the data, 100 iterations.</summary>
    public static KPrototypesOptions Defaults { get; } = new();

    /// <summary>k, the number of clusters.</summary>
    public int NumberOfClusters { get; init; } = 8;

    /// <summary>Indices of the columns that hold categorical integer codes; the rest are numeric.</summary>
    public IReadOnlyList<int> CategoricalColumns { get; init; } = [];

    /// <summary>The weight γ of one categorical mismatch; null means the mean standard deviation of the numeric columns.</summary>
    public double? Gamma { get; init; }

    /// <summary>The most iterations per initialisation.</summary>
    public int MaximumIterations { get; init; } = 100;

    /// <summary>Independent initialisations; the one with the lowest cost is kept.</summary>
    public int NumberOfInitializations { get; init; } = 1;

    /// <summary>The seed of every random draw.</summary>
    public int Seed { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (NumberOfClusters < 1)
        {
            throw OptionsGuard.Invalid(nameof(NumberOfClusters), $"NumberOfClusters must be at least 1, not {NumberOfClusters}.");
        }

        if (CategoricalColumns is null)
        {
            throw OptionsGuard.Invalid(nameof(CategoricalColumns), "CategoricalColumns must not be null.");
        }

        if (Gamma is { } gamma && (!(gamma >= 0) || double.IsInfinity(gamma)))
        {
            throw OptionsGuard.Invalid(nameof(Gamma), $"Gamma must be finite and non-negative, not {gamma}.");
        }

        if (MaximumIterations < 1)
        {
            throw OptionsGuard.Invalid(nameof(MaximumIterations), $"MaximumIterations must be at least 1, not {MaximumIterations}.");
        }

        if (NumberOfInitializations < 1)
        {
            throw OptionsGuard.Invalid(nameof(NumberOfInitializations), $"NumberOfInitializations must be at least 1, not {NumberOfInitializations}.");
        }
    }

    /// <summary>Validates against data of <paramref name="rows"/> × <paramref name="columns"/>.</summary>
    public void Validate(int rows, int columns)
    {
        Validate();
        if (NumberOfClusters > rows)
        {
            throw OptionsGuard.Invalid(nameof(NumberOfClusters), $"NumberOfClusters ({NumberOfClusters}) must not exceed the number of rows ({rows}).");
        }

        var seen = new HashSet<int>();
        foreach (var column in CategoricalColumns)
        {
            if (column < 0 || column >= columns || !seen.Add(column))
            {
                throw OptionsGuard.Invalid(nameof(CategoricalColumns), $"CategoricalColumns holds {column}, which is out of 0..{columns - 1} or repeated.");
            }
        }
    }
}

/// <summary>
/// k-prototypes for mixed numeric and categorical data: the cost of a row to a prototype is the squared
/// Euclidean distance over numeric columns plus γ times the number of categorical mismatches.
/// Prototypes are numeric means and categorical modes (ties to the lowest code).
/// </summary>
/// <remarks>
/// Huang, "Clustering large data sets with mixed numeric and categorical values" (PAKDD 1997).
/// This is the batch (Lloyd-style) form: all rows are reassigned, then all prototypes updated, which
/// makes it deterministic and order-free; Huang's original updates prototypes after each row.
/// Initial prototypes are k distinct random rows. O(n·k·d) per iteration.
/// </remarks>
public sealed class KPrototypes : IClusterer
{
    /// <summary>The algorithm's name.</summary>
    public const string AlgorithmName = "kprototypes";

    private readonly KPrototypesOptions _options;

    /// <summary>Creates the estimator with validated settings (defaults if null).</summary>
    public KPrototypes(KPrototypesOptions? options = null)
    {
        _options = options ?? KPrototypesOptions.Defaults;
        _options.Validate();
    }

    /// <inheritdoc />
    public string Name => AlgorithmName;

    /// <inheritdoc />
    public ClusteringResult Fit(FeatureMatrix data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        _options.Validate(data.Rows, data.Columns);
        DenseMath.RequireFinite(data, nameof(data));
        int n = data.Rows, d = data.Columns, k = _options.NumberOfClusters;
        var categorical = new bool[d];
        foreach (var column in _options.CategoricalColumns)
        {
            categorical[column] = true;
            for (var i = 0; i < n; i++)
            {
                if (data.Values[i * d + column] != Math.Round(data.Values[i * d + column]))
                {
                    throw new ArgumentException($"Categorical column {column} holds a non-integer code ({data.Values[i * d + column]}) at row {i}.", nameof(data));
                }
            }
        }

        var gamma = _options.Gamma ?? DefaultGamma(data, categorical);
        double[]? bestPrototypes = null;
        int[]? bestLabels = null;
        var bestCost = double.PositiveInfinity;
        var bestIterations = 0;
        for (var run = 0; run < _options.NumberOfInitializations; run++)
        {
            var random = Seeds.Create(_options.Seed, run);
            var prototypes = KMeansSeeding.RandomRows(data.Values, n, d, k, random);
            var labels = new int[n];
            Array.Fill(labels, -1);
            var iteration = 0;
            var cost = 0.0;
            while (iteration < _options.MaximumIterations)
            {
                cancellationToken.ThrowIfCancellationRequested();
                iteration++;
                var changed = 0;
                cost = 0;
                for (var i = 0; i < n; i++)
                {
                    var (label, rowCost) = Nearest(data.Row(i), prototypes, k, categorical, gamma);
                    cost += rowCost;
                    if (label != labels[i])
                    {
                        changed++;
                        labels[i] = label;
                    }
                }

                if (changed == 0)
                {
                    break;
                }

                Update(data, labels, prototypes, k, categorical);
            }

            if (cost < bestCost)
            {
                bestCost = cost;
                bestPrototypes = prototypes;
                bestLabels = labels;
                bestIterations = iteration;
            }
        }

        var model = new KPrototypesModel(bestPrototypes!, k, d, _options.CategoricalColumns, gamma);
        return new ClusteringResult(bestLabels!, k, model, bestIterations, bestCost);
    }

    /// <summary>The mean population standard deviation of the numeric columns (1 if there are none).</summary>
    private static double DefaultGamma(FeatureMatrix data, bool[] categorical)
    {
        var variances = DenseMath.ColumnVariances(data.Values, data.Rows, data.Columns, ChunkedParallel.Options(1, default));
        double sum = 0;
        var count = 0;
        for (var j = 0; j < data.Columns; j++)
        {
            if (!categorical[j])
            {
                sum += Math.Sqrt(variances[j]);
                count++;
            }
        }

        return count == 0 ? 1 : sum / count;
    }

    internal static (int Label, double Cost) Nearest(ReadOnlySpan<double> row, double[] prototypes, int k, bool[] categorical, double gamma)
    {
        var d = row.Length;
        var best = 0;
        var bestCost = double.PositiveInfinity;
        for (var c = 0; c < k; c++)
        {
            var cost = 0.0;
            for (var j = 0; j < d; j++)
            {
                var prototype = prototypes[c * d + j];
                if (categorical[j])
                {
                    cost += row[j] == prototype ? 0 : gamma;
                }
                else
                {
                    cost += (row[j] - prototype) * (row[j] - prototype);
                }
            }

            if (cost < bestCost)
            {
                bestCost = cost;
                best = c;
            }
        }

        return (best, bestCost);
    }

    /// <summary>Numeric means and categorical modes; a cluster left empty keeps its prototype.</summary>
    private static void Update(FeatureMatrix data, int[] labels, double[] prototypes, int k, bool[] categorical)
    {
        var d = data.Columns;
        var sums = new double[k * d];
        var counts = new int[k];
        var frequencies = new Dictionary<(int Cluster, int Column, double Code), int>();
        for (var i = 0; i < data.Rows; i++)
        {
            var label = labels[i];
            counts[label]++;
            var row = data.Row(i);
            for (var j = 0; j < d; j++)
            {
                if (categorical[j])
                {
                    var key = (label, j, row[j]);
                    frequencies[key] = frequencies.GetValueOrDefault(key) + 1;
                }
                else
                {
                    sums[label * d + j] += row[j];
                }
            }
        }

        var modeCounts = new int[k * d];
        foreach (var ((cluster, column, code), count) in frequencies)
        {
            var slot = cluster * d + column;
            if (count > modeCounts[slot] || (count == modeCounts[slot] && code < prototypes[slot]))
            {
                modeCounts[slot] = count;
                prototypes[slot] = code;
            }
        }

        for (var c = 0; c < k; c++)
        {
            if (counts[c] == 0)
            {
                continue;
            }

            for (var j = 0; j < d; j++)
            {
                if (!categorical[j])
                {
                    prototypes[c * d + j] = sums[c * d + j] / counts[c];
                }
            }
        }
    }
}

/// <summary>A fitted k-prototypes model: per cluster, numeric means and categorical modes. Immutable.</summary>
public sealed class KPrototypesModel : IClusterModel, IJsonClusterModel
{
    private readonly double[] _prototypes;
    private readonly int[] _categoricalColumns;
    private readonly bool[] _categorical;

    /// <summary>Creates the model; arrays are copied.</summary>
    /// <param name="prototypes">k × d prototypes, row-major; categorical columns hold mode codes.</param>
    /// <param name="numberOfClusters">k.</param>
    /// <param name="dimensions">d.</param>
    /// <param name="categoricalColumns">The categorical column indices.</param>
    /// <param name="gamma">The weight of a categorical mismatch.</param>
    public KPrototypesModel(IReadOnlyList<double> prototypes, int numberOfClusters, int dimensions, IReadOnlyList<int> categoricalColumns, double gamma)
    {
        ArgumentNullException.ThrowIfNull(prototypes);
        ArgumentNullException.ThrowIfNull(categoricalColumns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numberOfClusters);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        if (prototypes.Count != (long)numberOfClusters * dimensions)
        {
            throw new ArgumentException($"{numberOfClusters} prototypes of {dimensions} dimensions need {numberOfClusters * dimensions} values, not {prototypes.Count}.", nameof(prototypes));
        }

        if (!(gamma >= 0) || double.IsInfinity(gamma))
        {
            throw new ArgumentException($"Gamma must be finite and non-negative, not {gamma}.", nameof(gamma));
        }

        _prototypes = [.. prototypes];
        _categoricalColumns = [.. categoricalColumns];
        _categorical = new bool[dimensions];
        foreach (var column in _categoricalColumns)
        {
            if (column < 0 || column >= dimensions)
            {
                throw new ArgumentException($"Categorical column {column} is outside 0..{dimensions - 1}.", nameof(categoricalColumns));
            }

            _categorical[column] = true;
        }

        NumberOfClusters = numberOfClusters;
        Dimensions = dimensions;
        Gamma = gamma;
    }

    /// <inheritdoc />
    public string Algorithm => KPrototypes.AlgorithmName;

    /// <inheritdoc />
    public int NumberOfClusters { get; }

    /// <inheritdoc />
    public int Dimensions { get; }

    /// <summary>The weight of one categorical mismatch.</summary>
    public double Gamma { get; }

    /// <summary>The categorical column indices.</summary>
    public IReadOnlyList<int> CategoricalColumns => _categoricalColumns;

    /// <summary>The prototypes, row-major k × d.</summary>
    public IReadOnlyList<double> Prototypes => _prototypes;

    /// <summary>Assigns a row to the prototype of least mixed cost; the distance is √cost.</summary>
    public Assignment Assign(ReadOnlySpan<double> row)
    {
        if (row.Length != Dimensions)
        {
            throw new ArgumentException($"The model needs rows of {Dimensions} values, not {row.Length}.", nameof(row));
        }

        var (label, cost) = KPrototypes.Nearest(row, _prototypes, NumberOfClusters, _categorical, Gamma);
        return new Assignment(label, Math.Sqrt(cost));
    }

    void IJsonClusterModel.WriteProperties(Utf8JsonWriter writer)
    {
        writer.WriteNumber("gamma", Gamma);
        JsonArrays.WriteVector(writer, "categorical_columns", _categoricalColumns);
        JsonArrays.WriteMatrix(writer, "prototypes", _prototypes, Dimensions);
    }

    internal static KPrototypesModel Read(ModelReader reader) =>
        new(reader.Doubles("prototypes"), reader.Int("clusters"), reader.Int("dimensions"), reader.Ints("categorical_columns"), reader.Double("gamma"));
}
