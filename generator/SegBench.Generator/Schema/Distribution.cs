using System.Runtime.Intrinsics;
using SegBench.Generator.Randomness;

namespace SegBench.Generator.Schema;

/// <summary>
/// A marginal distribution, sampled through a latent standard normal z as x = F⁻¹(Φ(z)). That is
/// the Gaussian copula: correlations and segment shifts act on z, and every marginal keeps its
/// shape. Shifting z by δ moves the median from F⁻¹(0.5) to F⁻¹(Φ(δ)).
/// </summary>
public abstract class Distribution
{
    /// <summary>The schema names of the families.</summary>
    public static readonly IReadOnlyCollection<string> Families = ["normal", "lognormal", "gamma", "beta", "pareto", "poisson", "uniform", "bernoulli"];

    /// <summary>Maps a latent standard normal value to this distribution.</summary>
    public abstract double FromLatent(double z);

    /// <summary>
    /// <see cref="FromLatent(double)"/> of every value, in place: the same values, for families
    /// that can work a batch faster than a value at a time.
    /// </summary>
    public virtual void FromLatent(Span<double> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = FromLatent(values[i]);
        }
    }

    /// <summary>
    /// The value at probability <paramref name="u"/>: <see cref="FromLatent(double)"/>(Φ⁻¹(u)), for draws
    /// that have no latent value (a parent's child count). Families that work from a probability
    /// read it directly, without the round trip through the normal (a log, a square root and an
    /// erfc per draw).
    /// </summary>
    public virtual double FromUniform(double u) => FromLatent(NormalMath.InverseCdf(u));

    /// <summary>The CDF, used to turn a target median into a latent shift.</summary>
    public abstract double Cdf(double x);

    /// <summary>The latent shift that moves the median to <paramref name="median"/>.</summary>
    public double LatentShiftForMedian(double median) => NormalMath.InverseCdf(Math.Clamp(Cdf(median), 1e-12, 1 - 1e-12));

    /// <summary>Parses <c>{ family: { parameters } }</c>.</summary>
    public static Distribution Parse(SchemaNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var entries = node.Keys(Families);
        if (entries.Count != 1)
        {
            throw node.Error($"a distribution names exactly one family, one of: {string.Join(", ", Families)}.");
        }

        var (family, parameters) = entries.First();
        return family switch
        {
            "normal" => Normal(parameters),
            "lognormal" => LogNormal(parameters),
            "gamma" => Gamma(parameters),
            "beta" => Beta(parameters),
            "pareto" => Pareto(parameters),
            "poisson" => new PoissonDistribution(parameters.Keys(["mean"], "mean")["mean"].Number(1e-9, 1e6, "a positive mean")),
            "uniform" => Uniform(parameters),
            _ => new BernoulliDistribution(parameters.Keys(["p"], "p")["p"].Number(0, 1, "a probability")),
        };
    }

    private static Distribution Normal(SchemaNode node)
    {
        var keys = node.Keys(["mean", "sd"], "mean", "sd");
        return new NormalDistribution(keys["mean"].Number(), Positive(keys["sd"], "sd"));
    }

    private static Distribution LogNormal(SchemaNode node)
    {
        var keys = node.Keys(["median", "mu", "sigma"], "sigma");
        if (keys.ContainsKey("median") == keys.ContainsKey("mu"))
        {
            throw node.Error("a lognormal needs exactly one of 'median' or 'mu' (the mean of ln x).");
        }

        var mu = keys.TryGetValue("median", out var median) ? PortableMath.Log(Positive(median, "median")) : keys["mu"].Number();
        return new LogNormalDistribution(mu, Positive(keys["sigma"], "sigma"));
    }

    private static Distribution Gamma(SchemaNode node)
    {
        var keys = node.Keys(["shape", "scale", "rate"], "shape");
        if (keys.ContainsKey("scale") == keys.ContainsKey("rate"))
        {
            throw node.Error("a gamma needs 'shape' and exactly one of 'scale' or 'rate'.");
        }

        var scale = keys.TryGetValue("scale", out var s) ? Positive(s, "scale") : 1.0 / Positive(keys["rate"], "rate");
        var shape = Positive(keys["shape"], "shape");
        var rate = 1.0 / scale;
        return new TabulatedDistribution(p => GammaBeta.GammaQuantile(shape, rate, p), x => GammaBeta.RegularizedLowerGamma(shape, x * rate));
    }

    private static Distribution Beta(SchemaNode node)
    {
        var keys = node.Keys(["a", "b"], "a", "b");
        var a = Positive(keys["a"], "a");
        var b = Positive(keys["b"], "b");
        return new TabulatedDistribution(p => GammaBeta.BetaQuantile(a, b, p), x => GammaBeta.RegularizedBeta(a, b, x));
    }

    private static Distribution Pareto(SchemaNode node)
    {
        var keys = node.Keys(["scale", "alpha"], "scale", "alpha");
        return new ParetoDistribution(Positive(keys["scale"], "scale"), Positive(keys["alpha"], "alpha"));
    }

    private static Distribution Uniform(SchemaNode node)
    {
        var keys = node.Keys(["min", "max"], "min", "max");
        var min = keys["min"].Number();
        var max = keys["max"].Number();
        if (max <= min)
        {
            throw keys["max"].Error($"uniform 'max' ({max}) must be greater than 'min' ({min}).");
        }

        return new UniformDistribution(min, max);
    }

    private static double Positive(SchemaNode node, string name)
    {
        var value = node.Number();
        if (value <= 0)
        {
            throw node.Error($"'{name}' must be greater than 0, not {value}.");
        }

        return value;
    }
}

