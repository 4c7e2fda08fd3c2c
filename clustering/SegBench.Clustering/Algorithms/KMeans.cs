namespace SegBench.Clustering.Algorithms;

/// <summary>
/// k-means by Lloyd's algorithm, matching scikit-learn's <c>KMeans(algorithm="lloyd")</c>: the same
/// seeding, stop rule, empty-cluster relocation and final inertia.
/// </summary>
/// <remarks>
/// Lloyd, "Least squares quantization in PCM" (1957/1982); seeding by Arthur and Vassilvitskii (2007).
/// Each iteration is O(n·k·d) time: distances are computed blocked as ‖c‖² − 2·x·c with the center
/// norms precomputed, 8 centers per 512-bit register. Memory is O(n·d) for a centered copy of the
/// data (scikit-learn centers it too, for accuracy) plus O(n). Rows are split into fixed chunks whose
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
        DenseMath.RequireFinite(data, nameof(data));

        int rows = data.Rows, columns = data.Columns, clusters = _options.NumberOfClusters;
        var parallel = ChunkedParallel.Options(_options.MaximumDegreeOfParallelism, cancellationToken);

        var mean = DenseMath.ColumnMeans(data.Values, rows, columns, parallel);
        var centered = new double[data.Values.Length];
        ChunkedParallel.For(rows, parallel, (_, start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                for (var j = 0; j < columns; j++)
                {
                    centered[i * columns + j] = data.Values[i * columns + j] - mean[j];
                }
            }
        });

        var tolerance = 0.0;
        if (_options.Tolerance > 0)
        {
            var variances = DenseMath.ColumnVariances(centered, rows, columns, parallel);
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
                for (var c = 0; c < clusters; c++)
                {
                    for (var j = 0; j < columns; j++)
                    {
                        initial[c * columns + j] -= mean[j];
                    }
                }
            }
            else
            {
                var random = Seeds.Create(_options.Seed, run);
                initial = _options.Initialization == KMeansInitialization.Random
                    ? KMeansSeeding.RandomRows(centered, rows, columns, clusters, random)
                    : KMeansSeeding.PlusPlus(centered, rows, columns, clusters, random, parallel);
            }

            var result = Lloyd.Run(centered, rows, columns, initial, clusters, _options.MaximumIterations, tolerance, parallel);
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
}

/// <summary>What one Lloyd run produced (centers in the coordinates it was given).</summary>
internal sealed record LloydResult(int[] Labels, double[] Centers, double Inertia, int Iterations, bool StrictlyConverged);

/// <summary>Lloyd iterations over (already centered) row-major data.</summary>
internal static class Lloyd
{
    /// <summary>
    /// Runs at most <paramref name="maximumIterations"/> Lloyd steps from <paramref name="initialCenters"/>.
    /// Stops when no label changes, or when the summed squared center shift is ≤ <paramref name="tolerance"/>
    /// (an absolute value: pass 0 to stop only on unchanged labels).
    /// </summary>
    public static LloydResult Run(double[] values, int rows, int columns, double[] initialCenters, int clusters,
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

        // One delegate per run, not per iteration. It reads the current arrays through the closure.
        var currentLabels = labels;
        var currentPrevious = previousLabels;
        void AssignAndAccumulate(int chunk, int start, int end)
        {
            var count = end - start;
            var chunkLabels = currentLabels.AsSpan(start, count);
            NearestCenterKernel.Assign(values.AsSpan(start * columns, count * columns), count, prepared, chunkLabels, distances.AsSpan(start, count));
            var sums = chunkSums.AsSpan(chunk * block, block);
            var weights = chunkCounts.AsSpan(chunk * clusters, clusters);
            sums.Clear();
            weights.Clear();
            var changes = 0;
            for (var i = 0; i < count; i++)
            {
                var label = chunkLabels[i];
                if (label != currentPrevious[start + i])
                {
                    changes++;
                }

                DenseMath.AddTo(values.AsSpan((start + i) * columns, columns), sums.Slice(label * columns, columns));
                weights[label] += 1;
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

            RelocateEmptyClusters(values, rows, columns, clusters, centers, newCenters, counts, currentLabels, distances, parallel);
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
        if (!strict)
        {
            // The last update moved the centers: reassign so labels and inertia match the final centers.
            prepared.Load(centers);
            var finalLabels = labels;
            ChunkedParallel.For(rows, parallel, (_, start, end) =>
                NearestCenterKernel.Assign(values.AsSpan(start * columns, (end - start) * columns), end - start, prepared,
                    finalLabels.AsSpan(start, end - start), distances.AsSpan(start, end - start)));
        }

        var inertia = Inertia(values, rows, columns, centers, labels, parallel);
        return new LloydResult(labels, centers, inertia, iterations, strict);
    }

    /// <summary>Σ‖x − c(label)‖², exact, chunk sums combined in order.</summary>
    public static double Inertia(double[] values, int rows, int columns, double[] centers, int[] labels, ParallelOptions parallel)
    {
        var partial = new double[ChunkedParallel.ChunkCount(rows)];
        ChunkedParallel.For(rows, parallel, (chunk, start, end) =>
        {
            var sum = 0.0;
            for (var i = start; i < end; i++)
            {
                sum += DenseMath.SquaredDistance(values.AsSpan(i * columns, columns), centers.AsSpan(labels[i] * columns, columns));
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
    private static void RelocateEmptyClusters(double[] values, int rows, int columns, int clusters, double[] oldCenters,
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
                distances[i] = DenseMath.SquaredDistance(values.AsSpan(i * columns, columns), oldCenters.AsSpan(labels[i] * columns, columns));
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
                sums[oldCluster * columns + j] -= row[j];
                sums[c * columns + j] = row[j];
            }

            counts[c] = 1;
            counts[oldCluster] -= 1;
        }
    }
}
