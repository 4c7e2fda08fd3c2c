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
/// The assignment step: for each row x, the center minimising ‖c‖² − 2·(x − o)·c, where o is an
/// offset subtracted on the fly (k-means passes the column means, so it works in centered coordinates
/// like scikit-learn without copying the data; ‖x‖² is common to all centers and left out). Rows go
/// four at a time so independent FMA chains hide the FMA latency.
/// </summary>
internal static class NearestCenterKernel
{
    /// <summary>
    /// Assigns <paramref name="rowCount"/> rows starting at <paramref name="data"/>. Writes the nearest
    /// center to <paramref name="labels"/> and ‖c‖² − 2·(x − o)·c to <paramref name="partialDistances"/>.
    /// </summary>
    public static void Assign(ReadOnlySpan<double> data, int rowCount, PreparedCenters centers, ReadOnlySpan<double> offset, Span<int> labels, Span<double> partialDistances)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            AssignVector512(data, rowCount, centers, offset, labels, partialDistances);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            AssignVector256(data, rowCount, centers, offset, labels, partialDistances);
        }
        else
        {
            AssignScalar(data, rowCount, centers, offset, labels, partialDistances);
        }
    }

    /// <summary>The plain reference: one row, one center, one dimension at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AssignScalar(ReadOnlySpan<double> data, int rowCount, PreparedCenters centers, ReadOnlySpan<double> offset, Span<int> labels, Span<double> partialDistances)
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
                    dot += (row[j] - offset[j]) * transposed[j * padded + c];
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AssignVector512(ReadOnlySpan<double> data, int rowCount, PreparedCenters centers, ReadOnlySpan<double> offset, Span<int> labels, Span<double> partialDistances)
    {
        var d = centers.Dimensions;
        var padded = centers.PaddedClusters;
        ref var ct = ref MemoryMarshal.GetArrayDataReference(centers.Transposed);
        ref var norms = ref MemoryMarshal.GetArrayDataReference(centers.Norms);
        ref var x = ref MemoryMarshal.GetReference(data);
        ref var o = ref MemoryMarshal.GetReference(offset);
        var minusTwo = Vector512.Create(-2.0);
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
                    var oj = Vector512.Create(Unsafe.Add(ref o, j));
                    a0 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x0, j)) - oj, c, a0);
                    a1 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x1, j)) - oj, c, a1);
                    a2 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x2, j)) - oj, c, a2);
                    a3 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x3, j)) - oj, c, a3);
                }

                var n = Vector512.LoadUnsafe(ref norms, (nuint)b);
                best0.Offer(Vector512.FusedMultiplyAdd(minusTwo, a0, n), b);
                best1.Offer(Vector512.FusedMultiplyAdd(minusTwo, a1, n), b);
                best2.Offer(Vector512.FusedMultiplyAdd(minusTwo, a2, n), b);
                best3.Offer(Vector512.FusedMultiplyAdd(minusTwo, a3, n), b);
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
                    a0 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x0, j) - Unsafe.Add(ref o, j)), Vector512.LoadUnsafe(ref ct, (nuint)(j * padded + b)), a0);
                }

                best0.Offer(Vector512.FusedMultiplyAdd(minusTwo, a0, Vector512.LoadUnsafe(ref norms, (nuint)b)), b);
            }

            labels[i] = best0.Index;
            partialDistances[i] = best0.Distance;
        }
    }

    /// <summary>256-bit path (AVX2): a block of 8 centers is two registers; 4 rows per pass, 8 accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AssignVector256(ReadOnlySpan<double> data, int rowCount, PreparedCenters centers, ReadOnlySpan<double> offset, Span<int> labels, Span<double> partialDistances)
    {
        var d = centers.Dimensions;
        var padded = centers.PaddedClusters;
        ref var ct = ref MemoryMarshal.GetArrayDataReference(centers.Transposed);
        ref var norms = ref MemoryMarshal.GetArrayDataReference(centers.Norms);
        ref var x = ref MemoryMarshal.GetReference(data);
        ref var o = ref MemoryMarshal.GetReference(offset);
        var minusTwo = Vector256.Create(-2.0);
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
                Vector256<double> l0 = default, h0 = default, l1 = default, h1 = default;
                Vector256<double> l2 = default, h2 = default, l3 = default, h3 = default;
                for (var j = 0; j < d; j++)
                {
                    var lo = Vector256.LoadUnsafe(ref ct, (nuint)(j * padded + b));
                    var hi = Vector256.LoadUnsafe(ref ct, (nuint)(j * padded + b + 4));
                    // Broadcast straight from memory, then subtract the broadcast offset: the same
                    // rounding as subtracting first, without a shuffle per row.
                    var oj = Vector256.Create(Unsafe.Add(ref o, j));
                    var v0 = Vector256.Create(Unsafe.Add(ref x0, j)) - oj;
                    var v1 = Vector256.Create(Unsafe.Add(ref x1, j)) - oj;
                    var v2 = Vector256.Create(Unsafe.Add(ref x2, j)) - oj;
                    var v3 = Vector256.Create(Unsafe.Add(ref x3, j)) - oj;
                    l0 = Vector256.FusedMultiplyAdd(v0, lo, l0); h0 = Vector256.FusedMultiplyAdd(v0, hi, h0);
                    l1 = Vector256.FusedMultiplyAdd(v1, lo, l1); h1 = Vector256.FusedMultiplyAdd(v1, hi, h1);
                    l2 = Vector256.FusedMultiplyAdd(v2, lo, l2); h2 = Vector256.FusedMultiplyAdd(v2, hi, h2);
                    l3 = Vector256.FusedMultiplyAdd(v3, lo, l3); h3 = Vector256.FusedMultiplyAdd(v3, hi, h3);
                }

                var nLo = Vector256.LoadUnsafe(ref norms, (nuint)b);
                var nHi = Vector256.LoadUnsafe(ref norms, (nuint)(b + 4));
                best0.Offer(Vector256.FusedMultiplyAdd(minusTwo, l0, nLo), Vector256.FusedMultiplyAdd(minusTwo, h0, nHi), b);
                best1.Offer(Vector256.FusedMultiplyAdd(minusTwo, l1, nLo), Vector256.FusedMultiplyAdd(minusTwo, h1, nHi), b);
                best2.Offer(Vector256.FusedMultiplyAdd(minusTwo, l2, nLo), Vector256.FusedMultiplyAdd(minusTwo, h2, nHi), b);
                best3.Offer(Vector256.FusedMultiplyAdd(minusTwo, l3, nLo), Vector256.FusedMultiplyAdd(minusTwo, h3, nHi), b);
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
                var lo = Vector256<double>.Zero;
                var hi = Vector256<double>.Zero;
                for (var j = 0; j < d; j++)
                {
                    var xj = Vector256.Create(Unsafe.Add(ref x0, j) - Unsafe.Add(ref o, j));
                    lo = Vector256.FusedMultiplyAdd(xj, Vector256.LoadUnsafe(ref ct, (nuint)(j * padded + b)), lo);
                    hi = Vector256.FusedMultiplyAdd(xj, Vector256.LoadUnsafe(ref ct, (nuint)(j * padded + b + 4)), hi);
                }

                best0.Offer(
                    Vector256.FusedMultiplyAdd(minusTwo, lo, Vector256.LoadUnsafe(ref norms, (nuint)b)),
                    Vector256.FusedMultiplyAdd(minusTwo, hi, Vector256.LoadUnsafe(ref norms, (nuint)(b + 4))), b);
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
        public void Offer(Vector512<double> distances, int blockStart) => Offer(distances.GetLower(), distances.GetUpper(), blockStart);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Offer(Vector256<double> low, Vector256<double> high, int blockStart)
        {
            // Native min (vminpd): the inputs are finite, so IEEE NaN and signed-zero handling is not needed.
            var min = Vector256.MinNative(low, high);
            var half = Vector128.MinNative(min.GetLower(), min.GetUpper());
            var first = half.ToScalar();
            var second = half.GetElement(1);
            var blockMin = second < first ? second : first;
            if (!_any || blockMin < Distance)
            {
                var target = Vector256.Create(blockMin);
                var mask = Vector256.Equals(low, target).ExtractMostSignificantBits() | (Vector256.Equals(high, target).ExtractMostSignificantBits() << 4);
                Index = blockStart + System.Numerics.BitOperations.TrailingZeroCount(mask);
                Distance = blockMin;
                _any = true;
            }
        }
    }
}
