namespace SegBench.Bench.Reports.Svg;

/// <summary>The rectangle, in pixels, where a chart draws its data.</summary>
/// <param name="Left">Left edge.</param>
/// <param name="Top">Top edge.</param>
/// <param name="Width">Width.</param>
/// <param name="Height">Height.</param>
public readonly record struct PlotArea(double Left, double Top, double Width, double Height)
{
    /// <summary>Right edge.</summary>
    public double Right => Left + Width;

    /// <summary>Bottom edge.</summary>
    public double Bottom => Top + Height;

    /// <summary>The plot area of a chart of a given size with margins for title, axes and legend.</summary>
    public static PlotArea Inside(double width, double height, double left = 64, double top = 36, double right = 20, double bottom = 52) =>
        new(left, top, width - left - right, height - top - bottom);
}

/// <summary>Draws what every chart with axes shares: title, grid, ticks, tick labels and axis titles with units.</summary>
public static class ChartFrame
{
    /// <summary>The colour of axis lines and tick labels.</summary>
    public const string Ink = "#333333";

    /// <summary>The colour of grid lines.</summary>
    public const string Grid = "#e4e4e4";

    /// <summary>Writes the chart title, centred above the plot area.</summary>
    public static void Title(SvgWriter svg, PlotArea area, string title) =>
        svg.Text(area.Left + (area.Width / 2), area.Top - 14, title, "middle", 14, Ink, "600");

    /// <summary>Writes grid lines, both axes with ticks and labels, and the axis titles.</summary>
    public static void Axes(SvgWriter svg, PlotArea area, Scale x, Scale y, string xTitle, string yTitle)
    {
        svg.BeginGroup("axes");
        foreach (var tick in y.Ticks())
        {
            var py = y.Map(tick.Value);
            svg.Line(area.Left, py, area.Right, py, Grid);
            svg.Line(area.Left - 5, py, area.Left, py, Ink);
            svg.Text(area.Left - 8, py, tick.Label, "end", 11, Ink, baseline: "middle");
        }

        foreach (var tick in x.Ticks())
        {
            var px = x.Map(tick.Value);
            svg.Line(px, area.Top, px, area.Bottom, Grid);
            svg.Line(px, area.Bottom, px, area.Bottom + 5, Ink);
            svg.Text(px, area.Bottom + 18, tick.Label, "middle", 11, Ink);
        }

        svg.Line(area.Left, area.Bottom, area.Right, area.Bottom, Ink);
        svg.Line(area.Left, area.Top, area.Left, area.Bottom, Ink);
        svg.Text(area.Left + (area.Width / 2), area.Bottom + 40, xTitle, "middle", 12, Ink);
        var yMiddle = area.Top + (area.Height / 2);
        svg.Text(area.Left - 48, yMiddle, yTitle, "middle", 12, Ink, rotate: -90);
        svg.EndGroup();
    }

    /// <summary>A vertical legend: one swatch (a short line in the series' colour and dash) and name per entry.</summary>
    public static void Legend(SvgWriter svg, double left, double top, IReadOnlyList<LegendEntry> entries)
    {
        svg.BeginGroup("legend");
        for (var index = 0; index < entries.Count; index++)
        {
            var entry = entries[index];
            var y = top + (index * 18);
            if (entry.Shape == LegendShape.Line)
            {
                svg.Line(left, y, left + 22, y, entry.Colour, 2.5, entry.Dash);
                svg.Circle(left + 11, y, 3, entry.Colour);
            }
            else
            {
                svg.Rect(left + 4, y - 6, 12, 12, entry.Colour);
            }

            svg.Text(left + 28, y, entry.Name, "start", 11, Ink, baseline: "middle");
        }

        svg.EndGroup();
    }
}

/// <summary>How a legend entry's swatch is drawn.</summary>
public enum LegendShape
{
    /// <summary>A short line with a dot, for line series.</summary>
    Line,

    /// <summary>A filled square, for bars and points.</summary>
    Square,
}

/// <summary>One legend entry.</summary>
/// <param name="Name">The label.</param>
/// <param name="Colour">The colour.</param>
/// <param name="Dash">The dash pattern, or null for solid.</param>
/// <param name="Shape">The swatch's shape.</param>
public sealed record LegendEntry(string Name, string Colour, string? Dash = null, LegendShape Shape = LegendShape.Line);
