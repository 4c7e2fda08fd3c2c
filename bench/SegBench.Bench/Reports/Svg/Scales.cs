using System.Globalization;

namespace SegBench.Bench.Reports.Svg;

/// <summary>A tick of an axis: where it sits in data units and its label.</summary>
/// <param name="Value">The data value.</param>
/// <param name="Label">The label drawn beside it.</param>
public sealed record Tick(double Value, string Label);

/// <summary>Maps a data domain onto a pixel range and proposes readable ticks.</summary>
public abstract class Scale
{
    /// <summary>Creates a scale over a domain and a pixel range (the range may run backwards, as y axes do).</summary>
    protected Scale(double domainMinimum, double domainMaximum, double rangeStart, double rangeEnd)
    {
        DomainMinimum = domainMinimum;
        DomainMaximum = domainMaximum;
        RangeStart = rangeStart;
        RangeEnd = rangeEnd;
    }

    /// <summary>The smallest data value shown.</summary>
    public double DomainMinimum { get; }

    /// <summary>The largest data value shown.</summary>
    public double DomainMaximum { get; }

    /// <summary>The pixel of <see cref="DomainMinimum"/>.</summary>
    public double RangeStart { get; }

    /// <summary>The pixel of <see cref="DomainMaximum"/>.</summary>
    public double RangeEnd { get; }

    /// <summary>The pixel of a data value.</summary>
    public abstract double Map(double value);

    /// <summary>The ticks to draw.</summary>
    public abstract IReadOnlyList<Tick> Ticks();
}

/// <summary>A linear scale whose domain is widened to nice tick steps (1, 2, 2.5 or 5 × 10ⁿ).</summary>
public sealed class LinearScale : Scale
{
    private readonly double step;

    private LinearScale(double minimum, double maximum, double step, double rangeStart, double rangeEnd)
        : base(minimum, maximum, rangeStart, rangeEnd) => this.step = step;

    /// <summary>A scale covering [minimum, maximum], widened outward to about <paramref name="tickCount"/> nice ticks.</summary>
    public static LinearScale Nice(double minimum, double maximum, double rangeStart, double rangeEnd, int tickCount = 5)
    {
        if (!double.IsFinite(minimum) || !double.IsFinite(maximum))
        {
            (minimum, maximum) = (0, 1);
        }

        if (maximum < minimum)
        {
            (minimum, maximum) = (maximum, minimum);
        }

        if (maximum == minimum)
        {
            var pad = minimum == 0 ? 1 : Math.Abs(minimum) * 0.1;
            (minimum, maximum) = (minimum - pad, maximum + pad);
        }

        var step = NiceStep((maximum - minimum) / Math.Max(1, tickCount));
        var niceMinimum = Math.Floor(minimum / step + 1e-9) * step;
        var niceMaximum = Math.Ceiling(maximum / step - 1e-9) * step;
        return new LinearScale(niceMinimum, niceMaximum, step, rangeStart, rangeEnd);
    }

    /// <summary>A scale over exactly [minimum, maximum] with a given tick step (no widening).</summary>
    public static LinearScale Fixed(double minimum, double maximum, double step, double rangeStart, double rangeEnd) =>
        new(minimum, maximum, step, rangeStart, rangeEnd);

    /// <summary>The distance between ticks.</summary>
    public double Step => step;

    /// <inheritdoc/>
    public override double Map(double value) =>
        RangeStart + (value - DomainMinimum) / (DomainMaximum - DomainMinimum) * (RangeEnd - RangeStart);

    /// <inheritdoc/>
    public override IReadOnlyList<Tick> Ticks()
    {
        var decimals = Math.Max(0, (int)Math.Ceiling(-Math.Log10(step) - 1e-9));
        if (step * Math.Pow(10, decimals) % 1 > 1e-6)
        {
            decimals++;
        }

        var format = decimals == 0 ? "0" : "0." + new string('0', decimals);
        var compact = Math.Max(Math.Abs(DomainMinimum), Math.Abs(DomainMaximum)) >= 1e4;
        var ticks = new List<Tick>();
        var count = (int)Math.Round((DomainMaximum - DomainMinimum) / step);
        for (var index = 0; index <= count; index++)
        {
            var value = DomainMinimum + index * step;
            if (Math.Abs(value) < step * 1e-9)
            {
                value = 0;
            }

            var label = compact
                ? (value < 0 ? "−" : string.Empty) + LogScale.Label(Math.Abs(value))
                : value.ToString(format, CultureInfo.InvariantCulture).Replace("-", "−", StringComparison.Ordinal);
            ticks.Add(new Tick(value, value == 0 ? "0" : label));
        }

        return ticks;
    }

