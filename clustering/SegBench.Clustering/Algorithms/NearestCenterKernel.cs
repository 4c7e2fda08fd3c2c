using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SegBench.Clustering.Algorithms;

/// <summary>
/// Centers laid out for the blocked distance kernel: transposed (dimension-major) and padded to a
/// multiple of the vector width, with the squared norms precomputed. Padding centers have norm +∞,
/// so they never win.
/// </summary>
internal sealed class PreparedCenters
{
    /// <summary>Lanes per block: 8 doubles fill one 512-bit register.</summary>
    public const int BlockWidth = 8;

    public PreparedCenters(int clusters, int dimensions)
    {
        Clusters = clusters;
        Dimensions = dimensions;
        PaddedClusters = (clusters + BlockWidth - 1) / BlockWidth * BlockWidth;
        Transposed = new double[dimensions * PaddedClusters];
        Norms = new double[PaddedClusters];
    }

    public int Clusters { get; }

    public int Dimensions { get; }

    public int PaddedClusters { get; }

    /// <summary>Center c's dimension j at <c>[j * PaddedClusters + c]</c>.</summary>
    public double[] Transposed { get; }

    /// <summary>‖c‖² per center; +∞ for padding.</summary>
    public double[] Norms { get; }

    /// <summary>Loads row-major centers (k × d).</summary>
    public void Load(ReadOnlySpan<double> centers)
    {
        Array.Clear(Transposed);
        for (var c = 0; c < PaddedClusters; c++)
        {
            if (c >= Clusters)
            {
                Norms[c] = double.PositiveInfinity;
                continue;
            }

            var center = centers.Slice(c * Dimensions, Dimensions);
            var norm = 0.0;
            for (var j = 0; j < Dimensions; j++)
            {
                Transposed[j * PaddedClusters + c] = center[j];
                norm += center[j] * center[j];
            }

            Norms[c] = norm;
        }
    }
}

