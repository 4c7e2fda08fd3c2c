using SegBench.Clustering.Algorithms;

namespace SegBench.Clustering.Tests.Algorithms;

public sealed class ModelJsonTests
{
    private static string KMeansJson()
    {
        var model = new KMeansModel([0.1, 0.2, 1.0 / 3, 1e-300], 2, 2);
        return ClusterModelJson.Serialize(model);
    }

    [Fact]
    public void TheDocumentCarriesFormatVersionAndAlgorithm()
    {
        var json = KMeansJson();
        json.Should().Contain("\"format_version\": 1").And.Contain("\"algorithm\": \"kmeans\"");
    }

    [Fact]
    public void DoublesRoundTripExactly()
    {
        var loaded = (KMeansModel)ClusterModelJson.Deserialize(KMeansJson());
        loaded.Centers.Should().Equal(0.1, 0.2, 1.0 / 3, 1e-300);
    }

    [Theory]
    [InlineData("{ not json", "*not valid JSON*")]
    [InlineData("[1, 2]", "*must be a JSON object*")]
    [InlineData("{\"algorithm\": \"kmeans\"}", "*no numeric 'format_version'*")]
    [InlineData("{\"format_version\": 2, \"algorithm\": \"kmeans\"}", "*format_version is 2; this build reads version 1*")]
    [InlineData("{\"format_version\": 1, \"algorithm\": \"spectral\"}", "*algorithm 'spectral' is unknown*")]
    [InlineData("{\"format_version\": 1, \"algorithm\": \"kmeans\", \"clusters\": 2, \"dimensions\": 2}", "*no 'centers'*")]
    [InlineData("{\"format_version\": 1, \"algorithm\": \"kmeans\", \"clusters\": 2, \"dimensions\": 2, \"centers\": [[1, 2]]}", "*kmeans model is inconsistent*")]
    [InlineData("{\"format_version\": 1, \"algorithm\": \"kmeans\", \"clusters\": 1, \"dimensions\": 2, \"centers\": [[1, \"x\"]]}", "*'centers' must be an array of numbers*")]
    [InlineData("{\"format_version\": 1, \"algorithm\": \"gmm\", \"clusters\": 1, \"dimensions\": 1, \"covariance_type\": \"tied\"}", "*covariance_type 'tied'*")]
    public void CorruptOrForeignDocumentsAreRejectedClearly(string json, string message)
    {
        var load = () => ClusterModelJson.Deserialize(json);
        load.Should().Throw<ClusterModelFormatException>().WithMessage(message);
    }

    [Fact]
    public void AGaussianMixtureWithoutALowerBoundRoundTrips()
    {
        var model = new GaussianMixtureModel([0.5, 0.5], [0, 0, 5, 5], [1, 1, 2, 2], CovarianceType.Diagonal, 2);
        var loaded = (GaussianMixtureModel)ClusterModelJson.Deserialize(ClusterModelJson.Serialize(model));
        double.IsNaN(loaded.LowerBound).Should().BeTrue();
        loaded.Covariances.Should().Equal(1, 1, 2, 2);
        loaded.Assign([4.5, 5.2]).Should().BeEquivalentTo(model.Assign([4.5, 5.2]));
    }

    [Fact]
    public void ATruncatedFileIsRejected()
    {
        var json = KMeansJson();
        var load = () => ClusterModelJson.Deserialize(json[..(json.Length / 2)]);
        load.Should().Throw<ClusterModelFormatException>().WithMessage("*not valid JSON*");
    }

    [Fact]
    public void SaveLeavesNoTemporaryFileBehind()
    {
        var directory = Directory.CreateTempSubdirectory("segbench-model-");
        try
        {
            var path = Path.Combine(directory.FullName, "model.json");
            ClusterModelJson.Save(new KMeansModel([1, 2], 1, 2), path);
            Directory.GetFiles(directory.FullName).Should().Equal(path);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
