namespace SegBench.Bench.Reports.Svg;

/// <summary>A named set of bars, one per category.</summary>
/// <param name="Name">The legend label.</param>
/// <param name="Values">One value per category (NaN draws no bar).</param>
public sealed record BarSeries(string Name, IReadOnlyList<double> Values);

/// <summary>What a grouped bar chart shows.</summary>
public sealed record BarChartSpec
{
    /// <summary>The title above the plot.</summary>
    public required string Title { get; init; }

    /// <summary>The category axis title.</summary>
    public required string XTitle { get; init; }

    /// <summary>The value axis title, with its unit.</summary>
    public required string YTitle { get; init; }

    /// <summary>The categories along x.</summary>
    public required IReadOnlyList<string> Categories { get; init; }

    /// <summary>The series, drawn side by side within each category.</summary>
    public required IReadOnlyList<BarSeries> Series { get; init; }

    /// <summary>Total width in pixels.</summary>
    public double Width { get; init; } = 640;

    /// <summary>Total height in pixels.</summary>
    public double Height { get; init; } = 360;
}

/// <summary>Renders grouped vertical bars from zero, with a legend.</summary>
public static class BarChart
{
    /// <summary>Renders the chart as an SVG element.</summary>
    public static string Render(BarChartSpec spec)
    {
        var legendWidth = 24 + (7 * spec.Series.Select(series => series.Name.Length).DefaultIfEmpty(0).Max()) + 12;
        var bandEstimate = (spec.Width - 64 - 28 - legendWidth) / Math.Max(1, spec.Categories.Count);
        var rotate = spec.Categories.Any(category => category.Length * 7 > bandEstimate - 6);
        var area = PlotArea.Inside(spec.Width, spec.Height, right: 16 + legendWidth, bottom: rotate ? 96 : 52);
        var maximum = spec.Series.SelectMany(series => series.Values).Where(double.IsFinite).DefaultIfEmpty(1).Max();
        var y = LinearScale.Nice(0, Math.Max(maximum, 1e-9), area.Bottom, area.Top);
        var svg = new SvgWriter().Begin(spec.Width, spec.Height, spec.Title);
        ChartFrame.Title(svg, area, spec.Title);

        svg.BeginGroup("axes");
        foreach (var tick in y.Ticks())
        {
            var py = y.Map(tick.Value);
            svg.Line(area.Left, py, area.Right, py, ChartFrame.Grid);
            svg.Line(area.Left - 5, py, area.Left, py, ChartFrame.Ink);
            svg.Text(area.Left - 8, py, LogScale.Label(tick.Value), "end", 11, ChartFrame.Ink, baseline: "middle");
        }

        svg.Line(area.Left, area.Bottom, area.Right, area.Bottom, ChartFrame.Ink);
        svg.Line(area.Left, area.Top, area.Left, area.Bottom, ChartFrame.Ink);
        svg.Text(area.Left - 48, area.Top + (area.Height / 2), spec.YTitle, "middle", 12, ChartFrame.Ink, rotate: -90);
        svg.Text(area.Left + (area.Width / 2), spec.Height - 8, spec.XTitle, "middle", 12, ChartFrame.Ink);
        svg.EndGroup();

        var band = area.Width / Math.Max(1, spec.Categories.Count);
        var barWidth = band * 0.8 / Math.Max(1, spec.Series.Count);
        for (var category = 0; category < spec.Categories.Count; category++)
        {
            var bandLeft = area.Left + (category * band);
            var labelX = bandLeft + (band / 2);
            if (rotate)
            {
                svg.Text(labelX, area.Bottom + 14, spec.Categories[category], "end", 11, ChartFrame.Ink, rotate: -35);
            }
            else
            {
                svg.Text(labelX, area.Bottom + 18, spec.Categories[category], "middle", 11, ChartFrame.Ink);
            }

            for (var series = 0; series < spec.Series.Count; series++)
            {
                var values = spec.Series[series].Values;
                var value = category < values.Count ? values[category] : double.NaN;
                if (!double.IsFinite(value))
                {
                    continue;
                }

                var top = y.Map(value);
                svg.Rect(bandLeft + (band * 0.1) + (series * barWidth), top, barWidth - 2, area.Bottom - top, Palette.Series(series), "mark bar", $"{spec.Series[series].Name}, {spec.Categories[category]}: {value:#,0.##}");
            }
        }

        var entries = spec.Series.Select((series, index) => new LegendEntry(series.Name, Palette.Series(index), Shape: LegendShape.Square)).ToList();
        ChartFrame.Legend(svg, area.Right + 12, area.Top + 8, entries);
        return svg.End().ToString();
    }
}
