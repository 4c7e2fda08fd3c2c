namespace SegBench.Bench.Gate;

/// <summary>What the gate checks and how much slack it allows. A baseline carries its tolerances, so the committed file says what CI enforces.</summary>
public sealed record GateTolerances
{
    /// <summary>The default absolute tolerance of a quality metric.</summary>
    public const double DefaultQualityTolerance = 0.01;

    /// <summary>The quality metrics gated by default: the external scores against the planted truth, all in [0, 1] or [-1, 1].</summary>
    public static IReadOnlyList<string> DefaultMetrics { get; } =
        ["accuracy", "ami", "ari", "completeness", "fmi", "homogeneity", "nca", "nmi", "v_measure"];

    /// <summary>Every external quality metric at 0.01 absolute; the timing gate off.</summary>
    public static GateTolerances Defaults { get; } = new();

    /// <summary>Metric name → absolute tolerance. Only these metrics are written to a baseline and compared.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } =
        DefaultMetrics.ToDictionary(metric => metric, _ => DefaultQualityTolerance, StringComparer.Ordinal);

    /// <summary>The opt-in gate on time; off by default because shared machines are noisy.</summary>
    public TimingGate Timing { get; init; } = new();

    /// <summary>The tolerance of a metric: its own, else <see cref="DefaultQualityTolerance"/>.</summary>
    public double For(string metric) => Metrics.TryGetValue(metric, out var tolerance) ? tolerance : DefaultQualityTolerance;

    /// <summary>Throws when a tolerance is negative or not a number, or the timing gate is malformed, naming the bad field.</summary>
    public GateTolerances Validate()
    {
        foreach (var (metric, tolerance) in Metrics)
        {
            if (!(tolerance >= 0) || !double.IsFinite(tolerance))
            {
                throw new ArgumentOutOfRangeException(nameof(Metrics), tolerance, $"The tolerance of '{metric}' must be a finite number of at least 0.");
            }
        }

        Timing.Validate();
        return this;
    }
}

/// <summary>The opt-in timing gate: a step's mean time may not exceed <see cref="MaximumRatio"/> times the baseline's.</summary>
public sealed record TimingGate
{
    /// <summary>Whether time is gated at all. Off by default.</summary>
    public bool Enabled { get; init; }

    /// <summary>The largest allowed ratio of actual to baseline mean time.</summary>
    public double MaximumRatio { get; init; } = 3.0;

    /// <summary>The timed step that is gated (a key of <c>RunResult.Timings</c>).</summary>
    public string Step { get; init; } = "fit";

    /// <summary>Baseline times below this many seconds are too short to gate and are reported as ok.</summary>
    public double MinimumSeconds { get; init; }

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    public TimingGate Validate()
    {
        if (!(MaximumRatio >= 1) || !double.IsFinite(MaximumRatio))
        {
            throw new ArgumentOutOfRangeException(nameof(MaximumRatio), MaximumRatio, "MaximumRatio must be a finite number of at least 1.");
        }

        if (string.IsNullOrWhiteSpace(Step))
        {
            throw new ArgumentException("Step must name a timed step such as 'fit'.", nameof(Step));
        }

        if (!(MinimumSeconds >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(MinimumSeconds), MinimumSeconds, "MinimumSeconds must not be negative.");
        }

        return this;
    }
}
