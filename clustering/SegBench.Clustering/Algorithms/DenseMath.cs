using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SegBench.Clustering.Algorithms;

/// <summary>Small dense helpers shared by the algorithms; all sums are chunked and combined in order.</summary>
internal static class DenseMath
{
    /// <summary>Adds <paramref name="source"/> to <paramref name="destination"/> element-wise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddTo(ReadOnlySpan<double> source, Span<double> destination)
    {
        ref var s = ref MemoryMarshal.GetReference(source);
        ref var t = ref MemoryMarshal.GetReference(destination);
        var length = source.Length;
        var j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j + 8 <= length; j += 8)
            {
                (Vector512.LoadUnsafe(ref t, (nuint)j) + Vector512.LoadUnsafe(ref s, (nuint)j)).StoreUnsafe(ref t, (nuint)j);
            }
        }

        for (; j + 4 <= length; j += 4)
        {
            (Vector256.LoadUnsafe(ref t, (nuint)j) + Vector256.LoadUnsafe(ref s, (nuint)j)).StoreUnsafe(ref t, (nuint)j);
        }

        for (; j < length; j++)
        {
            Unsafe.Add(ref t, j) += Unsafe.Add(ref s, j);
        }
    }

    /// <summary>Adds <paramref name="source"/> − <paramref name="offset"/> to <paramref name="destination"/> element-wise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddDifferenceTo(ReadOnlySpan<double> source, ReadOnlySpan<double> offset, Span<double> destination)
    {
        ref var s = ref MemoryMarshal.GetReference(source);
        ref var o = ref MemoryMarshal.GetReference(offset);
        ref var t = ref MemoryMarshal.GetReference(destination);
        var length = source.Length;
        var j = 0;
        for (; j + 4 <= length; j += 4)
        {
            (Vector256.LoadUnsafe(ref t, (nuint)j) + (Vector256.LoadUnsafe(ref s, (nuint)j) - Vector256.LoadUnsafe(ref o, (nuint)j))).StoreUnsafe(ref t, (nuint)j);
        }

        for (; j < length; j++)
        {
            Unsafe.Add(ref t, j) += Unsafe.Add(ref s, j) - Unsafe.Add(ref o, j);
        }
    }

    /// <summary>Exact ‖(a − offset) − b‖², accumulated in a fixed order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> offset, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        for (var j = 0; j < a.Length; j++)
        {
            var difference = a[j] - offset[j] - b[j];
            sum += difference * difference;
        }

        return sum;
    }

    /// <summary>
    /// ‖(a − offset) − b‖² with four lanes of partial sums (a fixed order, so deterministic, but not
    /// the same rounding as <see cref="SquaredDistance(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double})"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SquaredDistanceVectorized(ReadOnlySpan<double> a, ReadOnlySpan<double> offset, ReadOnlySpan<double> b)
    {
        ref var x = ref MemoryMarshal.GetReference(a);
        ref var o = ref MemoryMarshal.GetReference(offset);
        ref var c = ref MemoryMarshal.GetReference(b);
        var length = a.Length;
        var accumulator = Vector256<double>.Zero;
        var j = 0;
        for (; j + 4 <= length; j += 4)
        {
            var difference = Vector256.LoadUnsafe(ref x, (nuint)j) - Vector256.LoadUnsafe(ref o, (nuint)j) - Vector256.LoadUnsafe(ref c, (nuint)j);
            accumulator = Vector256.FusedMultiplyAdd(difference, difference, accumulator);
        }

        var sum = Vector256.Sum(accumulator);
        for (; j < length; j++)
        {
            var difference = Unsafe.Add(ref x, j) - Unsafe.Add(ref o, j) - Unsafe.Add(ref c, j);
            sum += difference * difference;
        }

        return sum;
    }

    /// <summary>‖a − b‖² with four lanes of partial sums (deterministic; used where no reference rounding is matched).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SquaredDistanceVectorized(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        ref var x = ref MemoryMarshal.GetReference(a);
        ref var c = ref MemoryMarshal.GetReference(b);
        var length = a.Length;
        var accumulator = Vector256<double>.Zero;
        var j = 0;
        for (; j + 4 <= length; j += 4)
        {
            var difference = Vector256.LoadUnsafe(ref x, (nuint)j) - Vector256.LoadUnsafe(ref c, (nuint)j);
            accumulator = Vector256.FusedMultiplyAdd(difference, difference, accumulator);
        }

        var sum = Vector256.Sum(accumulator);
        for (; j < length; j++)
        {
            var difference = Unsafe.Add(ref x, j) - Unsafe.Add(ref c, j);
            sum += difference * difference;
        }

        return sum;
    }

    /// <summary>Exact ‖a − b‖², accumulated in a fixed order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        for (var j = 0; j < a.Length; j++)
        {
            var difference = a[j] - b[j];
            sum += difference * difference;
        }

        return sum;
    }

    /// <summary>Column means of row-major data.</summary>
    public static double[] ColumnMeans(double[] values, int rows, int columns, ParallelOptions options)
    {
        var partial = new double[ChunkedParallel.ChunkCount(rows) * columns];
        ChunkedParallel.For(rows, options, (chunk, start, end) =>
        {
            var sums = partial.AsSpan(chunk * columns, columns);
            for (var i = start; i < end; i++)
            {
                AddTo(values.AsSpan(i * columns, columns), sums);
            }
        });
        var means = new double[columns];
        for (var chunk = 0; chunk < ChunkedParallel.ChunkCount(rows); chunk++)
        {
            AddTo(partial.AsSpan(chunk * columns, columns), means);
        }

        for (var j = 0; j < columns; j++)
        {
            means[j] /= rows;
        }

        return means;
    }

    /// <summary>Population variance of each column (two passes, like numpy's var).</summary>
    public static double[] ColumnVariances(double[] values, int rows, int columns, ParallelOptions options)
    {
        var means = ColumnMeans(values, rows, columns, options);
        var partial = new double[ChunkedParallel.ChunkCount(rows) * columns];
        ChunkedParallel.For(rows, options, (chunk, start, end) =>
        {
            var sums = partial.AsSpan(chunk * columns, columns);
            for (var i = start; i < end; i++)
            {
                for (var j = 0; j < columns; j++)
                {
                    var difference = values[i * columns + j] - means[j];
                    sums[j] += difference * difference;
                }
            }
        });
        var variances = new double[columns];
        for (var chunk = 0; chunk < ChunkedParallel.ChunkCount(rows); chunk++)
        {
            AddTo(partial.AsSpan(chunk * columns, columns), variances);
        }

        for (var j = 0; j < columns; j++)
        {
            variances[j] /= rows;
        }

        return variances;
    }

    /// <summary>Throws if any value is NaN or infinite.</summary>
    public static void RequireFinite(FeatureMatrix data, string parameterName)
    {
        var values = data.Values;
        // v − v is 0 for finite v and NaN otherwise, so one vector pass finds any bad value.
        var probe = Vector256<double>.Zero;
        var k = 0;
        ref var start = ref MemoryMarshal.GetArrayDataReference(values);
        for (; k + 4 <= values.Length; k += 4)
        {
            var v = Vector256.LoadUnsafe(ref start, (nuint)k);
            probe += v - v;
        }

        var tail = 0.0;
        for (; k < values.Length; k++)
        {
            tail += values[k] - values[k];
        }

        if (probe == Vector256<double>.Zero && tail == 0)
        {
            return;
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"The data holds a non-finite value ({values[i]}) at row {i / data.Columns}, column {i % data.Columns}.", parameterName);
            }
        }
    }
}
