using SegBench.Clustering.Selection;

namespace SegBench.Clustering.Tests.Selection;

/// <summary>
/// A plain Lloyd k-means with seeded k-means++ starts, standing in for the real one while
/// it is written elsewhere. Optionally its model reports a made-up BIC with its minimum at k = 3.
/// </summary>
internal sealed class TestLloyd(int clusters, int seed, bool withBic = false) : IClusterer
{
    public string Name => "test-lloyd";

    public ClusteringResult Fit(FeatureMatrix data, CancellationToken cancellationToken = default)
    {
        var random = new Random(seed);
        var d = data.Columns;
        var centers = new double[clusters * d];
        data.Row(random.Next(data.Rows)).CopyTo(centers);
        var nearest = new double[data.Rows];
        for (var c = 1; c < clusters; c++)
        {
            double total = 0;
            for (var i = 0; i < data.Rows; i++)
            {
                nearest[i] = Enumerable.Range(0, c).Min(j => Squared(data.Row(i), centers.AsSpan(j * d, d)));
                total += nearest[i];
            }

            var target = random.NextDouble() * total;
            var pick = 0;
            for (double running = 0; pick < data.Rows - 1; pick++)
            {
                running += nearest[pick];
                if (running >= target)
                {
                    break;
                }
            }

            data.Row(pick).CopyTo(centers.AsSpan(c * d, d));
        }

        var labels = new int[data.Rows];
        var iterations = 0;
        for (; iterations < 100; iterations++)
        {
            var changed = false;
            for (var i = 0; i < data.Rows; i++)
            {
                var best = Enumerable.Range(0, clusters).MinBy(c => Squared(data.Row(i), centers.AsSpan(c * d, d)));
                changed |= best != labels[i] || iterations == 0;
                labels[i] = best;
            }

            if (!changed)
            {
                break;
            }

            var sums = new double[clusters * d];
            var counts = new int[clusters];
            for (var i = 0; i < data.Rows; i++)
            {
                counts[labels[i]]++;
                for (var j = 0; j < d; j++)
                {
                    sums[(labels[i] * d) + j] += data.Row(i)[j];
                }
            }

            for (var c = 0; c < clusters; c++)
            {
                for (var j = 0; j < d && counts[c] > 0; j++)
                {
                    centers[(c * d) + j] = sums[(c * d) + j] / counts[c];
                }
            }
        }

        var inertia = Enumerable.Range(0, data.Rows).Sum(i => Squared(data.Row(i), centers.AsSpan(labels[i] * d, d)));
        IClusterModel model = withBic ? new BicModel(centers, clusters, d) : new Model(centers, clusters, d);
        return new ClusteringResult(labels, clusters, model, iterations, inertia);
    }

    private static double Squared(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (var j = 0; j < a.Length; j++)
        {
            sum += (a[j] - b[j]) * (a[j] - b[j]);
        }

        return sum;
    }

    private class Model(double[] centers, int clusters, int dimensions) : IClusterModel
    {
        public string Algorithm => "test-lloyd";

        public int NumberOfClusters => clusters;

        public int Dimensions => dimensions;

        public Assignment Assign(ReadOnlySpan<double> row)
        {
            var best = 0;
            for (var c = 1; c < clusters; c++)
            {
                best = Squared(row, centers.AsSpan(c * dimensions, dimensions)) < Squared(row, centers.AsSpan(best * dimensions, dimensions)) ? c : best;
            }

            return new Assignment(best, Math.Sqrt(Squared(row, centers.AsSpan(best * dimensions, dimensions))));
        }
    }

    /// <summary>A model whose BIC is (k − 3)², so a test can tell that the selector follows the model.</summary>
    private sealed class BicModel(double[] centers, int clusters, int dimensions) : Model(centers, clusters, dimensions), IHasBic
    {
        public double BayesianInformationCriterion(FeatureMatrix data) => Math.Pow(NumberOfClusters - 3, 2);
    }
}
