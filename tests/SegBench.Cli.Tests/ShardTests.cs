using System.Text.Json;
using SegBench.Generator.Engine;

namespace SegBench.Cli.Tests;

/// <summary>Shards from separate processes add up to the whole dataset, and their manifests merge.</summary>
public sealed class ShardTests : IDisposable
{
    private const int Rows = 6000;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ShardsFromFourProcessesConcatenateToTheWholeDatasetAndMerge()
    {
        var whole = Cli.Run("generate", "--schema", Schemas.Shipped, "--rows", $"{Rows}", "--out", _folder["whole"]);
        whole.ExitCode.Should().Be(ExitCodes.Ok, whole.Error);

        var shards = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Cli.RunProcessAsync(
            "generate", "--schema", Schemas.Shipped, "--rows", $"{Rows}", "--shard", $"{i}/4", "--threads", "1", "--out", _folder["sharded"], "--json")));

        foreach (var shard in shards)
        {
            shard.ExitCode.Should().Be(ExitCodes.Ok, shard.Error);
            JsonDocument.Parse(shard.Output).RootElement.GetProperty("rows").GetInt64().Should().Be(Rows / 4);
        }

        Concatenated("sharded/customers").Should().Equal(File.ReadAllLines(_folder["whole/customers.csv"]).Skip(1));
        Concatenated("sharded/customers.truth").Should().Equal(File.ReadAllLines(_folder["whole/customers.truth.csv"]).Skip(1));

        // The shards race to merge as they finish; an explicit merge afterwards is the documented way to be sure.
        var merge = Cli.Run("manifest", "merge", _folder["sharded"]);
        merge.ExitCode.Should().Be(ExitCodes.Ok, merge.Error);
        merge.Output.Should().StartWith("merged 4 of 4 shards of indian-bank-customers (seed 42)");
        merge.Error.Should().BeEmpty();

        var manifest = Manifest.Load(_folder["sharded/manifest.json"]);
        manifest.Shards.Should().Equal(0, 1, 2, 3);
        var table = manifest.Tables.Should().ContainSingle().Subject;
        table.Rows.Should().Be(Rows);
        table.Files.Select(f => f.Path).Should().Equal(
            "customers.truth/part-00000.csv", "customers.truth/part-00001.csv", "customers.truth/part-00002.csv", "customers.truth/part-00003.csv",
            "customers/part-00000.csv", "customers/part-00001.csv", "customers/part-00002.csv", "customers/part-00003.csv");
        foreach (var file in table.Files)
        {
            file.Checksum.Should().Be("xxh128:" + Convert.ToHexStringLower(System.IO.Hashing.XxHash128.Hash(File.ReadAllBytes(Path.Combine(_folder["sharded"], file.Path)))), file.Path);
        }

        // The merged contingency is the whole run's, so the Bayes ceiling matches the unsharded manifest.
        table.Difficulty!.BayesAri.Should().Be(Manifest.Load(_folder["whole/manifest.json"]).Tables[0].Difficulty!.BayesAri);
    }

    [Fact]
    public void MergeWarnsAboutMissingShards()
    {
        Cli.Run("generate", "--schema", Schemas.Shipped, "--rows", "1000", "--shard", "1/3", "--out", _folder["data"]).ExitCode.Should().Be(ExitCodes.Ok);

        var merge = Cli.Run("manifest", "merge", _folder["data"], "--json");

        merge.ExitCode.Should().Be(ExitCodes.Ok);
        merge.Error.Trim().Should().Be("segbench: warning: 2 of 3 shards have no manifest yet (missing: 0, 2).");
        using var json = JsonDocument.Parse(merge.Output);
        json.RootElement.GetProperty("complete").GetBoolean().Should().BeFalse();
        json.RootElement.GetProperty("shards").EnumerateArray().Select(s => s.GetInt32()).Should().Equal(1);
    }

    [Fact]
    public void MergeRefusesShardsOfDifferentRuns()
    {
        Cli.Run("generate", "--schema", Schemas.Shipped, "--rows", "1000", "--shard", "0/2", "--seed", "1", "--out", _folder["data"]).ExitCode.Should().Be(ExitCodes.Ok);
        var mixed = Cli.Run("generate", "--schema", Schemas.Shipped, "--rows", "1000", "--shard", "1/2", "--seed", "2", "--out", _folder["data"]);
        mixed.ExitCode.Should().Be(ExitCodes.Failure, "the shard's own merge sees parts of two runs");
        mixed.ErrorLines.Should().ContainSingle(line => line.StartsWith("segbench: ", StringComparison.Ordinal)).Which.Should().Contain("comes from a different run").And.Contain("seed differs");
        File.Delete(_folder["data/manifest.json"]);

        var merge = Cli.Run("manifest", "merge", _folder["data"]);

        merge.ExitCode.Should().Be(ExitCodes.Failure);
        merge.ErrorLines.Should().ContainSingle().Which.Should().Contain("comes from a different run");
        File.Exists(_folder["data/manifest.json"]).Should().BeFalse();
    }

    [Fact]
    public void MergeRefusesAShardManifestOfAnOlderVersion()
    {
        Cli.Run("generate", "--schema", Schemas.Shipped, "--rows", "1000", "--shard", "0/2", "--out", _folder["data"]).ExitCode.Should().Be(ExitCodes.Ok);
        Cli.Run("generate", "--schema", Schemas.Shipped, "--rows", "1000", "--shard", "1/2", "--out", _folder["data"]).ExitCode.Should().Be(ExitCodes.Ok);

        // A version 1 part, as an older release wrote it: a bare sha256 per file.
        var part = _folder["data/_manifests/part-00001.json"];
        var old = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(part))!;
        old["manifest_version"] = 1;
        foreach (var file in old["tables"]![0]!["files"]!.AsArray())
        {
            file!.AsObject().Remove("checksum");
            file.AsObject()["sha256"] = new string('0', 64);
        }

        File.WriteAllText(part, old.ToJsonString());

        var merge = Cli.Run("manifest", "merge", _folder["data"]);

        merge.ExitCode.Should().Be(ExitCodes.Failure);
        merge.ErrorLines.Should().ContainSingle().Which.Should().Contain("comes from a different run").And.Contain("manifest version differs");
    }

    [Fact]
    public void MergeOfAFolderWithoutShardsFails()
    {
        var merge = Cli.Run("manifest", "merge", _folder.Path);

        merge.ExitCode.Should().Be(ExitCodes.Failure);
        merge.ErrorLines.Should().ContainSingle().Which.Should().Contain("no shard manifests under _manifests/");
    }

    private IEnumerable<string> Concatenated(string folder) =>
        Enumerable.Range(0, 4).SelectMany(i => File.ReadAllLines(Path.Combine(_folder[folder], $"part-{i:00000}.csv")).Skip(1)).ToArray();
}
