using SegBench.Clustering.Algorithms;

namespace SegBench.Clustering.Tests.Algorithms;

/// <summary>The vectorised assignment kernels against the plain scalar reference, over many shapes (fixed seed).</summary>
public sealed class NearestCenterKernelTests
{
    public static TheoryData<int, int, int> Shapes()
    {
        var shapes = new TheoryData<int, int, int>();
        foreach (var rows in new[] { 1, 3, 4, 5, 37 })
        {
            foreach (var dimensions in new[] { 1, 2, 7, 8, 17, 33 })
            {
                foreach (var clusters in new[] { 1, 2, 7, 8, 9, 20 })
                {
                    shapes.Add(rows, dimensions, clusters);
                }
            }
        }

        return shapes;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void VectorKernelsAgreeWithTheScalarReference(int rows, int dimensions, int clusters)
    {
        var data = TestData.Uniform(rows * 1000 + dimensions * 10 + clusters, rows, dimensions, scale: 3);
        var centers = TestData.Uniform(clusters, clusters, dimensions, scale: 3).Values;
        var prepared = new PreparedCenters(clusters, dimensions);
        prepared.Load(centers);
        var offset = TestData.Uniform(7, 1, dimensions).Values;

        var expectedLabels = new int[rows];
        var expectedDistances = new double[rows];
        NearestCenterKernel.AssignScalar(data.Values, rows, prepared, offset, expectedLabels, expectedDistances);

        // Both vector paths run everywhere: where the hardware lacks the width, .NET emulates it.
        var kernels = new List<(string Name, Action<int[], double[]> Run)>
        {
            ("dispatch", (l, d) => NearestCenterKernel.Assign(data.Values, rows, prepared, offset, l, d)),
            ("512", (l, d) => NearestCenterKernel.AssignVector512(data.Values, rows, prepared, offset, l, d)),
            ("256", (l, d) => NearestCenterKernel.AssignVector256(data.Values, rows, prepared, offset, l, d)),
        };

        foreach (var (name, run) in kernels)
        {
            var labels = new int[rows];
            var distances = new double[rows];
            run(labels, distances);
            labels.Should().Equal(expectedLabels, "the {0} kernel picks the same nearest centers", name);
            for (var i = 0; i < rows; i++)
            {
                distances[i].Should().BeApproximately(expectedDistances[i], 1e-12 * (1 + Math.Abs(expectedDistances[i])) * dimensions, "{0} kernel, row {1}", name, i);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void TheSinglePrecisionKernelAgreesWithItsScalarReference(int rows, int dimensions, int clusters)
    {
        var data = TestData.Uniform(rows * 1000 + dimensions * 10 + clusters, rows, dimensions, scale: 3).Values.Select(v => (float)v).ToArray();
        var prepared = new PreparedCentersSingle(clusters, dimensions);
        prepared.Load(TestData.Uniform(clusters, clusters, dimensions, scale: 3).Values);
        var expected = new int[rows];
        var distances = new float[rows];
        SingleKernel.AssignScalar(data, rows, prepared, expected, distances);
        var labels = new int[rows];
        SingleKernel.Assign(data, rows, prepared, labels);
        for (var i = 0; i < rows; i++)
        {
            if (labels[i] != expected[i])
            {
                // float32 sums in another order may swap near-ties only: both must be (almost) equally near.
                var row = data.AsSpan(i * dimensions, dimensions);
                Distance(row, prepared, labels[i]).Should().BeApproximately(Distance(row, prepared, expected[i]), 1e-4f * (1 + Math.Abs(distances[i])));
            }
        }

        static float Distance(ReadOnlySpan<float> row, PreparedCentersSingle centers, int c)
        {
            var dot = 0.0;
            for (var j = 0; j < row.Length; j++)
            {
                dot += row[j] * centers.Transposed[j * centers.PaddedClusters + c];
            }

            return (float)(centers.Norms[c] - 2 * dot);
        }
    }

    [Fact]
    public void TiesGoToTheLowestCenterIndex()
    {
        var prepared = new PreparedCenters(9, 1);
        prepared.Load([5, 1, 1, 7, 1, 9, 1, 1, 1]); // centers 1, 2, 4, 6, 7, 8 are equally near
        var labels = new int[1];
        var distances = new double[1];
        double[] offset = [0.0];
        NearestCenterKernel.Assign([1.0], 1, prepared, offset, labels, distances);
        labels[0].Should().Be(1);
        NearestCenterKernel.AssignVector512([1.0], 1, prepared, offset, labels, distances);
        labels[0].Should().Be(1);
        NearestCenterKernel.AssignVector256([1.0, 1, 1, 1], 1, prepared, offset, labels, distances);
        labels[0].Should().Be(1);
        NearestCenterKernel.AssignScalar([1.0], 1, prepared, offset, labels, distances);
        labels[0].Should().Be(1);
    }
}
