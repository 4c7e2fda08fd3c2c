using SegBench.Clustering;

namespace SegBench.Benchmarks.Clustering;

/// <summary>Seeded inputs for the clustering suites, and plain scalar references to measure against.</summary>
internal static class BenchmarkData
{
    /// <summary>Gaussian blobs: <paramref name="clusters"/> means drawn with spread 4, unit noise.</summary>
    public static FeatureMatrix Blobs(int seed, int rows, int dimensions, int clusters)
    {
        var random = new Random(seed);
        var means = new double[clusters * dimensions];
        for (var i = 0; i < means.Length; i++)
        {
            means[i] = 4 * Normal(random);
        }

        var values = new double[rows * dimensions];
        for (var i = 0; i < rows; i++)
        {
            var blob = random.Next(clusters);
            for (var j = 0; j < dimensions; j++)
            {
                values[i * dimensions + j] = means[blob * dimensions + j] + Normal(random);
            }
        }

        return new FeatureMatrix(values, rows, dimensions);
    }

    /// <summary>k rows drawn with a seed, row-major.</summary>
    public static double[] RandomRows(FeatureMatrix data, int count, int seed)
    {
        var random = new Random(seed);
        var result = new double[count * data.Columns];
        for (var c = 0; c < count; c++)
        {
            data.Row(random.Next(data.Rows)).CopyTo(result.AsSpan(c * data.Columns));
        }

        return result;
    }

    /// <summary>The scalar reference assignment: exact squared distances, one center at a time.</summary>
    public static int[] AssignScalar(FeatureMatrix data, double[] centers, int clusters)
    {
        var d = data.Columns;
        var labels = new int[data.Rows];
        for (var i = 0; i < data.Rows; i++)
        {
            var row = data.Row(i);
            var best = 0;
            var bestDistance = double.PositiveInfinity;
            for (var c = 0; c < clusters; c++)
            {
                var distance = 0.0;
                for (var j = 0; j < d; j++)
                {
                    var difference = row[j] - centers[c * d + j];
                    distance += difference * difference;
                }

                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = c;
                }
            }

            labels[i] = best;
        }

        return labels;
    }

    /// <summary>The scalar reference Lloyd: single-threaded, exact distances, a fixed number of iterations.</summary>
    public static double[] LloydScalar(FeatureMatrix data, double[] initialCenters, int clusters, int iterations)
    {
        var d = data.Columns;
        var centers = (double[])initialCenters.Clone();
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            var labels = AssignScalar(data, centers, clusters);
            var sums = new double[clusters * d];
            var counts = new int[clusters];
            for (var i = 0; i < data.Rows; i++)
            {
                counts[labels[i]]++;
                for (var j = 0; j < d; j++)
                {
                    sums[labels[i] * d + j] += data.Values[i * d + j];
                }
            }

            for (var c = 0; c < clusters; c++)
            {
                if (counts[c] > 0)
                {
                    for (var j = 0; j < d; j++)
                    {
                        centers[c * d + j] = sums[c * d + j] / counts[c];
                    }
                }
            }
        }

        return centers;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