    /// <summary>The nice number (1, 2, 2.5, 5 × 10ⁿ) nearest above a raw step.</summary>
    public static double NiceStep(double raw)
    {
        if (!(raw > 0) || !double.IsFinite(raw))
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var fraction = raw / magnitude;
        var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }
}

/// <summary>A base-10 logarithmic scale: over at most three decades it snaps to and ticks at 1, 2 and 5 × 10ⁿ; wider, at whole decades.</summary>
public sealed class LogScale : Scale
{
    private LogScale(double minimum, double maximum, double rangeStart, double rangeEnd)
        : base(minimum, maximum, rangeStart, rangeEnd)
    {
    }

    /// <summary>A scale covering [minimum, maximum] (both positive), widened to the 1-2-5 grid or to decades.</summary>
    public static LogScale Nice(double minimum, double maximum, double rangeStart, double rangeEnd)
    {
        if (!(minimum > 0) || !double.IsFinite(minimum))
        {
            minimum = maximum > 0 && double.IsFinite(maximum) ? maximum / 10 : 1;
        }

        if (!(maximum > 0) || !double.IsFinite(maximum) || maximum < minimum)
        {
            maximum = minimum * 10;
        }

        // A narrow range snaps to the 1-2-5 grid so the data fills the axis; a wide one to whole decades.
        var narrow = Math.Log10(maximum / minimum) <= 3;
        var low = narrow ? SnapDown(minimum) : Math.Pow(10, Math.Floor(Math.Log10(minimum) + 1e-9));
        var high = narrow ? SnapUp(maximum) : Math.Pow(10, Math.Ceiling(Math.Log10(maximum) - 1e-9));
        if (high <= low)
        {
            high = SnapUp(low * 1.5);
        }

        return new LogScale(low, high, rangeStart, rangeEnd);
    }

    /// <inheritdoc/>
    public override double Map(double value)
    {
        var clamped = Math.Max(value, DomainMinimum * 1e-3);
        var position = (Math.Log10(clamped) - Math.Log10(DomainMinimum)) / (Math.Log10(DomainMaximum) - Math.Log10(DomainMinimum));
        return RangeStart + position * (RangeEnd - RangeStart);
    }

    /// <inheritdoc/>
    public override IReadOnlyList<Tick> Ticks()
    {
        var decades = Math.Log10(DomainMaximum / DomainMinimum);
        double[] multipliers = decades <= 3 + 1e-9 ? [1, 2, 5] : [1];
        var ticks = new List<Tick>();
        for (var power = Math.Floor(Math.Log10(DomainMinimum) + 1e-9); power <= Math.Log10(DomainMaximum) + 1e-9; power++)
        {
            var decade = Math.Pow(10, power);
            foreach (var multiplier in multipliers)
            {
                var value = decade * multiplier;
                if (value >= DomainMinimum * (1 - 1e-9) && value <= DomainMaximum * (1 + 1e-9))
                {
                    ticks.Add(new Tick(value, Label(value)));
                }
            }
        }

        return ticks;
    }

    private static double SnapDown(double value)
    {
        var decade = Math.Pow(10, Math.Floor(Math.Log10(value) + 1e-9));
        var fraction = value / decade;
        return decade * (fraction >= 5 - 1e-9 ? 5 : fraction >= 2 - 1e-9 ? 2 : 1);
    }

    private static double SnapUp(double value)
    {
        var decade = Math.Pow(10, Math.Floor(Math.Log10(value) + 1e-9));
        var fraction = value / decade;
        return decade * (fraction <= 1 + 1e-9 ? 1 : fraction <= 2 + 1e-9 ? 2 : fraction <= 5 + 1e-9 ? 5 : 10);
    }

    /// <summary>A compact label: 0.001, 0.5, 20, 1k, 2M.</summary>
    public static string Label(double value) => value switch
    {
        >= 1e9 => (value / 1e9).ToString("0.##", CultureInfo.InvariantCulture) + "G",
        >= 1e6 => (value / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + "M",
        >= 1e3 => (value / 1e3).ToString("0.##", CultureInfo.InvariantCulture) + "k",
        >= 1 => value.ToString("0.##", CultureInfo.InvariantCulture),
        _ => value.ToString("0.#########", CultureInfo.InvariantCulture),
    };
}
