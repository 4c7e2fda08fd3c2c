using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SegBench.Clustering.Algorithms;

/// <summary>
/// Lloyd iterations whose assignment step runs in float32: the centered data is converted once to a
/// float copy (half the bytes to stream per iteration, twice the lanes per register), while center
/// sums, the stop rule, empty-cluster relocation, the final reassignment and the inertia stay float64.
/// Labels can differ from float64 only for points almost equidistant from two centers.
/// </summary>
internal static class SinglePrecisionLloyd
{
    private const int BlockRows = 256;

    public static LloydResult Run(double[] values, double[] offset, int rows, int columns, double[] initialCenters, int clusters,
        int maximumIterations, double tolerance, ParallelOptions parallel)
    {
        var single = new float[values.Length];
        ChunkedParallel.For(rows, parallel, (_, start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                for (var j = 0; j < columns; j++)
                {
                    single[i * columns + j] = (float)(values[i * columns + j] - offset[j]);
                }
            }
        });

        var chunks = ChunkedParallel.ChunkCount(rows);
        var block = clusters * columns;
        var centers = (double[])initialCenters.Clone();
        var newCenters = new double[block];
        var labels = new int[rows];
        var previousLabels = new int[rows];
        Array.Fill(previousLabels, -1);
        var scratchDistances = new double[rows];
        var chunkSums = new double[chunks * block];
        var chunkCounts = new double[chunks * clusters];
        var chunkChanges = new int[chunks];
        var counts = new double[clusters];
        var prepared = new PreparedCentersSingle(clusters, columns);
        var currentLabels = labels;
        var currentPrevious = previousLabels;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void AssignAndAccumulate(int chunk, int start, int end)
        {
            var sums = chunkSums.AsSpan(chunk * block, block);
            var weights = chunkCounts.AsSpan(chunk * clusters, clusters);
            sums.Clear();
            weights.Clear();
            var changes = 0;
            for (var blockStart = start; blockStart < end; blockStart += BlockRows)
            {
                var count = Math.Min(BlockRows, end - blockStart);
                var blockLabels = currentLabels.AsSpan(blockStart, count);
                SingleKernel.Assign(single.AsSpan(blockStart * columns, count * columns), count, prepared, blockLabels);
                for (var i = 0; i < count; i++)
                {
                    var label = blockLabels[i];
                    changes += label != currentPrevious[blockStart + i] ? 1 : 0;
                    AddWidened(single.AsSpan((blockStart + i) * columns, columns), sums.Slice(label * columns, columns));

                    weights[label] += 1;
                }
            }

            chunkChanges[chunk] = changes;
        }

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

            Lloyd.RelocateEmptyClusters(values, offset, rows, columns, clusters, centers, newCenters, counts, currentLabels, scratchDistances, parallel);
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
            if (changed == 0 || shift <= tolerance)
            {
                break;
            }

            (currentLabels, currentPrevious) = (currentPrevious, currentLabels);
        }

        var iterations = Math.Min(iteration + 1, maximumIterations);

        // Always reassign in float64, so the labels returned are exactly those of the final centers.
        var inertia = Lloyd.Finish(values, offset, rows, columns, centers, currentLabels, strict: false, parallel);
        return new LloydResult(currentLabels, centers, inertia, iterations, false);
    }

    /// <summary>destination += (double)source, 8 floats at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddWidened(ReadOnlySpan<float> source, Span<double> destination)
    {
        ref var s = ref MemoryMarshal.GetReference(source);
        ref var t = ref MemoryMarshal.GetReference(destination);
        var j = 0;
        for (; j + 8 <= source.Length; j += 8)
        {
            var (lower, upper) = Vector256.Widen(Vector256.LoadUnsafe(ref s, (nuint)j));
            (Vector256.LoadUnsafe(ref t, (nuint)j) + lower).StoreUnsafe(ref t, (nuint)j);
            (Vector256.LoadUnsafe(ref t, (nuint)(j + 4)) + upper).StoreUnsafe(ref t, (nuint)(j + 4));
        }

        for (; j < source.Length; j++)
        {
            Unsafe.Add(ref t, j) += Unsafe.Add(ref s, j);
        }
    }
}

/// <summary>Centers for the float32 kernel: transposed, padded to blocks of 8, norms precomputed (+∞ padding).</summary>
internal sealed class PreparedCentersSingle(int clusters, int dimensions)
{
    public int Clusters { get; } = clusters;

    public int Dimensions { get; } = dimensions;

    public int PaddedClusters { get; } = (clusters + 7) / 8 * 8;

    public float[] Transposed { get; } = new float[dimensions * ((clusters + 7) / 8 * 8)];

    public float[] Norms { get; } = new float[(clusters + 7) / 8 * 8];

