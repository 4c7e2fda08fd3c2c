namespace SegBench.Bench.Reports.Svg;

/// <summary>A point of a line series, with an optional spread (e.g. mean ± sd).</summary>
/// <param name="X">The x value.</param>
/// <param name="Y">The y value.</param>
/// <param name="Low">The lower end of the error bar, if any.</param>
/// <param name="High">The upper end of the error bar, if any.</param>
public sealed record SeriesPoint(double X, double Y, double? Low = null, double? High = null);

/// <summary>A named line.</summary>
/// <param name="Name">The legend label.</param>
/// <param name="Points">The points, drawn in x order.</param>
/// <param name="IsReference">A reference line (e.g. a ceiling): grey, dashed, no markers.</param>
public sealed record LineSeries(string Name, IReadOnlyList<SeriesPoint> Points, bool IsReference = false);

/// <summary>What a line chart shows and how.</summary>
public sealed record LineChartSpec
{
    /// <summary>The title above the plot.</summary>
    public required string Title { get; init; }

    /// <summary>The x axis title, with its unit.</summary>
    public required string XTitle { get; init; }

    /// <summary>The y axis title, with its unit.</summary>
    public required string YTitle { get; init; }

    /// <summary>The lines.</summary>
    public required IReadOnlyList<LineSeries> Series { get; init; }

    /// <summary>Log-scaled x axis.</summary>
    public bool LogX { get; init; }

    /// <summary>Log-scaled y axis.</summary>
    public bool LogY { get; init; }

    /// <summary>Fixed y range, e.g. (0, 1) for scores; null fits the data.</summary>
    public (double Minimum, double Maximum)? YRange { get; init; }

    /// <summary>Vertical marker lines, e.g. the planted K.</summary>
    public IReadOnlyList<(double X, string Label)> Markers { get; init; } = [];

    /// <summary>Points to ring, e.g. the chosen K.</summary>
    public IReadOnlyList<(double X, double Y, string Label)> Highlights { get; init; } = [];

    /// <summary>Total width in pixels.</summary>
    public double Width { get; init; } = 560;

    /// <summary>Total height in pixels.</summary>
    public double Height { get; init; } = 360;

    /// <summary>Draw the legend at the right (hidden for a single series).</summary>
    public bool ShowLegend { get; init; } = true;
}

/// <summary>Renders line charts with optional error bars, log axes, markers and highlights.</summary>
public static class LineChart
{
    /// <summary>Renders the chart as an SVG element.</summary>
    public static string Render(LineChartSpec spec)
    {
        var legend = spec.ShowLegend && spec.Series.Count > 1;
        var legendWidth = legend ? 24 + (7 * spec.Series.Max(series => series.Name.Length)) + 20 : 0;
        var area = PlotArea.Inside(spec.Width, spec.Height, right: 20 + legendWidth);
        var points = spec.Series.SelectMany(series => series.Points).ToList();
        var xs = points.Select(point => point.X).Concat(spec.Markers.Select(marker => marker.X)).Where(double.IsFinite).DefaultIfEmpty(0).ToList();
        var ys = points.SelectMany(point => new[] { point.Y, point.Low ?? point.Y, point.High ?? point.Y }).Where(double.IsFinite).DefaultIfEmpty(0).ToList();
        if (!spec.LogY && ys.Max() > ys.Min())
        {
            // Room above and below, so points at the extremes do not sit on the frame.
            var pad = 0.06 * (ys.Max() - ys.Min());
            ys.Add(ys.Max() + pad);
            ys.Add(ys.Min() - pad);
        }

        Scale x = spec.LogX
            ? LogScale.Nice(xs.Where(value => value > 0).DefaultIfEmpty(1).Min(), xs.Max(), area.Left, area.Right)
            : LinearScale.Nice(xs.Min(), xs.Max(), area.Left, area.Right);
        Scale y = spec.YRange is { } range
            ? LinearScale.Nice(range.Minimum, range.Maximum, area.Bottom, area.Top)
            : spec.LogY
                ? LogScale.Nice(ys.Where(value => value > 0).DefaultIfEmpty(1).Min(), ys.Max(), area.Bottom, area.Top)
                : LinearScale.Nice(ys.Min(), ys.Max(), area.Bottom, area.Top);

        var svg = new SvgWriter().Begin(spec.Width, spec.Height, spec.Title);
        ChartFrame.Title(svg, area, spec.Title);
        ChartFrame.Axes(svg, area, x, y, spec.XTitle, spec.YTitle);

        foreach (var (markerX, label) in spec.Markers)
        {
            var px = x.Map(markerX);
            svg.Line(px, area.Top, px, area.Bottom, "#555555", 1.5, "5 4", "marker");
            svg.Text(px + 4, area.Bottom - 6, label, "start", 11, "#555555", halo: true);
        }

        var legendEntries = new List<LegendEntry>();
        var colourIndex = 0;
        foreach (var series in spec.Series)
        {
            var ordered = series.Points.Where(point => double.IsFinite(point.X) && double.IsFinite(point.Y)).OrderBy(point => point.X).ToList();
            var colour = series.IsReference ? "#777777" : Palette.Series(colourIndex);
            var dash = series.IsReference ? "4 4" : Palette.Dash(colourIndex);
            svg.BeginGroup("series");
            foreach (var point in ordered.Where(point => point.Low is not null && point.High is not null))
            {
                var px = x.Map(point.X);
                svg.Line(px, y.Map(point.Low!.Value), px, y.Map(point.High!.Value), colour, 1.5, cssClass: "mark error-bar");
                svg.Line(px - 4, y.Map(point.Low.Value), px + 4, y.Map(point.Low.Value), colour, 1.5);
                svg.Line(px - 4, y.Map(point.High.Value), px + 4, y.Map(point.High.Value), colour, 1.5);
            }

            svg.Polyline(ordered.Select(point => (x.Map(point.X), y.Map(point.Y))), colour, series.IsReference ? 1.5 : 2.5, dash, "mark line");
            if (!series.IsReference)
            {
                foreach (var point in ordered)
                {
                    svg.Circle(x.Map(point.X), y.Map(point.Y), 3.5, colour, "mark point", $"{series.Name}: {point.Y:0.###} at {point.X:0.###}");
                }
            }

            svg.EndGroup();
            legendEntries.Add(new LegendEntry(series.Name, colour, dash));
            if (!series.IsReference)
            {
                colourIndex++;
            }
        }

        foreach (var (highlightX, highlightY, label) in spec.Highlights)
        {
            var px = x.Map(highlightX);
            var py = y.Map(highlightY);
            svg.Circle(px, py, 8, "none", "mark highlight", label, "#D55E00");
            svg.Circle(px, py, 9, "none", stroke: "#D55E00");
            var above = py - area.Top > 28;
            svg.Text(px + 6, above ? py - 13 : py + 22, label, "start", 11, "#D55E00", "600", halo: true);
        }

        if (legend)
        {
            ChartFrame.Legend(svg, area.Right + 16, area.Top + 8, legendEntries);
        }

        return svg.End().ToString();
    }
}
