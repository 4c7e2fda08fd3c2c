using System.Runtime.Intrinsics;

namespace SegBench.Generator.Randomness;

/// <summary>
/// exp, log, pow and erfc in managed code, built only from IEEE 754 basic operations (+, −, ×, ÷,
/// comparisons and bit moves, each exactly rounded), so a given argument gives the same bits on
/// every CPU, operating system and runtime. <see cref="Math.Exp"/> and its kin call the platform's
/// C library, whose last bits differ between implementations, and even within one: glibc picks its
/// FMA or SSE2 code by CPU, and the two disagree in about 1 in 1,500 exp calls. Generated values go
/// through these instead, so a seed's bytes do not depend on the machine.
/// </summary>
/// <remarks>
/// The algorithms and coefficients are fdlibm's (Sun Microsystems, 1993: e_exp.c, e_log.c,
/// s_erf.c), whose errors are under one unit in the last place. C# never fuses a multiply and an
/// add on its own, so the expressions below round as written.
/// </remarks>
public static class PortableMath
{
    // 1.5 · 2^52: between it and 2^53 doubles are the whole numbers, so adding it moves a small
    // integer into the low mantissa bits and back; the vector log and exp convert through it.
    private const double IntegerShift = 6755399441055744.0;

    // ln 2 in two parts: the high part has 32 trailing zero bits, so k × high is exact for |k| < 2^20.
    private const double Ln2High = 6.93147180369123816490e-01;
    private const double Ln2Low = 1.90821492927058770002e-10;
    private const double InverseLn2 = 1.44269504088896338700e+00;

    // exp overflows above this and underflows to zero below the other.
    private const double ExpOverflow = 7.09782712893383973096e+02;
    private const double ExpUnderflow = -7.45133219101941108420e+02;

    // exp: a minimax fit of r·(e^r + 1)/(e^r − 1) on |r| ≤ ln2 / 2 (Remez error below 2^-59).
    private const double P1 = 1.66666666666666019037e-01;
    private const double P2 = -2.77777777770155933842e-03;
    private const double P3 = 6.61375632143793436117e-05;
    private const double P4 = -1.65339022054652515390e-06;
    private const double P5 = 4.13813679705723846039e-08;

    // log: a minimax fit of (log(1 + f) − 2s − s·R)/s, s = f / (2 + f), in powers of s².
    private const double Lg1 = 6.666666666666735130e-01;
    private const double Lg2 = 3.999999999940941908e-01;
    private const double Lg3 = 2.857142874366239149e-01;
    private const double Lg4 = 2.222219843214978396e-01;
    private const double Lg5 = 1.818357216161805012e-01;
    private const double Lg6 = 1.531383769920937332e-01;
    private const double Lg7 = 1.479819860511658591e-01;
    private const double TwoTo54 = 1.80143985094819840000e+16;

    // erfc on |x| < 0.84375: erf(x) = x + x·pp(x²)/qq(x²).
    private const double Pp0 = 1.28379167095512558561e-01;
    private const double Pp1 = -3.25042107247001499370e-01;
    private const double Pp2 = -2.84817495755985104766e-02;
    private const double Pp3 = -5.77027029648944159157e-03;
    private const double Pp4 = -2.37630166566501626084e-05;
    private const double Qq1 = 3.97917223959155352819e-01;
    private const double Qq2 = 6.50222499887672944485e-02;
    private const double Qq3 = 5.08130628187576562776e-03;
    private const double Qq4 = 1.32494738004321644526e-04;
    private const double Qq5 = -3.96022827877536812320e-06;

    // erfc on 0.84375 ≤ |x| < 1.25: erf(1 + s) = erx + pa(s)/qa(s), erx = erf(1) rounded to 24 bits.
    private const double Erx = 8.45062911510467529297e-01;
    private const double Pa0 = -2.36211856075265944077e-03;
    private const double Pa1 = 4.14856118683748331666e-01;
    private const double Pa2 = -3.72207876035701323847e-01;
    private const double Pa3 = 3.18346619901161753674e-01;
    private const double Pa4 = -1.10894694282396677476e-01;
    private const double Pa5 = 3.54783043256182359371e-02;
    private const double Pa6 = -2.16637559486879084300e-03;
    private const double Qa1 = 1.06420880400844228286e-01;
    private const double Qa2 = 5.40397917702171048937e-01;
    private const double Qa3 = 7.18286544141962662868e-02;
    private const double Qa4 = 1.26171219808761642112e-01;
    private const double Qa5 = 1.36370839120290507362e-02;
    private const double Qa6 = 1.19844998467991074170e-02;

