using System.Text.RegularExpressions;
using System.Xml.Linq;
using SegBench.Bench.Reports;
using SegBench.Bench.Tests.Fixtures;

namespace SegBench.Bench.Tests.Reports;

public sealed class HtmlReportTests
{
    private static readonly Lazy<string> Page = new(() => HtmlReport.Render(new ResultsBuilder().Build()));

    [Fact]
    public void ThePageLoadsNothingFromOutside()
    {
        var page = Page.Value;

        page.Should().NotContain("http://").And.NotContain("https://").And.NotContain("//www.");
        page.Should().NotContainAny("<script", "<link", "<img", "<iframe", "@import", "url(");
        Regex.IsMatch(page, @"\b(src|href)\s*=", RegexOptions.IgnoreCase).Should().BeFalse("nothing may be loaded from another file");
        page.Should().StartWith("<!DOCTYPE html>").And.Contain("<style>");
    }

    [Fact]
    public void EveryKindOfChartIsAFigureWithAnIdACaptionAndAnSvg()
    {
        foreach (var kind in ReportCharts.Kinds)
        {
            var figure = Figure(Page.Value, kind);

            figure.Should().Contain($"id=\"chart-{kind}\"");
            figure.Should().MatchRegex("<figcaption>[^<]{20,}</figcaption>");
            figure.Should().Contain("<svg ");
        }

        Regex.Matches(Page.Value, "<figure ").Should().HaveCount(ReportCharts.Kinds.Count);
    }

    [Theory]
    [InlineData("ari-vs-separation", 15 + 3)]
    [InlineData("fit-time-vs-rows", 9 + 3)]
    [InlineData("k-selection", 5 * 9)]
    [InlineData("projection", 1200)]
    [InlineData("confusion", 16)]
    [InlineData("segment-sizes", 8)]
    [InlineData("profile", 24)]
    public void EachChartDrawsItsMarks(string kind, int minimumMarks)
    {
        var marks = Regex.Count(Figure(Page.Value, kind), "class=\"mark[ \"]");

        marks.Should().BeGreaterThanOrEqualTo(minimumMarks);
    }

    [Fact]
    public void EverySvgIsWellFormedXml()
    {
        var svgs = Regex.Matches(Page.Value, "<svg .*?</svg>", RegexOptions.Singleline);

        svgs.Count.Should().BeGreaterThanOrEqualTo(ReportCharts.Kinds.Count + 5);
        foreach (Match svg in svgs)
        {
            var parse = () => XElement.Parse(svg.Value);
            parse.Should().NotThrow();
        }
    }

    [Fact]
    public void ChartsHaveAxisTitlesWithUnitsAndLegends()
    {
        Figure(Page.Value, "ari-vs-separation").Should().Contain("separation (latent distance").And.Contain("adjusted Rand index").And.Contain("Bayes ceiling").And.Contain("gmm/default");
        Figure(Page.Value, "fit-time-vs-rows").Should().Contain("rows (log scale)").And.Contain("fit time, seconds (log scale)").And.Contain(">100k<");
        Figure(Page.Value, "k-selection").Should().Contain("planted K = 4").And.Contain("chosen K = 4").And.Contain("Davies–Bouldin");
        Figure(Page.Value, "projection").Should().Contain("Found clusters").And.Contain("Planted segments").And.Contain(">affluent_investors<").And.Contain(">cluster 3<");
        Figure(Page.Value, "confusion").Should().Contain("planted segment").And.Contain("found cluster").And.Contain(">young_salaried<");
        Figure(Page.Value, "profile").Should().Contain(">networth<").And.Contain("z (sd)").And.MatchRegex(">[+−]\\d\\.\\d\\d<");
    }

    [Fact]
    public void TheHeadlineRunIsKMeansOnTheLargestDatasetFirstSeed()
    {
        var headline = HeadlineRun.Pick(new ResultsBuilder().Build());

        headline.Should().NotBeNull();
        headline!.Algorithm.Should().Be("kmeans");
        headline.Dataset.Rows.Should().Be(200_000);
        headline.Dataset.Seed.Should().Be(1);
        Page.Value.Should().Contain(headline.Id);
    }

    [Fact]
    public void ClustersAreMatchedToTheSegmentTheyOverlapMost()
    {
        var charts = HeadlineRun.Pick(new ResultsBuilder().Build())!.Charts!;

        var match = ReportCharts.MatchClusters(charts);

        match.Should().HaveCount(4);
        foreach (var (segment, cluster) in match)
        {
            cluster.Should().Be((segment + 2) % 4, "the fixture mostly labels segment s as cluster s + 2");
        }
    }

    [Fact]
    public void WithoutChartDataThePageSaysSoInsteadOfDrawingEmptyCharts()
    {
        var page = HtmlReport.Render(new ResultsBuilder().WithoutCharts().WithoutKSelection().Build());

        page.Should().Contain("No run carries chart data").And.Contain("no choice-of-K curves");
        page.Should().Contain("data-chart=\"ari-vs-separation\"").And.NotContain("data-chart=\"confusion\"");
    }

    [Fact]
    public void RenderingTheSameResultsTwiceGivesTheSameBytes()
    {
        var results = new ResultsBuilder().WithRows(2_000, 20_000).Build();

        HtmlReport.Render(results).Should().Be(HtmlReport.Render(results));
        MarkdownReport.Render(results).Should().Be(MarkdownReport.Render(results));
    }

    [Fact]
    public void NamesFromTheResultsAreEscaped()
    {
        var results = new ResultsBuilder().WithRows(2_000).WithSeparations(2).Build();

        var page = HtmlReport.Render(results with { Matrix = "<script>alert(1)</script>" });

        page.Should().NotContain("<script>").And.Contain("&lt;script&gt;");
    }

    private static string Figure(string page, string kind)
    {
        var match = Regex.Match(page, $"<figure id=\"chart-{kind}\" data-chart=\"{kind}\">.*?</figure>", RegexOptions.Singleline);
        match.Success.Should().BeTrue($"the page should have a {kind} figure");
        return match.Value;
    }
}
