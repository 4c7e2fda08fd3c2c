using System.Text.Json;
using SegBench.Bench.Gate;
using SegBench.Bench.Results;
using SegBench.Bench.Tests.Fixtures;

namespace SegBench.Bench.Tests.Gate;

public sealed class QualityGateTests
{
    private static readonly BenchResults Results = new ResultsBuilder().WithRows(2_000, 20_000).WithSeparations(1.5, 2.5).Build();

    private static Baseline Baseline(GateTolerances? tolerances = null) => Bench.Gate.Baseline.FromResults(Results, tolerances ?? GateTolerances.Defaults);

    [Fact]
    public void TheSameResultsPass()
    {
        var report = QualityGate.Compare(Results, Baseline());

        report.Passed.Should().BeTrue();
        report.Rows.Should().OnlyContain(row => row.Status == GateStatus.Ok);
        report.Rows.Should().HaveCount(4 * 3 * 6, "4 datasets × 3 algorithms × 6 gated metrics present in the fixture");
    }

    [Fact]
    public void AnAriLoweredByFiveHundredthsFails()
    {
        var report = QualityGate.Compare(Results.ShiftMetric("kmeans", "ari", -0.05), Baseline());

        report.Passed.Should().BeFalse();
        var regressed = report.Rows.Where(row => row.Status == GateStatus.Regressed).ToList();
        regressed.Should().HaveCount(4).And.OnlyContain(row => row.Algorithm == "kmeans/default" && row.Metric == "ari");
        regressed.Should().OnlyContain(row => Math.Abs(row.Delta!.Value + 0.05) < 1e-5);
        report.Summary.Should().StartWith("FAIL: ").And.Contain("4 regressed");
    }

    [Fact]
    public void AChangeWithinTheToleranceOrExactlyAtItPasses()
    {
        QualityGate.Compare(Results.ShiftMetric("gmm", "ari", -0.009), Baseline()).Passed.Should().BeTrue();
        QualityGate.Compare(Results.ShiftMetric("gmm", "ami", -0.01), Baseline()).Passed.Should().BeTrue();
    }

    [Fact]
    public void AWiderToleranceForOneMetricLetsALargerDropThrough()
    {
        var tolerances = GateTolerances.Defaults with
        {
            Metrics = GateTolerances.Defaults.Metrics.ToDictionary(pair => pair.Key, pair => pair.Key == "ari" ? 0.1 : pair.Value),
        };

        QualityGate.Compare(Results.ShiftMetric("kmeans", "ari", -0.05), Baseline(tolerances)).Passed.Should().BeTrue();
        QualityGate.Compare(Results.ShiftMetric("kmeans", "ami", -0.05), Baseline(tolerances)).Passed.Should().BeFalse();
    }

    [Fact]
    public void AnImprovementPassesAndIsFlagged()
    {
        var report = QualityGate.Compare(Results.ShiftMetric("dbscan", "nmi", 0.05), Baseline());

        report.Passed.Should().BeTrue();
        report.Rows.Where(row => row.Status == GateStatus.Improved).Should().HaveCount(4).And.OnlyContain(row => row.Metric == "nmi");
        report.ToText().Should().Contain("improved").And.Contain("update the baseline");
    }

    [Fact]
    public void AMissingRunFails()
    {
        var results = Results.WithoutRuns(run => run.Algorithm == "gmm" && run.Dataset.Rows == 20_000 && run.Dataset.Separation == 2.5);

        var report = QualityGate.Compare(results, Baseline());

        report.Passed.Should().BeFalse();
        report.Rows.Where(row => row.Status == GateStatus.Missing).Should().HaveCount(6)
            .And.OnlyContain(row => row.Algorithm == "gmm/default" && row.Dataset.EndsWith("n=20000 sep=2.5", StringComparison.Ordinal) && row.Actual == null);
        report.ToText().Should().Contain("MISSING").And.Contain("FAIL");
    }

    [Fact]
    public void AMissingMetricFails()
    {
        var results = Results.MapRuns(run => run.Algorithm != "kmeans" ? run : run with
        {
            Metrics = run.Metrics.Where(pair => pair.Key != "accuracy").ToDictionary(pair => pair.Key, pair => pair.Value),
        });

        var report = QualityGate.Compare(results, Baseline());

        report.Passed.Should().BeFalse();
        report.Rows.Where(row => row.Status == GateStatus.Missing).Should().OnlyContain(row => row.Metric == "accuracy").And.HaveCount(4);
    }