    // erfc on 1.25 ≤ |x| < 1/0.35: x·erfc(x) = exp(−x² − 0.5625 + ra(1/x²)/sa(1/x²)).
    private const double Ra0 = -9.86494403484714822705e-03;
    private const double Ra1 = -6.93858572707181764372e-01;
    private const double Ra2 = -1.05586262253232909814e+01;
    private const double Ra3 = -6.23753324503260060396e+01;
    private const double Ra4 = -1.62396669462573470355e+02;
    private const double Ra5 = -1.84605092906711035994e+02;
    private const double Ra6 = -8.12874355063065934246e+01;
    private const double Ra7 = -9.81432934416914548592e+00;
    private const double Sa1 = 1.96512716674392571292e+01;
    private const double Sa2 = 1.37657754143519042600e+02;
    private const double Sa3 = 4.34565877475229228821e+02;
    private const double Sa4 = 6.45387271733267880336e+02;
    private const double Sa5 = 4.29008140027567833386e+02;
    private const double Sa6 = 1.08635005541779435134e+02;
    private const double Sa7 = 6.57024977031928170135e+00;
    private const double Sa8 = -6.04244152148580987438e-02;

    // erfc on 1/0.35 ≤ |x| < 28: the same form with rb/sb.
    private const double Rb0 = -9.86494292470009928597e-03;
    private const double Rb1 = -7.99283237680523006574e-01;
    private const double Rb2 = -1.77579549177547519889e+01;
    private const double Rb3 = -1.60636384855821916062e+02;
    private const double Rb4 = -6.37566443368389627722e+02;
    private const double Rb5 = -1.02509513161107724954e+03;
    private const double Rb6 = -4.83519191608651397019e+02;
    private const double Sb1 = 3.03380607434824582924e+01;
    private const double Sb2 = 3.25792512996573918826e+02;
    private const double Sb3 = 1.53672958608443695994e+03;
    private const double Sb4 = 3.19985821950859553908e+03;
    private const double Sb5 = 2.55305040643316442583e+03;
    private const double Sb6 = 4.74528541206955367215e+02;
    private const double Sb7 = -2.24409524465858183362e+01;

    /// <summary>eˣ, within one unit in the last place.</summary>
    public static double Exp(double x)
    {
        if (!(x <= ExpOverflow))
        {
            // +∞ above the threshold, and NaN stays NaN.
            return x > ExpOverflow ? double.PositiveInfinity : x;
        }

        if (x < ExpUnderflow)
        {
            return 0;
        }

        // x = k·ln2 + r with |r| ≤ ln2 / 2, r carried as high − low for the extra bits.
        var k = Math.Round(x * InverseLn2);
        var high = x - (k * Ln2High);
        var low = k * Ln2Low;
        var r = high - low;

        var t = r * r;
        var c = r - (t * (P1 + (t * (P2 + (t * (P3 + (t * (P4 + (t * P5)))))))));
        var y = 1 - ((low - (r * c / (2 - c))) - high);

        // Math.ScaleB is managed code (exact: it only moves the exponent, rounding once for subnormals).
        return Math.ScaleB(y, (int)k);
    }

    /// <summary>
    /// <see cref="Exp(double)"/> of four arguments in [−<see cref="ModerateExponent"/>,
    /// <see cref="ModerateExponent"/>] (the caller checks, see <see cref="IsModerate"/>),
    /// bit-identical to it lane by lane: the same operations in the same order, and its final
    /// scaling by 2^k, exact while the result stays normal, as a multiply by that power of two.
    /// </summary>
    public static Vector256<double> ExpOfModerate(Vector256<double> x)
    {
        var k = Vector256.Round(x * Vector256.Create(InverseLn2));
        var high = x - (k * Vector256.Create(Ln2High));
        var low = k * Vector256.Create(Ln2Low);
        var r = high - low;

        var t = r * r;
        var c = r - (t * (Vector256.Create(P1) + (t * (Vector256.Create(P2) + (t * (Vector256.Create(P3) + (t * (Vector256.Create(P4) + (t * Vector256.Create(P5))))))))));
        var y = Vector256<double>.One - ((low - (r * c / (Vector256.Create(2.0) - c))) - high);
        return y * PowersOfTwo(k);
    }

    /// <summary>The bound of <see cref="ExpOfModerate"/>'s arguments: e^±700 and every step to it stay normal.</summary>
    public const double ModerateExponent = 700;

    /// <summary>Whether every lane lies in <see cref="ExpOfModerate"/>'s domain (NaN does not).</summary>
    public static bool IsModerate(Vector256<double> x) =>
        Vector256.LessThanOrEqualAll(Vector256.Abs(x), Vector256.Create(ModerateExponent));

