using System.Text.Json;
using SegBench.Clustering.Algorithms;

namespace SegBench.Clustering.Tests.Algorithms;

/// <summary>
/// k-means against scikit-learn 1.2 (Fixtures/make_kmeans_golden.py): same data and initial centers,
/// lloyd, n_init=1. Tolerances: inertia relative 1e-9, centers absolute 1e-9 (data ~100 in size),
/// labels and iteration counts exact.
/// </summary>
public sealed class KMeansGoldenTests
{
    public static TheoryData<string, KMeansAlgorithm> Cases()
    {
        var cases = new TheoryData<string, KMeansAlgorithm>();
        foreach (var algorithm in new[] { KMeansAlgorithm.Lloyd, KMeansAlgorithm.Hamerly })
        {
            foreach (var name in new[] { "tol0", "default_tol", "tol_5e-2", "max_iter_3" })
            {
                cases.Add(name, algorithm);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesScikitLearnFromTheSameInitialCenters(string name, KMeansAlgorithm algorithm)
    {
        using var fixture = TestData.Fixture("kmeans_golden.json");
        var root = fixture.RootElement;
        var data = TestData.Matrix(root);
        var expected = root.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

        var result = new KMeans(new KMeansOptions
        {
            NumberOfClusters = root.GetProperty("clusters").GetInt32(),
            InitialCenters = root.GetProperty("initial_centers").Doubles(),
            Tolerance = expected.GetProperty("tolerance").GetDouble(),
            MaximumIterations = expected.GetProperty("max_iter").GetInt32(),
            Algorithm = algorithm,
        }).Fit(data);

        result.Iterations.Should().Be(expected.GetProperty("n_iter").GetInt32());
        result.Labels.Should().Equal(expected.GetProperty("labels").Ints());
        var inertia = expected.GetProperty("inertia").GetDouble();
        result.Inertia.Should().BeApproximately(inertia, inertia * 1e-9);
        var centers = ((KMeansModel)result.Model).Centers;
        var expectedCenters = expected.GetProperty("centers").Doubles();
        for (var i = 0; i < expectedCenters.Length; i++)
        {
            centers[i].Should().BeApproximately(expectedCenters[i], 1e-9, "center value {0}", i);
        }
    }
}

/// <summary>Gaussian mixtures against scikit-learn 1.2 on three well-separated components.</summary>
public sealed class GaussianMixtureGoldenTests
{
    public static TheoryData<string> Types => new() { "full", "diag" };

    /// <remarks>
    /// Labels are compared through ARI = 1 (component order may differ); means and weights after matching
    /// components by their nearest mean, absolute 1e-6; lower bound, score and BIC relative 1e-8;
    /// iteration count exact.
    /// </remarks>
    [Theory]
    [MemberData(nameof(Types))]
    public void MatchesScikitLearn(string type)
    {
        using var fixture = TestData.Fixture("gmm_golden.json");
        var root = fixture.RootElement;
        var data = TestData.Matrix(root);
        var k = root.GetProperty("components").GetInt32();
        var expected = root.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("covariance_type").GetString() == type);

        var result = new GaussianMixture(new GaussianMixtureOptions
        {
            NumberOfClusters = k,
            CovarianceType = type == "full" ? CovarianceType.Full : CovarianceType.Diagonal,
        }).Fit(data);
        var model = (GaussianMixtureModel)result.Model;

        TestData.AdjustedRandIndex(expected.GetProperty("labels").Ints(), result.Labels).Should().Be(1.0);
        result.Iterations.Should().Be(expected.GetProperty("n_iter").GetInt32());
        Relative(model.LowerBound, expected.GetProperty("lower_bound").GetDouble()).Should().BeLessThan(1e-8);
        Relative(model.Score(data), expected.GetProperty("score").GetDouble()).Should().BeLessThan(1e-8);
        Relative(model.Bic(data), expected.GetProperty("bic").GetDouble()).Should().BeLessThan(1e-8);

        var means = expected.GetProperty("means").Doubles();
        var weights = expected.GetProperty("weights").Doubles();
        var d = data.Columns;
        for (var c = 0; c < k; c++)
        {
            var match = Enumerable.Range(0, k).MinBy(m => Math.Abs(model.Means[m * d] - means[c * d]) + Math.Abs(model.Means[m * d + 1] - means[c * d + 1]));
            for (var j = 0; j < d; j++)
            {
                model.Means[match * d + j].Should().BeApproximately(means[c * d + j], 1e-6);
            }

            model.Weights[match].Should().BeApproximately(weights[c], 1e-6);
        }
    }

    private static double Relative(double actual, double expected) => Math.Abs(actual - expected) / Math.Abs(expected);
}

/// <summary>DBSCAN against scikit-learn 1.2: labels identical, noise and numbering included.</summary>
public sealed class DbscanGoldenTests
{
    [Fact]
    public void LabelsMatchScikitLearnExactly()
    {
        using var fixture = TestData.Fixture("dbscan_golden.json");
        var root = fixture.RootElement;
        var result = new Dbscan(new DbscanOptions
        {
            Eps = root.GetProperty("eps").GetDouble(),
            MinimumSamples = root.GetProperty("min_samples").GetInt32(),
        }).Fit(TestData.Matrix(root));

        result.Labels.Should().Equal(root.GetProperty("labels").Ints());
        result.NumberOfClusters.Should().Be(root.GetProperty("labels").Ints().Max() + 1);
    }
}
