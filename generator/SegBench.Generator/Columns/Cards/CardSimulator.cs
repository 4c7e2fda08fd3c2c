using System.Runtime.CompilerServices;
using SegBench.Generator.Randomness;

namespace SegBench.Generator.Columns.Cards;

/// <summary>
/// A card's behavioural drivers: the hidden, segment-shifted, copula-correlated latent columns of
/// the card table, read as filled. Scores are on the logit scale; levels are in currency units.
/// </summary>
/// <param name="TenureScore">A standard-normal score mapped to months of service through the tenure table.</param>
/// <param name="OneOffScore">Logit of the chance of a one-off purchase in a month.</param>
/// <param name="InstalmentShare">The share of its months a card pays instalments in (clamped to [0, 1]): one plan, running for consecutive months.</param>
/// <param name="CashAdvanceScore">Logit of the chance of a cash advance in a month.</param>
/// <param name="FullPaymentScore">Logit of the chance of paying a statement in full.</param>
/// <param name="SpendLevel">Typical purchase amount in a month with purchases.</param>
/// <param name="CashLevel">Typical cash advance in a month with one.</param>
/// <param name="CreditLimit">The credit limit before it is snapped to a round value.</param>
/// <param name="Utilisation">The share of the limit the holder tends to carry when not paying in full.</param>
public readonly record struct CardDrivers(
    double TenureScore,
    double OneOffScore,
    double InstalmentShare,
    double CashAdvanceScore,
    double FullPaymentScore,
    double SpendLevel,
    double CashLevel,
    double CreditLimit,
    double Utilisation);

/// <summary>One simulated statement month. Amounts are whole cents, so totals are exact.</summary>
public struct CardMonth
{
    /// <summary>One-off purchases in the month.</summary>
    public long OneOffCents { get; set; }

    /// <summary>Instalment purchases in the month.</summary>
    public long InstalmentCents { get; set; }

    /// <summary>Cash advances in the month.</summary>
    public long CashAdvanceCents { get; set; }

    /// <summary>Paid in the month, against the previous statement.</summary>
    public long PaymentCents { get; set; }

    /// <summary>The minimum due that the month's payment covered (0 when nothing was paid or nothing was due).</summary>
    public long MinimumPaymentCents { get; set; }

    /// <summary>Interest on the carried balance and fees, charged in the month.</summary>
    public long ChargesCents { get; set; }

    /// <summary>The statement balance at the end of the month: the previous one, less the payment, plus charges, purchases and cash advances.</summary>
    public long ClosingCents { get; set; }

    /// <summary>The previous statement's balance (for the first month, the balance brought into the period).</summary>
    public long OpeningCents { get; set; }

    /// <summary>Purchase transactions in the month.</summary>
    public int PurchaseTransactions { get; set; }

    /// <summary>Cash-advance transactions in the month.</summary>
    public int CashAdvanceTransactions { get; set; }

    /// <summary>True when the month's payment cleared the previous statement in full.</summary>
    public bool PaidInFull { get; set; }
}

/// <summary>
/// The totals of a card's simulated months: what the card-usage columns show. They are computed
/// from the months by <see cref="Add"/>, as they are simulated, never separately, so they always agree with the
/// statements.
/// </summary>
public struct CardTotals
{
    /// <summary>Months of service (statements).</summary>
    public int Tenure { get; set; }

    /// <summary>The snapped credit limit, in whole currency units.</summary>
    public double CreditLimit { get; set; }

    /// <summary>Σ one-off purchases.</summary>
    public long OneOffCents { get; set; }

    /// <summary>Σ instalment purchases.</summary>
    public long InstalmentCents { get; set; }

    /// <summary>Σ cash advances.</summary>
    public long CashAdvanceCents { get; set; }

    /// <summary>Σ payments.</summary>
    public long PaymentCents { get; set; }

    /// <summary>Σ minimum payments.</summary>
    public long MinimumPaymentCents { get; set; }

    /// <summary>The last statement's balance.</summary>
    public long BalanceCents { get; set; }

