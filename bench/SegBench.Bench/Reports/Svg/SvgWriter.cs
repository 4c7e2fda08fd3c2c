using System.Globalization;
using System.Text;

namespace SegBench.Bench.Reports.Svg;

/// <summary>
/// Appends SVG markup: escaped text, invariant numbers rounded to two decimals, and nothing that
/// loads from outside the document.
/// </summary>
public sealed class SvgWriter
{
    private readonly StringBuilder text = new();

    /// <summary>Opens the root element of a chart with a view box, a title for screen readers and the house font.</summary>
    public SvgWriter Begin(double width, double height, string title)
    {
        text.Append(CultureInfo.InvariantCulture, $"<svg viewBox=\"0 0 {N(width)} {N(height)}\" width=\"{N(width)}\" height=\"{N(height)}\" role=\"img\" font-family=\"system-ui, sans-serif\" font-size=\"12\">");
        text.Append("<title>").Append(Escape(title)).Append("</title>");
        return this;
    }

    /// <summary>Closes the root element.</summary>
    public SvgWriter End()
    {
        text.Append("</svg>");
        return this;
    }

    /// <summary>A line segment.</summary>
    public SvgWriter Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? dash = null, string? cssClass = null)
    {
        text.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke=\"{stroke}\" stroke-width=\"{N(width)}\"");
        Optional("stroke-dasharray", dash);
        Optional("class", cssClass);
        text.Append("/>");
        return this;
    }

    /// <summary>A rectangle, optionally with a tooltip.</summary>
    public SvgWriter Rect(double x, double y, double width, double height, string fill, string? cssClass = null, string? tooltip = null, string? stroke = null)
    {
        text.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(Math.Max(0, width))}\" height=\"{N(Math.Max(0, height))}\" fill=\"{fill}\"");
        Optional("stroke", stroke);
        Optional("class", cssClass);
        return CloseWithTooltip("rect", tooltip);
    }

    /// <summary>A circle, optionally with a tooltip.</summary>
    public SvgWriter Circle(double x, double y, double radius, string fill, string? cssClass = null, string? tooltip = null, string? stroke = null, double opacity = 1)
    {
        text.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"{N(radius)}\" fill=\"{fill}\"");
        Optional("stroke", stroke);
        if (opacity < 1)
        {
            text.Append(CultureInfo.InvariantCulture, $" fill-opacity=\"{N(opacity)}\"");
        }

        Optional("class", cssClass);
        return CloseWithTooltip("circle", tooltip);
    }

    /// <summary>An open polyline through the points.</summary>
    public SvgWriter Polyline(IEnumerable<(double X, double Y)> points, string stroke, double width = 2, string? dash = null, string? cssClass = null)
    {
        text.Append("<polyline points=\"");
        var first = true;
        foreach (var (x, y) in points)
        {
            text.Append(first ? string.Empty : " ").Append(N(x)).Append(',').Append(N(y));
            first = false;
        }

        text.Append(CultureInfo.InvariantCulture, $"\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"{N(width)}\" stroke-linejoin=\"round\"");
        Optional("stroke-dasharray", dash);
        Optional("class", cssClass);
        text.Append("/>");
        return this;
    }

    /// <summary>A closed, filled polygon (used for bands).</summary>
    public SvgWriter Polygon(IEnumerable<(double X, double Y)> points, string fill, double opacity, string? cssClass = null)
    {
        text.Append("<polygon points=\"");
        var first = true;
        foreach (var (x, y) in points)
        {
            text.Append(first ? string.Empty : " ").Append(N(x)).Append(',').Append(N(y));
            first = false;
        }

        text.Append(CultureInfo.InvariantCulture, $"\" fill=\"{fill}\" fill-opacity=\"{N(opacity)}\" stroke=\"none\"");
        Optional("class", cssClass);
        text.Append("/>");
        return this;
    }

    /// <summary>A text label; <paramref name="anchor"/> is start, middle or end; <paramref name="halo"/> outlines it in white.</summary>
    public SvgWriter Text(double x, double y, string content, string anchor = "start", double size = 12, string fill = "#222", string? weight = null, double rotate = 0, string baseline = "auto", bool halo = false)
    {
        text.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\" font-size=\"{N(size)}\" fill=\"{fill}\"");
        if (halo)
        {
            // A white outline under the glyphs keeps a label readable where it crosses lines.
            text.Append(" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\" stroke-linejoin=\"round\"");
        }

        if (baseline != "auto")
        {
            text.Append(CultureInfo.InvariantCulture, $" dominant-baseline=\"{baseline}\"");
        }

        Optional("font-weight", weight);
        if (rotate != 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" transform=\"rotate({N(rotate)} {N(x)} {N(y)})\"");
        }

        text.Append('>').Append(Escape(content)).Append("</text>");
        return this;
    }

    /// <summary>Opens a group, e.g. for a translated panel.</summary>
    public SvgWriter BeginGroup(string? cssClass = null, double translateX = 0, double translateY = 0)
    {
        text.Append("<g");
        Optional("class", cssClass);
        if (translateX != 0 || translateY != 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" transform=\"translate({N(translateX)} {N(translateY)})\"");
        }

        text.Append('>');
        return this;
    }

    /// <summary>Closes a group.</summary>
    public SvgWriter EndGroup()
    {
        text.Append("</g>");
        return this;
    }

    /// <summary>The markup written so far.</summary>
    public override string ToString() => text.ToString();

    /// <summary>Escapes text for XML content and attribute values.</summary>
    public static string Escape(string value) => value
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal);

    /// <summary>A coordinate: invariant, at most two decimals, no exponent.</summary>
    public static string N(double value) =>
        double.IsFinite(value) ? Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture) : "0";

    private void Optional(string attribute, string? value)
    {
        if (value is not null)
        {
            text.Append(' ').Append(attribute).Append("=\"").Append(Escape(value)).Append('"');
        }
    }

    private SvgWriter CloseWithTooltip(string element, string? tooltip)
    {
        if (tooltip is null)
        {
            text.Append("/>");
        }
        else
        {
            text.Append("><title>").Append(Escape(tooltip)).Append("</title></").Append(element).Append('>');
        }

        return this;
    }
}
