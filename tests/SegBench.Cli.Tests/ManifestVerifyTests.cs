using System.Text.Json;
using System.Text.Json.Nodes;

namespace SegBench.Cli.Tests;

/// <summary><c>segbench manifest verify</c>: every listed file against its size and checksum.</summary>
public sealed class ManifestVerifyTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public ManifestVerifyTests() =>
        Cli.Run("generate", "--schema", Schemas.Shipped, "--rows", "500", "--out", _folder["data"]).ExitCode.Should().Be(ExitCodes.Ok);

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("xxh128")]
    [InlineData("sha256")]
    public void AnIntactDatasetPasses(string algorithm)
    {
        Cli.Run("generate", "--schema", Schemas.Shipped, "--rows", "500", "--checksum", algorithm, "--out", _folder["data"]).ExitCode.Should().Be(ExitCodes.Ok);

        var result = Cli.Run("manifest", "verify", _folder["data"]);

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal(
            "ok      customers.csv",
            "ok      customers.truth.csv",
            $"all 2 files match {_folder["data/manifest.json"]}");
    }

    [Fact]
    public void AFlippedByteIsCaughtByTheChecksum()
    {
        var path = _folder["data/customers.csv"];
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 1;
        File.WriteAllBytes(path, bytes);

        var result = Cli.Run("manifest", "verify", _folder["data"], "--json");

        result.ExitCode.Should().Be(ExitCodes.Failure);
        var json = JsonNode.Parse(result.Output)!;
        json["ok"]!.GetValue<bool>().Should().BeFalse();
        json["failed"]!.GetValue<int>().Should().Be(1);
        var files = json["files"]!.AsArray();
        files.Select(f => (string?)f!["status"]).Should().Equal("checksum_differs", "ok");
        ((string?)files[0]!["detail"]).Should().Match("checksum xxh128:*, listed as xxh128:*");
    }

    [Fact]
    public void MissingAndResizedFilesAreNamed()
    {
        File.Delete(_folder["data/customers.csv"]);
        File.AppendAllText(_folder["data/customers.truth.csv"], "x");

        var result = Cli.Run("manifest", "verify", _folder["data"]);

        result.ExitCode.Should().Be(ExitCodes.Failure);
        result.Output.Should().Contain("FAILED  customers.csv: no such file");
        result.Output.Should().MatchRegex(@"FAILED  customers\.truth\.csv: [\d,]+ bytes, listed as [\d,]+");
        result.Output.Should().Contain("2 of 2 files do not match");
    }

    [Fact]
    public void AManifestPathLeadingOutsideTheFolderIsNotFollowed()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(_folder["data/manifest.json"]))!;
        manifest["tables"]![0]!["files"]![0]!["path"] = "../outside.csv";
        File.WriteAllText(_folder["data/manifest.json"], manifest.ToJsonString());
        File.Copy(_folder["data/customers.csv"], _folder["outside.csv"]);

        var result = Cli.Run("manifest", "verify", _folder["data"]);

        result.ExitCode.Should().Be(ExitCodes.Failure);
        result.Output.Should().Contain("FAILED  ../outside.csv: the path leads outside the dataset folder");
    }

    [Fact]
    public void AFolderWithoutAManifestIsAClearError()
    {
        var result = Cli.Run("manifest", "verify", _folder["nothing"]);

        result.ExitCode.Should().Be(ExitCodes.Failure);
        result.Error.Should().Contain("no manifest").And.Contain("segbench generate");
    }

    [Fact]
    public void ABrokenManifestIsAClearError()
    {
        File.WriteAllText(_folder["data/manifest.json"], "{ \"tables\": [");

        var result = Cli.Run("manifest", "verify", _folder["data"]);

        result.ExitCode.Should().Be(ExitCodes.Failure);
        result.Error.Should().StartWith("segbench: ");
        result.Error.Should().NotContain("unexpected");
    }
}