    /// <summary>Months after the first that closed with a balance beyond the month's own charges (CC GENERAL counts month-to-month updates: T − 1 of them).</summary>
    public int BalanceMonths { get; set; }

    /// <summary>Months with any purchase.</summary>
    public int PurchaseMonths { get; set; }

    /// <summary>Months with a one-off purchase.</summary>
    public int OneOffMonths { get; set; }

    /// <summary>Months with an instalment purchase.</summary>
    public int InstalmentMonths { get; set; }

    /// <summary>Months with a cash advance.</summary>
    public int CashAdvanceMonths { get; set; }

    /// <summary>Months whose payment cleared the previous statement.</summary>
    public int FullPaymentMonths { get; set; }

    /// <summary>Months that opened with a balance to pay.</summary>
    public int DueMonths { get; set; }

    /// <summary>Σ purchase transactions.</summary>
    public int PurchaseTransactions { get; set; }

    /// <summary>Σ cash-advance transactions.</summary>
    public int CashAdvanceTransactions { get; set; }

    /// <summary>Adds month <paramref name="index"/> of the card (months are added in order; the balance is the caller's last closing balance).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(in CardMonth month, int index)
    {
        OneOffCents += month.OneOffCents;
        InstalmentCents += month.InstalmentCents;
        CashAdvanceCents += month.CashAdvanceCents;
        PaymentCents += month.PaymentCents;
        MinimumPaymentCents += month.MinimumPaymentCents;
        PurchaseMonths += month.OneOffCents + month.InstalmentCents > 0 ? 1 : 0;
        OneOffMonths += month.OneOffCents > 0 ? 1 : 0;
        InstalmentMonths += month.InstalmentCents > 0 ? 1 : 0;
        CashAdvanceMonths += month.CashAdvanceCents > 0 ? 1 : 0;
        FullPaymentMonths += month.PaidInFull ? 1 : 0;
        DueMonths += month.OpeningCents > 0 ? 1 : 0;
        PurchaseTransactions += month.PurchaseTransactions;
        CashAdvanceTransactions += month.CashAdvanceTransactions;
        BalanceMonths += index > 0 && month.ClosingCents > month.ChargesCents ? 1 : 0;
    }
}

/// <summary>
/// The monthly behaviour of one card: purchases (one-off and instalment), cash advances,
/// payments against the previous statement, minimum dues, interest on what is carried, and the
/// statement balance. A pure function of the card's stream and its drivers.
/// </summary>
/// <remarks>
/// Each month: one-off purchases and cash advances are Bernoulli draws with the card's chances
/// (a card whose chance reaches the habit chance has at least one such month, a card below it none);
/// instalments are one plan running for consecutive months, as long as the card's instalment share
/// of its tenure. An active month's amount is the card's level times a mean-one log-normal factor,
/// and its transactions are the activity plus a Poisson count of further tickets (ticket sizes
/// vary by card). The period opens with part of the balance the holder tends to carry (none for
/// full payers and fresh starts). The previous statement is paid in full with the card's
/// full-payment chance; otherwise the holder pays down to the carried amount (utilisation × limit),
/// never below the minimum due; the rest accrues interest, and some cards pay a fixed monthly fee.
/// Cost: O(tenure) with three 64-bit draws per month, cut into bit fields for the month's
/// decisions and table lookups (normals come from tables, not an inverse CDF).
/// </remarks>
public sealed class CardSimulator
{
    private const int NoiseBits = 10;

    // Monthly chances are compared with 20 random bits (purchase and cash-advance habits) or 16 (payments).
    private const int ChanceBits = 20;
    private const int PaymentBits = 16;

    // SplitMix64's increment.
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    // Below 3,400 limits take the values banks favour: (upper bound, limit).
    private static readonly (double Below, double Limit)[] LimitLadder = [(1100, 1000), (1400, 1200), (1900, 1500), (2150, 2000), (2700, 2500), (3400, 3000)];

