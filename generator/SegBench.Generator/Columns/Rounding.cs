namespace SegBench.Generator.Columns;

/// <summary>
/// Rounding to a step, exact in binary where it matters: steps of 1 or more multiply back by the
/// step (100 → whole hundreds), steps below 1 divide by the whole number 1/step (0.01 → cents), so
/// a cent value is the double nearest its decimal and prints as such.
/// </summary>
internal readonly record struct Rounding(double Step)
{
    private readonly double _inverse = Step is > 0 and < 1 ? Math.Round(1 / Step) : 0;

    /// <summary>Rounds a value (no-op for a zero step).</summary>
    public double Apply(double value) =>
        Step <= 0 ? value
        : _inverse > 0 ? Math.Round(value * _inverse) / _inverse
        : Math.Round(value / Step) * Step;
}
