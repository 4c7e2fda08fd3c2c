using System.Buffers;
using System.Runtime.CompilerServices;

namespace SegBench.Clustering.Algorithms;

/// <summary>
/// k-means by Lloyd's algorithm, matching scikit-learn's <c>KMeans(algorithm="lloyd")</c>: the same
/// seeding, stop rule, empty-cluster relocation and final inertia.
/// </summary>
/// <remarks>
/// Lloyd, "Least squares quantization in PCM" (1957/1982); seeding by Arthur and Vassilvitskii (2007).
/// Each iteration is O(n·k·d) time: distances are computed blocked as ‖c‖² − 2·x·c with the center
/// norms precomputed, 8 centers per register block (one AVX-512 or two AVX2 registers). Memory is O(n)
/// beyond the data: like scikit-learn it works in centered coordinates for accuracy, but subtracts
/// the column means on the fly instead of copying the data. Rows are split into fixed chunks whose
/// partial sums combine in chunk order, so the result is bit-identical on any number of threads.
/// </remarks>
public sealed class KMeans : IClusterer
{
    /// <summary>The algorithm's name.</summary>
    public const string AlgorithmName = "kmeans";

    private readonly KMeansOptions _options;

    /// <summary>Creates k-means with validated settings (defaults if null).</summary>
    public KMeans(KMeansOptions? options = null)
    {
        _options = options ?? KMeansOptions.Defaults;
        _options.Validate();
    }

    /// <inheritdoc />
    public string Name => AlgorithmName;

    /// <summary>The settings.</summary>
    public KMeansOptions Options => _options;

    /// <inheritdoc />
    public ClusteringResult Fit(FeatureMatrix data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        _options.Validate(data.Rows, data.Columns);

        int rows = data.Rows, columns = data.Columns, clusters = _options.NumberOfClusters;
        var parallel = ChunkedParallel.Options(_options.MaximumDegreeOfParallelism, cancellationToken);

        var mean = DenseMath.ColumnMeans(data.Values, rows, columns, parallel);
        foreach (var value in mean)
        {
            if (!double.IsFinite(value))
            {
                // A NaN or infinity makes its column's mean non-finite: find it and say where.
                DenseMath.RequireFinite(data, nameof(data));
            }
        }

        var tolerance = 0.0;
        if (_options.Tolerance > 0)
        {
            var variances = DenseMath.ColumnVariances(data.Values, rows, columns, parallel);
            var meanVariance = 0.0;
            foreach (var variance in variances)
            {
                meanVariance += variance;
            }

            tolerance = meanVariance / columns * _options.Tolerance;
        }

        var explicitCenters = _options.InitialCenters is not null;
        var runs = explicitCenters ? 1 : _options.NumberOfInitializations;
        LloydResult? best = null;
        for (var run = 0; run < runs; run++)
        {
            double[] initial;
            if (explicitCenters)
            {
                initial = [.. _options.InitialCenters!];
            }
            else
            {
                var random = Seeds.Create(_options.Seed, run);
                initial = _options.Initialization == KMeansInitialization.Random
                    ? KMeansSeeding.RandomRows(data.Values, rows, columns, clusters, random)
                    : KMeansSeeding.PlusPlus(data.Values, rows, columns, clusters, random, parallel);
            }

            // Work in centered coordinates, as scikit-learn does for accuracy; the kernels subtract
            // the mean on the fly instead of copying the data.
            for (var c = 0; c < clusters; c++)
            {
                for (var j = 0; j < columns; j++)
                {
                    initial[c * columns + j] -= mean[j];
                }
            }

            var result = _options.Precision == KMeansPrecision.Single
                ? SinglePrecisionLloyd.Run(data.Values, mean, rows, columns, initial, clusters, _options.MaximumIterations, tolerance, parallel)
                : UsesHamerly(_options)
                ? Hamerly.Run(data.Values, mean, rows, columns, initial, clusters, _options.MaximumIterations, tolerance, parallel)
                : Lloyd.Run(data.Values, mean, rows, columns, initial, clusters, _options.MaximumIterations, tolerance, parallel);
            if (best is null || result.Inertia < best.Inertia)
            {
                best = result;
            }
        }

        var centers = best!.Centers;
        for (var c = 0; c < clusters; c++)
        {
            for (var j = 0; j < columns; j++)
            {
                centers[c * columns + j] += mean[j];
            }
        }

        return new ClusteringResult(best.Labels, clusters, new KMeansModel(centers, clusters, columns), best.Iterations, best.Inertia);
    }