    private readonly double[] _tenureCumulative;
    private readonly double[] _tenureThresholds;
    private readonly int[] _tenureMonths;
    private readonly double[] _oneOffNoise;
    private readonly double[] _instalmentNoise;
    private readonly double[] _cashNoise;
    private readonly double[] _carryNoise;
    private readonly double[] _openingNoise;
    private readonly double[] _feeNoise;
    private readonly double[] _ticketNoise;
    private readonly double[] _cashTicketNoise;
    private readonly long _minimumDueThresholdCents;
    private readonly long _minimumDueFloorCents;
    private readonly CardSimulationSettings _settings;

    /// <summary>Compiles the tables the simulation reuses.</summary>
    public CardSimulator(CardSimulationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
        _tenureMonths = settings.TenureShares.Keys.Order().ToArray();
        _tenureCumulative = CategoricalGenerator.Cumulative(_tenureMonths.Select(m => settings.TenureShares[m]).ToArray());
        MaximumTenure = _tenureMonths[^1];
        _tenureThresholds = _tenureCumulative[..^1].Select(c => NormalMath.InverseCdf(c / _tenureCumulative[^1])).ToArray();
        _oneOffNoise = MeanOneLogNormal(settings.OneOffSpread);
        _instalmentNoise = MeanOneLogNormal(settings.InstalmentSpread);
        _cashNoise = MeanOneLogNormal(settings.CashAdvanceSpread);
        _carryNoise = MeanOneLogNormal(settings.CarrySpread);
        _openingNoise = MeanOneLogNormal(settings.OpeningSpread);
        _feeNoise = MeanOneLogNormal(1.0);
        _ticketNoise = MeanOneLogNormal(settings.TicketSpread);
        _cashTicketNoise = MeanOneLogNormal(settings.TicketSpread / 2);
        _minimumDueThresholdCents = Cents(settings.MinimumDueThreshold);
        _minimumDueFloorCents = Cents(settings.MinimumDueFloor);
    }

    /// <summary>The longest tenure the table allows: the stride of a batch's month buffer.</summary>
    public int MaximumTenure { get; }

    /// <summary>Months of service for a tenure score: the score is compared with Φ⁻¹ of the cumulative shares, so no CDF is evaluated per card.</summary>
    public int Tenure(double tenureScore)
    {
        var index = 0;
        while (index < _tenureThresholds.Length && tenureScore >= _tenureThresholds[index])
        {
            index++;
        }

        return _tenureMonths[index];
    }

    /// <summary>
    /// A credit limit as banks set them: whole hundreds below 950; 1,000, 1,200, 1,500, 2,000, 2,500
    /// or 3,000 up to 3,400; whole 500s up to 10,000; whole 1,000s above, up to 30,000.
    /// </summary>
    public static double SnapLimit(double limit)
    {
        if (limit < 950)
        {
            return Math.Max(100, Math.Round(limit / 100) * 100);
        }

        foreach (var (below, value) in LimitLadder)
        {
            if (limit < below)
            {
                return value;
            }
        }

        return limit < 10_000 ? Math.Round(limit / 500) * 500 : Math.Min(30_000, Math.Round(limit / 1000) * 1000);
    }

