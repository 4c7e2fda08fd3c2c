using SegBench.Clustering;
using SegBench.Clustering.Algorithms;

namespace SegBench.Clustering.Tests.Algorithms;

/// <summary>
/// What every clusterer promises. Subclassed once per algorithm; the subclass says how to build the
/// clusterer for k clusters, a seed and a thread limit.
/// </summary>
public abstract class ClustererContract<T>
    where T : IClusterer
{
    /// <summary>A clusterer for well-separated blobs with <paramref name="clusters"/> clusters.</summary>
    protected abstract T Create(int clusters, int seed, int? threads = null);

    [Fact]
    public void SameSeedGivesIdenticalLabelsAndModel()
    {
        var (data, _) = TestData.FourBlobs();
        var first = Create(4, 7).Fit(data);
        var second = Create(4, 7).Fit(data);
        second.Labels.Should().Equal(first.Labels);
        ClusterModelJson.Serialize(second.Model).Should().Be(ClusterModelJson.Serialize(first.Model));
    }

    [Fact]
    public void OneThreadAndManyThreadsGiveBitIdenticalResults()
    {
        var (data, _) = TestData.Blobs(3, 3000, [[0, 0], [3, 0], [0, 3], [3, 3]], 1.0); // 12,000 rows: several chunks
        var one = Create(4, 5, threads: 1).Fit(data);
        var many = Create(4, 5, threads: 4).Fit(data);
        many.Labels.Should().Equal(one.Labels);
        BitConverter.DoubleToInt64Bits(many.Inertia).Should().Be(BitConverter.DoubleToInt64Bits(one.Inertia));
        ClusterModelJson.Serialize(many.Model).Should().Be(ClusterModelJson.Serialize(one.Model));
    }

    [Fact]
    public void LabelsAreInRange()
    {
        var (data, _) = TestData.FourBlobs();
        var result = Create(4, 1).Fit(data);
        result.Labels.Should().HaveCount(data.Rows);
        result.Labels.Should().OnlyContain(label => label >= -1 && label < result.NumberOfClusters);
        result.Model.NumberOfClusters.Should().Be(result.NumberOfClusters);
        result.Model.Dimensions.Should().Be(data.Columns);
    }

    [Fact]
    public void RecoversWellSeparatedBlobs()
    {
        var (data, truth) = TestData.FourBlobs(seed: 11);
        var result = Create(4, 3).Fit(data);
        TestData.AdjustedRandIndex(truth, result.Labels).Should().BeGreaterThanOrEqualTo(0.99);
        result.NumberOfClusters.Should().Be(4);
    }

    [Fact]
    public void AssignAgreesWithFitLabels()
    {
        var (data, _) = TestData.FourBlobs(seed: 2);
        var result = Create(4, 9).Fit(data);
        for (var i = 0; i < data.Rows; i++)
        {
            var assignment = result.Model.Assign(data.Row(i));
            assignment.Cluster.Should().Be(result.Labels[i], "row {0} was labelled so by Fit", i);
            assignment.Distance.Should().BeGreaterThanOrEqualTo(0);
        }
    }

    [Fact]
    public void ModelRoundTripsThroughJson()
    {
        var (data, _) = TestData.FourBlobs(seed: 4);
        var model = Create(4, 2).Fit(data).Model;
        var path = Path.Combine(Path.GetTempPath(), $"segbench-{typeof(T).Name}-{Guid.NewGuid():N}.json");
        try
        {
            ClusterModelJson.Save(model, path);
            var loaded = ClusterModelJson.Load(path);
            loaded.Algorithm.Should().Be(model.Algorithm);
            loaded.NumberOfClusters.Should().Be(model.NumberOfClusters);
            loaded.Dimensions.Should().Be(model.Dimensions);
            ClusterModelJson.Serialize(loaded).Should().Be(ClusterModelJson.Serialize(model));
            for (var i = 0; i < data.Rows; i += 7)
            {
                loaded.Assign(data.Row(i)).Should().BeEquivalentTo(model.Assign(data.Row(i)));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void DataWithNaNIsRejected()
    {
        var (data, _) = TestData.FourBlobs();
        data.Values[17] = double.NaN;
        var fit = () => Create(4, 1).Fit(data);
        fit.Should().Throw<ArgumentException>().WithMessage("*non-finite*row 5*");
    }

    [Fact]
    public void AssignRejectsRowsOfTheWrongWidth()
    {
        var (data, _) = TestData.FourBlobs();
        var model = Create(4, 1).Fit(data).Model;
        var assign = () => model.Assign(new double[data.Columns + 1]);
        assign.Should().Throw<ArgumentException>().WithMessage("*3 values, not 4*");
    }
}

/// <summary>The contract of algorithms that take k.</summary>
public abstract class CenteredClustererContract<T> : ClustererContract<T>
    where T : IClusterer
{
    [Fact]
    public void MoreClustersThanRowsIsRejected()
    {
        var data = TestData.Uniform(1, 5, 2);
        var fit = () => Create(6, 1).Fit(data);
        fit.Should().Throw<ArgumentException>().WithMessage("*NumberOfClusters (6)*5*").Which.ParamName.Should().Be("NumberOfClusters");
    }

    [Fact]
    public void FitReportsAFiniteInertiaAndAtLeastOneIteration()
    {
        var (data, _) = TestData.FourBlobs();
        var result = Create(4, 1).Fit(data);
        double.IsFinite(result.Inertia).Should().BeTrue();
        result.Inertia.Should().BeGreaterThan(0);
        result.Iterations.Should().BeGreaterThanOrEqualTo(1);
    }
}

public sealed class KMeansContract : CenteredClustererContract<KMeans>
{
    protected override KMeans Create(int clusters, int seed, int? threads = null) =>
        new(new KMeansOptions { NumberOfClusters = clusters, Seed = seed, MaximumDegreeOfParallelism = threads, NumberOfInitializations = 3 });
}

public sealed class HamerlyKMeansContract : CenteredClustererContract<KMeans>
{
    protected override KMeans Create(int clusters, int seed, int? threads = null) =>
        new(new KMeansOptions { NumberOfClusters = clusters, Seed = seed, MaximumDegreeOfParallelism = threads, Algorithm = KMeansAlgorithm.Hamerly });
}

public sealed class SinglePrecisionKMeansContract : CenteredClustererContract<KMeans>
{
    protected override KMeans Create(int clusters, int seed, int? threads = null) =>
        new(new KMeansOptions { NumberOfClusters = clusters, Seed = seed, MaximumDegreeOfParallelism = threads, Precision = KMeansPrecision.Single });
}

public sealed class RandomInitializedKMeansContract : CenteredClustererContract<KMeans>
{
    protected override KMeans Create(int clusters, int seed, int? threads = null) =>
        new(new KMeansOptions { NumberOfClusters = clusters, Seed = seed, MaximumDegreeOfParallelism = threads, Initialization = KMeansInitialization.Random, NumberOfInitializations = 10 });
}

public sealed class MiniBatchKMeansContract : CenteredClustererContract<MiniBatchKMeans>
{
    protected override MiniBatchKMeans Create(int clusters, int seed, int? threads = null) =>
        new(new MiniBatchKMeansOptions { NumberOfClusters = clusters, Seed = seed, BatchSize = 256 });
}

public sealed class GaussianMixtureFullContract : CenteredClustererContract<GaussianMixture>
{
    protected override GaussianMixture Create(int clusters, int seed, int? threads = null) =>
        new(new GaussianMixtureOptions { NumberOfClusters = clusters, Seed = seed, MaximumDegreeOfParallelism = threads });
}

public sealed class GaussianMixtureDiagonalContract : CenteredClustererContract<GaussianMixture>
{
    protected override GaussianMixture Create(int clusters, int seed, int? threads = null) =>
        new(new GaussianMixtureOptions { NumberOfClusters = clusters, Seed = seed, MaximumDegreeOfParallelism = threads, CovarianceType = CovarianceType.Diagonal });
}

public sealed class KPrototypesContract : CenteredClustererContract<KPrototypes>
{
    protected override KPrototypes Create(int clusters, int seed, int? threads = null) =>
        new(new KPrototypesOptions { NumberOfClusters = clusters, Seed = seed, NumberOfInitializations = 5 });
}

public sealed class DbscanContract : ClustererContract<Dbscan>
{
    protected override Dbscan Create(int clusters, int seed, int? threads = null) =>
        new(new DbscanOptions { Eps = 1.5, MinimumSamples = 5, MaximumDegreeOfParallelism = threads });
}
