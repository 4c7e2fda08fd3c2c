namespace SegBench.Generator.Randomness;

/// <summary>
/// The log-gamma function, the regularized incomplete gamma and beta functions and the gamma and
/// beta quantiles, built from IEEE basic operations and <see cref="PortableMath"/> only (no
/// platform libm, no fused multiply-add, fixed iteration schemes), so every machine computes the
/// same bits.
/// </summary>
/// <remarks>
/// Errors measured against 40-digit mpmath values: <see cref="LogGamma(double)"/> at most
/// 1.1e-15 · max(1, |ln Γ(x)|) on [1e-3, 1e6]; for shapes in [0.2, 200], P at most 2.1e-14 and
/// Iₓ at most 1.1e-13 relative, and the quantiles at most 1.5e-14 (gamma) and 3e-14 (beta)
/// relative for p in [1e-15, 1 − 1e-15], and under 1e-13 for shapes down to 0.02 and p down to
/// 6e-16 wherever the quantile is a normal double. MathNet's quantiles are far less accurate in
/// the tails.
/// </remarks>
public static class GammaBeta
{
    // Machine epsilon: a series stops when a term no longer changes the sum, a continued
    // fraction when a factor is within one unit of 1.
    private const double MachineEpsilon = 2.220446049250313e-16;

    // Lentz's floor for a vanishing denominator.
    private const double Tiny = 1e-300;

    // Both bound loops that converge far sooner for sane parameters (a few hundred terms at shape
    // 200); the bound only keeps a pathological input from spinning.
    private const int MaximumTerms = 100_000;
    private const int MaximumSolverIterations = 200;

    // A solve stops once a Newton step moves the root by at most this much relative: Newton
    // converges quadratically, so the point after such a step is already as close as the
    // residual's rounding (about 1e-14) allows, and smaller steps would only chase that rounding.
    private const double SolverTolerance = 1e-12;

    // exp(-745.2) is below the smallest subnormal.
    private const double LogSmallest = -745.2;

    // Numerical Recipes' Lanczos approximation, g = 671/128, 14 terms.
    private const double LanczosShift = 5.24218750000000000;
    private const double LanczosConstant = 0.999999999999997092;
    private const double SquareRootOfTwoPi = 2.5066282746310005;
    private static readonly double[] LanczosCoefficients =
    [
        57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199,
        0.339946499848118887e-4, 0.465236289270485756e-4, -0.983744753048795646e-4, 0.158088703224912494e-3,
        -0.210264441724104883e-3, 0.217439618115212643e-3, -0.164318106536763890e-3, 0.844182239838527433e-4,
        -0.261908384015814087e-4, 0.368991826595316234e-5,
    ];

    private interface ITailFunction
    {
        // Both tail probabilities at x and x times the density there.
        Tails Evaluate(double x);
    }

    /// <summary>ln Γ(x) for x &gt; 0.</summary>
    /// <param name="x">The argument, positive.</param>
    /// <returns>The natural logarithm of the gamma function at <paramref name="x"/>.</returns>
    /// <remarks>
    /// The Lanczos approximation with g = 671/128 and 14 coefficients (Press et al., Numerical
    /// Recipes, 3rd ed., §6.1), used directly since x &gt; 0 needs no reflection. The error is within
    /// 1.1e-15 · max(1, |ln Γ(x)|) for x in [1e-3, 1e6]: absolute near the zeros at 1 and 2.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="x"/> is not positive.</exception>
    public static double LogGamma(double x)
    {
        if (!(x > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "The log-gamma function needs a positive argument.");
        }

        if (double.IsPositiveInfinity(x))
        {
            return double.PositiveInfinity;
        }

        if (x < 1e-300)
        {
            // Γ(x) = 1/x − γ + O(x): the series over x below would overflow.
            return -PortableMath.Log(x);
        }

        var shifted = x + LanczosShift;
        var head = ((x + 0.5) * PortableMath.Log(shifted)) - shifted;
        return head + PortableMath.Log(SquareRootOfTwoPi * LanczosSum(x) / x);
    }