    [Fact]
    public void ANewRunIsReportedButDoesNotFail()
    {
        var baseline = Bench.Gate.Baseline.FromResults(Results.WithoutRuns(run => run.Algorithm == "dbscan"), GateTolerances.Defaults);

        var report = QualityGate.Compare(Results, baseline);

        report.Passed.Should().BeTrue();
        report.Rows.Where(row => row.Status == GateStatus.New).Should().HaveCount(4 * 6)
            .And.OnlyContain(row => row.Algorithm == "dbscan/default" && row.Baseline == null);
    }

    [Fact]
    public void TheTimingGateIsOffByDefault()
    {
        var slow = Results.ScaleTiming("kmeans", "fit", 10);

        var report = QualityGate.Compare(slow, Baseline());

        GateTolerances.Defaults.Timing.Enabled.Should().BeFalse();
        report.Passed.Should().BeTrue();
        report.Rows.Should().NotContain(row => row.IsTiming);
    }

    [Fact]
    public void WhenEnabledTheTimingGateFailsARunMoreThanThreeTimesSlower()
    {
        var tolerances = GateTolerances.Defaults with { Timing = new TimingGate { Enabled = true, MaximumRatio = 3 } };
        var baseline = Baseline(tolerances);

        var slower = QualityGate.Compare(Results.ScaleTiming("kmeans", "fit", 2.5), baseline);
        var tooSlow = QualityGate.Compare(Results.ScaleTiming("kmeans", "fit", 3.5), baseline);

        slower.Passed.Should().BeTrue();
        slower.Rows.Where(row => row.IsTiming).Should().HaveCount(12).And.OnlyContain(row => row.Status == GateStatus.Ok);
        tooSlow.Passed.Should().BeFalse();
        tooSlow.Rows.Where(row => row.Status == GateStatus.Regressed).Should().HaveCount(4)
            .And.OnlyContain(row => row.Metric == "time:fit" && row.Algorithm == "kmeans/default" && Math.Abs(row.Delta!.Value - 3.5) < 1e-3);
        tooSlow.ToText().Should().Contain("×3.50").And.Contain("≤×3");
    }

    [Fact]
    public void LowerIsBetterMetricsRegressUpward()
    {
        var tolerances = GateTolerances.Defaults with { Metrics = new Dictionary<string, double> { ["davies_bouldin"] = 0.05 } };

        var worse = QualityGate.Compare(Results.ShiftMetric("kmeans", "davies_bouldin", 0.2), Baseline(tolerances));
        var better = QualityGate.Compare(Results.ShiftMetric("kmeans", "davies_bouldin", -0.2), Baseline(tolerances));

        worse.Passed.Should().BeFalse();
        better.Passed.Should().BeTrue();
        better.Count(GateStatus.Improved).Should().Be(4);
    }

    [Fact]
    public void TheTextTableListsEveryRowAndEndsWithTheVerdict()
    {
        var report = QualityGate.Compare(Results.ShiftMetric("kmeans", "ari", -0.05), Baseline());

        var lines = report.ToText().TrimEnd().Split('\n');

        lines[0].Should().MatchRegex("^status +dataset +algorithm +metric +baseline +actual +delta +tolerance$");
        lines.Should().Contain(line => line.StartsWith("REGRESSED", StringComparison.Ordinal) && line.Contains("-0.0500", StringComparison.Ordinal) && line.Contains("±0.01", StringComparison.Ordinal));
        lines.Length.Should().Be(2 + report.Rows.Count + 2);
        lines[^1].Should().Be(report.Summary);
    }

    [Fact]
    public void TheJsonFormCarriesTheVerdictCountsAndRows()
    {
        var report = QualityGate.Compare(Results.ShiftMetric("kmeans", "ari", -0.05), Baseline());

        using var json = JsonDocument.Parse(report.ToJson());

        json.RootElement.GetProperty("passed").GetBoolean().Should().BeFalse();
        json.RootElement.GetProperty("counts").GetProperty("regressed").GetInt32().Should().Be(4);
        json.RootElement.GetProperty("rows").GetArrayLength().Should().Be(report.Rows.Count);
        json.RootElement.GetProperty("rows")[0].GetProperty("status").GetString().Should().BeOneOf("ok", "regressed");
    }
}
