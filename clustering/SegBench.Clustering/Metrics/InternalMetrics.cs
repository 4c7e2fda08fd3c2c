using System.Numerics;
using System.Numerics.Tensors;

namespace SegBench.Clustering.Metrics;

/// <summary>How internal metrics treat the noise label -1.</summary>
public enum NoiseHandling
{
    /// <summary>-1 is one more cluster, as scikit-learn treats it (the default).</summary>
    AsCluster,

    /// <summary>Rows labelled -1 are left out before scoring.</summary>
    Exclude,
}

/// <summary>Settings of the internal metrics.</summary>
/// <param name="Noise">How the noise label -1 is treated.</param>
/// <param name="SampleSize">Silhouette only: score a random subset of this many rows (0 = every row), as scikit-learn's <c>sample_size</c>.</param>
/// <param name="Seed">The seed that picks the silhouette sample.</param>
public sealed record InternalMetricOptions(NoiseHandling Noise = NoiseHandling.AsCluster, int SampleSize = 0, ulong Seed = 0)
{
    /// <summary>Noise as a cluster, exact silhouette.</summary>
    public static InternalMetricOptions Defaults { get; } = new();

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    public InternalMetricOptions Validate()
    {
        if (SampleSize < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(SampleSize), SampleSize, "SampleSize must be 0 (every row) or positive.");
        }

        if (!Enum.IsDefined(Noise))
        {
            throw new ArgumentOutOfRangeException(nameof(Noise), Noise, "Noise is not a known NoiseHandling.");
        }

        return this;
    }
}

/// <summary>
/// Internal cluster validity measures: they score a labeling of data by its geometry alone
/// (Euclidean distance). Values follow scikit-learn 1.2 and are checked against it to 1e-9.
/// </summary>
public static class InternalMetrics
{
    private const int BlockRows = 64;
    private const int BlockColumns = 256;

    /// <summary>The mean silhouette coefficient, exact or on a seeded sample.</summary>
    /// <remarks>
    /// Rousseeuw (1987). Exact: O(n²·d) time in cache-sized blocks of row pairs. A column-major
    /// copy of the rows sorted by cluster (O(n·d) memory) lets the distances from one row to a run
    /// of same-cluster rows be computed and summed with SIMD vectors across rows. Rows are split
    /// into fixed chunks over threads and each row's sums are taken in the same order whatever the
    /// thread count; O(n·k) memory for the per-cluster sums. Points alone in their cluster score 0.
    /// With <see cref="InternalMetricOptions.SampleSize"/> the silhouette of a random subset is
    /// returned, drawn with the given seed (as scikit-learn's <c>sample_size</c>, though not its RNG).
    /// </remarks>
    /// <exception cref="ArgumentException">Fewer than 2 or more than n − 1 distinct labels.</exception>
    public static double Silhouette(FeatureMatrix data, ReadOnlySpan<int> labels, InternalMetricOptions? options = null)
    {
        options = (options ?? InternalMetricOptions.Defaults).Validate();
        var (matrix, dense, clusters) = Prepare(data, labels, options.Noise);
        if (options.SampleSize > 0 && options.SampleSize < matrix.Rows)
        {
            var sample = SampleRows(matrix.Rows, options.SampleSize, options.Seed);
            var values = new double[sample.Length * matrix.Columns];
            var sampleLabels = new int[sample.Length];
            for (var i = 0; i < sample.Length; i++)
            {
                matrix.Row(sample[i]).CopyTo(values.AsSpan(i * matrix.Columns, matrix.Columns));
                sampleLabels[i] = dense[sample[i]];
            }

            (matrix, dense, clusters) = Prepare(new FeatureMatrix(values, sample.Length, matrix.Columns), sampleLabels, NoiseHandling.AsCluster);
        }

        CheckNumberOfLabels(clusters, matrix.Rows);
        var samples = SilhouetteSamples(matrix, dense, clusters);
        double sum = 0;
        foreach (var value in samples)
        {
            sum += value;
        }

        return sum / samples.Length;
    }