    // 2^k for whole k in the normal exponent range, built from its bits (k read as an integer
    // through IntegerShift, the way SmallIntegersToDouble goes the other way).
    private static Vector256<double> PowersOfTwo(Vector256<double> k)
    {
        var whole = (k + Vector256.Create(IntegerShift)).AsInt64() - Vector256.Create(BitConverter.DoubleToInt64Bits(IntegerShift));
        return Vector256.ShiftLeft(whole + Vector256.Create(1023L), 52).AsDouble();
    }

    /// <summary>ln x, within one unit in the last place; NaN below zero, −∞ at zero.</summary>
    public static double Log(double x)
    {
        var bits = BitConverter.DoubleToInt64Bits(x);
        var exponent = 0;
        if (bits < 0x0010_0000_0000_0000L)
        {
            if ((bits & long.MaxValue) == 0)
            {
                return double.NegativeInfinity;
            }

            if (bits < 0)
            {
                return double.NaN;
            }

            // A subnormal: scaled into the normal range first.
            exponent -= 54;
            x *= TwoTo54;
            bits = BitConverter.DoubleToInt64Bits(x);
        }

        if (bits >= 0x7FF0_0000_0000_0000L)
        {
            return x + x;
        }

        // x = 2^k · m with m in [√2/2, √2), so f = m − 1 is small either side of zero.
        var high = (int)(bits >> 32);
        exponent += (high >> 20) - 1023;
        high &= 0x000F_FFFF;
        var carry = (high + 0x9_5F64) & 0x10_0000;
        var m = BitConverter.Int64BitsToDouble(((long)(high | (carry ^ 0x3FF0_0000)) << 32) | (bits & 0xFFFF_FFFFL));
        exponent += carry >> 20;
        var f = m - 1.0;
        double k = exponent;

        var s = f / (2.0 + f);
        var z = s * s;
        var w = z * z;
        var odd = w * (Lg2 + (w * (Lg4 + (w * Lg6))));
        var even = z * (Lg1 + (w * (Lg3 + (w * (Lg5 + (w * Lg7))))));
        var r = even + odd;

        // Where x's leading mantissa bits put m near 1.4 or 0.7 (f ≈ 0.4 or −0.3), subtracting
        // f²/2 first keeps the error under an ulp; elsewhere the shorter form does.
        if (((high - 0x6_147A) | (0x6_B851 - high)) > 0)
        {
            var halfSquare = 0.5 * f * f;
            return (k * Ln2High) - ((halfSquare - ((s * (halfSquare + r)) + (k * Ln2Low))) - f);
        }

        return (k * Ln2High) - (((s * (f - r)) - (k * Ln2Low)) - f);
    }

    /// <summary>
    /// <see cref="Log(double)"/> of four positive normal numbers (not zero, subnormal, infinite or
    /// NaN: the caller checks, see <see cref="IsPositiveNormal"/>), bit-identical to it lane by
    /// lane: the same operations in the same order, and both of its closing forms computed and one
    /// kept per lane where it branches.
    /// </summary>
    public static Vector256<double> LogOfPositiveNormal(Vector256<double> x)
    {
        var bits = x.AsInt64();
        var high = Vector256.ShiftRightLogical(bits, 32);
        var exponent = Vector256.ShiftRightLogical(high, 20) - Vector256.Create(1023L);
        high &= Vector256.Create(0x000F_FFFFL);
        var carry = (high + Vector256.Create(0x9_5F64L)) & Vector256.Create(0x10_0000L);
        var m = (Vector256.ShiftLeft(high | (carry ^ Vector256.Create(0x3FF0_0000L)), 32) | (bits & Vector256.Create(0xFFFF_FFFFL))).AsDouble();
        exponent += Vector256.ShiftRightLogical(carry, 20);
        var f = m - Vector256<double>.One;
        var k = SmallIntegersToDouble(exponent);

        var s = f / (Vector256.Create(2.0) + f);
        var z = s * s;
        var w = z * z;
        var odd = w * (Vector256.Create(Lg2) + (w * (Vector256.Create(Lg4) + (w * Vector256.Create(Lg6)))));
        var even = z * (Vector256.Create(Lg1) + (w * (Vector256.Create(Lg3) + (w * (Vector256.Create(Lg5) + (w * Vector256.Create(Lg7)))))));
        var r = even + odd;

        var halfSquare = Vector256.Create(0.5) * f * f;
        var nearEdge = (k * Vector256.Create(Ln2High)) - ((halfSquare - ((s * (halfSquare + r)) + (k * Vector256.Create(Ln2Low)))) - f);
        var shorter = (k * Vector256.Create(Ln2High)) - (((s * (f - r)) - (k * Vector256.Create(Ln2Low))) - f);
        var useNearEdge = Vector256.GreaterThan((high - Vector256.Create(0x6_147AL)) | (Vector256.Create(0x6_B851L) - high), Vector256<long>.Zero);
        return Vector256.ConditionalSelect(useNearEdge.AsDouble(), nearEdge, shorter);
    }