    public void Load(ReadOnlySpan<double> centers)
    {
        Array.Clear(Transposed);
        for (var c = 0; c < PaddedClusters; c++)
        {
            if (c >= Clusters)
            {
                Norms[c] = float.PositiveInfinity;
                continue;
            }

            var norm = 0f;
            for (var j = 0; j < Dimensions; j++)
            {
                var value = (float)centers[c * Dimensions + j];
                Transposed[j * PaddedClusters + c] = value;
                norm += value * value;
            }

            Norms[c] = norm;
        }
    }
}

/// <summary>The float32 assignment kernel: 8 centers per 256-bit register, 4 rows per pass; and its scalar reference.</summary>
internal static class SingleKernel
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Assign(ReadOnlySpan<float> data, int rowCount, PreparedCentersSingle centers, Span<int> labels)
    {
        var d = centers.Dimensions;
        var padded = centers.PaddedClusters;
        ref var ct = ref MemoryMarshal.GetArrayDataReference(centers.Transposed);
        ref var norms = ref MemoryMarshal.GetArrayDataReference(centers.Norms);
        ref var x = ref MemoryMarshal.GetReference(data);
        var minusTwo = Vector256.Create(-2f);
        var i = 0;
        for (; i + 4 <= rowCount; i += 4)
        {
            ref var x0 = ref Unsafe.Add(ref x, i * d);
            ref var x1 = ref Unsafe.Add(ref x0, d);
            ref var x2 = ref Unsafe.Add(ref x1, d);
            ref var x3 = ref Unsafe.Add(ref x2, d);
            var best0 = new BestSingle(); var best1 = new BestSingle(); var best2 = new BestSingle(); var best3 = new BestSingle();
            for (var b = 0; b < padded; b += 8)
            {
                Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
                for (var j = 0; j < d; j++)
                {
                    var c = Vector256.LoadUnsafe(ref ct, (nuint)(j * padded + b));
                    a0 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref x0, j)), c, a0);
                    a1 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref x1, j)), c, a1);
                    a2 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref x2, j)), c, a2);
                    a3 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref x3, j)), c, a3);
                }

                var n = Vector256.LoadUnsafe(ref norms, (nuint)b);
                best0.Offer(Vector256.FusedMultiplyAdd(minusTwo, a0, n), b);
                best1.Offer(Vector256.FusedMultiplyAdd(minusTwo, a1, n), b);
                best2.Offer(Vector256.FusedMultiplyAdd(minusTwo, a2, n), b);
                best3.Offer(Vector256.FusedMultiplyAdd(minusTwo, a3, n), b);
            }

            labels[i] = best0.Index;
            labels[i + 1] = best1.Index;
            labels[i + 2] = best2.Index;
            labels[i + 3] = best3.Index;
        }

        for (; i < rowCount; i++)
        {
            ref var x0 = ref Unsafe.Add(ref x, i * d);
            var best0 = new BestSingle();
            for (var b = 0; b < padded; b += 8)
            {
                var a0 = Vector256<float>.Zero;
                for (var j = 0; j < d; j++)
                {
                    a0 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref x0, j)), Vector256.LoadUnsafe(ref ct, (nuint)(j * padded + b)), a0);
                }

                best0.Offer(Vector256.FusedMultiplyAdd(minusTwo, a0, Vector256.LoadUnsafe(ref norms, (nuint)b)), b);
            }

            labels[i] = best0.Index;
        }
    }

    /// <summary>The plain reference for the differential test.</summary>
    public static void AssignScalar(ReadOnlySpan<float> data, int rowCount, PreparedCentersSingle centers, Span<int> labels, Span<float> partialDistances)
    {
        var d = centers.Dimensions;
        for (var i = 0; i < rowCount; i++)
        {
            var best = 0;
            var bestDistance = float.PositiveInfinity;
            for (var c = 0; c < centers.Clusters; c++)
            {
                var dot = 0f;
                for (var j = 0; j < d; j++)
                {
                    dot += data[i * d + j] * centers.Transposed[j * centers.PaddedClusters + c];
                }

                var distance = centers.Norms[c] - 2 * dot;
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = c;
                }
            }

            labels[i] = best;
            partialDistances[i] = bestDistance;
        }
    }

    private struct BestSingle
    {
        public int Index;
        private float _distance;
        private bool _any;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Offer(Vector256<float> distances, int blockStart)
        {
            var min = Vector128.MinNative(distances.GetLower(), distances.GetUpper());
            min = Vector128.MinNative(min, Vector128.Shuffle(min, Vector128.Create(2, 3, 0, 1)));
            min = Vector128.MinNative(min, Vector128.Shuffle(min, Vector128.Create(1, 0, 3, 2)));
            var blockMin = min.ToScalar();
            if (!_any || blockMin < _distance)
            {
                var mask = Vector256.Equals(distances, Vector256.Create(blockMin)).ExtractMostSignificantBits();
                Index = blockStart + System.Numerics.BitOperations.TrailingZeroCount(mask);
                _distance = blockMin;
                _any = true;
            }
        }
    }
}
