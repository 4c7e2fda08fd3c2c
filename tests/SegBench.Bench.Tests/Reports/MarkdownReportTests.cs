using System.Globalization;
using System.Text.RegularExpressions;
using SegBench.Bench.Reports;
using SegBench.Bench.Tests.Fixtures;

namespace SegBench.Bench.Tests.Reports;

public sealed class MarkdownReportTests
{
    private static readonly Lazy<string> Report = new(() => MarkdownReport.Render(new ResultsBuilder().Build()));

    [Fact]
    public void ItDescribesTheEnvironmentAndWarnsThatTimingsAreNoisy()
    {
        Report.Value.Should().Contain("## Environment")
            .And.Contain("Fixture CPU @ 2.0GHz (2 cores)")
            .And.Contain(".NET 10.0.0")
            .And.Contain("abc1234")
            .And.Contain("noisy");
    }

    [Fact]
    public void ItHasOneTablePerDatasetWithARowPerAlgorithm()
    {
        var headings = Regex.Matches(Report.Value, "^## indian-bank-customers/customers n=", RegexOptions.Multiline);
        headings.Should().HaveCount(15);
        Regex.Matches(Report.Value, @"^\| \d \| kmeans/default \|", RegexOptions.Multiline).Should().HaveCount(15);
        Regex.Matches(Report.Value, @"^\| \d \| dbscan/default \|", RegexOptions.Multiline).Should().HaveCount(15);
    }

    [Fact]
    public void RowsShowMeanAndSdTheShareOfTheCeilingFitTimeAndK()
    {
        var results = new ResultsBuilder().Build();
        var label = "indian-bank-customers/customers n=200000 sep=2";
        var ari = results.Aggregates.Single(aggregate => aggregate.Dataset == label && aggregate.Algorithm == "gmm/default" && aggregate.Metric == "ari");
        var row = Section(Report.Value, label).Split('\n').Single(line => line.Contains("| gmm/default |", StringComparison.Ordinal));

        row.Should().StartWith("| 1 |", "gmm scores best in the fixture");
        row.Should().Contain(string.Create(CultureInfo.InvariantCulture, $"{ari.Mean:0.000} ± {ari.StandardDeviation:0.000}"));
        row.Should().Contain(string.Create(CultureInfo.InvariantCulture, $"{ari.ShareOfCeiling:0.0%}"));
        row.Should().MatchRegex(@"\| [\d.]+ (ms|s) ± [\d.]+ (ms|s) \|");
        row.Should().Contain("| 4 / 4 | 3 |");
        Section(Report.Value, label).Should().Contain("| dbscan/default |").And.Contain("3–5 / 4");
    }

    [Fact]
    public void ResultsWithoutAggregatesRenderTheSameReport()
    {
        var withAggregates = MarkdownReport.Render(new ResultsBuilder().WithRows(2_000).Build());
        var fromRuns = MarkdownReport.Render(new ResultsBuilder().WithRows(2_000).WithoutAggregates().Build());

        fromRuns.Should().Be(withAggregates);
    }

    [Fact]
    public void PipesInNamesDoNotBreakTheTable()
    {
        var results = new ResultsBuilder().WithRows(2_000).WithSeparations(2).Build();
        var report = MarkdownReport.Render(results with { Matrix = "a|b" });

        report.Should().Contain("a\\|b");
    }

    private static string Section(string report, string label)
    {
        var start = report.IndexOf($"## {label}\n", StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, $"the report should have a section for {label}");
        var end = report.IndexOf("\n## ", start + 3, StringComparison.Ordinal);
        return end < 0 ? report[start..] : report[start..end];
    }
}
