using MathNet.Numerics.LinearAlgebra;

namespace SegBench.Clustering.Preprocessing;

/// <summary>
/// Principal component analysis through the SVD (MathNet.Numerics) of the p×p covariance matrix:
/// O(n·p²) to form it and O(p³) to decompose it, so it scales to many rows. Each component's sign
/// is fixed so that its largest-magnitude loading is positive, which makes the output deterministic.
/// </summary>
internal static class PrincipalComponents
{
    public static PcaProjection Fit(double[] values, int rows, int width, int components)
    {
        if (rows < 2)
        {
            throw new PreprocessingException($"PCA needs at least 2 rows, not {rows}.");
        }

        components = Math.Min(components, width);
        var mean = new double[width];
        for (var row = 0; row < rows; row++)
        {
            for (var j = 0; j < width; j++)
            {
                mean[j] += values[(row * width) + j];
            }
        }

        for (var j = 0; j < width; j++)
        {
            mean[j] /= rows;
        }

        var covariance = new double[width, width];
        var centered = new double[width];
        for (var row = 0; row < rows; row++)
        {
            for (var j = 0; j < width; j++)
            {
                centered[j] = values[(row * width) + j] - mean[j];
            }

            for (var a = 0; a < width; a++)
            {
                for (var b = a; b < width; b++)
                {
                    covariance[a, b] += centered[a] * centered[b];
                }
            }
        }

        for (var a = 0; a < width; a++)
        {
            for (var b = a; b < width; b++)
            {
                covariance[a, b] /= rows - 1;
                covariance[b, a] = covariance[a, b];
            }
        }

        var svd = Matrix<double>.Build.DenseOfArray(covariance).Svd(computeVectors: true);
        var singular = svd.S;
        var totalVariance = singular.Sum();
        var loadings = new double[components * width];
        var variance = new double[components];
        var ratio = new double[components];
        for (var k = 0; k < components; k++)
        {
            var vector = svd.U.Column(k);
            var largest = 0;
            for (var j = 1; j < width; j++)
            {
                largest = Math.Abs(vector[j]) > Math.Abs(vector[largest]) ? j : largest;
            }

            var sign = vector[largest] < 0 ? -1.0 : 1.0;
            for (var j = 0; j < width; j++)
            {
                loadings[(k * width) + j] = sign * vector[j];
            }

            variance[k] = singular[k];
            ratio[k] = totalVariance > 0 ? singular[k] / totalVariance : 0.0;
        }

        return new PcaProjection(mean, loadings, variance, ratio);
    }

    /// <summary>Projects one row: output[k] = Σ_j (input[j] − mean[j]) · component[k, j].</summary>
    public static void Project(double[] mean, double[] components, ReadOnlySpan<double> input, Span<double> output)
    {
        var width = input.Length;
        Span<double> centered = width <= 256 ? stackalloc double[width] : new double[width];
        for (var j = 0; j < width; j++)
        {
            centered[j] = input[j] - mean[j];
        }

        for (var k = 0; k < output.Length; k++)
        {
            output[k] = System.Numerics.Tensors.TensorPrimitives.Dot(centered, components.AsSpan(k * width, width));
        }
    }
}
