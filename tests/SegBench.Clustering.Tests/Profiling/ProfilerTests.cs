using SegBench.Clustering.Profiling;
using SegBench.Data;
using static SegBench.Clustering.Tests.Preprocessing.TestTables;

namespace SegBench.Clustering.Tests.Profiling;

public sealed class ProfilerTests
{
    /// <summary>Cluster 0: 80 young customers of modest means; cluster 1: 20 older affluent demat holders.</summary>
    private static (Table Table, int[] Labels) Customers()
    {
        const int young = 80, affluent = 20;
        var labels = Enumerable.Repeat(0, young).Concat(Enumerable.Repeat(1, affluent)).ToArray();
        var table = Build(
            Strings("customer_code", ColumnRole.Identifier, labels.Select((_, i) => $"C{i}").ToArray()),
            Ints("age", labels.Select((c, i) => c == 0 ? 25 + (i % 10) : 45 + (i % 16)).ToArray()),
            Doubles("networth", labels.Select((c, i) => (double?)(c == 0 ? 200_000 + (1000 * (i % 7)) : 5_000_000 + (10_000 * (i % 5)))).ToArray()),
            Booleans("has_demat", labels.Select((c, i) => c == 1 ? i % 10 != 0 : i % 8 == 0).ToArray()),
            Strings("city", labels.Select((c, i) => c == 1 ? "Mumbai" : i % 2 == 0 ? "Pune" : "Delhi").ToArray()));
        return (table, labels);
    }

    [Fact]
    public void SizesSharesAndZScoresDescribeEachCluster()
    {
        var (table, labels) = Customers();

        var report = Profiler.Profile(table, labels);

        report.Clusters.Select(c => (c.Cluster, c.Size, c.Share)).Should().Equal((0, 80, 0.8), (1, 20, 0.2));
        var affluent = report.Clusters[1];
        affluent.Numeric.Select(n => n.Column).Should().Equal("age", "networth");
        affluent.Numeric[1].MeanZScore.Should().BeGreaterThan(1.5);
        report.Clusters[0].Numeric[1].MeanZScore.Should().BeLessThan(0);
        affluent.Categorical.Single(c => c.Column == "city").Top[0].Should().Be(new CategoryShare("Mumbai", 1.0, 0.2, 5.0));
    }

    [Fact]
    public void TheDescriptionNamesWhatSetsTheClusterApart()
    {
        var (table, labels) = Customers();

        var affluent = Profiler.Profile(table, labels).Clusters[1];

        affluent.Distinctions.Should().HaveCount(3);
        affluent.Distinctions.Select(d => d.Column).Should().OnlyHaveUniqueItems().And.NotContain("customer_code");
        affluent.Description.Should().Contain("networth").And.Contain("x median");
        affluent.Description.Should().MatchRegex(@"(90% has demat|100% city Mumbai|age \d+-\d+)");
    }

    [Fact]
    public void TheReportSurvivesJsonAndRendersAsMarkdown()
    {
        var (table, labels) = Customers();
        var report = Profiler.Profile(table, labels);

        var json = report.ToJson();
        var markdown = report.ToMarkdown();

        var back = ProfileReport.FromJson(json);
        back.Clusters.Select(c => c.Description).Should().Equal(report.Clusters.Select(c => c.Description));
        back.Clusters[1].Numeric.Should().Equal(report.Clusters[1].Numeric);
        markdown.Should().StartWith("# Cluster profiles").And.Contain("## Cluster 1: 20 rows (20.0%)").And.Contain("| city | Mumbai | 100.0% | 20.0% | 5.00 |");
    }

    [Fact]
    public void NoiseIsProfiledAsItsOwnGroup()
    {
        var (table, labels) = Customers();
        labels[0] = -1;

        var report = Profiler.Profile(table, labels);

        report.Clusters[0].Cluster.Should().Be(-1);
        report.Clusters[0].Size.Should().Be(1);
        report.ToMarkdown().Should().Contain("noise (-1)");
    }

    [Fact]
    public void LabelsMustMatchTheRows()
    {
        var (table, _) = Customers();

        var act = () => Profiler.Profile(table, new int[3]);

        act.Should().Throw<ArgumentException>().WithMessage("There are 3 labels for 100 rows.*");
    }
}