    /// <summary>Whether every lane is a positive normal number, the domain of <see cref="LogOfPositiveNormal"/>.</summary>
    public static bool IsPositiveNormal(Vector256<double> x)
    {
        var bits = x.AsInt64();
        return Vector256.GreaterThanOrEqualAll(bits, Vector256.Create(0x0010_0000_0000_0000L))
            && Vector256.LessThanAll(bits, Vector256.Create(0x7FF0_0000_0000_0000L));
    }

    // Exact for |value| < 2^51: placed in the mantissa of IntegerShift, whose units are ones, then
    // IntegerShift taken away again (AVX2 has no 64-bit integer to double conversion).
    private static Vector256<double> SmallIntegersToDouble(Vector256<long> value) =>
        (value + Vector256.Create(BitConverter.DoubleToInt64Bits(IntegerShift))).AsDouble() - Vector256.Create(IntegerShift);

    /// <summary>
    /// xʸ for x ≥ 0, as exp(y · ln x). Its relative error grows with |y · ln x|, to within
    /// (|y · ln x| + 2) · 2⁻⁵², where a correctly rounded pow's does not: ample for the
    /// distributions here (Pareto), whose values are rounded far coarser.
    /// </summary>
    public static double Pow(double x, double y)
    {
        if (y == 0)
        {
            return 1;
        }

        return x == 0 ? (y > 0 ? 0 : double.PositiveInfinity) : Exp(y * Log(x));
    }

    /// <summary>The complementary error function erfc x = 1 − erf x, within about one unit in the last place.</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x))
        {
            return x;
        }

        var magnitude = Math.Abs(x);
        if (magnitude < 0.84375)
        {
            if (magnitude < 1.0 / (1L << 56))
            {
                return 1.0 - x;
            }

            var z = x * x;
            var r = Pp0 + (z * (Pp1 + (z * (Pp2 + (z * (Pp3 + (z * Pp4)))))));
            var s = 1.0 + (z * (Qq1 + (z * (Qq2 + (z * (Qq3 + (z * (Qq4 + (z * Qq5)))))))));
            var y = r / s;

            // Above 1/4 the result is below 3/4, so it is formed from 0.5 to keep its low bits.
            return x < 0.25 ? 1.0 - (x + (x * y)) : 0.5 - ((x * y) + (x - 0.5));
        }

        if (magnitude < 1.25)
        {
            var s = magnitude - 1.0;
            var p = Pa0 + (s * (Pa1 + (s * (Pa2 + (s * (Pa3 + (s * (Pa4 + (s * (Pa5 + (s * Pa6)))))))))));
            var q = 1.0 + (s * (Qa1 + (s * (Qa2 + (s * (Qa3 + (s * (Qa4 + (s * (Qa5 + (s * Qa6)))))))))));
            return x > 0 ? (1.0 - Erx) - (p / q) : 1.0 + (Erx + (p / q));
        }

        if (magnitude >= 28)
        {
            return x > 0 ? 0 : 2;
        }

        if (x < -6)
        {
            return 2;
        }

        var t = 1.0 / (magnitude * magnitude);
        double numerator, denominator;
        if (magnitude < 1 / 0.35)
        {
            numerator = Ra0 + (t * (Ra1 + (t * (Ra2 + (t * (Ra3 + (t * (Ra4 + (t * (Ra5 + (t * (Ra6 + (t * Ra7)))))))))))));
            denominator = 1.0 + (t * (Sa1 + (t * (Sa2 + (t * (Sa3 + (t * (Sa4 + (t * (Sa5 + (t * (Sa6 + (t * (Sa7 + (t * Sa8)))))))))))))));
        }
        else
        {
            numerator = Rb0 + (t * (Rb1 + (t * (Rb2 + (t * (Rb3 + (t * (Rb4 + (t * (Rb5 + (t * Rb6)))))))))));
            denominator = 1.0 + (t * (Sb1 + (t * (Sb2 + (t * (Sb3 + (t * (Sb4 + (t * (Sb5 + (t * (Sb6 + (t * Sb7)))))))))))));
        }

        // −x² = −h² + (h − x)(h + x), with h = x less its low 32 bits, so h² is exact.
        var h = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(magnitude) & unchecked((long)0xFFFF_FFFF_0000_0000UL));
        var scaled = Exp((-h * h) - 0.5625) * Exp(((h - magnitude) * (h + magnitude)) + (numerator / denominator));
        return x > 0 ? scaled / magnitude : 2.0 - (scaled / magnitude);
    }
}
