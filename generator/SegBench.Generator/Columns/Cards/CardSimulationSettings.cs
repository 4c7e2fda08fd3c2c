namespace SegBench.Generator.Columns.Cards;

/// <summary>
/// The fixed parameters of <see cref="CardSimulator"/>: what does not vary from card to card.
/// What varies (and what segments shift) are the drivers, the card table's hidden columns.
/// </summary>
public sealed record CardSimulationSettings
{
    /// <summary>Share of cards by months of service; a card's tenure score picks its row.</summary>
    public IReadOnlyDictionary<int, double> TenureShares { get; init; } = Defaults.TenureShares;

    /// <summary>One-off amount in an active month, as a multiple of the spend level.</summary>
    public double OneOffScale { get; init; } = Defaults.OneOffScale;

    /// <summary>Instalment amount in an active month, as a multiple of the spend level.</summary>
    public double InstalmentScale { get; init; } = Defaults.InstalmentScale;

    /// <summary>Month-to-month log spread of one-off amounts.</summary>
    public double OneOffSpread { get; init; } = Defaults.OneOffSpread;

    /// <summary>Month-to-month log spread of instalment amounts (instalments are steady).</summary>
    public double InstalmentSpread { get; init; } = Defaults.InstalmentSpread;

    /// <summary>Month-to-month log spread of cash advances.</summary>
    public double CashAdvanceSpread { get; init; } = Defaults.CashAdvanceSpread;

    /// <summary>Month-to-month log spread of the amount a revolver carries.</summary>
    public double CarrySpread { get; init; } = Defaults.CarrySpread;

    /// <summary>The balance brought into the period, as a share of the amount the holder tends to carry.</summary>
    public double OpeningShare { get; init; } = Defaults.OpeningShare;

    /// <summary>Log spread of the balance brought into the period.</summary>
    public double OpeningSpread { get; init; } = Defaults.OpeningSpread;

    /// <summary>Typical amount of one purchase transaction.</summary>
    public double PurchaseTicket { get; init; } = Defaults.PurchaseTicket;

    /// <summary>Card-to-card log spread of the ticket sizes (half of it for cash advances).</summary>
    public double TicketSpread { get; init; } = Defaults.TicketSpread;

    /// <summary>Typical amount of one cash-advance transaction.</summary>
    public double CashAdvanceTicket { get; init; } = Defaults.CashAdvanceTicket;

    /// <summary>The minimum due as a share of the statement balance.</summary>
    public double MinimumDueRate { get; init; } = Defaults.MinimumDueRate;

    /// <summary>The smallest minimum due (or the whole balance, if less).</summary>
    public double MinimumDueFloor { get; init; } = Defaults.MinimumDueFloor;

    /// <summary>Statement balances below this have no minimum due.</summary>
    public double MinimumDueThreshold { get; init; } = Defaults.MinimumDueThreshold;

    /// <summary>The chance a holder who does not pay in full pays nothing that month.</summary>
    public double MissedPaymentChance { get; init; } = Defaults.MissedPaymentChance;

    /// <summary>Interest per month on the carried balance.</summary>
    public double MonthlyInterest { get; init; } = Defaults.MonthlyInterest;

    /// <summary>The share of cards charged a fixed monthly fee (alerts, insurance, an annual fee in instalments).</summary>
    public double FeeChance { get; init; } = Defaults.FeeChance;

    /// <summary>The mean monthly fee of a card that has one.</summary>
    public double FeeLevel { get; init; } = Defaults.FeeLevel;

    /// <summary>The share of holders who pay nothing in the period.</summary>
    public double DelinquentShare { get; init; } = Defaults.DelinquentShare;

    /// <summary>The share of holders (besides full payers) who bring no balance into the period.</summary>
    public double FreshStartShare { get; init; } = Defaults.FreshStartShare;

    /// <summary>
    /// A card whose monthly chance of a one-off purchase (or of a cash advance) is at least this is a
    /// user of it: it makes one in at least one month of the period. Below it the card does not use it.
    /// </summary>
    public double HabitChance { get; init; } = Defaults.HabitChance;

    /// <summary>The cap on the utilisation driver.</summary>
    public double MaximumUtilisation { get; init; } = Defaults.MaximumUtilisation;