internal sealed class NormalDistribution(double mean, double sd) : Distribution
{
    public override double FromLatent(double z) => mean + (sd * z);

    public override double Cdf(double x) => NormalMath.Cdf((x - mean) / sd);
}

internal sealed class LogNormalDistribution(double mu, double sigma) : Distribution
{
    public override double FromLatent(double z) => PortableMath.Exp(mu + (sigma * z));

    // Four at a time through the vector exp, bit-identical to the scalar one; a block with an
    // exponent beyond its domain, and the last few values, go one at a time.
    public override void FromLatent(Span<double> values)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 4 <= values.Length; i += 4)
            {
                var block = values.Slice(i, 4);
                var exponent = Vector256.Create(mu) + (Vector256.Create(sigma) * Vector256.Create<double>(block));
                if (PortableMath.IsModerate(exponent))
                {
                    PortableMath.ExpOfModerate(exponent).CopyTo(block);
                }
                else
                {
                    base.FromLatent(block);
                }
            }
        }

        base.FromLatent(values[i..]);
    }

    public override double Cdf(double x) => x <= 0 ? 0 : NormalMath.Cdf((PortableMath.Log(x) - mu) / sigma);
}

internal sealed class UniformDistribution(double min, double max) : Distribution
{
    public override double FromLatent(double z) => FromUniform(NormalMath.Cdf(z));

    public override double FromUniform(double u) => min + ((max - min) * u);

    public override double Cdf(double x) => Math.Clamp((x - min) / (max - min), 0, 1);
}

internal sealed class ParetoDistribution(double scale, double alpha) : Distribution
{
    // Uses the upper tail Φ(-z) directly so large z keeps its precision.
    public override double FromLatent(double z) => scale / PortableMath.Pow(NormalMath.Cdf(-z), 1.0 / alpha);

    public override double Cdf(double x) => x <= scale ? 0 : 1 - PortableMath.Pow(scale / x, alpha);
}

internal sealed class BernoulliDistribution(double p) : Distribution
{
    public override double FromLatent(double z) => FromUniform(NormalMath.Cdf(z));

    public override double FromUniform(double u) => u > 1 - p ? 1 : 0;

    public override double Cdf(double x) => x < 0 ? 0 : x < 1 ? 1 - p : 1;
}

internal sealed class PoissonDistribution : Distribution
{
    private readonly double _mean;
    private readonly double[] _cumulative;

    public PoissonDistribution(double mean)
    {
        _mean = mean;
        var cumulative = new List<double>();
        var term = PortableMath.Exp(-mean);
        var sum = 0.0;
        for (var k = 0; sum < 1 - 1e-15 && k < 100_000; k++)
        {
            sum += term;
            cumulative.Add(sum);
            term *= mean / (k + 1);
            if (term == 0 && k > mean)
            {
                break;
            }
        }

        _cumulative = [.. cumulative];
    }

    public override double FromLatent(double z) => FromUniform(NormalMath.Cdf(z));

    // The first count whose cumulative probability reaches u (the last if rounding left the sum short of it).
    public override double FromUniform(double u)
    {
        var index = Array.BinarySearch(_cumulative, u);
        return index >= 0 ? index : Math.Min(~index, _cumulative.Length - 1);
    }

    public override double Cdf(double x) => x < 0 ? 0 : x >= _cumulative.Length ? 1 : _cumulative[(int)Math.Floor(x)];

    public override string ToString() => $"poisson({_mean})";
}

/// <summary>
/// A continuous distribution whose inverse CDF is expensive (gamma, beta): the quantile is
/// tabulated once on a fine latent grid and interpolated, so sampling costs a lookup. The quantile
/// and the CDF come from <see cref="GammaBeta"/>, managed code, so the table is the same on every
/// machine.
/// </summary>
internal sealed class TabulatedDistribution : Distribution
{
    private const double LatentLimit = 8.0;
    private const int PointsPerUnit = 256;
    private readonly Func<double, double> _cdf;
    private readonly double[] _quantiles;

    public TabulatedDistribution(Func<double, double> quantile, Func<double, double> cdf)
    {
        _cdf = cdf;
        var count = (int)(2 * LatentLimit * PointsPerUnit) + 1;
        _quantiles = new double[count];
        for (var i = 0; i < count; i++)
        {
            var z = -LatentLimit + ((double)i / PointsPerUnit);
            _quantiles[i] = quantile(Math.Clamp(NormalMath.Cdf(z), 1e-300, 1 - 1e-16));
        }
    }

    public override double FromLatent(double z)
    {
        var position = (Math.Clamp(z, -LatentLimit, LatentLimit) + LatentLimit) * PointsPerUnit;
        var index = Math.Min((int)position, _quantiles.Length - 2);
        var fraction = position - index;
        return _quantiles[index] + ((_quantiles[index + 1] - _quantiles[index]) * fraction);
    }

    public override double Cdf(double x) => _cdf(x);
}
