using SegBench.Bench.Gate;
using SegBench.Bench.Results;
using SegBench.Bench.Tests.Fixtures;

namespace SegBench.Bench.Tests.Gate;

public sealed class BaselineTests
{
    private static readonly BenchResults Results = new ResultsBuilder().WithRows(2_000).WithSeparations(1.5, 2.5).Build();

    [Fact]
    public void ABaselineRoundTripsThroughJson()
    {
        var tolerances = GateTolerances.Defaults with { Timing = new TimingGate { Enabled = true, MaximumRatio = 2.5, MinimumSeconds = 0.01 } };
        var baseline = Baseline.FromResults(Results, tolerances);

        var json = baseline.ToJson();
        var again = Baseline.Parse(json);

        again.ToJson().Should().Be(json);
        again.Tolerances.Timing.Should().Be(tolerances.Timing);
        again.Entries.Should().HaveCount(baseline.Entries.Count);
        again.Entries[0].Metrics.Should().BeEquivalentTo(baseline.Entries[0].Metrics);
        QualityGate.Compare(Results, again).Passed.Should().BeTrue();
    }

    [Fact]
    public void SaveAndLoadRoundTripThroughAFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"segbench-baseline-{Guid.NewGuid():N}.json");
        try
        {
            var baseline = Baseline.FromResults(Results, GateTolerances.Defaults);
            baseline.Save(path);

            Baseline.Load(path).ToJson().Should().Be(baseline.ToJson());
            File.Exists(path + ".tmp").Should().BeFalse();
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TheOutputIsSortedAndDoesNotDependOnRunOrder()
    {
        var reversed = ResultsBuilder.Results(Results.Runs.Reverse().ToList());

        var json = Baseline.FromResults(Results, GateTolerances.Defaults).ToJson();

        Baseline.FromResults(reversed, GateTolerances.Defaults).ToJson().Should().Be(json);
        var entries = Baseline.Parse(json).Entries;
        entries.Select(entry => (entry.Dataset, entry.Algorithm)).Should().BeInAscendingOrder(Comparer<(string, string)>.Create((a, b) =>
        {
            var dataset = string.CompareOrdinal(a.Item1, b.Item1);
            return dataset != 0 ? dataset : string.CompareOrdinal(a.Item2, b.Item2);
        }));
        entries[0].Metrics.Keys.Should().BeInAscendingOrder(StringComparer.Ordinal);
        json.IndexOf("\"accuracy\"", StringComparison.Ordinal).Should().BeLessThan(json.IndexOf("\"ari\"", StringComparison.Ordinal));
        json.Should().EndWith("}\n").And.NotContain("\r");
    }

    [Fact]
    public void OnlyMetricsWithATolerancesAreWritten()
    {
        var baseline = Baseline.FromResults(Results, GateTolerances.Defaults);

        baseline.Entries.Should().OnlyContain(entry => entry.Metrics.Keys.All(GateTolerances.DefaultMetrics.Contains));
        baseline.Entries[0].Metrics.Should().ContainKeys("ari", "ami", "nmi", "accuracy").And.NotContainKey("inertia");
        baseline.Entries[0].Timings.Should().ContainKey("fit");
        baseline.Entries[0].Runs.Should().Be(3);
    }

    [Fact]
    public void AWrongKindOrVersionIsRejectedClearly()
    {
        var json = Baseline.FromResults(Results, GateTolerances.Defaults).ToJson();

        var wrongVersion = () => Baseline.Parse(json.Replace("\"format_version\": 1", "\"format_version\": 9", StringComparison.Ordinal), "b.json");
        var wrongKind = () => Baseline.Parse(json.Replace("segbench-baseline", "segbench-results", StringComparison.Ordinal), "b.json");
        var notJson = () => Baseline.Parse("{ nope", "b.json");

        wrongVersion.Should().Throw<InvalidDataException>().WithMessage("b.json: expected segbench-baseline version 1, found segbench-baseline version 9.");
        wrongKind.Should().Throw<InvalidDataException>().WithMessage("b.json: expected segbench-baseline version 1*");
        notJson.Should().Throw<InvalidDataException>().WithMessage("b.json: not a baseline file*");
    }

    [Fact]
    public void ANegativeToleranceIsRejectedNamingTheMetric()
    {
        var tolerances = GateTolerances.Defaults with { Metrics = new Dictionary<string, double> { ["ari"] = -0.1 } };

        var make = () => Baseline.FromResults(Results, tolerances);

        make.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'ari'*");
    }
}