    /// <summary>The regularized lower incomplete gamma function P(shape, x), the Gamma(shape, 1) CDF.</summary>
    /// <param name="shape">The shape, positive and finite.</param>
    /// <param name="x">The upper limit of the integral; 0 at or below 0.</param>
    /// <returns>P(shape, x) = γ(shape, x) / Γ(shape), in [0, 1].</returns>
    /// <remarks>
    /// The power series below x = shape + 1 and, above it, the continued fraction for
    /// Q = 1 − P evaluated by the modified Lentz method (Press et al., Numerical Recipes, 3rd ed.,
    /// §6.2), with the factor xᵃ e⁻ˣ / Γ(a) taken from the Lanczos form of Γ(a) so that the
    /// large logarithms cancel exactly. Within 2.1e-14 relative for shapes in [0.2, 200] where
    /// P ≥ 1e-300.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shape"/> is not positive and finite.</exception>
    public static double RegularizedLowerGamma(double shape, double x)
    {
        RequirePositive(shape, nameof(shape));
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x <= 0)
        {
            return 0;
        }

        return double.IsPositiveInfinity(x) ? 1 : new GammaFunction(shape).Evaluate(x).Lower;
    }

    /// <summary>The regularized incomplete beta function Iₓ(a, b), the Beta(a, b) CDF.</summary>
    /// <param name="a">The first shape, positive and finite.</param>
    /// <param name="b">The second shape, positive and finite.</param>
    /// <param name="x">The upper limit of the integral; 0 at or below 0, 1 at or above 1.</param>
    /// <returns>Iₓ(a, b) = B(x; a, b) / B(a, b), in [0, 1].</returns>
    /// <remarks>
    /// The continued fraction evaluated by the modified Lentz method, on Iₓ(a, b) below
    /// x = (a + 1) / (a + b + 2) and on I₁₋ₓ(b, a) = 1 − Iₓ(a, b) above it (Press et al., Numerical
    /// Recipes, 3rd ed., §6.4). Within 1.1e-13 relative for shapes in [0.2, 200] where
    /// Iₓ ≥ 1e-300 (the worst case is a = b = 200 near x = 1/2).
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="a"/> or <paramref name="b"/> is not positive and finite.</exception>
    public static double RegularizedBeta(double a, double b, double x)
    {
        RequirePositive(a, nameof(a));
        RequirePositive(b, nameof(b));
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x <= 0)
        {
            return 0;
        }

        return x >= 1 ? 1 : BetaTails(a, b, LogBeta(a, b), x).Lower;
    }

    /// <summary>The quantile (inverse CDF) of the gamma distribution with the given shape and rate.</summary>
    /// <param name="shape">The shape, positive and finite.</param>
    /// <param name="rate">The rate (1 / scale), positive and finite.</param>
    /// <param name="p">The probability: 0 at or below 0, +∞ at or above 1.</param>
    /// <returns>The x with P(shape, x · rate) = p.</returns>
    /// <remarks>
    /// A safeguarded Newton solve of ln P(x) = ln p for p ≤ 1/2 (steps in ln x, where the lower
    /// tail is nearly linear) and of ln Q(x) = ln(1 − p) above (steps in x), kept inside the
    /// bracket of the points seen so far: a step that leaves it is replaced by doubling while
    /// there is no upper end, by geometric bisection while the ends are far apart, and by the
    /// secant through the ends after that. It starts from the Wilson–Hilferty approximation
    /// (shape ≥ 1) or the small-shape tail forms of Numerical Recipes' invgammp (Press et al., 3rd
    /// ed., §6.2.1), and ends when a Newton step moves the root by at most 1e-12 relative (the
    /// point after it is then as close as rounding allows), when the bracket holds no more doubles,
    /// or after 200 iterations: a fixed sequence of basic operations, so a fixed function of its
    /// inputs. On the 4,097 probabilities of a table it evaluates P two to four times on average
    /// and at most six times. Within 1.5e-14 relative of the exact quantile for shapes in
    /// [0.2, 200] and p in [1e-15, 1 − 1e-15].
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shape"/> or <paramref name="rate"/> is not positive and finite.</exception>
    public static double GammaQuantile(double shape, double rate, double p)
    {
        RequirePositive(shape, nameof(shape));
        RequirePositive(rate, nameof(rate));
        if (double.IsNaN(p))
        {
            return double.NaN;
        }

        if (p <= 0)
        {
            return 0;
        }

        if (p >= 1)
        {
            return double.PositiveInfinity;
        }

        // The smaller tail is the target: 1 − p is exact for p ≥ 0.5, and so keeps its bits.
        var lowerTail = p <= 0.5;
        var target = lowerTail ? p : 1 - p;
        var start = GammaStart(shape, lowerTail, target);
        if (start == 0)
        {
            // The tail approximation is exact this far down, and the quantile underflows.
            return 0;
        }

        return Solve(new GammaFunction(shape), lowerTail, target, start, 0, double.PositiveInfinity, double.NaN) / rate;
    }

    /// <summary>The quantile (inverse CDF) of the beta distribution with the given shapes.</summary>
    /// <param name="a">The first shape, positive and finite.</param>
    /// <param name="b">The second shape, positive and finite.</param>
    /// <param name="p">The probability: 0 at or below 0, 1 at or above 1.</param>
    /// <returns>The x with Iₓ(a, b) = p.</returns>
    /// <remarks>
    /// The quantile's side of 1/2 is found from I_{1/2}(a, b); above it the solve is for
    /// 1 − x with the shapes swapped, so the unknown is always in (0, 1/2] and keeps its relative
    /// precision. The solve is the safeguarded Newton method of
    /// <see cref="GammaQuantile(double, double, double)"/> on the smaller tail, inside the bracket
    /// (0, 1/2], from the starting points of Numerical Recipes' invbetai (Press et al., 3rd ed.,
    /// §6.4.1). Within 3e-14 relative of the exact quantile for shapes in [0.2, 200] and p in
    /// [1e-15, 1 − 1e-15].
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="a"/> or <paramref name="b"/> is not positive and finite.</exception>
    public static double BetaQuantile(double a, double b, double p)
    {
        RequirePositive(a, nameof(a));
        RequirePositive(b, nameof(b));
        if (double.IsNaN(p))
        {
            return double.NaN;
        }

        if (p <= 0)
        {
            return 0;
        }

        if (p >= 1)
        {
            return 1;
        }

        var lowerTail = p <= 0.5;
        var target = lowerTail ? p : 1 - p;
        var logBeta = LogBeta(a, b);
        var half = BetaTails(a, b, logBeta, 0.5);
        var halfTail = lowerTail ? half.Lower : half.Upper;
        if (halfTail == target)
        {
            return 0.5;
        }

        // Iₓ(a, b) = 1 − I₁₋ₓ(b, a): above 1/2 solve for 1 − x, whose lower tail is x's upper one.
        var swapped = lowerTail ? target > halfTail : target < halfTail;
        var (first, second, tail) = swapped ? (b, a, !lowerTail) : (a, b, lowerTail);
        var start = BetaStart(first, second, tail, target);
        if (start == 0)
        {
            return swapped ? 1 : 0;
        }

        // The solved tail at 1/2 is I_{1/2} of the original tail whether or not the shapes were swapped.
        var logHalfTail = halfTail > 0 ? PortableMath.Log(halfTail) - PortableMath.Log(target) : double.NegativeInfinity;
        var root = Solve(new BetaFunction(first, second, logBeta), tail, target, start, 0, 0.5, tail ? logHalfTail : -logHalfTail);
        return swapped ? 1 - root : root;
    }

    private static void RequirePositive(double value, string name)
    {
        if (!(value > 0) || double.IsPositiveInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "A shape or rate must be positive and finite.");
        }
    }

    // The series of the Lanczos approximation, Γ(x) = √(2π) (x + g)^(x + 1/2) e^−(x + g) · sum / x.
    private static double LanczosSum(double x)
    {
        var sum = LanczosConstant;
        var denominator = x;
        foreach (var coefficient in LanczosCoefficients)
        {
            denominator += 1;
            sum += coefficient / denominator;
        }

        return sum;
    }

    // ln B(a, b) = ln Γ(small) + ln Γ(large) − ln Γ(small + large), the last two taken from their
    // Lanczos forms with their large logarithms cancelled by hand and the small shape used exactly
    // (not as the rounded sum less the large one): the plain difference of ln Γ(200) and
    // ln Γ(200.2) loses 1e-13 to rounding, this loses 1e-16.
    private static double LogBeta(double a, double b)
    {
        var (small, large) = a <= b ? (a, b) : (b, a);
        var sum = small + large;
        var difference = ((large + 0.5) * -LogOnePlus(small / (large + LanczosShift)))
            - (small * PortableMath.Log(sum + LanczosShift))
            + small
            + PortableMath.Log(LanczosSum(large) / LanczosSum(sum))
            + LogOnePlus(small / large);
        return LogGamma(small) + difference;
    }

    // eˣ, with 0 for arguments whose result is below the smallest subnormal.
    private static double ExpOrZero(double x) => x < LogSmallest ? 0 : PortableMath.Exp(x);

    // ln(1 + value) for value > −1 without the loss of 1 + value's rounding: the logarithm of the
    // rounded sum, scaled by how far rounding moved it (Goldberg, "What every computer scientist
    // should know about floating-point arithmetic", theorem 4).
    private static double LogOnePlus(double value)
    {
        var sum = 1 + value;
        return sum == 1 ? value : PortableMath.Log(sum) * value / (sum - 1);
    }

    // shifted = a + g and constant = ½ ln(a + g) + ln(√(2π) · sum(a) / a), so that the Lanczos form
    // reads ln Γ(a) = a ln(a + g) − (a + g) + constant.
    private static Tails GammaTails(double shape, double shifted, double constant, double x)
    {
        // x · density = xᵃ e⁻ˣ / Γ(a), the common factor of the series and the continued fraction.
        // With ln Γ(a) in its Lanczos form, ln(xᵃ e⁻ˣ / Γ(a)) = a ln(x / (a + g)) − (x − (a + g)) −
        // constant: the terms of size a ln a cancel by hand, which keeps 2e-14 at shape 200 where
        // the plain a ln x − x − ln Γ(a) loses 1.5e-13.
        var difference = x - shifted;
        var ratio = difference / shifted;
        var logRatio = Math.Abs(ratio) < 0.5 ? LogOnePlus(ratio) : PortableMath.Log(x / shifted);
        var logScale = (shape * logRatio) - difference - constant;
        var scale = ExpOrZero(logScale);
        if (x < shape + 1)
        {
            // P = scale · Σₙ xⁿ / (a (a + 1) ⋯ (a + n)).
            var term = 1 / shape;
            var sum = term;
            var denominator = shape;
            for (var n = 0; n < MaximumTerms; n++)
            {
                denominator += 1;
                term *= x / denominator;
                sum += term;
                if (term < sum * MachineEpsilon)
                {
                    break;
                }
            }

            var lower = scale * sum;
            return new Tails(lower, 1 - lower, scale);
        }

        // Q = scale · 1/(x + 1 − a − 1(1 − a)/(x + 3 − a − 2(2 − a)/(x + 5 − a − ⋯))).
        var b = x + 1 - shape;
        var c = 1 / Tiny;
        var d = 1 / b;
        var fraction = d;
        for (var i = 1; i < MaximumTerms; i++)
        {
            var an = -i * (i - shape);
            b += 2;
            d = (an * d) + b;
            d = Math.Abs(d) < Tiny ? Tiny : d;
            c = b + (an / c);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            d = 1 / d;
            var factor = d * c;
            fraction *= factor;
            if (Math.Abs(factor - 1) <= MachineEpsilon)
            {
                break;
            }
        }

        var upper = scale * fraction;
        return new Tails(1 - upper, upper, scale);
    }

    private static Tails BetaTails(double a, double b, double logBeta, double x)
    {
        // xᵃ (1 − x)ᵇ / B(a, b); x · density is that over 1 − x.
        var complement = 1 - x;
        var logFactor = (a * PortableMath.Log(x)) + (b * LogOnePlus(-x)) - logBeta;
        var factor = ExpOrZero(logFactor);
        var scale = factor / complement;
        if (x < (a + 1) / (a + b + 2))
        {
            var lower = factor * BetaFraction(a, b, x) / a;
            return new Tails(lower, 1 - lower, scale);
        }

        var upper = factor * BetaFraction(b, a, complement) / b;
        return new Tails(1 - upper, upper, scale);
    }

    // The continued fraction of Iₓ(a, b) · a · B(a, b) / (xᵃ (1 − x)ᵇ), which converges fast for
    // x < (a + 1) / (a + b + 2).
    private static double BetaFraction(double a, double b, double x)
    {
        var sum = a + b;
        var c = 1.0;
        var d = 1 - (sum * x / (a + 1));
        d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
        var fraction = d;
        for (var m = 1; m < MaximumTerms; m++)
        {
            var twice = 2 * m;
            var even = m * (b - m) * x / ((a - 1 + twice) * (a + twice));
            d = 1 + (even * d);
            d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
            c = 1 + (even / c);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            fraction *= d * c;
            var odd = -(a + m) * (sum + m) * x / ((a + twice) * (a + 1 + twice));
            d = 1 + (odd * d);
            d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
            c = 1 + (odd / c);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            var factor = d * c;
            fraction *= factor;
            if (Math.Abs(factor - 1) <= MachineEpsilon)
            {
                break;
            }
        }

        return fraction;
    }

    // Φ⁻¹(1 − tail) for tail in (0, 1/2] to about 5e-4 (Abramowitz and Stegun 26.2.23): only a
    // starting point.
    private static double RoughNormalQuantile(double tail)
    {
        var t = Math.Sqrt(-2 * PortableMath.Log(tail));
        return t - ((2.515517 + (t * (0.802853 + (t * 0.010328)))) / (1 + (t * (1.432788 + (t * (0.189269 + (t * 0.001308)))))));
    }

    private static double GammaStart(double shape, bool lowerTail, double target)
    {
        var logTarget = PortableMath.Log(target);
        if (shape < 1)
        {
            // Numerical Recipes' invgammp: P(1) is about t; below it P ≈ t xᵃ, above it Q ≈ (1 − t) e^(1 − x).
            var t = 1 - (shape * (0.253 + (shape * 0.12)));
            var p = lowerTail ? target : 1 - target;
            if (p < t)
            {
                return ExpOrZero((PortableMath.Log(p) - PortableMath.Log(t)) / shape);
            }

            var q = lowerTail ? 1 - target : target;
            return 1 - PortableMath.Log(q / (1 - t));
        }

        // Wilson–Hilferty: (X / a)^(1/3) is nearly normal.
        var z = RoughNormalQuantile(target);
        var cube = 1 - (1 / (9 * shape)) + ((lowerTail ? -z : z) / (3 * Math.Sqrt(shape)));
        var start = cube > 0 ? shape * cube * cube * cube : 0;
        if (lowerTail)
        {
            // P(x) ≤ xᵃ / Γ(a + 1), so this is never above the quantile, and is close to it far down.
            start = Math.Max(start, ExpOrZero((logTarget + LogGamma(shape) + PortableMath.Log(shape)) / shape));
        }

        return start > 0 ? start : shape;
    }

    // A start in (0, 1/2) for the solve of the given tail of Beta(a, b), whose quantile is known
    // to be at most 1/2.
    private static double BetaStart(double a, double b, bool lowerTail, double target)
    {
        double start;
        if (a >= 1 && b >= 1)
        {
            // Numerical Recipes' invbetai: a normal approximation mapped through a/(a + b e^(2w)).
            var z = RoughNormalQuantile(target);
            var deviate = lowerTail ? z : -z;
            var lambda = ((deviate * deviate) - 3) / 6;
            var h = 2 / ((1 / ((2 * a) - 1)) + (1 / ((2 * b) - 1)));
            var w = (deviate * Math.Sqrt(lambda + h) / h) - (((1 / ((2 * b) - 1)) - (1 / ((2 * a) - 1))) * (lambda + (5.0 / 6) - (2 / (3 * h))));
            var odds = b * ExpOrZero(Math.Min(2 * w, 700));
            start = a / (a + odds);
            return start > 0 && start < 0.5 ? start : 0.25;
        }
        else
        {
            // Near 0 Iₓ ≈ xᵃ / (a w), near 1 1 − Iₓ ≈ (1 − x)ᵇ / (b w).
            var lowerWeight = ExpOrZero(a * PortableMath.Log(a / (a + b))) / a;
            var upperWeight = ExpOrZero(b * PortableMath.Log(b / (a + b))) / b;
            var weight = lowerWeight + upperWeight;
            var p = lowerTail ? target : 1 - target;
            if (p < lowerWeight / weight)
            {
                start = ExpOrZero(PortableMath.Log(a * weight * p) / a);
            }
            else
            {
                var q = lowerTail ? 1 - target : target;
                start = 1 - ExpOrZero(PortableMath.Log(b * weight * q) / b);
            }
        }

        // 0 only when the tail form underflows, and then so does the quantile.
        return start >= 0 && start < 0.5 ? start : 0.25;
    }

    // Finds the x in (low, high) where the chosen tail of the function equals target. The residual
    // r(x), increasing in x, is ln P − ln p for the lower tail and ln q − ln Q for the upper one;
    // Newton steps are in ln x for the lower tail (where ln P is nearly linear in ln x) and in x for
    // the upper one (where ln Q is nearly linear in x). Every evaluation narrows the bracket, and a
    // step that leaves it is replaced by a bracketing one. highResidual is r(high) if known, else NaN.
    private static double Solve<TFunction>(TFunction function, bool lowerTail, double target, double start, double low, double high, double highResidual)
        where TFunction : struct, ITailFunction
    {
        var logTarget = PortableMath.Log(target);
        var lowResidual = double.NaN;
        var x = start;
        for (var iteration = 0; iteration < MaximumSolverIterations; iteration++)
        {
            var tails = function.Evaluate(x);
            var tail = lowerTail ? tails.Lower : tails.Upper;
            var logTail = tail > 0 ? PortableMath.Log(tail) : double.NegativeInfinity;
            var residual = lowerTail ? logTail - logTarget : logTarget - logTail;
            if (residual == 0)
            {
                return x;
            }

            if (residual < 0)
            {
                (low, lowResidual) = (x, residual);
            }
            else
            {
                (high, highResidual) = (x, residual);
            }

            // dr/d(ln x) = x · density / tail for either tail.
            var step = residual * tail / tails.Scale;
            var next = double.NaN;
            if (Math.Abs(step) < 700)
            {
                next = lowerTail ? x * PortableMath.Exp(-step) : x - (step * x);
            }

            if (Math.Abs(next - x) <= SolverTolerance * x)
            {
                // A root beyond an end of the bracket is in fact between x and that end.
                return Math.Clamp(next, low, high);
            }

            if (!(next > low && next < high))
            {
                next = Bracketed(low, lowResidual, high, highResidual);
                if (!(next > low && next < high))
                {
                    // The bracket holds no double between its ends.
                    return x;
                }
            }

            x = next;
        }

        return x;
    }

    // A point strictly inside the bracket when Newton's leaves it: doubling while there is no upper
    // end, geometric bisection while the ends are far apart (so a root near 0 is reached in few
    // steps), then the secant through the ends' residuals, or the midpoint if that fails.
    private static double Bracketed(double low, double lowResidual, double high, double highResidual)
    {
        if (double.IsPositiveInfinity(high))
        {
            return 2 * low;
        }

        if (low == 0)
        {
            return high / 2;
        }

        if (high > 2 * low)
        {
            return Math.Sqrt(low) * Math.Sqrt(high);
        }

        var secant = low + ((high - low) * (lowResidual / (lowResidual - highResidual)));
        return secant > low && secant < high ? secant : low + ((high - low) / 2);
    }

    private readonly record struct Tails(double Lower, double Upper, double Scale);

    private readonly struct GammaFunction : ITailFunction
    {
        private readonly double _shape;
        private readonly double _shifted;
        private readonly double _constant;

        public GammaFunction(double shape)
        {
            _shape = shape;
            _shifted = shape + LanczosShift;
            _constant = (0.5 * PortableMath.Log(_shifted)) + PortableMath.Log(SquareRootOfTwoPi * LanczosSum(shape) / shape);
        }

        public Tails Evaluate(double x) => GammaTails(_shape, _shifted, _constant, x);
    }

    private readonly struct BetaFunction(double a, double b, double logBeta) : ITailFunction
    {
        public Tails Evaluate(double x) => BetaTails(a, b, logBeta, x);
    }
}
