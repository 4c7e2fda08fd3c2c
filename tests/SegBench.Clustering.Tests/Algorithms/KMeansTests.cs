using SegBench.Clustering.Algorithms;

namespace SegBench.Clustering.Tests.Algorithms;

public sealed class KMeansOptionsTests
{
    public static TheoryData<KMeansOptions, string> BadOptions => new()
    {
        { new KMeansOptions { NumberOfClusters = 0 }, "NumberOfClusters" },
        { new KMeansOptions { MaximumIterations = 0 }, "MaximumIterations" },
        { new KMeansOptions { Tolerance = -1 }, "Tolerance" },
        { new KMeansOptions { Tolerance = double.NaN }, "Tolerance" },
        { new KMeansOptions { NumberOfInitializations = 0 }, "NumberOfInitializations" },
        { new KMeansOptions { MaximumDegreeOfParallelism = 0 }, "MaximumDegreeOfParallelism" },
        { new KMeansOptions { Initialization = KMeansInitialization.Explicit }, "InitialCenters" },
        { new KMeansOptions { NumberOfClusters = 1, InitialCenters = [1.0, double.NaN] }, "InitialCenters" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void BadSettingsAreRejectedByName(KMeansOptions options, string setting)
    {
        var create = () => new KMeans(options);
        create.Should().Throw<ArgumentException>().WithMessage($"{setting}*").Which.ParamName.Should().Be(setting);
    }

    [Fact]
    public void InitialCentersOfTheWrongShapeAreRejected()
    {
        var data = TestData.Uniform(1, 10, 3);
        var fit = () => new KMeans(new KMeansOptions { NumberOfClusters = 2, InitialCenters = [1, 2, 3] }).Fit(data);
        fit.Should().Throw<ArgumentException>().WithMessage("InitialCenters must hold*2 x 3*not 3*");
    }

    [Theory]
    [InlineData(KMeansAlgorithm.Auto, 8, false)]
    [InlineData(KMeansAlgorithm.Auto, 16, true)]
    [InlineData(KMeansAlgorithm.Lloyd, 64, false)]
    [InlineData(KMeansAlgorithm.Hamerly, 2, true)]
    public void AutoUsesHamerlyFromSixteenClusters(KMeansAlgorithm algorithm, int clusters, bool hamerly) =>
        KMeans.UsesHamerly(new KMeansOptions { Algorithm = algorithm, NumberOfClusters = clusters }).Should().Be(hamerly);

    [Fact]
    public void DefaultsFollowScikitLearn()
    {
        var defaults = KMeansOptions.Defaults;
        defaults.NumberOfClusters.Should().Be(8);
        defaults.MaximumIterations.Should().Be(300);
        defaults.Tolerance.Should().Be(1e-4);
        defaults.Initialization.Should().Be(KMeansInitialization.KMeansPlusPlus);
    }
}

public sealed class KMeansTests
{
    [Fact]
    public void DifferentSeedsCanGiveDifferentStarts()
    {
        var data = TestData.Uniform(5, 500, 2);
        var fits = Enumerable.Range(0, 6)
            .Select(seed => new KMeans(new KMeansOptions { NumberOfClusters = 5, Seed = seed, MaximumIterations = 1 }).Fit(data).Inertia)
            .Distinct()
            .Count();
        fits.Should().BeGreaterThan(1);
    }

    [Fact]
    public void MoreInitializationsNeverRaiseTheInertia()
    {
        var data = TestData.Uniform(6, 800, 3);
        var one = new KMeans(new KMeansOptions { NumberOfClusters = 6, Seed = 4 }).Fit(data);
        var ten = new KMeans(new KMeansOptions { NumberOfClusters = 6, Seed = 4, NumberOfInitializations = 10 }).Fit(data);
        ten.Inertia.Should().BeLessThanOrEqualTo(one.Inertia); // the first of the ten is the same start as the one
    }

    [Fact]
    public void InertiaIsTheSumOfSquaredDistancesToTheFinalCenters()
    {
        var data = TestData.Uniform(8, 300, 4);
        var result = new KMeans(new KMeansOptions { NumberOfClusters = 5, MaximumIterations = 2, Tolerance = 0 }).Fit(data);
        var model = (KMeansModel)result.Model;
        var expected = 0.0;
        for (var i = 0; i < data.Rows; i++)
        {
            var assignment = model.Assign(data.Row(i));
            assignment.Cluster.Should().Be(result.Labels[i]);
            expected += assignment.Distance * assignment.Distance;
        }

        result.Inertia.Should().BeApproximately(expected, expected * 1e-12);
        result.Iterations.Should().Be(2);
    }

    [Fact]
    public void ZeroToleranceStopsOnlyWhenNoLabelChanges()
    {
        var (data, _) = TestData.FourBlobs(seed: 5);
        var result = new KMeans(new KMeansOptions { NumberOfClusters = 4, Tolerance = 0, Seed = 1 }).Fit(data);
        var again = new KMeans(new KMeansOptions
        {
            NumberOfClusters = 4,
            Tolerance = 0,
            InitialCenters = ((KMeansModel)result.Model).Centers,
        }).Fit(data);
        // Started from converged centers, one step changes nothing (labels start "unknown", so it takes two).
        again.Iterations.Should().Be(2);
        again.Labels.Should().Equal(result.Labels);
    }

    [Fact]
    public void AnEmptyClusterTakesTheFarthestPoint()
    {
        // Two tight groups; the third start center is so far away that no point picks it.
        double[] values = [0, 0, 0.1, 0, 0, 0.1, 10, 10, 10.1, 10, 10, 10.1, 30, 30];
        var data = new FeatureMatrix(values, 7, 2);
        var result = new KMeans(new KMeansOptions
        {
            NumberOfClusters = 3,
            InitialCenters = [0, 0, 10, 10, 1000, 1000],
            Tolerance = 0,
        }).Fit(data);
        var model = (KMeansModel)result.Model;
        model.Center(2).ToArray().Should().Equal(30, 30);
        result.Labels.Should().Equal(0, 0, 0, 1, 1, 1, 2);
        result.Inertia.Should().BeApproximately(Expected(values), 1e-12);

        static double Expected(double[] v)
        {
            double Group(int start)
            {
                double mx = (v[start] + v[start + 2] + v[start + 4]) / 3, my = (v[start + 1] + v[start + 3] + v[start + 5]) / 3;
                var sum = 0.0;
                for (var p = 0; p < 3; p++)
                {
                    sum += Math.Pow(v[start + 2 * p] - mx, 2) + Math.Pow(v[start + 2 * p + 1] - my, 2);
                }

                return sum;
            }

            return Group(0) + Group(6);
        }
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(3, 4)]
    [InlineData(8, 17)]
    [InlineData(20, 5)]
    public void HamerlyGivesLloydsLabelsAndIterations(int clusters, int dimensions)
    {
        var data = TestData.Uniform(clusters * 100 + dimensions, 6000, dimensions, scale: 10);
        KMeansOptions Options(KMeansAlgorithm algorithm) => new()
        {
            NumberOfClusters = clusters,
            Seed = 3,
            Tolerance = 0,
            MaximumIterations = 60,
            Algorithm = algorithm,
        };
        var lloyd = new KMeans(Options(KMeansAlgorithm.Lloyd)).Fit(data);
        var hamerly = new KMeans(Options(KMeansAlgorithm.Hamerly)).Fit(data);
        hamerly.Iterations.Should().Be(lloyd.Iterations);
        hamerly.Labels.Should().Equal(lloyd.Labels);
        hamerly.Inertia.Should().BeApproximately(lloyd.Inertia, lloyd.Inertia * 1e-9 + 1e-12);
    }

    [Fact]
    public void SinglePrecisionMatchesDoubleWhereAccuracyHolds()
    {
        var (data, _) = TestData.Blobs(12, 3000, [[0, 0, 0, 0], [4, 0, 0, 0], [0, 4, 0, 0], [0, 0, 4, 4]], 1.0);
        KMeansOptions Options(KMeansPrecision precision) => new() { NumberOfClusters = 4, Seed = 2, Precision = precision };
        var single = new KMeans(Options(KMeansPrecision.Single)).Fit(data);
        var full = new KMeans(Options(KMeansPrecision.Double)).Fit(data);
        TestData.AdjustedRandIndex(full.Labels, single.Labels).Should().BeGreaterThan(0.999);
        single.Inertia.Should().BeApproximately(full.Inertia, full.Inertia * 1e-6);
        ((KMeansModel)single.Model).Predict(data).Should().Equal(single.Labels, "the returned labels are the float64 labels of the final centers");
    }

    [Fact]
    public void HamerlyRelocatesEmptyClustersLikeLloyd()
    {
        double[] values = [0, 0, 0.1, 0, 0, 0.1, 10, 10, 10.1, 10, 10, 10.1, 30, 30];
        var data = new FeatureMatrix(values, 7, 2);
        KMeansOptions Options(KMeansAlgorithm algorithm) => new()
        {
            NumberOfClusters = 3,
            InitialCenters = [0, 0, 10, 10, 1000, 1000],
            Tolerance = 0,
            Algorithm = algorithm,
        };
        var lloyd = new KMeans(Options(KMeansAlgorithm.Lloyd)).Fit(data);
        var hamerly = new KMeans(Options(KMeansAlgorithm.Hamerly)).Fit(data);
        hamerly.Labels.Should().Equal(lloyd.Labels);
        hamerly.Iterations.Should().Be(lloyd.Iterations);
        ((KMeansModel)hamerly.Model).Centers.Should().Equal(((KMeansModel)lloyd.Model).Centers);
    }

    [Fact]
    public void KEqualToRowsPutsEachRowInItsOwnCluster()
    {
        var data = TestData.Uniform(9, 6, 2);
        var result = new KMeans(new KMeansOptions { NumberOfClusters = 6 }).Fit(data);
        result.Labels.Distinct().Should().HaveCount(6);
        result.Inertia.Should().BeApproximately(0, 1e-20);
    }

    [Fact]
    public void PredictAgreesWithFitLabels()
    {
        var data = TestData.Uniform(12, 5000, 5);
        var result = new KMeans(new KMeansOptions { NumberOfClusters = 9, Seed = 3 }).Fit(data);
        ((KMeansModel)result.Model).Predict(data).Should().Equal(result.Labels);
    }

    [Fact]
    public void PredictIsAccurateFarFromTheOrigin()
    {
        // Rupee-sized values: without centering, ‖c‖² − 2·x·c would lose the small differences.
        var (blobs, _) = TestData.FourBlobs(seed: 14);
        var shifted = new FeatureMatrix(blobs.Values.Select(v => v * 0.001 + 5e7).ToArray(), blobs.Rows, blobs.Columns);
        var result = new KMeans(new KMeansOptions { NumberOfClusters = 4, Seed = 1 }).Fit(shifted);
        var model = (KMeansModel)result.Model;
        model.Predict(shifted).Should().Equal(result.Labels);
        for (var i = 0; i < shifted.Rows; i += 5)
        {
            model.Assign(shifted.Row(i)).Cluster.Should().Be(result.Labels[i]);
        }
    }

    [Fact]
    public void KMeansPlusPlusSpreadsTheFirstCentersOverTheBlobs()
    {
        var (data, truth) = TestData.FourBlobs(seed: 8);
        var result = new KMeans(new KMeansOptions { NumberOfClusters = 4, MaximumIterations = 1, Seed = 2 }).Fit(data);
        TestData.AdjustedRandIndex(truth, result.Labels).Should().BeGreaterThanOrEqualTo(0.99);
    }

    [Fact]
    public void CancellationStopsTheFit()
    {
        var data = TestData.Uniform(13, 20_000, 4);
        using var source = new CancellationTokenSource();
        source.Cancel();
        var fit = () => new KMeans(new KMeansOptions { NumberOfClusters = 4 }).Fit(data, source.Token);
        fit.Should().Throw<OperationCanceledException>();
    }
}
