using System.Text.Json.Nodes;
using SegBench.Bench.Results;

namespace SegBench.Cli.Tests;

public sealed class BenchCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("segbench-bench-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Matrix()
    {
        var path = Path.Combine(_folder, "tiny.yaml");
        File.WriteAllText(path, $"""
            name: tiny
            datasets:
              - schema: {Schemas.Shipped}
                table: customers
                rows: [900]
                separations: [2.5]
            seeds: [1, 2]
            algorithms:
              - name: kmeans
                algorithm: kmeans
              - name: kmeans-auto
                algorithm: kmeans
                k: auto
            k_selection: {"{"} min: 2, max: 7 {"}"}
            """);
        return path;
    }

    [Fact]
    public void BenchWritesResultsAndReportsAndIsReproducibleBitForBit()
    {
        var first = Cli.Run("bench", "--matrix", Matrix(), "--out", Path.Combine(_folder, "a"), "--json");
        var second = Cli.Run("bench", "--matrix", Matrix(), "--out", Path.Combine(_folder, "b"));

        first.ExitCode.Should().Be(0, first.Error);
        second.ExitCode.Should().Be(0, second.Error);
        JsonNode.Parse(first.Output)!["runs"]!.GetValue<int>().Should().Be(4);
        var a = BenchResults.Load(Path.Combine(_folder, "a", "results.json"));
        var b = BenchResults.Load(Path.Combine(_folder, "b", "results.json"));
        a.Runs.Select(r => r.Metrics).Should().BeEquivalentTo(b.Runs.Select(r => r.Metrics), options => options.WithStrictOrdering());
        a.Runs.Should().OnlyContain(r => r.Ceiling.BayesAri > 0.9 && r.PlantedK == 6);
        a.Runs.Where(r => r.Algorithm == "kmeans").Should().OnlyContain(r => r.Metrics["ari"] > 0.85);
        File.ReadAllText(Path.Combine(_folder, "a", "report.html")).Should().Contain("<svg");
        File.ReadAllText(Path.Combine(_folder, "a", "report.md")).Should().Contain("| kmeans");
        first.Error.Should().Contain("bench: 4/4 runs");
        var auto = a.Runs.Where(r => r.Algorithm == "kmeans-auto").ToArray();
        auto.Should().HaveCount(2).And.OnlyContain(r => r.KSelection!.Curves.ContainsKey("Silhouette"));
        auto.Select(r => r.KSelection!.Curves.ContainsKey("Gap")).Should().Equal([true, false], "the gap curve is only drawn, from the first seed, so later seeds skip its cost");
    }

    [Fact]
    public void TheGatePassesAgainstItsOwnBaselineAndFailsADegradedResult()
    {
        Cli.Run("bench", "--matrix", Matrix(), "--out", _folder).ExitCode.Should().Be(0);
        var results = Path.Combine(_folder, "results.json");
        var baseline = Path.Combine(_folder, "baseline.json");
        Cli.Run("gate", "--results", results, "--baseline", baseline, "--update").ExitCode.Should().Be(0);
        Cli.Run("gate", "--results", results, "--baseline", baseline).ExitCode.Should().Be(0);

        // Lower one run's ARI by 0.05, five times the default tolerance.
        var document = JsonNode.Parse(File.ReadAllText(results))!;
        var ari = document["runs"]![0]!["metrics"]!["ari"]!;
        document["runs"]![0]!["metrics"]!["ari"] = ari.GetValue<double>() - 0.05;
        document["aggregates"] = new JsonArray();
        File.WriteAllText(results, document.ToJsonString());

        var gate = Cli.Run("gate", "--results", results, "--baseline", baseline);
        gate.ExitCode.Should().Be(1);
        gate.Output.Should().Contain("regressed").And.Contain("ari");
        gate.Error.Should().StartWith("segbench: gate failed");
    }

    [Fact]
    public void AMissingBaselineOrABadMatrixFailsClearly()
    {
        var bad = Path.Combine(_folder, "bad.yaml");
        File.WriteAllText(bad, "name: x\ndatasets: []\nalgoritms: []\n");
        var result = Cli.Run("bench", "--matrix", bad, "--out", _folder);
        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("unknown key 'algoritms'").And.Contain("did you mean 'algorithms'?");

        var gate = Cli.Run("gate", "--results", Path.Combine(_folder, "none.json"), "--baseline", Path.Combine(_folder, "none-baseline.json"));
        gate.ExitCode.Should().Be(1);
    }

    [Fact]
    public void DemoWritesAReportAndPrintsWhere()
    {
        var result = Cli.Run("demo", "--rows", "1500", "--out", _folder);
        result.ExitCode.Should().Be(0, result.Error);
        result.Output.Should().Contain($"Report: {Path.Combine(_folder, "report.html")}").And.Contain("customers: 1,500 rows, planted K 6");
        File.Exists(Path.Combine(_folder, "report.md")).Should().BeTrue();
    }
}
