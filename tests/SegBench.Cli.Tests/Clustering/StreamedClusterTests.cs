using System.Globalization;
using System.Text.Json;
using SegBench.Clustering.Metrics;

namespace SegBench.Cli.Tests.Clustering;

/// <summary><c>cluster --stream</c>: mini-batch k-means batch by batch, agreeing with the in-memory fit.</summary>
public sealed class StreamedClusterTests : IDisposable
{
    private const int Rows = 3000;

    private readonly TempFolder _folder = new();

    public StreamedClusterTests()
    {
        var generate = Cli.Run("generate", "--schema", Schemas.Shipped, "--rows", Rows.ToString(CultureInfo.InvariantCulture), "--seed", "7", "--out", _folder["data"]);
        generate.ExitCode.Should().Be(ExitCodes.Ok, generate.Error);
    }

    private string Data => _folder["data/customers.csv"];

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void StreamingAgreesWithTheInMemoryMiniBatchRun()
    {
        var whole = Cli.Run("cluster", "--input", Data, "--algorithm", "minibatch-kmeans", "--k", "6", "--seed", "42", "--out", _folder["whole"]);
        whole.ExitCode.Should().Be(ExitCodes.Ok, whole.Error);

        var streamed = Cli.Run("cluster", "--input", Data, "--algorithm", "minibatch-kmeans", "--k", "6", "--seed", "42", "--stream", "--sample-rows", "2000", "--batch-rows", "500", "--passes", "2", "--out", _folder["streamed"], "--json");

        streamed.ExitCode.Should().Be(ExitCodes.Ok, streamed.Error);
        using var json = JsonDocument.Parse(streamed.Output);
        json.RootElement.GetProperty("rows").GetInt64().Should().Be(Rows);
        json.RootElement.GetProperty("rows_streamed").GetInt64().Should().Be((2 * Rows) + 2000, "the sample seeds the fit, then every row streams twice");
        json.RootElement.GetProperty("sample_rows").GetInt32().Should().Be(2000);
        json.RootElement.GetProperty("sizes").EnumerateArray().Sum(s => s.GetInt64()).Should().Be(Rows);
        var expected = ClusteredDataset.ReadPairs(_folder["whole/assignments.csv"], "customer_id", "cluster");
        var actual = ClusteredDataset.ReadPairs(_folder["streamed/assignments.csv"], "customer_id", "cluster");
        actual.Select(p => p.Key).Should().Equal(expected.Select(p => p.Key), "the keys come out in file order");
        var ari = ExternalMetrics.AdjustedRandIndex(
            expected.Select(p => int.Parse(p.Value, CultureInfo.InvariantCulture)).ToArray(),
            actual.Select(p => int.Parse(p.Value, CultureInfo.InvariantCulture)).ToArray());
        ari.Should().BeGreaterThanOrEqualTo(0.95);
    }

    [Fact]
    public void TheStreamedModelIsUsableByProfileAndHasTheSameFeatures()
    {
        var whole = Cli.Run("cluster", "--input", Data, "--algorithm", "minibatch-kmeans", "--k", "6", "--out", _folder["whole"]);
        var streamed = Cli.Run("cluster", "--input", Data, "--algorithm", "minibatch-kmeans", "--k", "6", "--stream", "--batch-rows", "700", "--out", _folder["streamed"]);
        whole.ExitCode.Should().Be(ExitCodes.Ok, whole.Error);
        streamed.ExitCode.Should().Be(ExitCodes.Ok, streamed.Error);
        streamed.Output.Should().Contain("streamed 3,000 rows");

        using var wholeModel = JsonDocument.Parse(File.ReadAllText(_folder["whole/model.json"]));
        using var streamedModel = JsonDocument.Parse(File.ReadAllText(_folder["streamed/model.json"]));
        streamedModel.RootElement.GetProperty("algorithm").GetString().Should().Be("minibatch-kmeans");
        streamedModel.RootElement.GetProperty("key").GetString().Should().Be("customer_id");
        streamedModel.RootElement.GetProperty("input_columns").EnumerateArray().Select(c => c.GetString())
            .Should().Equal(wholeModel.RootElement.GetProperty("input_columns").EnumerateArray().Select(c => c.GetString()));
        _folder.Files("streamed").Select(Path.GetFileName).Should().BeEquivalentTo(["model.json", "assignments.csv", "profile.json", "profile.md"]);

        var profile = Cli.Run("profile", "--model", _folder["streamed/model.json"], "--input", Data);
        profile.ExitCode.Should().Be(ExitCodes.Ok, profile.Error);
    }

    [Fact]
    public void ProgressCountsEveryPassOnStandardError()
    {
        var csv = Cli.Run("cluster", "--input", Data, "--algorithm", "minibatch-kmeans", "--k", "6", "--stream", "--batch-rows", "1000", "--passes", "2", "--out", _folder["csv"]);
        csv.ExitCode.Should().Be(ExitCodes.Ok, csv.Error);
        csv.Error.Should().Contain("cluster: fit pass 1/2 1,000 rows", "a CSV's length is not known in advance, so rows are counted without a total");
        csv.Output.Should().NotContain("cluster: fit pass", "progress goes to stderr only");

        var parquet = Cli.Run("generate", "--schema", Schemas.Shipped, "--rows", Rows.ToString(CultureInfo.InvariantCulture), "--seed", "7", "--format", "parquet", "--out", _folder["parquet"]);
        parquet.ExitCode.Should().Be(ExitCodes.Ok, parquet.Error);
        var streamed = Cli.Run("cluster", "--input", _folder["parquet/customers.parquet"], "--algorithm", "minibatch-kmeans", "--k", "6", "--stream", "--batch-rows", "1000", "--passes", "2", "--out", _folder["run"]);
        streamed.ExitCode.Should().Be(ExitCodes.Ok, streamed.Error);
        // Each phase reports its first batch: 1,000 rows, as --batch-rows asks, though the file is one row group of 3,000.
        streamed.Error.Should().Contain("cluster: fit pass 1/2 1,000/9,000 rows (11%)", "Parquet records its length: two fit passes and the assignment pass make the total");
        streamed.Error.Should().Contain("cluster: fit pass 2/2 4,000/9,000 rows (44%)");
        streamed.Error.Should().Contain("cluster: assign 7,000/9,000 rows (77%)");
    }

    [Theory]
    [InlineData("kmeans", "6")]
    [InlineData("minibatch-kmeans", "auto")]
    public void StreamingAnythingButMiniBatchWithAGivenKIsAUsageError(string algorithm, string k)
    {
        var result = Cli.Run("cluster", "--input", Data, "--algorithm", algorithm, "--k", k, "--stream", "--out", _folder["run"]);

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().Contain("--stream fits minibatch-kmeans with a given --k only");
        Directory.Exists(_folder["run"]).Should().BeFalse();
    }
}
