using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using SegBench.Bench.Reports;
using SegBench.Bench.Tests.Fixtures;

namespace SegBench.Bench.Tests.Browser;

/// <summary>Renders report.html from the fixture once, opens it in headless Chromium, measures every chart and takes a screenshot.</summary>
public sealed class RenderedReport : IDisposable
{
    private static readonly JsonSerializerOptions ProbeJson = new() { PropertyNameCaseInsensitive = true };

    public RenderedReport()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("segbench-report-");
        Page = Path.Combine(Directory.FullName, "report.html");
        var results = new ResultsBuilder().Build();
        var html = HtmlReport.Render(results);
        File.WriteAllText(Page, html);

        // The report has no script; a copy gets the probe inlined so --dump-dom carries its measurements out.
        var probe = File.ReadAllText(Path.Combine(RepositoryRoot(), "tools", "browser", "probe.js"));
        var probed = Path.Combine(Directory.FullName, "probe.html");
        File.WriteAllText(probed, html.Replace("</body>", $"<script>\n{probe}\n</script>\n</body>", StringComparison.Ordinal));
        var dom = Chromium.DumpDom(probed);
        var json = Regex.Match(dom, "<pre id=\"segbench-probe\" hidden=\"\">(.*?)</pre>", RegexOptions.Singleline);
        json.Success.Should().BeTrue($"the probe should have written its measurements into the page; Chromium returned {dom.Length} characters");
        Probe = JsonSerializer.Deserialize<ProbeResult>(WebUtility.HtmlDecode(json.Groups[1].Value), ProbeJson)!;

        var screenshots = Path.Combine(RepositoryRoot(), "out", "browser");
        System.IO.Directory.CreateDirectory(screenshots);
        Screenshot = Path.Combine(screenshots, "report.png");
        File.Delete(Screenshot);
        File.Copy(Page, Path.Combine(screenshots, "report.html"), overwrite: true);
        File.WriteAllText(Path.Combine(screenshots, "report.md"), MarkdownReport.Render(results));
        Chromium.Screenshot(Page, Screenshot, 1320, Math.Clamp(Probe.DocumentHeight, 800, 12_000));
    }

    public DirectoryInfo Directory { get; }

    public string Page { get; }

    public ProbeResult Probe { get; }

    public string Screenshot { get; }

    public void Dispose() => Directory.Delete(recursive: true);

    internal static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SegBench.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No SegBench.sln above {AppContext.BaseDirectory}.");
    }
}

public sealed record ProbeResult(string Title, int DocumentWidth, int DocumentHeight, IReadOnlyList<FigureProbe> Figures, IReadOnlyList<string> ExternalResources);

public sealed record FigureProbe(string Id, string Kind, int Svgs, double MinWidth, double MinHeight, int Marks, int Texts, int Caption);

public sealed class HtmlReportBrowserTests(RenderedReport report) : IClassFixture<RenderedReport>
{
    [Fact]
    public void ChromiumShowsEveryKindOfChartOnce()
    {
        report.Probe.Title.Should().Be("SegBench report: fixture-matrix");
        report.Probe.Figures.Select(figure => figure.Kind).Should().Equal(ReportCharts.Kinds);
        report.Probe.Figures.Should().OnlyContain(figure => figure.Id == $"chart-{figure.Kind}" && figure.Caption > 20);
    }

    [Theory]
    [InlineData("ari-vs-separation", 1, 18)]
    [InlineData("fit-time-vs-rows", 1, 12)]
    [InlineData("k-selection", 5, 45)]
    [InlineData("projection", 2, 1200)]
    [InlineData("confusion", 1, 16)]
    [InlineData("segment-sizes", 1, 8)]
    [InlineData("profile", 1, 24)]
    public void EachChartIsLaidOutWithVisibleMarksAndLabels(string kind, int svgs, int minimumMarks)
    {
        var figure = report.Probe.Figures.Single(candidate => candidate.Kind == kind);

        figure.Svgs.Should().Be(svgs);
        figure.MinWidth.Should().BeGreaterThan(200, "every SVG of the figure should have a real size on the page");
        figure.MinHeight.Should().BeGreaterThan(150);
        figure.Marks.Should().BeGreaterThanOrEqualTo(minimumMarks, "the chart should draw its data, not just its frame");
        figure.Texts.Should().BeGreaterThanOrEqualTo(8, "titles, ticks and legends are text");
    }

    [Fact]
    public void AMissingChromiumFailsWithInstructionsInsteadOfSkipping()
    {
        var check = () => Chromium.EnsureInstalled("/nonexistent/chromium");

        check.Should().Throw<Exception>().WithMessage("*/nonexistent/chromium*make browser*");
    }

    [Fact]
    public void ThePageRequestsNothingAndFitsTheWindowWidth()
    {
        report.Probe.ExternalResources.Should().BeEmpty();
        report.Probe.DocumentWidth.Should().BeLessThanOrEqualTo(1320, "nothing should force a horizontal scroll at a laptop's width");
    }

    [Fact]
    public void AScreenshotOfTheWholePageIsSaved()
    {
        var bytes = File.ReadAllBytes(report.Screenshot);

        bytes.Take(8).Should().Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, "the screenshot should be a PNG");
        bytes.Length.Should().BeGreaterThan(100_000, "a page of charts is not a blank image");
    }
}