    /// <summary>The defaults: the values the shipped schema was calibrated with against CC GENERAL (it also states them).</summary>
    public static class Defaults
    {
        /// <summary>CC GENERAL's tenure counts: 6: 204, 7: 190, 8: 196, 9: 175, 10: 236, 11: 365, 12: 7,584.</summary>
        public static readonly IReadOnlyDictionary<int, double> TenureShares = new Dictionary<int, double>
        {
            [6] = 204, [7] = 190, [8] = 196, [9] = 175, [10] = 236, [11] = 365, [12] = 7584,
        };

        /// <summary>1.2.</summary>
        public const double OneOffScale = 1.2;

        /// <summary>0.8.</summary>
        public const double InstalmentScale = 0.8;

        /// <summary>0.9.</summary>
        public const double OneOffSpread = 0.9;

        /// <summary>0.4.</summary>
        public const double InstalmentSpread = 0.4;

        /// <summary>0.7.</summary>
        public const double CashAdvanceSpread = 0.7;

        /// <summary>0.</summary>
        public const double CarrySpread = 0;

        /// <summary>0.15.</summary>
        public const double OpeningSpread = 0.15;

        /// <summary>0.6.</summary>
        public const double OpeningShare = 0.6;

        /// <summary>700.</summary>
        public const double PurchaseTicket = 700;

        /// <summary>1.3.</summary>
        public const double TicketSpread = 1.3;

        /// <summary>1,000.</summary>
        public const double CashAdvanceTicket = 1000;

        /// <summary>0.04.</summary>
        public const double MinimumDueRate = 0.04;

        /// <summary>15.</summary>
        public const double MinimumDueFloor = 15;

        /// <summary>25.</summary>
        public const double MinimumDueThreshold = 25;

        /// <summary>0.03.</summary>
        public const double MissedPaymentChance = 0.03;

        /// <summary>0.02.</summary>
        public const double MonthlyInterest = 0.02;

        /// <summary>1.2.</summary>
        public const double MaximumUtilisation = 1.2;

        /// <summary>0.9.</summary>
        public const double FeeChance = 0.9;

        /// <summary>0.012.</summary>
        public const double DelinquentShare = 0.012;

        /// <summary>0.25.</summary>
        public const double FreshStartShare = 0.25;

        /// <summary>14.</summary>
        public const double FeeLevel = 14;

        /// <summary>0.01.</summary>
        public const double HabitChance = 0.01;
    }

    /// <summary>Throws naming the first bad setting.</summary>
    public void Validate()
    {
        if (TenureShares.Count == 0 || TenureShares.Any(p => p.Key is < 1 or > 120 || !(p.Value >= 0)) || TenureShares.Values.Sum() <= 0)
        {
            throw new ArgumentException("TenureShares needs months between 1 and 120 with non-negative shares, not all zero.", nameof(TenureShares));
        }

        Positive(OneOffScale, nameof(OneOffScale));
        Positive(InstalmentScale, nameof(InstalmentScale));
        Positive(PurchaseTicket, nameof(PurchaseTicket));
        Positive(CashAdvanceTicket, nameof(CashAdvanceTicket));
        Positive(MaximumUtilisation, nameof(MaximumUtilisation));
        foreach (var (value, name) in new[] { (OneOffSpread, nameof(OneOffSpread)), (InstalmentSpread, nameof(InstalmentSpread)), (CashAdvanceSpread, nameof(CashAdvanceSpread)), (CarrySpread, nameof(CarrySpread)), (OpeningSpread, nameof(OpeningSpread)), (OpeningShare, nameof(OpeningShare)), (TicketSpread, nameof(TicketSpread)), (MinimumDueFloor, nameof(MinimumDueFloor)), (MinimumDueThreshold, nameof(MinimumDueThreshold)), (FeeLevel, nameof(FeeLevel)) })
        {
            if (!(value >= 0) || double.IsInfinity(value))
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be 0 or more.");
            }
        }

        foreach (var (value, name) in new[] { (MinimumDueRate, nameof(MinimumDueRate)), (MissedPaymentChance, nameof(MissedPaymentChance)), (MonthlyInterest, nameof(MonthlyInterest)), (FeeChance, nameof(FeeChance)), (DelinquentShare, nameof(DelinquentShare)), (FreshStartShare, nameof(FreshStartShare)), (HabitChance, nameof(HabitChance)) })
        {
            if (value is < 0 or > 1 || double.IsNaN(value))
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be between 0 and 1.");
            }
        }

        static void Positive(double value, string name)
        {
            if (!(value > 0) || double.IsInfinity(value))
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be greater than 0.");
            }
        }
    }
}
