namespace SegBench.Bench.Reports.Svg;

/// <summary>How a heatmap colours its cells.</summary>
public enum HeatmapColouring
{
    /// <summary>White to dark blue, from zero to the largest value (counts).</summary>
    Sequential,

    /// <summary>Blue through white to red, symmetric about zero (z-scores).</summary>
    Diverging,
}

/// <summary>What a heatmap shows.</summary>
public sealed record HeatmapSpec
{
    /// <summary>The title above the grid.</summary>
    public required string Title { get; init; }

    /// <summary>The labels of the rows, top to bottom.</summary>
    public required IReadOnlyList<string> RowLabels { get; init; }

    /// <summary>The labels of the columns, left to right.</summary>
    public required IReadOnlyList<string> ColumnLabels { get; init; }

    /// <summary>Values[row][column].</summary>
    public required IReadOnlyList<IReadOnlyList<double>> Values { get; init; }

    /// <summary>The title of the row axis.</summary>
    public required string RowTitle { get; init; }

    /// <summary>The title of the column axis.</summary>
    public required string ColumnTitle { get; init; }

    /// <summary>What the colour means, with its unit (shown by the colour key).</summary>
    public required string ValueTitle { get; init; }

    /// <summary>The colouring.</summary>
    public HeatmapColouring Colouring { get; init; } = HeatmapColouring.Sequential;

    /// <summary>Formats the value written in a cell.</summary>
    public Func<double, string> Format { get; init; } = value => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The width of a cell in pixels.</summary>
    public double CellWidth { get; init; } = 64;

    /// <summary>The height of a cell in pixels.</summary>
    public double CellHeight { get; init; } = 30;
}

/// <summary>Renders a labelled grid of coloured cells with the value in each cell and a colour key.</summary>
public static class Heatmap
{
    /// <summary>Renders the heatmap as an SVG element.</summary>
    public static string Render(HeatmapSpec spec)
    {
        var rows = spec.RowLabels.Count;
        var columns = spec.ColumnLabels.Count;
        var rowLabelWidth = 16 + (7 * spec.RowLabels.DefaultIfEmpty(string.Empty).Max(label => label.Length));
        var columnLabelHeight = Math.Min(120, 14 + (6 * spec.ColumnLabels.DefaultIfEmpty(string.Empty).Max(label => label.Length)));
        var rotateColumns = spec.ColumnLabels.Any(label => label.Length * 7 > spec.CellWidth - 4);
        var left = 36 + rowLabelWidth;
        var top = 48 + (rotateColumns ? columnLabelHeight : 22);
        var width = Math.Max(left + (columns * spec.CellWidth) + 96, 360);
        var height = top + (rows * spec.CellHeight) + 24;
        var values = spec.Values.SelectMany(row => row).Where(double.IsFinite).DefaultIfEmpty(0).ToList();
        var limit = spec.Colouring == HeatmapColouring.Diverging
            ? Math.Max(1e-9, values.Max(Math.Abs))
            : Math.Max(1e-9, values.Max());

        var svg = new SvgWriter().Begin(width, height, spec.Title);
        var gridWidth = columns * spec.CellWidth;
        svg.Text(left + (gridWidth / 2), 20, spec.Title, "middle", 14, ChartFrame.Ink, "600");
        svg.Text(left + (gridWidth / 2), 38, spec.ColumnTitle, "middle", 12, ChartFrame.Ink);
        svg.Text(14, top + (rows * spec.CellHeight / 2), spec.RowTitle, "middle", 12, ChartFrame.Ink, rotate: -90);

        for (var column = 0; column < columns; column++)
        {
            var cx = left + ((column + 0.5) * spec.CellWidth);
            if (rotateColumns)
            {
                svg.Text(cx, top - 6, spec.ColumnLabels[column], "start", 11, ChartFrame.Ink, rotate: -50);
            }
            else
            {
                svg.Text(cx, top - 6, spec.ColumnLabels[column], "middle", 11, ChartFrame.Ink);
            }
        }

        svg.BeginGroup("cells");
        for (var row = 0; row < rows; row++)
        {
            var y = top + (row * spec.CellHeight);
            svg.Text(left - 6, y + (spec.CellHeight / 2), spec.RowLabels[row], "end", 11, ChartFrame.Ink, baseline: "middle");
            for (var column = 0; column < columns; column++)
            {
                var value = row < spec.Values.Count && column < spec.Values[row].Count ? spec.Values[row][column] : double.NaN;
                var fill = !double.IsFinite(value) ? "#dddddd"
                    : spec.Colouring == HeatmapColouring.Diverging ? Palette.Diverging(value, limit)
                    : Palette.Sequential(value / limit);
                var x = left + (column * spec.CellWidth);
                var label = double.IsFinite(value) ? spec.Format(value) : "–";
                svg.Rect(x, y, spec.CellWidth - 1, spec.CellHeight - 1, fill, "mark cell", $"{spec.RowLabels[row]} × {spec.ColumnLabels[column]}: {label}");
                svg.Text(x + (spec.CellWidth / 2), y + (spec.CellHeight / 2), label, "middle", 11, Palette.TextOn(fill), baseline: "middle");
            }
        }

        svg.EndGroup();
        ColourKey(svg, spec, left + gridWidth + 24, top, Math.Max(60, rows * spec.CellHeight), limit);
        return svg.End().ToString();
    }

    private static void ColourKey(SvgWriter svg, HeatmapSpec spec, double left, double top, double height, double limit)
    {
        const int Steps = 24;
        var minimum = spec.Colouring == HeatmapColouring.Diverging ? -limit : 0;
        svg.BeginGroup("colour-key");
        for (var step = 0; step < Steps; step++)
        {
            var position = 1 - ((step + 0.5) / Steps);
            var value = minimum + (position * (limit - minimum));
            var fill = spec.Colouring == HeatmapColouring.Diverging ? Palette.Diverging(value, limit) : Palette.Sequential(value / limit);
            svg.Rect(left, top + (step * height / Steps), 14, (height / Steps) + 0.5, fill);
        }

        svg.Text(left + 18, top + 4, spec.Format(limit), "start", 10, ChartFrame.Ink, baseline: "middle");
        svg.Text(left + 18, top + height - 4, spec.Format(minimum), "start", 10, ChartFrame.Ink, baseline: "middle");
        svg.Text(left + 7, top + height + 16, spec.ValueTitle, "middle", 10, ChartFrame.Ink);
        svg.EndGroup();
    }
}
