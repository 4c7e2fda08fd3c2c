using SegBench.Clustering.Algorithms;

namespace SegBench.Clustering.Tests.Algorithms;

public sealed class GaussianMixtureTests
{
    [Fact]
    public void AssignReportsProbabilitiesThatSumToOne()
    {
        var (data, _) = TestData.FourBlobs(seed: 3);
        var model = new GaussianMixture(new GaussianMixtureOptions { NumberOfClusters = 4 }).Fit(data).Model;
        var assignment = model.Assign([5, 5, 0]);
        assignment.Probabilities.Should().HaveCount(4);
        assignment.Probabilities!.Sum().Should().BeApproximately(1, 1e-12);
        assignment.Probabilities![assignment.Cluster].Should().Be(assignment.Probabilities.Max());
    }

    [Fact]
    public void BicPrefersTheTrueNumberOfComponents()
    {
        var (data, _) = TestData.Blobs(4, 150, [[0, 0], [6, 0], [0, 6]], 1.0);
        double Bic(int k) => ((GaussianMixtureModel)new GaussianMixture(new GaussianMixtureOptions { NumberOfClusters = k }).Fit(data).Model).Bic(data);
        Bic(3).Should().BeLessThan(Bic(1)).And.BeLessThan(Bic(2)).And.BeLessThan(Bic(6));
    }

    [Fact]
    public void ParameterCountFollowsScikitLearn()
    {
        var (data, _) = TestData.FourBlobs();
        var full = (GaussianMixtureModel)new GaussianMixture(new GaussianMixtureOptions { NumberOfClusters = 4 }).Fit(data).Model;
        var diagonal = (GaussianMixtureModel)new GaussianMixture(new GaussianMixtureOptions { NumberOfClusters = 4, CovarianceType = CovarianceType.Diagonal }).Fit(data).Model;
        full.NumberOfParameters.Should().Be(4 * 6 + 4 * 3 + 3);
        diagonal.NumberOfParameters.Should().Be(4 * 3 + 4 * 3 + 3);
    }

    [Fact]
    public void BadSettingsAreRejectedByName()
    {
        var create = () => new GaussianMixture(new GaussianMixtureOptions { CovarianceRegularization = -1 });
        create.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("CovarianceRegularization");
        var noStart = () => new GaussianMixture(new GaussianMixtureOptions { KMeansInitializations = 0 });
        noStart.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("KMeansInitializations");
    }
}

public sealed class DbscanTests
{
    [Fact]
    public void IsolatedPointsAreNoise()
    {
        var (blobs, _) = TestData.FourBlobs(seed: 6);
        var values = blobs.Values.Concat(new double[] { 50, 50, 50, -50, -50, -50 }).ToArray();
        var data = new FeatureMatrix(values, blobs.Rows + 2, 3);
        var result = new Dbscan(new DbscanOptions { Eps = 1.5, MinimumSamples = 5 }).Fit(data);
        result.Labels[^1].Should().Be(-1);
        result.Labels[^2].Should().Be(-1);
        result.NumberOfClusters.Should().Be(4);
        result.Model.Assign([50, 50, 50]).Should().Be(new Assignment(-1, double.NaN));
    }

    [Fact]
    public void APointCountsItselfTowardsMinimumSamples()
    {
        var data = new FeatureMatrix([0, 0, 1, 0, 10, 10], 3, 2);
        new Dbscan(new DbscanOptions { Eps = 1, MinimumSamples = 2 }).Fit(data).Labels.Should().Equal(0, 0, -1);
        new Dbscan(new DbscanOptions { Eps = 1, MinimumSamples = 3 }).Fit(data).Labels.Should().Equal(-1, -1, -1);
        new Dbscan(new DbscanOptions { Eps = 1, MinimumSamples = 1 }).Fit(data).Labels.Should().Equal(0, 0, 1);
    }

    [Fact]
    public void AgreesWithABruteForceReferenceOnRandomData()
    {
        var data = TestData.Uniform(21, 600, 3, scale: 4);
        var eps = 0.9;
        var minimum = 6;
        var labels = new Dbscan(new DbscanOptions { Eps = eps, MinimumSamples = minimum }).Fit(data).Labels;
        labels.Should().Equal(BruteForce(data, eps, minimum));
    }

    [Theory]
    [InlineData(0.0, 5, "Eps")]
    [InlineData(double.NaN, 5, "Eps")]
    [InlineData(1.0, 0, "MinimumSamples")]
    public void BadSettingsAreRejectedByName(double eps, int minimum, string setting)
    {
        var create = () => new Dbscan(new DbscanOptions { Eps = eps, MinimumSamples = minimum });
        create.Should().Throw<ArgumentException>().Which.ParamName.Should().Be(setting);
    }

