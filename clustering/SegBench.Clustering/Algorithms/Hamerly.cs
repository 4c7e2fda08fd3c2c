using System.Runtime.CompilerServices;

namespace SegBench.Clustering.Algorithms;

/// <summary>
/// Lloyd's iterations accelerated with Hamerly's bounds: each point keeps an upper bound on the
/// distance to its center and a lower bound on the distance to any other center, so a point whose
/// bounds prove its label cannot change is skipped without reading its row. Center sums are updated
/// by the points that moved. The labels, and the stop rule, are those of plain Lloyd.
/// </summary>
/// <remarks>
/// Hamerly, "Making k-means even faster" (SDM 2010). O(n) extra memory for the two bounds. It pays
/// when few points change clusters per iteration (the late iterations of most fits), because then an
/// iteration reads 20 bytes per point instead of the whole row. Per-chunk sum deltas are combined in
/// chunk order, so results stay independent of the thread count.
/// </remarks>
internal static class Hamerly
{
    public static LloydResult Run(double[] values, double[] offset, int rows, int columns, double[] initialCenters, int clusters,
        int maximumIterations, double tolerance, ParallelOptions parallel)
    {
        var chunks = ChunkedParallel.ChunkCount(rows);
        var block = clusters * columns;
        var centers = (double[])initialCenters.Clone();
        var newCenters = new double[block];
        var labels = new int[rows];
        Array.Fill(labels, -1);
        var upper = new double[rows];
        var lower = new double[rows];
        var sums = new double[block];
        var counts = new double[clusters];
        var chunkSums = new double[chunks * block];
        var chunkCounts = new double[chunks * clusters];
        var chunkChanges = new int[chunks];
        var halfSeparation = new double[clusters];
        var movement = new double[clusters];
        var workCounts = new double[clusters];
        var scratchDistances = new double[rows]; // for empty-cluster relocation only
        var full = true;
        var largestMovement = 0.0;
        var largestMover = -1;
        var secondMovement = 0.0;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void Pass(int chunk, int start, int end)
        {
            var deltaSums = chunkSums.AsSpan(chunk * block, block);
            var deltaCounts = chunkCounts.AsSpan(chunk * clusters, clusters);
            deltaSums.Clear();
            deltaCounts.Clear();
            var changes = 0;
            for (var i = start; i < end; i++)
            {
                var row = values.AsSpan(i * columns, columns);
                var label = labels[i];
                if (!full)
                {
                    upper[i] += movement[label];
                    lower[i] -= label == largestMover ? secondMovement : largestMovement;
                    var bound = Math.Max(halfSeparation[label], lower[i]);
                    if (upper[i] <= bound)
                    {
                        continue;
                    }

                    upper[i] = Math.Sqrt(DenseMath.SquaredDistanceVectorized(row, offset, centers.AsSpan(label * columns, columns)));
                    if (upper[i] <= bound)
                    {
                        continue;
                    }
                }

                var best = 0;
                var bestDistance = double.PositiveInfinity;
                var secondDistance = double.PositiveInfinity;
                for (var c = 0; c < clusters; c++)
                {
                    var distance = DenseMath.SquaredDistanceVectorized(row, offset, centers.AsSpan(c * columns, columns));
                    if (distance < bestDistance)
                    {
                        secondDistance = bestDistance;
                        bestDistance = distance;
                        best = c;
                    }
                    else if (distance < secondDistance)
                    {
                        secondDistance = distance;
                    }
                }

                upper[i] = Math.Sqrt(bestDistance);
                lower[i] = Math.Sqrt(secondDistance);
                if (full)
                {
                    DenseMath.AddDifferenceTo(row, offset, deltaSums.Slice(best * columns, columns));
                    deltaCounts[best] += 1;
                    changes += best != label ? 1 : 0;
                }
                else if (best != label)
                {
                    SubtractDifference(row, offset, deltaSums.Slice(label * columns, columns));
                    DenseMath.AddDifferenceTo(row, offset, deltaSums.Slice(best * columns, columns));
                    deltaCounts[label] -= 1;
                    deltaCounts[best] += 1;
                    changes++;
                }

                labels[i] = best;
            }

            chunkChanges[chunk] = changes;
        }

        var strict = false;
        var iteration = 0;
        for (; iteration < maximumIterations; iteration++)
        {
            HalfSeparations(centers, clusters, columns, halfSeparation);
            var wasFull = full;
            ChunkedParallel.For(rows, parallel, Pass);
            if (wasFull)
            {
                Array.Clear(sums);
                Array.Clear(counts);
            }

            var changed = 0;
            for (var chunk = 0; chunk < chunks; chunk++)
            {
                DenseMath.AddTo(chunkSums.AsSpan(chunk * block, block), sums);
                DenseMath.AddTo(chunkCounts.AsSpan(chunk * clusters, clusters), counts);
                changed += chunkChanges[chunk];
            }

            full = false;
            sums.CopyTo(newCenters, 0);
            counts.CopyTo(workCounts, 0);
            if (Array.IndexOf(workCounts, 0.0) >= 0)
            {
                Lloyd.RelocateEmptyClusters(values, offset, rows, columns, clusters, centers, newCenters, workCounts, labels, scratchDistances, parallel);
                full = true; // the relocated point's label is stale, as scikit-learn leaves it: rebuild sums and bounds
            }

            var shift = 0.0;
            largestMovement = 0;
            secondMovement = 0;
            largestMover = -1;
            for (var c = 0; c < clusters; c++)
            {
                if (workCounts[c] > 0)
                {
                    var scale = 1.0 / workCounts[c];
                    for (var j = 0; j < columns; j++)
                    {
                        newCenters[c * columns + j] *= scale;
                    }
                }

                var squared = DenseMath.SquaredDistance(newCenters.AsSpan(c * columns, columns), centers.AsSpan(c * columns, columns));
                shift += squared;
                movement[c] = Math.Sqrt(squared);
                if (movement[c] > largestMovement)
                {
                    secondMovement = largestMovement;
                    largestMovement = movement[c];
                    largestMover = c;
                }
                else if (movement[c] > secondMovement)
                {
                    secondMovement = movement[c];
                }
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
        }

        var iterations = Math.Min(iteration + 1, maximumIterations);
        var inertia = Lloyd.Finish(values, offset, rows, columns, centers, labels, strict, parallel);
        return new LloydResult(labels, centers, inertia, iterations, strict);
    }

    /// <summary>Half the distance from each center to its nearest other center (+∞ when k = 1).</summary>
    private static void HalfSeparations(double[] centers, int clusters, int columns, double[] result)
    {
        Array.Fill(result, double.PositiveInfinity);
        for (var a = 0; a < clusters; a++)
        {
            for (var b = a + 1; b < clusters; b++)
            {
                var half = 0.5 * Math.Sqrt(DenseMath.SquaredDistance(centers.AsSpan(a * columns, columns), centers.AsSpan(b * columns, columns)));
                result[a] = Math.Min(result[a], half);
                result[b] = Math.Min(result[b], half);
            }
        }
    }

    private static void SubtractDifference(ReadOnlySpan<double> row, ReadOnlySpan<double> offset, Span<double> destination)
    {
        for (var j = 0; j < row.Length; j++)
        {
            destination[j] -= row[j] - offset[j];
        }
    }
}