    /// <summary>The silhouette of every row (rows labelled -1 get NaN when noise is excluded).</summary>
    public static double[] SilhouetteSamples(FeatureMatrix data, ReadOnlySpan<int> labels, InternalMetricOptions? options = null)
    {
        options = (options ?? InternalMetricOptions.Defaults).Validate();
        var (matrix, dense, clusters) = Prepare(data, labels, options.Noise);
        CheckNumberOfLabels(clusters, matrix.Rows);
        var kept = SilhouetteSamples(matrix, dense, clusters);
        if (kept.Length == labels.Length)
        {
            return kept;
        }

        var all = new double[labels.Length];
        var next = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            all[i] = labels[i] == -1 ? double.NaN : kept[next++];
        }

        return all;
    }

    /// <summary>The Davies-Bouldin index: lower is better, 0 at best.</summary>
    /// <remarks>Davies and Bouldin (1979). O(n·d + k²·d).</remarks>
    public static double DaviesBouldin(FeatureMatrix data, ReadOnlySpan<int> labels, InternalMetricOptions? options = null)
    {
        options = (options ?? InternalMetricOptions.Defaults).Validate();
        var (matrix, dense, clusters) = Prepare(data, labels, options.Noise);
        CheckNumberOfLabels(clusters, matrix.Rows);
        var (centroids, sizes) = Centroids(matrix, dense, clusters);
        var d = matrix.Columns;
        var scatter = new double[clusters];
        for (var i = 0; i < matrix.Rows; i++)
        {
            scatter[dense[i]] += TensorPrimitives.Distance(matrix.Row(i), centroids.AsSpan(dense[i] * d, d));
        }

        var allScatterZero = true;
        for (var c = 0; c < clusters; c++)
        {
            scatter[c] /= sizes[c];
            allScatterZero &= Math.Abs(scatter[c]) <= 1e-8;
        }

        var separation = new double[clusters * clusters];
        var allSeparationZero = true;
        for (var c = 0; c < clusters; c++)
        {
            for (var other = 0; other < clusters; other++)
            {
                var distance = TensorPrimitives.Distance(centroids.AsSpan(c * d, d), centroids.AsSpan(other * d, d));
                separation[(c * clusters) + other] = distance;
                allSeparationZero &= Math.Abs(distance) <= 1e-8;
            }
        }

        if (allScatterZero || allSeparationZero)
        {
            return 0.0;
        }

        double sum = 0;
        for (var c = 0; c < clusters; c++)
        {
            var worst = 0.0;
            for (var other = 0; other < clusters; other++)
            {
                var distance = separation[(c * clusters) + other];
                var ratio = distance == 0 ? 0.0 : (scatter[c] + scatter[other]) / distance;
                worst = Math.Max(worst, ratio);
            }

            sum += worst;
        }

        return sum / clusters;
    }

    /// <summary>The Calinski-Harabasz index (variance ratio criterion): higher is better.</summary>
    /// <remarks>Calinski and Harabasz (1974). O(n·d). 1 when every cluster has zero spread, as scikit-learn.</remarks>
    public static double CalinskiHarabasz(FeatureMatrix data, ReadOnlySpan<int> labels, InternalMetricOptions? options = null)
    {
        options = (options ?? InternalMetricOptions.Defaults).Validate();
        var (matrix, dense, clusters) = Prepare(data, labels, options.Noise);
        CheckNumberOfLabels(clusters, matrix.Rows);
        var (centroids, sizes) = Centroids(matrix, dense, clusters);
        var d = matrix.Columns;
        var mean = new double[d];
        for (var i = 0; i < matrix.Rows; i++)
        {
            TensorPrimitives.Add(mean, matrix.Row(i), mean);
        }

        TensorPrimitives.Divide(mean, matrix.Rows, mean);
        double between = 0;
        for (var c = 0; c < clusters; c++)
        {
            var distance = TensorPrimitives.Distance(centroids.AsSpan(c * d, d), mean);
            between += sizes[c] * distance * distance;
        }

        var within = WithinSumOfSquares(matrix, dense, centroids);
        return within == 0 ? 1.0 : between * (matrix.Rows - clusters) / (within * (clusters - 1.0));
    }

    /// <summary>The inertia: the sum of squared distances of rows to their cluster's mean.</summary>
    /// <remarks>O(n·d). Defined for any number of clusters; 0 for no rows.</remarks>
    public static double Inertia(FeatureMatrix data, ReadOnlySpan<int> labels, InternalMetricOptions? options = null)
    {
        options = (options ?? InternalMetricOptions.Defaults).Validate();
        var (matrix, dense, clusters) = Prepare(data, labels, options.Noise);
        if (matrix.Rows == 0)
        {
            return 0.0;
        }

        var (centroids, _) = Centroids(matrix, dense, clusters);
        return WithinSumOfSquares(matrix, dense, centroids);
    }

    /// <summary>A seeded sample of distinct row indices, in ascending order (partial Fisher-Yates).</summary>
    internal static int[] SampleRows(int rows, int size, ulong seed)
    {
        var random = new Random(unchecked((int)(seed ^ (seed >> 32))));
        var indices = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            indices[i] = i;
        }

        for (var i = 0; i < size; i++)
        {
            var j = random.Next(i, rows);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }

        var sample = indices.AsSpan(0, size).ToArray();
        Array.Sort(sample);
        return sample;
    }

    private static double[] SilhouetteSamples(FeatureMatrix matrix, int[] labels, int clusters)
    {
        var n = matrix.Rows;
        var d = matrix.Columns;
        var sizes = new int[clusters];
        foreach (var label in labels)
        {
            sizes[label]++;
        }

        // Rows sorted by cluster (counting sort), stored column-major: the distances from one row to
        // a run of same-cluster rows are then computed and summed along contiguous memory,
        // vectorised across rows, with no scatter by label.
        var starts = new int[clusters + 1];
        for (var c = 0; c < clusters; c++)
        {
            starts[c + 1] = starts[c] + sizes[c];
        }

        var next = (int[])starts.Clone();
        var sorted = new double[n * d];
        for (var i = 0; i < n; i++)
        {
            var position = next[labels[i]]++;
            for (var k = 0; k < d; k++)
            {
                sorted[(k * n) + position] = matrix.Values[(i * d) + k];
            }
        }

        var result = new double[n];
        var blocks = (n + BlockRows - 1) / BlockRows;
        Parallel.For(0, blocks, block =>
        {
            var first = block * BlockRows;
            var last = Math.Min(n, first + BlockRows);
            var sums = new double[(last - first) * clusters];
            var broadcast = new Vector<double>[d];
            for (var columnStart = 0; columnStart < n; columnStart += BlockColumns)
            {
                var columnEnd = Math.Min(n, columnStart + BlockColumns);
                for (var i = first; i < last; i++)
                {
                    for (var k = 0; k < d; k++)
                    {
                        broadcast[k] = new Vector<double>(matrix.Values[(i * d) + k]);
                    }

                    var own = sums.AsSpan((i - first) * clusters, clusters);
                    for (var c = 0; c < clusters; c++)
                    {
                        var from = Math.Max(columnStart, starts[c]);
                        var to = Math.Min(columnEnd, starts[c + 1]);
                        if (from < to)
                        {
                            own[c] += SumOfDistances(sorted, n, d, broadcast, matrix.Values.AsSpan(i * d, d), from, to);
                        }
                    }
                }
            }

            for (var i = first; i < last; i++)
            {
                var offset = (i - first) * clusters;
                var own = labels[i];
                if (sizes[own] <= 1)
                {
                    result[i] = 0.0;
                    continue;
                }

                var intra = sums[offset + own] / (sizes[own] - 1);
                var nearest = double.PositiveInfinity;
                for (var c = 0; c < clusters; c++)
                {
                    if (c != own)
                    {
                        nearest = Math.Min(nearest, sums[offset + c] / sizes[c]);
                    }
                }

                var score = (nearest - intra) / Math.Max(intra, nearest);
                result[i] = double.IsNaN(score) ? 0.0 : score;
            }
        });

        return result;
    }

    /// <summary>The sum of Euclidean distances from one row to sorted rows [from, to), a vector of rows at a time.</summary>
    private static double SumOfDistances(double[] columnMajor, int n, int d, Vector<double>[] row, ReadOnlySpan<double> scalarRow, int from, int to)
    {
        var width = Vector<double>.Count;
        var total = Vector<double>.Zero;
        var j = from;
        for (; j + width <= to; j += width)
        {
            var squares = Vector<double>.Zero;
            for (var k = 0; k < d; k++)
            {
                var difference = new Vector<double>(columnMajor, (k * n) + j) - row[k];
                squares += difference * difference;
            }

            total += Vector.SquareRoot(squares);
        }

        var sum = Vector.Sum(total);
        for (; j < to; j++)
        {
            double squares = 0;
            for (var k = 0; k < d; k++)
            {
                var difference = columnMajor[(k * n) + j] - scalarRow[k];
                squares += difference * difference;
            }

            sum += Math.Sqrt(squares);
        }

        return sum;
    }

    private static (double[] Centroids, int[] Sizes) Centroids(FeatureMatrix matrix, int[] labels, int clusters)
    {
        var d = matrix.Columns;
        var centroids = new double[clusters * d];
        var sizes = new int[clusters];
        for (var i = 0; i < matrix.Rows; i++)
        {
            var target = centroids.AsSpan(labels[i] * d, d);
            TensorPrimitives.Add(target, matrix.Row(i), target);
            sizes[labels[i]]++;
        }

        for (var c = 0; c < clusters; c++)
        {
            var target = centroids.AsSpan(c * d, d);
            TensorPrimitives.Divide(target, sizes[c], target);
        }

        return (centroids, sizes);
    }

    private static double WithinSumOfSquares(FeatureMatrix matrix, int[] labels, double[] centroids)
    {
        var d = matrix.Columns;
        double sum = 0;
        for (var i = 0; i < matrix.Rows; i++)
        {
            var distance = TensorPrimitives.Distance(matrix.Row(i), centroids.AsSpan(labels[i] * d, d));
            sum += distance * distance;
        }

        return sum;
    }

    private static void CheckNumberOfLabels(int clusters, int rows)
    {
        if (clusters < 2 || clusters > rows - 1)
        {
            throw new ArgumentException($"The number of labels is {clusters}; it must be between 2 and the number of rows - 1 ({rows - 1}).");
        }
    }

    /// <summary>Drops noise rows if asked and maps labels to dense ids 0..k-1.</summary>
    private static (FeatureMatrix Matrix, int[] Labels, int Clusters) Prepare(FeatureMatrix data, ReadOnlySpan<int> labels, NoiseHandling noise)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (labels.Length != data.Rows)
        {
            throw new ArgumentException($"There are {labels.Length} labels for {data.Rows} rows.", nameof(labels));
        }

        var matrix = data;
        var kept = labels;
        if (noise == NoiseHandling.Exclude && labels.Contains(-1))
        {
            var keep = labels.Length - labels.Count(-1);
            var values = new double[keep * data.Columns];
            var keptLabels = new int[keep];
            var next = 0;
            for (var i = 0; i < labels.Length; i++)
            {
                if (labels[i] != -1)
                {
                    data.Row(i).CopyTo(values.AsSpan(next * data.Columns, data.Columns));
                    keptLabels[next++] = labels[i];
                }
            }

            matrix = new FeatureMatrix(values, keep, data.Columns, data.ColumnNames);
            kept = keptLabels;
        }

        var dense = new int[kept.Length];
        var distinct = ContingencyTable.DenseIds(kept, dense);
        return (matrix, dense, distinct.Length);
    }
}
