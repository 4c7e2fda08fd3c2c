namespace SegBench.Cli.Tests.Clustering;

/// <summary>Every bad input to cluster, score and profile: one clear line, the right exit code, no output files.</summary>
public sealed class ClusterBadInputTests(ClusteredDataset dataset) : IClassFixture<ClusteredDataset>, IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Out => _folder["out"];

    [Fact]
    public void AnUnknownAlgorithmIsAUsageError()
    {
        var result = Cli.Run("cluster", "--input", dataset.Data, "--algorithm", "kmedoids", "--k", "6", "--out", Out);

        ShouldFailCleanly(result, ExitCodes.Usage, "segbench: --algorithm kmedoids: unknown algorithm; expected one of kmeans, minibatch-kmeans, dbscan, gmm, kprototypes.");
    }

    [Theory]
    [InlineData("0", "segbench: --k 0: the number of clusters must be at least 1.")]
    [InlineData("-2", "segbench: --k -2: the number of clusters must be at least 1.")]
    [InlineData("six", "segbench: --k six: expected a whole number of clusters or 'auto'.")]
    public void KBelowOneIsAUsageError(string k, string message)
    {
        var result = Cli.Run("cluster", "--input", dataset.Data, "--k", k, "--out", Out);

        ShouldFailCleanly(result, ExitCodes.Usage, message);
    }

    [Fact]
    public void KAboveTheRowCountFails()
    {
        var result = Cli.Run("cluster", "--input", dataset.Data, "--k", "4001", "--out", Out);

        ShouldFailCleanly(result, ExitCodes.Failure, $"segbench: {dataset.Data}: K = 4001 is more than the 4000 rows.");
    }

    [Fact]
    public void AMissingKIsAUsageError()
    {
        var result = Cli.Run("cluster", "--input", dataset.Data, "--out", Out);

        ShouldFailCleanly(result, ExitCodes.Usage, "segbench: --k is required for kmeans: a number of clusters, or 'auto'.");
    }

    [Fact]
    public void AFeatureColumnNotInTheFileFails()
    {
        var result = Cli.Run("cluster", "--input", dataset.Data, "--k", "3", "--features", "age,annual_incme", "--out", Out);

        ShouldFailCleanly(result, ExitCodes.Failure, $"segbench: {dataset.Data}: --features names column 'annual_incme', which the file does not have; its columns are: customer_id, ");
    }

    [Fact]
    public void ATextFeatureWithoutAnEncodingFails()
    {
        var result = Cli.Run("cluster", "--input", dataset.Data, "--k", "3", "--features", "age,name_of_city", "--out", Out);

        ShouldFailCleanly(result, ExitCodes.Failure, $"segbench: {dataset.Data}: --features names 'name_of_city', a text column, but with --encode none the features are numbers only");
    }

    [Fact]
    public void BicForAnAlgorithmWithoutALikelihoodIsAUsageError()
    {
        var result = Cli.Run("cluster", "--input", dataset.Data, "--k", "auto", "--k-method", "bic", "--out", Out);

        ShouldFailCleanly(result, ExitCodes.Usage, "segbench: --k-method bic needs a likelihood, which only gmm has; kmeans cannot use it.");
    }

    [Fact]
    public void AnEmptyFileFails()
    {
        var path = _folder.Write("empty.csv", string.Empty);

        var result = Cli.Run("cluster", "--input", path, "--k", "3", "--out", Out);

        ShouldFailCleanly(result, ExitCodes.Failure, $"segbench: {path}: the file is empty");
    }

    [Fact]
    public void AHeaderWithoutRowsFails()
    {
        var path = _folder.Write("header.csv", "age,income\n");

        var result = Cli.Run("cluster", "--input", path, "--k", "3", "--out", Out);

        ShouldFailCleanly(result, ExitCodes.Failure, $"segbench: {path}: the file has a header but no data rows");
    }

    [Fact]
    public void ANonNumericValueInANumericFeatureFailsNamingFileRowAndColumn()
    {
        // Outside the dataset folder there is no manifest: the column is read as text, and the stray word is found anyway.
        var path = _folder.Write("customers.csv", WithValue(File.ReadAllLines(dataset.Data), row: 17, column: "age", value: "forty"));

        var result = Cli.Run("cluster", "--input", path, "--k", "3", "--out", Out);

        ShouldFailCleanly(result, ExitCodes.Failure, $"segbench: {path}: row 17, column 'age': 'forty' is not a number");
    }

    [Fact]
    public void ANonNumericValueFailsThroughTheManifestTypesToo()
    {
        Directory.CreateDirectory(_folder["data"]);
        File.Copy(Path.Combine(Path.GetDirectoryName(dataset.Data)!, "manifest.json"), _folder["data/manifest.json"]);
        var path = _folder.Write("data/customers.csv", WithValue(File.ReadAllLines(dataset.Data), row: 5, column: "annual_income", value: "n/a!"));

        var result = Cli.Run("cluster", "--input", path, "--k", "3", "--features", "age,annual_income", "--out", Out);

        ShouldFailCleanly(result, ExitCodes.Failure, $"segbench: {path}: row 5, column 'annual_income': ");
    }

    [Fact]
    public void NaNInAnInitialCenterFails()
    {
        var centers = _folder.Write("centers.csv", "1,1,1,1,1,1,1\n0,0,NaN,0,0,0,0\n");

        var result = Cli.Run("cluster", "--input", dataset.Data, "--init", centers, "--out", Out);

        ShouldFailCleanly(result, ExitCodes.Failure, $"segbench: --init {centers}: row 2, column 3 ('annual_income (log1p)'): 'NaN' is not a finite number");
    }

    [Fact]
    public void InitialCentersOfTheWrongWidthFail()
    {
        var centers = _folder.Write("centers.csv", "1,1,1\n0,0,0\n");

        var result = Cli.Run("cluster", "--input", dataset.Data, "--init", centers, "--out", Out);

        ShouldFailCleanly(result, ExitCodes.Failure, $"segbench: --init {centers}: row 1 has 3 values, but the model's feature space has 7 columns");
    }

    [Fact]
    public void InitialCentersForAnotherAlgorithmAreAUsageError()
    {
        var result = Cli.Run("cluster", "--input", dataset.Data, "--algorithm", "gmm", "--k", "3", "--init", "random", "--out", Out);

        ShouldFailCleanly(result, ExitCodes.Usage, "segbench: --init applies to kmeans only, not gmm.");
    }

    [Fact]
    public void AnUnknownScalingIsAUsageError()
    {
        var result = Cli.Run("cluster", "--input", dataset.Data, "--k", "3", "--scale", "zscore", "--out", Out);

        ShouldFailCleanly(result, ExitCodes.Usage, "segbench: --scale zscore: expected one of standard, robust, minmax, none.");
    }

    [Fact]
    public void AMissingModelFailsProfile()
    {
        var model = _folder["nowhere/model.json"];

        var result = Cli.Run("profile", "--input", dataset.Data, "--model", model, "--out", Out);

        ShouldFailCleanly(result, ExitCodes.Failure, $"segbench: {model}: model file not found.");
    }

    [Fact]
    public void AMissingLabelColumnFailsScore()
    {
        var result = Cli.Run("score", "--truth", dataset.Truth, "--pred", dataset.Assignments, "--pred-column", "segment_id");

        ShouldFailCleanly(result, ExitCodes.Failure, $"segbench: {dataset.Assignments}: there is no column 'segment_id' (--pred-column); the columns are: customer_id, cluster");
    }

    [Fact]
    public void ARepeatedKeyFailsScore()
    {
        var path = _folder.Write("twice.csv", "customer_id,cluster\nCUST000000001,0\nCUST000000001,1\n");

        var result = Cli.Run("score", "--truth", dataset.Truth, "--pred", path);

        ShouldFailCleanly(result, ExitCodes.Failure, $"segbench: {path}: row 2, column 'customer_id': key 'CUST000000001' appears twice");
    }

    private static string WithValue(string[] lines, int row, string column, string value)
    {
        var header = lines[0].Split(',');
        var index = Array.IndexOf(header, column);
        index.Should().BeGreaterThanOrEqualTo(0);
        var cells = lines[row].Split(',');

        // Only the quoted address holds commas: count columns before it from the start, after it from the end.
        if (index < Array.IndexOf(header, "address"))
        {
            cells[index] = value;
        }
        else
        {
            cells[cells.Length - (header.Length - index)] = value;
        }

        lines[row] = string.Join(',', cells);
        return string.Join('\n', lines) + "\n";
    }

    private void ShouldFailCleanly(CliResult result, int exitCode, string message)
    {
        result.ExitCode.Should().Be(exitCode, result.Error);
        result.ErrorLines.Should().ContainSingle("an error is one line, never a stack trace");
        result.ErrorLines[0].Should().StartWith(message);
        result.Output.Should().BeEmpty();
        _folder.Files("out").Should().BeEmpty("a failed command leaves no file");
    }
}
