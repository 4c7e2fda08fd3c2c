namespace SegBench.Clustering.Algorithms;

/// <summary>
/// A fitted centroid model (k-means, mini-batch k-means): a row belongs to its nearest center.
/// Immutable.
/// </summary>
public sealed class KMeansModel : IClusterModel, IJsonClusterModel
{
    private readonly double[] _centers;
    private readonly double[] _origin;
    private readonly PreparedCenters _prepared;

    /// <summary>Wraps row-major centers (k × d); the array is copied.</summary>
    public KMeansModel(IReadOnlyList<double> centers, int numberOfClusters, int dimensions, string algorithm = KMeans.AlgorithmName)
    {
        ArgumentNullException.ThrowIfNull(centers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numberOfClusters);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        ArgumentException.ThrowIfNullOrEmpty(algorithm);
        if (centers.Count != (long)numberOfClusters * dimensions)
        {
            throw new ArgumentException($"{numberOfClusters} centers of {dimensions} dimensions need {numberOfClusters * dimensions} values, not {centers.Count}.", nameof(centers));
        }

        _centers = [.. centers];
        foreach (var value in _centers)
        {
            if (!double.IsFinite(value))
            {
                throw new ArgumentException("Centers must be finite.", nameof(centers));
            }
        }

        NumberOfClusters = numberOfClusters;
        Dimensions = dimensions;
        Algorithm = algorithm;
        // Predict works relative to the centers' mean, so ‖c‖² − 2·x·c does not cancel badly for
        // data far from the origin (rupee amounts, say).
        _origin = new double[dimensions];
        for (var c = 0; c < numberOfClusters; c++)
        {
            for (var j = 0; j < dimensions; j++)
            {
                _origin[j] += _centers[c * dimensions + j] / numberOfClusters;
            }
        }

        var relative = new double[_centers.Length];
        for (var i = 0; i < relative.Length; i++)
        {
            relative[i] = _centers[i] - _origin[i % dimensions];
        }

        _prepared = new PreparedCenters(numberOfClusters, dimensions);
        _prepared.Load(relative);
    }

    /// <inheritdoc />
    public string Algorithm { get; }

    /// <inheritdoc />
    public int NumberOfClusters { get; }

    /// <inheritdoc />
    public int Dimensions { get; }

    /// <summary>The centers, row-major k × d.</summary>
    public IReadOnlyList<double> Centers => _centers;

    /// <summary>Center <paramref name="cluster"/>.</summary>
    public ReadOnlySpan<double> Center(int cluster) => _centers.AsSpan(cluster * Dimensions, Dimensions);

    /// <inheritdoc />
    public Assignment Assign(ReadOnlySpan<double> row)
    {
        if (row.Length != Dimensions)
        {
            throw new ArgumentException($"The model needs rows of {Dimensions} values, not {row.Length}.", nameof(row));
        }

        // Exact distances, not the ‖c‖² − 2x·c shortcut: one row is cheap, and exact values make
        // Assign agree with the labels Fit reports even for points far from the origin.
        var best = 0;
        var bestDistance = double.PositiveInfinity;
        for (var c = 0; c < NumberOfClusters; c++)
        {
            var distance = SquaredDistance(row, Center(c));
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = c;
            }
        }

        return new Assignment(best, Math.Sqrt(bestDistance));
    }

    /// <summary>Assigns every row of <paramref name="data"/> with the blocked kernel.</summary>
    public int[] Predict(FeatureMatrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Columns != Dimensions)
        {
            throw new ArgumentException($"The model needs rows of {Dimensions} values, not {data.Columns}.", nameof(data));
        }

        var labels = new int[data.Rows];
        var distances = new double[data.Rows];
        NearestCenterKernel.Assign(data.Values, data.Rows, _prepared, _origin, labels, distances);
        return labels;
    }

    void IJsonClusterModel.WriteProperties(System.Text.Json.Utf8JsonWriter writer) =>
        JsonArrays.WriteMatrix(writer, "centers", _centers, Dimensions);

    internal static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        for (var j = 0; j < a.Length; j++)
        {
            var difference = a[j] - b[j];
            sum += difference * difference;
        }

        return sum;
    }
}