    /// <summary>Simulates a card: fills <paramref name="months"/> (at least <see cref="MaximumTenure"/> long) and returns the totals.</summary>
    public CardTotals Simulate(ulong streamKey, in CardDrivers drivers, Span<CardMonth> months)
    {
        var random = new RowRandom(streamKey);
        var tenure = Tenure(drivers.TenureScore);
        var limit = SnapLimit(drivers.CreditLimit);
        var oneOffChance = Habit(Logistic(drivers.OneOffScore));
        // Instalments are plans: one run of consecutive months, its length the card's instalment share of its tenure.
        var instalmentMonths = (int)Math.Round(Math.Clamp(drivers.InstalmentShare, 0, 1) * tenure);
        var instalmentStart = random.NextInt(tenure - instalmentMonths + 1);
        var instalmentEnd = instalmentStart + instalmentMonths;
        var cashChance = Habit(Logistic(drivers.CashAdvanceScore));
        // A holder who uses one-off purchases or cash advances at all uses them at least once in the period.
        var oneOffMonth = oneOffChance > 0 ? random.NextInt(tenure) : -1;
        var cashMonth = cashChance > 0 ? random.NextInt(tenure) : -1;
        var fullChance = Logistic(drivers.FullPaymentScore);
        var carried = Math.Min(drivers.Utilisation, _settings.MaximumUtilisation) * limit;
        var purchaseTicket = 100.0 * _settings.PurchaseTicket * Noise(_ticketNoise, random.NextUInt64());
        var cashTicket = 100.0 * _settings.CashAdvanceTicket * Noise(_cashTicketNoise, random.NextUInt64());
        var instalment = drivers.SpendLevel * _settings.InstalmentScale;
        var oneOff = drivers.SpendLevel * _settings.OneOffScale;

        // Some holders pay nothing in the period at all.
        var delinquent = random.NextOpenUnit() < _settings.DelinquentShare;

        // The balance brought into the period: part of what the holder tends to carry, so balances build up over the period.
        var opens = random.NextOpenUnit() >= fullChance && random.NextOpenUnit() >= _settings.FreshStartShare;
        var previous = opens ? Cents(carried * _settings.OpeningShare * Noise(_openingNoise, random.NextUInt64())) : 0;
        // Some cards carry a fixed monthly fee (alerts, insurance, an annual fee in instalments).
        var fee = random.NextOpenUnit() < _settings.FeeChance ? Cents(_settings.FeeLevel * Noise(_feeNoise, random.NextUInt64())) : 0;

        // The month's chances as thresholds on random bit fields, so one draw serves several decisions.
        var oneOffThreshold = Threshold(oneOffChance, ChanceBits);
        var cashThreshold = Threshold(cashChance, ChanceBits);
        var fullThreshold = delinquent ? 0 : Threshold(fullChance, PaymentBits);
        var payThreshold = delinquent ? 0 : Threshold(1 - _settings.MissedPaymentChance, PaymentBits);
        var purchaseRate = 1 / purchaseTicket;
        var cashRate = 1 / cashTicket;
        var threshold = _minimumDueThresholdCents;
        var floor = _minimumDueFloorCents;
        var dueRate = _settings.MinimumDueRate;
        var monthlyInterest = _settings.MonthlyInterest;
        var oneOffNoise = _oneOffNoise;
        var instalmentNoise = _instalmentNoise;
        var cashNoise = _cashNoise;
        var carryNoise = _carryNoise;
        var totals = new CardTotals { Tenure = tenure, CreditLimit = limit };

        // Each month takes three draws, cut into bit fields: (one-off chance, cash chance, one-off
        // size, instalment size), (cash size, full payment, any payment, carried amount), and the
        // two transaction counts. They come from the months' own SplitMix64 counter, keyed by one
        // draw of the card's stream and kept in a plain local so it stays in a register. Amounts
        // are computed whether or not they happen and then kept or cleared, so the loop has few
        // unpredictable branches.
        var counter = random.NextUInt64();
        for (var m = 0; m < tenure; m++)
        {
            var first = StreamKey.Mix(counter += Golden);
            var second = StreamKey.Mix(counter += Golden);
            var third = StreamKey.Mix(counter += Golden);
            ref var month = ref months[m];

            var oneOffCents = Math.Max(100, Cents(oneOff * oneOffNoise[Field(first, 40, NoiseBits)]));
            oneOffCents &= Mask((Field(first, 0, ChanceBits) < oneOffThreshold ? 1 : 0) | (m == oneOffMonth ? 1 : 0));
            var instalmentCents = Math.Max(100, Cents(instalment * instalmentNoise[Field(first, 52, NoiseBits)]));
            instalmentCents &= Mask((uint)(m - instalmentStart) < (uint)(instalmentEnd - instalmentStart) ? 1 : 0);
            var cashCents = Math.Max(100, Cents(drivers.CashLevel * cashNoise[Field(second, 0, NoiseBits)]));
            cashCents &= Mask((Field(first, ChanceBits, ChanceBits) < cashThreshold ? 1 : 0) | (m == cashMonth ? 1 : 0));

            var purchases = oneOffCents + instalmentCents;
            var kinds = (oneOffCents > 0 ? 1 : 0) + (instalmentCents > 0 ? 1 : 0);
            // With no purchase (or cash advance) the mean is 0 and so is the count.
            var purchaseTransactions = kinds + PoissonQuantiles.Sample(purchases * purchaseRate, third);
            var cashTransactions = (cashCents > 0 ? 1 : 0) + PoissonQuantiles.Sample(cashCents * cashRate, third >> 32);

            // Pay the previous statement: in full, or down towards the carried amount, unless the payment is missed.
            var due = Math.Min(previous, Math.Max(floor, Truncate(previous * dueRate))) & Mask(previous >= threshold ? 1 : 0);
            var hasBalance = previous > 0 ? 1 : 0;
            var payFull = hasBalance & (Field(second, NoiseBits, PaymentBits) < fullThreshold ? 1 : 0);
            var pays = hasBalance & (Field(second, NoiseBits + PaymentBits, PaymentBits) < payThreshold ? 1 : 0);
            var partial = Math.Min(Math.Max(previous - Cents(carried * carryNoise[Field(second, 52, NoiseBits)]), due), previous);
            var payment = partial & Mask(pays);
            payment += (previous - payment) & Mask(payFull);

            var rest = previous - payment;
            // Interest is waived on balances too small to have a minimum due.
            var charges = (Truncate(rest * monthlyInterest) & Mask(rest >= threshold ? 1 : 0)) + fee;
            var closing = rest + charges + purchases + cashCents;

            month.OneOffCents = oneOffCents;
            month.InstalmentCents = instalmentCents;
            month.CashAdvanceCents = cashCents;
            month.PaymentCents = payment;
            // Nothing paid covers no minimum (due is never negative).
            month.MinimumPaymentCents = Math.Min(due, payment);
            month.ChargesCents = charges;
            month.ClosingCents = closing;
            month.OpeningCents = previous;
            month.PurchaseTransactions = purchaseTransactions;
            month.CashAdvanceTransactions = cashTransactions;
            month.PaidInFull = payFull != 0;
            totals.Add(month, m);
            previous = closing;
        }

        totals.BalanceCents = tenure == 0 ? 0 : previous;
        return totals;
    }