    /// <summary>scikit-learn's dbscan_inner over all-pairs neighbourhoods.</summary>
    private static int[] BruteForce(FeatureMatrix data, double eps, int minimum)
    {
        var n = data.Rows;
        var neighbourhoods = new List<int>[n];
        for (var i = 0; i < n; i++)
        {
            neighbourhoods[i] = [];
            for (var j = 0; j < n; j++)
            {
                var sum = 0.0;
                for (var c = 0; c < data.Columns; c++)
                {
                    sum += Math.Pow(data.Row(i)[c] - data.Row(j)[c], 2);
                }

                if (Math.Sqrt(sum) <= eps)
                {
                    neighbourhoods[i].Add(j);
                }
            }
        }

        var labels = Enumerable.Repeat(-1, n).ToArray();
        var label = 0;
        for (var i = 0; i < n; i++)
        {
            if (labels[i] != -1 || neighbourhoods[i].Count < minimum)
            {
                continue;
            }

            var stack = new Stack<int>();
            var point = i;
            while (true)
            {
                if (labels[point] == -1)
                {
                    labels[point] = label;
                    if (neighbourhoods[point].Count >= minimum)
                    {
                        foreach (var j in neighbourhoods[point].Where(j => labels[j] == -1))
                        {
                            stack.Push(j);
                        }
                    }
                }

                if (stack.Count == 0)
                {
                    break;
                }

                point = stack.Pop();
            }

            label++;
        }

        return labels;
    }
}

public sealed class MiniBatchKMeansTests
{
    [Fact]
    public void StreamingChunksRecoversTheBlobs()
    {
        var (data, truth) = TestData.Blobs(9, 2000, [[0, 0, 0], [10, 0, 0], [0, 10, 0], [0, 0, 10]], 0.5);
        var chunks = Enumerable.Range(0, 8).Select(c =>
            new FeatureMatrix(data.Values.AsSpan(c * 1000 * 3, 1000 * 3).ToArray(), 1000, 3)).ToList();
        var result = new MiniBatchKMeans(new MiniBatchKMeansOptions { NumberOfClusters = 4, BatchSize = 200 }).FitStream(chunks, passes: 2);
        result.RowsSeen.Should().Be(16_000);
        result.Steps.Should().Be(80);
        TestData.AdjustedRandIndex(truth, result.Model.Predict(data)).Should().BeGreaterThanOrEqualTo(0.99);
    }

    [Fact]
    public void StreamingRejectsChunksOfAnotherWidth()
    {
        var chunks = new[] { TestData.Uniform(1, 100, 3), TestData.Uniform(2, 100, 4) };
        var fit = () => new MiniBatchKMeans(new MiniBatchKMeansOptions { NumberOfClusters = 2 }).FitStream(chunks);
        fit.Should().Throw<ArgumentException>().WithMessage("*3 columns*4*");
    }

    [Fact]
    public void InertiaIsCloseToFullKMeans()
    {
        var (data, _) = TestData.Blobs(10, 2000, [[0, 0], [5, 0], [0, 5], [5, 5]], 1.0);
        var full = new KMeans(new KMeansOptions { NumberOfClusters = 4 }).Fit(data);
        var mini = new MiniBatchKMeans(new MiniBatchKMeansOptions { NumberOfClusters = 4, BatchSize = 256 }).Fit(data);
        mini.Inertia.Should().BeLessThan(full.Inertia * 1.02);
    }
}

public sealed class KPrototypesTests
{
    [Fact]
    public void SeparatesGroupsThatDifferOnlyInTheirCategories()
    {
        // The numeric column is the same noise in both groups; the categorical code tells them apart.
        var random = new Random(5);
        var n = 400;
        var values = new double[n * 2];
        var truth = new int[n];
        for (var i = 0; i < n; i++)
        {
            truth[i] = i % 2;
            values[i * 2] = TestData.Normal(random);
            values[i * 2 + 1] = truth[i] == 0 ? (random.NextDouble() < 0.9 ? 3 : 7) : (random.NextDouble() < 0.9 ? 7 : 3);
        }

        var data = new FeatureMatrix(values, n, 2);
        var result = new KPrototypes(new KPrototypesOptions { NumberOfClusters = 2, CategoricalColumns = [1], Gamma = 10, NumberOfInitializations = 3 }).Fit(data);
        var model = (KPrototypesModel)result.Model;
        model.Prototypes.Where((_, index) => index % 2 == 1).Should().BeEquivalentTo(new[] { 3.0, 7.0 });
        TestData.AdjustedRandIndex(truth, result.Labels).Should().BeGreaterThan(0.4);
    }

    [Fact]
    public void GammaDefaultsToTheMeanStandardDeviationOfTheNumericColumns()
    {
        double[] values = [0, 1, 0, 2, 10, 1, 4, 20, 0, 6, 30, 1];
        var data = new FeatureMatrix(values, 4, 3); // columns 0 and 1 numeric, 2 categorical
        var model = (KPrototypesModel)new KPrototypes(new KPrototypesOptions { NumberOfClusters = 2, CategoricalColumns = [2] }).Fit(data).Model;
        static double Std(double[] v) => Math.Sqrt(v.Select(x => Math.Pow(x - v.Average(), 2)).Average());
        model.Gamma.Should().BeApproximately((Std([0, 2, 4, 6]) + Std([1, 10, 20, 30])) / 2, 1e-12);
    }

    [Fact]
    public void NonIntegerCategoricalCodesAreRejected()
    {
        var data = new FeatureMatrix([0, 1.5, 1, 2], 2, 2);
        var fit = () => new KPrototypes(new KPrototypesOptions { NumberOfClusters = 1, CategoricalColumns = [1] }).Fit(data);
        fit.Should().Throw<ArgumentException>().WithMessage("*non-integer code (1.5)*row 0*");
    }

    [Fact]
    public void CategoricalColumnsOutOfRangeAreRejectedByName()
    {
        var data = TestData.Uniform(1, 10, 2);
        var fit = () => new KPrototypes(new KPrototypesOptions { NumberOfClusters = 2, CategoricalColumns = [2] }).Fit(data);
        fit.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("CategoricalColumns");
    }
}
