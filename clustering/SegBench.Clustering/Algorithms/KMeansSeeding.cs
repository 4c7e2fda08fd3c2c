namespace SegBench.Clustering.Algorithms;

/// <summary>First centers for k-means: greedy k-means++ and uniform random rows.</summary>
/// <remarks>
/// k-means++ is Arthur and Vassilvitskii, "k-means++: the advantages of careful seeding" (SODA 2007),
/// in scikit-learn's greedy form: at each step 2 + ⌊ln k⌋ candidates are drawn with probability
/// proportional to D² and the one that most lowers the potential is kept. O(n·d·k·log k) time and
/// O(n) memory: candidate potentials are summed per chunk instead of holding a trials × n matrix.
/// </remarks>
internal static class KMeansSeeding
{
    public static double[] PlusPlus(double[] values, int rows, int columns, int clusters, Random random, ParallelOptions options)
    {
        var centers = new double[clusters * columns];
        var trials = 2 + (int)Math.Log(clusters);
        var chunks = ChunkedParallel.ChunkCount(rows);

        var first = random.Next(rows);
        values.AsSpan(first * columns, columns).CopyTo(centers);
        var closest = new double[rows];
        var partial = new double[chunks * trials];
        ChunkedParallel.For(rows, options, (chunk, start, end) =>
        {
            var center = centers.AsSpan(0, columns);
            var sum = 0.0;
            for (var i = start; i < end; i++)
            {
                closest[i] = DenseMath.SquaredDistanceVectorized(values.AsSpan(i * columns, columns), center);
                sum += closest[i];
            }

            partial[chunk * trials] = sum;
        });
        var potential = 0.0;
        for (var chunk = 0; chunk < chunks; chunk++)
        {
            potential += partial[chunk * trials];
        }

        var cumulative = new double[rows];
        var candidates = new int[trials];
        var candidateCenters = new double[trials * columns];
        for (var c = 1; c < clusters; c++)
        {
            var running = 0.0;
            for (var i = 0; i < rows; i++)
            {
                running += closest[i];
                cumulative[i] = running;
            }

            for (var t = 0; t < trials; t++)
            {
                var target = random.NextDouble() * potential;
                candidates[t] = Math.Min(SearchSortedLeft(cumulative, target), rows - 1);
                values.AsSpan(candidates[t] * columns, columns).CopyTo(candidateCenters.AsSpan(t * columns));
            }

            Array.Clear(partial);
            ChunkedParallel.For(rows, options, (chunk, start, end) =>
            {
                for (var t = 0; t < trials; t++)
                {
                    var candidate = candidateCenters.AsSpan(t * columns, columns);
                    var sum = 0.0;
                    for (var i = start; i < end; i++)
                    {
                        sum += Math.Min(closest[i], DenseMath.SquaredDistanceVectorized(values.AsSpan(i * columns, columns), candidate));
                    }

                    partial[chunk * trials + t] = sum;
                }
            });

            var best = 0;
            var bestPotential = double.PositiveInfinity;
            for (var t = 0; t < trials; t++)
            {
                var total = 0.0;
                for (var chunk = 0; chunk < chunks; chunk++)
                {
                    total += partial[chunk * trials + t];
                }

                if (total < bestPotential)
                {
                    bestPotential = total;
                    best = t;
                }
            }

            potential = bestPotential;
            var chosen = candidateCenters.AsSpan(best * columns, columns);
            chosen.CopyTo(centers.AsSpan(c * columns));
            var chosenCopy = chosen.ToArray();
            ChunkedParallel.For(rows, options, (_, start, end) =>
            {
                for (var i = start; i < end; i++)
                {
                    closest[i] = Math.Min(closest[i], DenseMath.SquaredDistanceVectorized(values.AsSpan(i * columns, columns), chosenCopy));
                }
            });
        }

        return centers;
    }

    public static double[] RandomRows(double[] values, int rows, int columns, int clusters, Random random)
    {
        // A partial Fisher–Yates shuffle: k distinct rows, uniformly.
        var order = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            order[i] = i;
        }

        var centers = new double[clusters * columns];
        for (var c = 0; c < clusters; c++)
        {
            var pick = c + random.Next(rows - c);
            (order[c], order[pick]) = (order[pick], order[c]);
            values.AsSpan(order[c] * columns, columns).CopyTo(centers.AsSpan(c * columns));
        }

        return centers;
    }

    /// <summary>The first index whose value is ≥ <paramref name="target"/> (numpy's searchsorted, side left).</summary>
    internal static int SearchSortedLeft(double[] sorted, double target)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (sorted[middle] < target)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