    /// <summary>Whether the fit runs Hamerly's bounds: asked for, or Auto with k ≥ 16.</summary>
    internal static bool UsesHamerly(KMeansOptions options) =>
        options.Algorithm == KMeansAlgorithm.Hamerly || (options.Algorithm == KMeansAlgorithm.Auto && options.NumberOfClusters >= 16);
}

/// <summary>What one Lloyd run produced (centers in the coordinates it was given).</summary>
internal sealed record LloydResult(int[] Labels, double[] Centers, double Inertia, int Iterations, bool StrictlyConverged);

/// <summary>
/// Lloyd iterations over row-major data seen through an offset: every row is used as x − offset
/// (k-means passes the column means), and centers live in those coordinates.
/// </summary>
internal static class Lloyd
{
    /// <summary>Rows assigned and then accumulated together, so the accumulation reads them from cache.</summary>
    private const int BlockRows = 256;

    /// <summary>
    /// Runs at most <paramref name="maximumIterations"/> Lloyd steps from <paramref name="initialCenters"/>.
    /// Stops when no label changes, or when the summed squared center shift is ≤ <paramref name="tolerance"/>
    /// (an absolute value: pass 0 to stop only on unchanged labels).
    /// </summary>
    public static LloydResult Run(double[] values, double[] offset, int rows, int columns, double[] initialCenters, int clusters,
        int maximumIterations, double tolerance, ParallelOptions parallel)
    {
        var chunks = ChunkedParallel.ChunkCount(rows);
        var block = clusters * columns;
        var centers = (double[])initialCenters.Clone();
        var newCenters = new double[block];
        var labels = new int[rows];
        var previousLabels = new int[rows];
        Array.Fill(previousLabels, -1);
        var distances = new double[rows];
        var chunkSums = new double[chunks * block];
        var chunkCounts = new double[chunks * clusters];
        var chunkChanges = new int[chunks];
        var counts = new double[clusters];
        var prepared = new PreparedCenters(clusters, columns);

        // One delegate per run, not per iteration; it reads the current label arrays through the closure.
        var currentLabels = labels;
        var currentPrevious = previousLabels;
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void AssignAndAccumulate(int chunk, int start, int end)
        {
            Span<double> partialDistances = stackalloc double[BlockRows];
            var sums = chunkSums.AsSpan(chunk * block, block);
            var weights = chunkCounts.AsSpan(chunk * clusters, clusters);
            sums.Clear();
            weights.Clear();
            var changes = 0;
            for (var blockStart = start; blockStart < end; blockStart += BlockRows)
            {
                var count = Math.Min(BlockRows, end - blockStart);
                var blockLabels = currentLabels.AsSpan(blockStart, count);
                NearestCenterKernel.Assign(values.AsSpan(blockStart * columns, count * columns), count, prepared, offset, blockLabels, partialDistances);
                var previous = currentPrevious.AsSpan(blockStart, count);
                for (var i = 0; i < count; i++)
                {
                    var label = blockLabels[i];
                    changes += label != previous[i] ? 1 : 0;
                    DenseMath.AddDifferenceTo(values.AsSpan((blockStart + i) * columns, columns), offset, sums.Slice(label * columns, columns));
                    weights[label] += 1;
                }
            }

            chunkChanges[chunk] = changes;
        }

        var strict = false;
        var iteration = 0;
        for (; iteration < maximumIterations; iteration++)
        {
            prepared.Load(centers);
            ChunkedParallel.For(rows, parallel, AssignAndAccumulate);

            Array.Clear(newCenters);
            Array.Clear(counts);
            var changed = 0;
            for (var chunk = 0; chunk < chunks; chunk++)
            {
                DenseMath.AddTo(chunkSums.AsSpan(chunk * block, block), newCenters);
                DenseMath.AddTo(chunkCounts.AsSpan(chunk * clusters, clusters), counts);
                changed += chunkChanges[chunk];
            }

            RelocateEmptyClusters(values, offset, rows, columns, clusters, centers, newCenters, counts, currentLabels, distances, parallel);
            var shift = 0.0;
            for (var c = 0; c < clusters; c++)
            {
                if (counts[c] > 0)
                {
                    var scale = 1.0 / counts[c];
                    for (var j = 0; j < columns; j++)
                    {
                        newCenters[c * columns + j] *= scale;
                    }
                }

                shift += DenseMath.SquaredDistance(newCenters.AsSpan(c * columns, columns), centers.AsSpan(c * columns, columns));
            }

            (centers, newCenters) = (newCenters, centers);
            if (changed == 0)
            {
                strict = true;
                break;
            }

            if (shift <= tolerance)
            {
                break;
            }

            (currentLabels, currentPrevious) = (currentPrevious, currentLabels);
        }

        var iterations = Math.Min(iteration + 1, maximumIterations);
        labels = currentLabels;
        var inertia = Finish(values, offset, rows, columns, centers, labels, strict, parallel);
        return new LloydResult(labels, centers, inertia, iterations, strict);
    }

