using System.Xml.Linq;
using SegBench.Bench.Reports.Svg;

namespace SegBench.Bench.Tests.Reports;

public sealed class SvgChartTests
{
    [Fact]
    public void LinearScaleWidensToNiceTicksThatCoverTheData()
    {
        var scale = LinearScale.Nice(0.03, 0.97, 0, 100);

        scale.DomainMinimum.Should().Be(0);
        scale.DomainMaximum.Should().BeApproximately(1, 1e-12);
        scale.Ticks().Select(tick => tick.Label).Should().Equal("0", "0.2", "0.4", "0.6", "0.8", "1.0");
    }

    [Theory]
    [InlineData(0.7, 1)]
    [InlineData(1.3, 2)]
    [InlineData(2.2, 2.5)]
    [InlineData(3.1, 5)]
    [InlineData(7, 10)]
    [InlineData(0.031, 0.05)]
    [InlineData(4200, 5000)]
    public void NiceStepRoundsUpToOneTwoTwoAndAHalfOrFive(double raw, double expected) =>
        LinearScale.NiceStep(raw).Should().BeApproximately(expected, expected * 1e-12);

    [Fact]
    public void LinearScaleMapsTheDomainOntoAReversedRange()
    {
        var scale = LinearScale.Nice(0, 10, 300, 20);

        scale.Map(0).Should().Be(300);
        scale.Map(10).Should().Be(20);
        scale.Map(5).Should().Be(160);
    }

    [Fact]
    public void LargeLinearTicksUseCompactLabels()
    {
        var labels = LinearScale.Nice(1_200_000, 1_500_000, 0, 100).Ticks().Select(tick => tick.Label).ToList();

        labels.Should().Contain("1.3M").And.OnlyContain(label => label.Length <= 5);
    }

    [Fact]
    public void LogScaleTicksWholeDecadesWhenTheRangeIsWide()
    {
        var scale = LogScale.Nice(0.003, 45, 0, 500);

        scale.Ticks().Select(tick => tick.Label).Should().Equal("0.001", "0.01", "0.1", "1", "10", "100");
        scale.Map(0.001).Should().Be(0);
        scale.Map(100).Should().BeApproximately(500, 1e-9);
        scale.Map(1).Should().BeApproximately(300, 1e-9);
    }

    [Fact]
    public void LogScaleSnapsToTheOneTwoFiveGridOnANarrowRange()
    {
        var scale = LogScale.Nice(2_500, 150_000, 0, 500);

        scale.Ticks().Select(tick => tick.Label).Should().Equal("2k", "5k", "10k", "20k", "50k", "100k", "200k");
        scale.Map(2_000).Should().BeApproximately(0, 1e-9);
        scale.Map(200_000).Should().BeApproximately(500, 1e-9);
    }

    [Fact]
    public void DivergingColoursAreWhiteAtZeroAndOppositeHuesAtTheEnds()
    {
        Palette.Diverging(0, 2).Should().Be("#f7f7f7");
        Palette.Diverging(-2, 2).Should().Be("#053061");
        Palette.Diverging(2, 2).Should().Be("#67001f");
        Palette.TextOn("#053061").Should().Be("#ffffff");
        Palette.TextOn("#f7f7f7").Should().Be("#111111");
    }

    [Fact]
    public void SeriesColoursAreDistinctForEightSeries() =>
        Enumerable.Range(0, 8).Select(Palette.Series).Should().OnlyHaveUniqueItems();

    [Fact]
    public void TextIsEscaped()
    {
        var svg = new SvgWriter().Begin(10, 10, "a < b & \"c\"").Text(0, 0, "<script>").End().ToString();

        svg.Should().NotContain("<script>").And.Contain("&lt;script&gt;").And.Contain("a &lt; b &amp; &quot;c&quot;");
        XElement.Parse(svg).Name.LocalName.Should().Be("svg");
    }

    [Fact]
    public void LineChartDrawsALinePointsAndErrorBarsPerSeriesWithALegend()
    {
        var svg = LineChart.Render(new LineChartSpec
        {
            Title = "T",
            XTitle = "x (unit)",
            YTitle = "y (unit)",
            Series =
            [
                new LineSeries("alpha", [new SeriesPoint(1, 0.5, 0.4, 0.6), new SeriesPoint(2, 0.7, 0.6, 0.8)]),
                new LineSeries("beta", [new SeriesPoint(1, 0.2), new SeriesPoint(2, 0.3)]),
            ],
            Markers = [(1.5, "planted")],
        });

        var root = XElement.Parse(svg);
        Elements(root, "polyline").Should().HaveCount(2);
        Elements(root, "circle").Count(element => (string?)element.Attribute("class") == "mark point").Should().Be(4);
        Elements(root, "line").Count(element => (string?)element.Attribute("class") == "mark error-bar").Should().Be(2);
        Texts(root).Should().Contain(["alpha", "beta", "x (unit)", "y (unit)", "planted", "T"]);
    }

    [Fact]
    public void HeatmapWritesEveryValueInItsCellAndLabelsRowsAndColumns()
    {
        var svg = Heatmap.Render(new HeatmapSpec
        {
            Title = "H",
            RowLabels = ["r0", "r1"],
            ColumnLabels = ["c0", "c1", "c2"],
            Values = [[1, 2, 3], [4, 5, 600]],
            RowTitle = "rows",
            ColumnTitle = "columns",
            ValueTitle = "count",
        });

        var root = XElement.Parse(svg);
        Elements(root, "rect").Count(element => (string?)element.Attribute("class") == "mark cell").Should().Be(6);
        Texts(root).Should().Contain(["1", "5", "600", "r0", "r1", "c0", "c2", "count"]);
    }

    [Fact]
    public void BarChartDrawsOneBarPerFiniteValue()
    {
        var svg = BarChart.Render(new BarChartSpec
        {
            Title = "B",
            XTitle = "segment",
            YTitle = "rows",
            Categories = ["a", "b", "c"],
            Series = [new BarSeries("planted", [10, 20, double.NaN]), new BarSeries("found", [11, 19, 5])],
        });

        Elements(XElement.Parse(svg), "rect").Count(element => (string?)element.Attribute("class") == "mark bar").Should().Be(5);
    }

    private static IEnumerable<XElement> Elements(XElement root, string name) => root.Descendants().Where(element => element.Name.LocalName == name);

    private static List<string> Texts(XElement root) => Elements(root, "text").Select(element => element.Value).ToList();
}
