namespace SegBench.Bench.Reports.Svg;

/// <summary>A point of a scatter plot with the index of its group (its colour).</summary>
/// <param name="X">The x value.</param>
/// <param name="Y">The y value.</param>
/// <param name="Group">The group index into <see cref="ScatterChartSpec.GroupNames"/>.</param>
public sealed record ScatterPoint(double X, double Y, int Group);

/// <summary>What a scatter plot shows.</summary>
public sealed record ScatterChartSpec
{
    /// <summary>The title above the plot.</summary>
    public required string Title { get; init; }

    /// <summary>The x axis title, with its unit.</summary>
    public required string XTitle { get; init; }

    /// <summary>The y axis title, with its unit.</summary>
    public required string YTitle { get; init; }

    /// <summary>The points.</summary>
    public required IReadOnlyList<ScatterPoint> Points { get; init; }

    /// <summary>The name of each group, for the legend (an empty name keeps the group's colour but draws no entry).</summary>
    public required IReadOnlyList<string> GroupNames { get; init; }

    /// <summary>Total width in pixels.</summary>
    public double Width { get; init; } = 480;

    /// <summary>Total height in pixels.</summary>
    public double Height { get; init; } = 400;
}

/// <summary>Renders a scatter plot coloured by group, with a legend.</summary>
public static class ScatterChart
{
    /// <summary>Renders the chart as an SVG element.</summary>
    public static string Render(ScatterChartSpec spec)
    {
        var legendWidth = 24 + (7 * spec.GroupNames.DefaultIfEmpty(string.Empty).Max(name => name.Length)) + 12;
        var area = PlotArea.Inside(spec.Width, spec.Height, right: 16 + legendWidth);
        var finite = spec.Points.Where(point => double.IsFinite(point.X) && double.IsFinite(point.Y)).ToList();
        var x = LinearScale.Nice(finite.Select(point => point.X).DefaultIfEmpty(0).Min(), finite.Select(point => point.X).DefaultIfEmpty(1).Max(), area.Left, area.Right);
        var y = LinearScale.Nice(finite.Select(point => point.Y).DefaultIfEmpty(0).Min(), finite.Select(point => point.Y).DefaultIfEmpty(1).Max(), area.Bottom, area.Top);

        var svg = new SvgWriter().Begin(spec.Width, spec.Height, spec.Title);
        ChartFrame.Title(svg, area, spec.Title);
        ChartFrame.Axes(svg, area, x, y, spec.XTitle, spec.YTitle);
        svg.BeginGroup("points");
        foreach (var point in finite)
        {
            svg.Circle(x.Map(point.X), y.Map(point.Y), 2.6, Palette.Series(point.Group), "mark point", opacity: 0.75);
        }

        svg.EndGroup();
        var entries = spec.GroupNames
            .Select((name, index) => new LegendEntry(name, Palette.Series(index), Shape: LegendShape.Square))
            .Where(entry => entry.Name.Length > 0)
            .ToList();
        ChartFrame.Legend(svg, area.Right + 12, area.Top + 8, entries);
        return svg.End().ToString();
    }
}
