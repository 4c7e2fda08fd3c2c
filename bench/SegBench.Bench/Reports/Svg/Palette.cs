using System.Globalization;

namespace SegBench.Bench.Reports.Svg;

/// <summary>
/// Colours that colour-blind readers can tell apart: the Okabe–Ito qualitative set for series,
/// ColorBrewer's RdBu for signed values and Blues for counts.
/// </summary>
/// <remarks>Okabe and Ito, "Color Universal Design" (2002); Brewer, colorbrewer2.org.</remarks>
public static class Palette
{
    // Yellow is last: it is the hardest to see on white.
    private static readonly string[] Qualitative =
        ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"];

    // Dash patterns repeat the series identity for readers who see no colour at all.
    private static readonly string?[] Dashes = [null, "6 3", "2 2", "8 3 2 3", "1 3", "10 4"];

    private static readonly string[] RedBlue =
        ["#053061", "#2166ac", "#4393c3", "#92c5de", "#d1e5f0", "#f7f7f7", "#fddbc7", "#f4a582", "#d6604d", "#b2182b", "#67001f"];

    private static readonly string[] Blues =
        ["#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b"];

    /// <summary>The colour of the series at an index (cycles after eight).</summary>
    public static string Series(int index) => Qualitative[((index % Qualitative.Length) + Qualitative.Length) % Qualitative.Length];

    /// <summary>The dash pattern of the series at an index (null = solid).</summary>
    public static string? Dash(int index) => Dashes[((index % Dashes.Length) + Dashes.Length) % Dashes.Length];

    /// <summary>A diverging colour for a value in [-limit, limit]: blue below zero, white at zero, red above.</summary>
    public static string Diverging(double value, double limit)
    {
        var position = limit > 0 ? Math.Clamp((value / limit + 1) / 2, 0, 1) : 0.5;
        return Interpolate(RedBlue, double.IsFinite(position) ? position : 0.5);
    }

    /// <summary>A sequential colour for a value in [0, 1], white to dark blue.</summary>
    public static string Sequential(double position) => Interpolate(Blues, double.IsFinite(position) ? Math.Clamp(position, 0, 1) : 0);

    /// <summary>Black or white, whichever reads better on a background colour.</summary>
    public static string TextOn(string background)
    {
        var (red, green, blue) = Parse(background);
        var luminance = (0.2126 * red) + (0.7152 * green) + (0.0722 * blue);
        return luminance < 140 ? "#ffffff" : "#111111";
    }

    private static string Interpolate(string[] stops, double position)
    {
        var scaled = position * (stops.Length - 1);
        var low = (int)Math.Floor(scaled);
        var high = Math.Min(low + 1, stops.Length - 1);
        var fraction = scaled - low;
        var (r1, g1, b1) = Parse(stops[low]);
        var (r2, g2, b2) = Parse(stops[high]);
        return string.Create(CultureInfo.InvariantCulture, $"#{Mix(r1, r2, fraction):x2}{Mix(g1, g2, fraction):x2}{Mix(b1, b2, fraction):x2}");
    }

    private static int Mix(int from, int to, double fraction) => (int)Math.Round(from + (to - from) * fraction);

    private static (int Red, int Green, int Blue) Parse(string colour) => (
        int.Parse(colour.AsSpan(1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
        int.Parse(colour.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
        int.Parse(colour.AsSpan(5, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
}