/// <summary>
/// The assignment step: for each row, the center minimising ‖c‖² − 2·x·c (‖x‖² is common to all
/// centers, so it is left out). Rows go four at a time so four independent FMA chains hide latency.
/// </summary>
internal static class NearestCenterKernel
{
    /// <summary>
    /// Assigns <paramref name="rowCount"/> rows starting at <paramref name="data"/>. Writes the
    /// nearest center to <paramref name="labels"/> and ‖c‖² − 2·x·c to <paramref name="partialDistances"/>.
    /// </summary>
    public static void Assign(ReadOnlySpan<double> data, int rowCount, PreparedCenters centers, Span<int> labels, Span<double> partialDistances)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            AssignVector512(data, rowCount, centers, labels, partialDistances);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            AssignVector256(data, rowCount, centers, labels, partialDistances);
        }
        else
        {
            AssignScalar(data, rowCount, centers, labels, partialDistances);
        }
    }

    /// <summary>The plain reference: one row, one center, one dimension at a time.</summary>
    public static void AssignScalar(ReadOnlySpan<double> data, int rowCount, PreparedCenters centers, Span<int> labels, Span<double> partialDistances)
    {
        var d = centers.Dimensions;
        var padded = centers.PaddedClusters;
        var transposed = centers.Transposed;
        for (var i = 0; i < rowCount; i++)
        {
            var row = data.Slice(i * d, d);
            var best = 0;
            var bestDistance = double.PositiveInfinity;
            for (var c = 0; c < centers.Clusters; c++)
            {
                var dot = 0.0;
                for (var j = 0; j < d; j++)
                {
                    dot += row[j] * transposed[j * padded + c];
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

    /// <summary>512-bit path: 8 centers per register, 4 rows per pass.</summary>
    public static void AssignVector512(ReadOnlySpan<double> data, int rowCount, PreparedCenters centers, Span<int> labels, Span<double> partialDistances)
    {
        var d = centers.Dimensions;
        var padded = centers.PaddedClusters;
        ref var ct = ref MemoryMarshal.GetArrayDataReference(centers.Transposed);
        ref var norms = ref MemoryMarshal.GetArrayDataReference(centers.Norms);
        ref var x = ref MemoryMarshal.GetReference(data);
        var two = Vector512.Create(2.0);
        var i = 0;
        for (; i + 4 <= rowCount; i += 4)
        {
            ref var x0 = ref Unsafe.Add(ref x, i * d);
            ref var x1 = ref Unsafe.Add(ref x0, d);
            ref var x2 = ref Unsafe.Add(ref x1, d);
            ref var x3 = ref Unsafe.Add(ref x2, d);
            var best0 = new Best(); var best1 = new Best(); var best2 = new Best(); var best3 = new Best();
            for (var b = 0; b < padded; b += 8)
            {
                var a0 = Vector512<double>.Zero; var a1 = Vector512<double>.Zero;
                var a2 = Vector512<double>.Zero; var a3 = Vector512<double>.Zero;
                for (var j = 0; j < d; j++)
                {
                    var c = Vector512.LoadUnsafe(ref ct, (nuint)(j * padded + b));
                    a0 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x0, j)), c, a0);
                    a1 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x1, j)), c, a1);
                    a2 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x2, j)), c, a2);
                    a3 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x3, j)), c, a3);
                }

                var n = Vector512.LoadUnsafe(ref norms, (nuint)b);
                best0.Offer(Vector512.FusedMultiplyAdd(-two, a0, n), b);
                best1.Offer(Vector512.FusedMultiplyAdd(-two, a1, n), b);
                best2.Offer(Vector512.FusedMultiplyAdd(-two, a2, n), b);
                best3.Offer(Vector512.FusedMultiplyAdd(-two, a3, n), b);
            }

            labels[i] = best0.Index; partialDistances[i] = best0.Distance;
            labels[i + 1] = best1.Index; partialDistances[i + 1] = best1.Distance;
            labels[i + 2] = best2.Index; partialDistances[i + 2] = best2.Distance;
            labels[i + 3] = best3.Index; partialDistances[i + 3] = best3.Distance;
        }

        for (; i < rowCount; i++)
        {
            ref var x0 = ref Unsafe.Add(ref x, i * d);
            var best0 = new Best();
            for (var b = 0; b < padded; b += 8)
            {
                var a0 = Vector512<double>.Zero;
                for (var j = 0; j < d; j++)
                {
                    a0 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x0, j)), Vector512.LoadUnsafe(ref ct, (nuint)(j * padded + b)), a0);
                }

                best0.Offer(Vector512.FusedMultiplyAdd(-two, a0, Vector512.LoadUnsafe(ref norms, (nuint)b)), b);
            }

            labels[i] = best0.Index;
            partialDistances[i] = best0.Distance;
        }
    }

    /// <summary>256-bit path: two registers of 4 centers per block of 8, 2 rows per pass.</summary>
    public static void AssignVector256(ReadOnlySpan<double> data, int rowCount, PreparedCenters centers, Span<int> labels, Span<double> partialDistances)
    {
        var d = centers.Dimensions;
        var padded = centers.PaddedClusters;
        ref var ct = ref MemoryMarshal.GetArrayDataReference(centers.Transposed);
        ref var norms = ref MemoryMarshal.GetArrayDataReference(centers.Norms);
        ref var x = ref MemoryMarshal.GetReference(data);
        var minusTwo = Vector256.Create(-2.0);
        for (var i = 0; i < rowCount; i++)
        {
            ref var x0 = ref Unsafe.Add(ref x, i * d);
            var best0 = new Best();
            for (var b = 0; b < padded; b += 8)
            {
                var lo = Vector256<double>.Zero;
                var hi = Vector256<double>.Zero;
                for (var j = 0; j < d; j++)
                {
                    var xj = Vector256.Create(Unsafe.Add(ref x0, j));
                    lo = Vector256.FusedMultiplyAdd(xj, Vector256.LoadUnsafe(ref ct, (nuint)(j * padded + b)), lo);
                    hi = Vector256.FusedMultiplyAdd(xj, Vector256.LoadUnsafe(ref ct, (nuint)(j * padded + b + 4)), hi);
                }

                best0.Offer(Vector512.Create(
                    Vector256.FusedMultiplyAdd(minusTwo, lo, Vector256.LoadUnsafe(ref norms, (nuint)b)),
                    Vector256.FusedMultiplyAdd(minusTwo, hi, Vector256.LoadUnsafe(ref norms, (nuint)(b + 4)))), b);
            }

            labels[i] = best0.Index;
            partialDistances[i] = best0.Distance;
        }
    }

    /// <summary>Running minimum over blocks; ties keep the lowest index, as scikit-learn's argmin.</summary>
    private struct Best
    {
        public int Index;
        public double Distance;
        private bool _any;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Offer(Vector512<double> distances, int blockStart)
        {
            var min = Vector512.Min(distances, Vector512.Shuffle(distances, Vector512.Create(4L, 5, 6, 7, 0, 1, 2, 3)));
            min = Vector512.Min(min, Vector512.Shuffle(min, Vector512.Create(2L, 3, 0, 1, 6, 7, 4, 5)));
            min = Vector512.Min(min, Vector512.Shuffle(min, Vector512.Create(1L, 0, 3, 2, 5, 4, 7, 6)));
            var blockMin = min.ToScalar();
            if (!_any || blockMin < Distance)
            {
                var mask = Vector512.Equals(distances, Vector512.Create(blockMin)).ExtractMostSignificantBits();
                Index = blockStart + System.Numerics.BitOperations.TrailingZeroCount(mask);
                Distance = blockMin;
                _any = true;
            }
        }
    }
}