    /// <summary>
    /// Unless the labels were stable (<paramref name="strict"/>), the last update moved the centers:
    /// reassigns so labels and inertia match the final centers, as scikit-learn. Returns the exact
    /// inertia Σ‖(x − o) − c‖², computed in the same pass.
    /// </summary>
    public static double Finish(double[] values, double[] offset, int rows, int columns, double[] centers, int[] labels, bool strict, ParallelOptions parallel)
    {
        var clusters = centers.Length / columns;
        var prepared = new PreparedCenters(clusters, columns);
        prepared.Load(centers);
        var partial = new double[ChunkedParallel.ChunkCount(rows)];
        ChunkedParallel.For(rows, parallel, (chunk, start, end) =>
        {
            if (!strict)
            {
                var distances = ArrayPool<double>.Shared.Rent(end - start);
                try
                {
                    NearestCenterKernel.Assign(values.AsSpan(start * columns, (end - start) * columns), end - start, prepared, offset,
                        labels.AsSpan(start, end - start), distances.AsSpan(0, end - start));
                }
                finally
                {
                    ArrayPool<double>.Shared.Return(distances);
                }
            }

            var sum = 0.0;
            for (var i = start; i < end; i++)
            {
                sum += DenseMath.SquaredDistance(values.AsSpan(i * columns, columns), offset, centers.AsSpan(labels[i] * columns, columns));
            }

            partial[chunk] = sum;
        });
        var inertia = 0.0;
        foreach (var value in partial)
        {
            inertia += value;
        }

        return inertia;
    }

    /// <summary>Σ‖(x − o) − c(label)‖², exact, chunk sums combined in order.</summary>
    public static double Inertia(double[] values, double[] offset, int rows, int columns, double[] centers, int[] labels, ParallelOptions parallel)
    {
        var partial = new double[ChunkedParallel.ChunkCount(rows)];
        ChunkedParallel.For(rows, parallel, (chunk, start, end) =>
        {
            var sum = 0.0;
            for (var i = start; i < end; i++)
            {
                sum += DenseMath.SquaredDistance(values.AsSpan(i * columns, columns), offset, centers.AsSpan(labels[i] * columns, columns));
            }

            partial[chunk] = sum;
        });
        var total = 0.0;
        foreach (var value in partial)
        {
            total += value;
        }

        return total;
    }

    /// <summary>
    /// As scikit-learn: each empty cluster takes one of the points farthest from their current center
    /// (farthest first, lower index on ties). The point's label is not changed until the next step.
    /// </summary>
    internal static void RelocateEmptyClusters(double[] values, double[] offset, int rows, int columns, int clusters, double[] oldCenters,
        double[] sums, double[] counts, int[] labels, double[] distances, ParallelOptions parallel)
    {
        var empty = 0;
        for (var c = 0; c < clusters; c++)
        {
            if (counts[c] == 0)
            {
                empty++;
            }
        }

        if (empty == 0)
        {
            return;
        }

        ChunkedParallel.For(rows, parallel, (_, start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                distances[i] = DenseMath.SquaredDistance(values.AsSpan(i * columns, columns), offset, oldCenters.AsSpan(labels[i] * columns, columns));
            }
        });

        var farthest = new int[empty];
        var taken = 0;
        for (var i = 0; i < rows; i++)
        {
            // Keep the 'empty' largest distances, ordered, by insertion: empty clusters are few.
            var position = taken;
            while (position > 0 && distances[farthest[position - 1]] < distances[i])
            {
                position--;
            }

            if (position >= empty)
            {
                continue;
            }

            var last = Math.Min(taken, empty - 1);
            for (var p = last; p > position; p--)
            {
                farthest[p] = farthest[p - 1];
            }

            farthest[position] = i;
            taken = Math.Min(taken + 1, empty);
        }

        var next = 0;
        for (var c = 0; c < clusters && next < taken; c++)
        {
            if (counts[c] != 0)
            {
                continue;
            }

            var point = farthest[next++];
            var oldCluster = labels[point];
            var row = values.AsSpan(point * columns, columns);
            for (var j = 0; j < columns; j++)
            {
                var centered = row[j] - offset[j];
                sums[oldCluster * columns + j] -= centered;
                sums[c * columns + j] = centered;
            }

            counts[c] = 1;
            counts[oldCluster] -= 1;
        }
    }
}
