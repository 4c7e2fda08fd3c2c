using System.Globalization;
using System.Text.Json;
using SegBench.Clustering.Pipeline;
using SegBench.Data.Formats;

namespace SegBench.Cli.Tests.Clustering;

/// <summary>segbench cluster and profile on a generated dataset with six planted segments.</summary>
public sealed class ClusterCommandTests(ClusteredDataset dataset) : IClassFixture<ClusteredDataset>, IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void KMeansWithSixClustersRecoversThePlantedSegments()
    {
        var scores = ClusteredDataset.ScoreJson("--truth", dataset.Truth, "--pred", dataset.Assignments);

        scores.GetProperty("ari").GetDouble().Should().BeGreaterThanOrEqualTo(0.85, "the segments are planted at the default separation");
        scores.GetProperty("rows").GetInt32().Should().Be(ClusteredDataset.Rows);
    }

    [Theory]
    [InlineData("kmeans", "--encode", "onehot")] // city and state have more categories than one-hot cells
    [InlineData("gmm", "--covariance", "full")] // EM climbs from its k-means start
    public void OneHotCategoricalsAndFullCovarianceMixturesRecoverThePlantedSegmentsToo(string algorithm, string option, string value)
    {
        var run = Cli.Run("cluster", "--input", dataset.Data, "--algorithm", algorithm, "--k", "6", option, value, "--out", _folder["run"]);
        run.ExitCode.Should().Be(ExitCodes.Ok, run.Error);

        var scores = ClusteredDataset.ScoreJson("--truth", dataset.Truth, "--pred", _folder["run/assignments.csv"]);

        scores.GetProperty("ari").GetDouble().Should().BeGreaterThanOrEqualTo(0.9, $"{algorithm} {option} {value} sees the same planted segments");
    }

    [Fact]
    public void TheRunWritesTheModelAssignmentsAndProfilesAndNothingElse()
    {
        dataset.Folder.Files("run").Should().Equal("assignments.csv", "model.json", "profile.json", "profile.md");
        var assignments = ClusteredDataset.ReadPairs(dataset.Assignments, "customer_id", "cluster");
        assignments.Should().HaveCount(ClusteredDataset.Rows);
        assignments[0].Key.Should().Be("CUST000000001", "the manifest's key is the key");
        assignments.Select(a => a.Value).Distinct().Order().Should().Equal("0", "1", "2", "3", "4", "5");
    }

    [Fact]
    public void HumanSummaryGivesKSizesDescriptionsAndFiles()
    {
        var output = dataset.Cluster.Output;

        output.Should().StartWith("clustered 4,000 rows of ");
        output.Should().Contain("with kmeans: k = 6");
        output.Should().MatchRegex(@"silhouette 0\.\d{4}, Davies-Bouldin \d+\.\d{4}, Calinski-Harabasz \d+\.\d{4}");
        output.Should().MatchRegex(@"\n\s+5\s+[\d,]+\s+\d+\.\d %  \S");
        output.Should().Contain(dataset.Folder["run/model.json"]).And.Contain(dataset.Folder["run/profile.md"]);
        dataset.Cluster.Error.Should().BeEmpty();
    }

    [Fact]
    public void JsonSummaryHasTheContractKeys()
    {
        var result = Cli.Run("cluster", "--input", dataset.Data, "--k", "6", "--out", _folder["run"], "--json");

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        root.GetProperty("k").GetInt32().Should().Be(6);
        root.GetProperty("iterations").GetInt32().Should().BePositive();
        root.GetProperty("inertia").GetDouble().Should().BePositive();
        root.GetProperty("fit_seconds").GetDouble().Should().BeGreaterThanOrEqualTo(0);
        root.GetProperty("silhouette").GetDouble().Should().BeInRange(-1, 1);
        root.GetProperty("silhouette_sample_size").GetInt32().Should().Be(ClusteredDataset.Rows, "at most 10,000 rows the silhouette is exact");
        root.GetProperty("davies_bouldin").GetDouble().Should().BePositive();
        root.GetProperty("calinski_harabasz").GetDouble().Should().BePositive();
        var features = root.GetProperty("features").EnumerateArray().Select(f => f.GetString()).ToArray();
        features.Should().Contain("age").And.NotContain(f => f!.StartsWith("zip_code", StringComparison.Ordinal) || f.StartsWith("customer_id", StringComparison.Ordinal), "the manifest marks identifiers");
        root.TryGetProperty("k_selection", out _).Should().BeFalse("K was given");
        root.GetProperty("clusters").GetArrayLength().Should().Be(6);
        root.GetProperty("files").GetArrayLength().Should().Be(4);
    }

    [Fact]
    public void AboveTenThousandRowsTheSilhouetteIsOnASeededSample()
    {
        Cli.Run("generate", "--rows", "12000", "--seed", "3", "--out", _folder["big"]).ExitCode.Should().Be(ExitCodes.Ok);

        double Silhouette(string run)
        {
            var result = Cli.Run("cluster", "--input", _folder["big/customers.csv"], "--k", "6", "--out", _folder[run], "--json");
            result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
            using var json = JsonDocument.Parse(result.Output);
            json.RootElement.GetProperty("silhouette_sample_size").GetInt32().Should().Be(10_000);
            return json.RootElement.GetProperty("silhouette").GetDouble();
        }

        Silhouette("first").Should().Be(Silhouette("second"), "the sample is drawn with the seed");
    }

    [Fact]
    public void AutoKReportsTheSelectionCurves()
    {
        var result = Cli.Run("cluster", "--input", dataset.Data, "--k", "auto", "--k-range", "2..7", "--k-method", "calinski-harabasz", "--out", _folder["auto"], "--json");

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        var selection = json.RootElement.GetProperty("k_selection");
        selection.GetProperty("method").GetString().Should().Be("calinski_harabasz");
        selection.GetProperty("k").EnumerateArray().Select(k => k.GetInt32()).Should().Equal(2, 3, 4, 5, 6, 7);
        selection.GetProperty("inertia").GetArrayLength().Should().Be(6);
        var curves = selection.GetProperty("curves");
        curves.GetProperty("silhouette").GetProperty("values").GetArrayLength().Should().Be(6);
        var chosen = curves.GetProperty("calinski_harabasz").GetProperty("chosen").GetInt32();
        selection.GetProperty("chosen").GetInt32().Should().Be(chosen);
        json.RootElement.GetProperty("k").GetInt32().Should().Be(chosen);
    }

    [Fact]
    public void WithoutAManifestOrKeyTheRowNumberIsTheKey()
    {
        File.Copy(dataset.Data, _folder["customers.csv"]);

        var result = Cli.Run("cluster", "--input", _folder["customers.csv"], "--k", "3", "--out", _folder["run"]);

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        var assignments = ClusteredDataset.ReadPairs(_folder["run/assignments.csv"], "row", "cluster");
        assignments.Select(a => a.Key).Should().Equal(Enumerable.Range(0, ClusteredDataset.Rows).Select(i => i.ToString(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void AManifestGivenByPathSuppliesTheKeyAndRoles()
    {
        File.Copy(dataset.Data, _folder["loose.csv"]);

        var result = Cli.Run("cluster", "--input", _folder["loose.csv"], "--manifest", Path.Combine(Path.GetDirectoryName(dataset.Data)!, "manifest.json"), "--k", "6", "--out", _folder["run"], "--json");

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        json.RootElement.GetProperty("key").GetString().Should().Be("customer_id");
        json.RootElement.GetProperty("skipped_columns").EnumerateArray()
            .Should().Contain(c => c.GetProperty("column").GetString() == "zip_code" && c.GetProperty("reason").GetString() == "text role");
    }

    [Fact]
    public void AnUnrelatedManifestBesideTheInputIsIgnored()
    {
        File.Copy(dataset.Data, _folder["customers.csv"]);
        _folder.Write("manifest.json", "{\"name\": \"a web app\", \"icons\": []}");

        var result = Cli.Run("cluster", "--input", _folder["customers.csv"], "--k", "3", "--out", _folder["run"], "--json");

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        json.RootElement.GetProperty("manifest").ValueKind.Should().Be(JsonValueKind.Null);
        json.RootElement.GetProperty("key").GetString().Should().Be("row");
    }

    [Fact]
    public void AShardFileUsesTheManifestOfItsDataset()
    {
        Cli.Run("generate", "--rows", "2000", "--shard", "1/2", "--out", _folder["sharded"]).ExitCode.Should().Be(ExitCodes.Ok);

        var result = Cli.Run("cluster", "--input", _folder["sharded/customers/part-00001.csv"], "--k", "6", "--out", _folder["run"], "--json");

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        json.RootElement.GetProperty("manifest").GetString().Should().Be(_folder["sharded/manifest.json"]);
        json.RootElement.GetProperty("key").GetString().Should().Be("customer_id");
        ClusteredDataset.ReadPairs(_folder["run/assignments.csv"], "customer_id", "cluster")[0].Key.Should().Be("CUST000001001", "shard 1 of 2 starts at row 1,000");
    }

    [Fact]
    public void TheModelReloadsAndAssignsEveryRowAsTheRunDid()
    {
        var model = SegmentationModel.Load(dataset.Model);
        using var reader = TableReaders.Open(dataset.Data);
        var table = reader.ReadAll();

        var labels = model.Assign(table);

        labels.Select(l => l.ToString(CultureInfo.InvariantCulture)).Should().Equal(ClusteredDataset.ReadPairs(dataset.Assignments, "customer_id", "cluster").Select(a => a.Value));
        model.KeyColumn.Should().Be("customer_id");
    }

    [Fact]
    public void ProfileWithTheModelWritesTheProfilesOfTheInput()
    {
        var result = Cli.Run("profile", "--input", dataset.Data, "--model", dataset.Model, "--out", _folder["profile"], "--json");

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        _folder.Files("profile").Should().Equal("profile.json", "profile.md");
        using var json = JsonDocument.Parse(result.Output);
        json.RootElement.GetProperty("k").GetInt32().Should().Be(6);
        json.RootElement.GetProperty("rows").GetInt32().Should().Be(ClusteredDataset.Rows);
        var clusters = json.RootElement.GetProperty("profile").GetProperty("clusters");
        clusters.GetArrayLength().Should().Be(6);
        clusters.EnumerateArray().Sum(c => c.GetProperty("size").GetInt32()).Should().Be(ClusteredDataset.Rows);
        File.ReadAllText(_folder["profile/profile.md"]).Should().Be(File.ReadAllText(dataset.Folder["run/profile.md"]), "the model assigns its training rows to the clusters it found");
    }

    [Fact]
    public void ProfileWithoutOutPrintsMarkdown()
    {
        var result = Cli.Run("profile", "--input", dataset.Data, "--model", dataset.Model);

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        result.Output.Should().StartWith("# Cluster profiles").And.Contain("4,000 rows in 6 clusters.");
    }

    [Fact]
    public void InitialCentersFromAFileSetKAndAreUsed()
    {
        var centers = _folder.Write("centers.csv", "1,1,1,1,1,1,1\n-1,-1,-1,-1,-1,-1,-1\n");

        var result = Cli.Run("cluster", "--input", dataset.Data, "--init", centers, "--max-iter", "1", "--out", _folder["run"], "--json");

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        json.RootElement.GetProperty("k").GetInt32().Should().Be(2);
        json.RootElement.GetProperty("iterations").GetInt32().Should().Be(1);
    }

    [Theory]
    [InlineData("minibatch-kmeans", "--k", "6")]
    [InlineData("gmm", "--k", "6", "--covariance", "diag")]
    [InlineData("kprototypes", "--k", "6")]
    [InlineData("dbscan", "--eps", "0.8", "--min-samples", "10")]
    public void EveryAlgorithmRunsAndWritesItsFiles(string algorithm, params string[] settings)
    {
        var result = Cli.Run(["cluster", "--input", dataset.Data, "--algorithm", algorithm, .. settings, "--out", _folder["run"], "--json"]);

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        _folder.Files("run").Should().Equal("assignments.csv", "model.json", "profile.json", "profile.md");
        using var json = JsonDocument.Parse(result.Output);
        json.RootElement.GetProperty("algorithm").GetString().Should().Be(algorithm);
        SegmentationModel.Load(_folder["run/model.json"]).Clusters.Algorithm.Should().NotBeNullOrEmpty();
    }

    [Theory]
    [InlineData("cluster")]
    [InlineData("score")]
    [InlineData("profile")]
    public void HelpDescribesTheCommandWithExamples(string command)
    {
        var result = Cli.Run(command, "--help");

        result.ExitCode.Should().Be(ExitCodes.Ok);
        result.Output.Should().Contain("Description:").And.Contain("Examples:").And.Contain($"segbench {command} --");
    }

    [Fact]
    public void ClusterHelpSaysCentersAreInTheFeatureSpace()
    {
        Cli.Run("cluster", "--help").Output.Should().Contain("feature space").And.Contain("after preprocessing");
    }
}