    // A monthly chance below the habit chance is a card that does not use the feature at all.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double Habit(double chance) => chance >= _settings.HabitChance ? chance : 0;

    /// <summary>The logistic function, mapping a logit score to a chance.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Logistic(double score) => 1 / (1 + PortableMath.Exp(-score));

    // Amounts here are finite and far inside the long range, so the plain hardware conversion
    // suffices (a cast also checks for NaN and saturates, several instructions per use).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Cents(double amount) => double.ConvertToIntegerNative<long>(Math.Round(amount * 100));

    // All ones for 1, zero for 0: keeps or clears a value without a branch (a coin flip would be mispredicted half the time).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Mask(int flag) => -(long)flag;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Truncate(double amount) => double.ConvertToIntegerNative<long>(amount);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Noise(double[] table, ulong bits) => table[(int)(bits >> (64 - NoiseBits))];

    // Bits [offset, offset + width) of a draw.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Field(ulong bits, int offset, int width) => (int)((bits >> offset) & ((1UL << width) - 1));

    // A chance as a threshold on a field of <paramref name="width"/> random bits: the field is below it with that chance.
    private static int Threshold(double chance, int width) => (int)Math.Round(Math.Clamp(chance, 0, 1) * (1 << width));

    // exp(σz − σ²/2) at the midpoints of 2^NoiseBits equal-probability bins: a mean-one factor for a table lookup.
    private static double[] MeanOneLogNormal(double sigma) => Quantiles(z => PortableMath.Exp((sigma * z) - (sigma * sigma / 2)));

    // f(z) at the standard normal's quantiles of the midpoints of 2^NoiseBits equal-probability bins.
    private static double[] Quantiles(Func<double, double> f)
    {
        var table = new double[1 << NoiseBits];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = f(NormalMath.InverseCdf((i + 0.5) / table.Length));
        }

        return table;
    }
}
