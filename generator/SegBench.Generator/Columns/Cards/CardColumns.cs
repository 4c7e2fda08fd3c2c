using System.Runtime.CompilerServices;
using SegBench.Data;
using SegBench.Generator.Engine;
using SegBench.Generator.Schema;

namespace SegBench.Generator.Columns.Cards;

/// <summary>One batch's simulated cards: each card's months (at a fixed stride) and totals.</summary>
public sealed class SimulatedCards
{
    /// <summary>Months, card-major: card r's month m is at r × <see cref="Stride"/> + m.</summary>
    public CardMonth[] Months { get; internal set; } = [];

    /// <summary>Each card's totals.</summary>
    public CardTotals[] Totals { get; internal set; } = [];

    /// <summary>The longest tenure: the months reserved per card.</summary>
    public int Stride { get; internal set; }

    /// <summary>The month <paramref name="month"/> (0-based) of card <paramref name="card"/>.</summary>
    public ref readonly CardMonth Month(int card, int month) => ref Months[(card * Stride) + month];
}

/// <summary>
/// <c>card_simulation</c>: simulates each card's months once per batch, from the card's stream and
/// its driver columns, for the <c>card_usage</c> columns of the same table and the
/// <c>card_statement</c> columns of a child table to read. Its own value is the tenure; it must be
/// hidden.
/// </summary>
public sealed class CardSimulationGenerator : ColumnGenerator
{
    /// <summary>The driver roles, each naming a numeric column of the card table.</summary>
    public static readonly IReadOnlyList<string> DriverRoles = ["tenure", "one_off", "instalment", "cash_advance", "full_payment", "spend", "cash", "credit_limit", "utilisation"];

    private static readonly string[] SettingKeys =
    [
        "one_off_scale", "instalment_scale", "one_off_spread", "instalment_spread", "cash_advance_spread", "carry_spread", "opening_spread", "opening_share",
        "purchase_ticket", "cash_advance_ticket", "ticket_spread", "minimum_due_rate", "minimum_due_floor", "minimum_due_threshold", "missed_payment_chance",
        "monthly_interest", "maximum_utilisation", "fee_chance", "fee_level", "delinquent_share", "fresh_start_share", "habit_chance",
    ];

    private readonly ConditionalWeakTable<BatchState, SimulatedCards> _batches = [];
    private readonly SchemaNode[] _drivers;

    /// <summary>Parses <c>drivers</c>, <c>tenure</c> and the optional simulation settings.</summary>
    public CardSimulationGenerator(ColumnSpec spec)
        : base(spec)
    {
        var keys = spec.Node.Keys([.. CommonKeys, "drivers", "tenure", .. SettingKeys], "drivers");
        if (!IsHidden)
        {
            throw spec.Node.Error($"a 'card_simulation' column holds each card's simulated months, not a value to write; add 'hidden: true' to '{spec.Name}'.");
        }

        var drivers = keys["drivers"].Keys(DriverRoles, [.. DriverRoles]);
        _drivers = DriverRoles.Select(role => drivers[role]).ToArray();
        var settings = new CardSimulationSettings();
        if (keys.TryGetValue("tenure", out var tenure))
        {
            var shares = new Dictionary<int, double>();
            foreach (var (months, share) in tenure.Entries())
            {
                if (!int.TryParse(months, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) || count is < 1 or > 120)
                {
                    throw share.Error($"a tenure is a whole number of months from 1 to 120, not '{months}'.");
                }

                shares[count] = share.Number(0, 1e12, "a non-negative share");
            }

            if (shares.Values.Sum() <= 0)
            {
                throw tenure.Error("the tenure shares must not all be zero.");
            }

            settings = settings with { TenureShares = shares };
        }

        double Setting(string key, double fallback, double min, double max) =>
            keys.TryGetValue(key, out var node) ? node.Number(min, max, $"a value from {min} to {max}") : fallback;

        settings = settings with
        {
            OneOffScale = Setting("one_off_scale", settings.OneOffScale, 1e-6, 1e6),
            InstalmentScale = Setting("instalment_scale", settings.InstalmentScale, 1e-6, 1e6),
            OneOffSpread = Setting("one_off_spread", settings.OneOffSpread, 0, 5),
            InstalmentSpread = Setting("instalment_spread", settings.InstalmentSpread, 0, 5),
            CashAdvanceSpread = Setting("cash_advance_spread", settings.CashAdvanceSpread, 0, 5),
            CarrySpread = Setting("carry_spread", settings.CarrySpread, 0, 5),
            OpeningSpread = Setting("opening_spread", settings.OpeningSpread, 0, 5),
            OpeningShare = Setting("opening_share", settings.OpeningShare, 0, 10),
            PurchaseTicket = Setting("purchase_ticket", settings.PurchaseTicket, 1e-3, 1e9),
            TicketSpread = Setting("ticket_spread", settings.TicketSpread, 0, 5),
            CashAdvanceTicket = Setting("cash_advance_ticket", settings.CashAdvanceTicket, 1e-3, 1e9),
            MinimumDueRate = Setting("minimum_due_rate", settings.MinimumDueRate, 0, 1),
            MinimumDueFloor = Setting("minimum_due_floor", settings.MinimumDueFloor, 0, 1e9),
            MinimumDueThreshold = Setting("minimum_due_threshold", settings.MinimumDueThreshold, 0, 1e9),
            MissedPaymentChance = Setting("missed_payment_chance", settings.MissedPaymentChance, 0, 1),
            MonthlyInterest = Setting("monthly_interest", settings.MonthlyInterest, 0, 1),
            MaximumUtilisation = Setting("maximum_utilisation", settings.MaximumUtilisation, 1e-6, 100),
            FeeChance = Setting("fee_chance", settings.FeeChance, 0, 1),
            FeeLevel = Setting("fee_level", settings.FeeLevel, 0, 1e9),
            DelinquentShare = Setting("delinquent_share", settings.DelinquentShare, 0, 1),
            FreshStartShare = Setting("fresh_start_share", settings.FreshStartShare, 0, 1),
            HabitChance = Setting("habit_chance", settings.HabitChance, 0, 1),
        };
        Simulator = new CardSimulator(settings);
    }

    /// <summary>The simulator, compiled from the settings.</summary>
    public CardSimulator Simulator { get; }

    /// <inheritdoc />
    public override ColumnType Type => ColumnType.Int32;

    /// <inheritdoc />
    public override IEnumerable<string> Dependencies => _drivers.Select(d => d.Text());

    /// <inheritdoc />
    public override void Bind(IReadOnlyDictionary<string, ColumnGenerator> generators)
    {
        foreach (var driver in _drivers)
        {
            var source = Resolve<ColumnGenerator>(generators, driver, "a card driver");
            if (source.Type is not (ColumnType.Double or ColumnType.Int32))
            {
                throw driver.Error($"driver '{driver.Text()}' is a {source.Type} column; a card driver is numeric (float, money or int).");
            }
        }
    }

    /// <summary>The cards simulated for a batch of this table (filled by <see cref="Fill"/>).</summary>
    public SimulatedCards Results(BatchState batch) =>
        _batches.TryGetValue(batch, out var cards) ? cards : throw new InvalidOperationException($"'{Name}' was not filled for this batch.");

    /// <inheritdoc />
    public override void Fill(BatchState batch, Column target)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var cards = _batches.GetValue(batch, _ => new SimulatedCards());
        var stride = Simulator.MaximumTenure;
        if (cards.Totals.Length < batch.Count || cards.Stride != stride)
        {
            var capacity = Math.Max(batch.Count, cards.Totals.Length * 2);
            cards.Totals = new CardTotals[capacity];
            cards.Months = new CardMonth[capacity * stride];
            cards.Stride = stride;
        }

        var columns = new Column[_drivers.Length];
        for (var d = 0; d < columns.Length; d++)
        {
            columns[d] = batch.Columns[_drivers[d].Text()];
        }

        var output = (Int32Column)target;
        for (var r = 0; r < batch.Count; r++)
        {
            var drivers = new CardDrivers(
                Read(columns[0], r), Read(columns[1], r), Read(columns[2], r), Read(columns[3], r), Read(columns[4], r),
                Read(columns[5], r), Read(columns[6], r), Read(columns[7], r), Read(columns[8], r));
            var totals = Simulator.Simulate(Randomness.StreamKey.Combine(batch.RowKeys[r], StreamKey), drivers, cards.Months.AsSpan(r * stride, stride));
            cards.Totals[r] = totals;
            output.Append(totals.Tenure);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Read(Column column, int row) =>
        column.IsNull(row) ? 0 : column is DoubleColumn doubles ? doubles[row] : ((Int32Column)column)[row];
}

/// <summary>
/// <c>card_usage</c>: one CC GENERAL usage figure of a card, aggregated from its simulated months
/// (<c>of</c>: the table's <c>card_simulation</c> column; <c>measure</c>: which figure, by default
/// the column's name in lower case).
/// </summary>
public sealed class CardUsageGenerator : ColumnGenerator
{
    /// <summary>The figures, named as the CC GENERAL columns in lower case.</summary>
    public static readonly IReadOnlyList<string> Measures =
    [
        "balance", "balance_frequency", "purchases", "oneoff_purchases", "installments_purchases", "cash_advance",
        "purchases_frequency", "oneoff_purchases_frequency", "purchases_installments_frequency", "cash_advance_frequency",
        "cash_advance_trx", "purchases_trx", "credit_limit", "payments", "minimum_payments", "prc_full_payment", "tenure",
    ];

    private readonly SchemaNode _of;
    private readonly int _measure;
    private CardSimulationGenerator? _simulation;

    /// <summary>Parses <c>of</c> and <c>measure</c>.</summary>
    public CardUsageGenerator(ColumnSpec spec)
        : base(spec)
    {
        var keys = spec.Node.Keys([.. CommonKeys, "of", "measure"], "of");
        _of = keys["of"];
        var measure = keys.TryGetValue("measure", out var node) ? node.Text() : spec.Name.ToLowerInvariant();
        _measure = Measures.ToList().IndexOf(measure);
        if (_measure < 0)
        {
            var suggestion = SchemaNode.Suggest(measure, Measures);
            throw (node ?? spec.Node).Error($"unknown card usage measure '{measure}'{(suggestion is null ? "" : $"; did you mean '{suggestion}'?")} Measures: {string.Join(", ", Measures)}.");
        }
    }

    /// <inheritdoc />
    public override ColumnType Type => Measures[_measure] is "cash_advance_trx" or "purchases_trx" or "tenure" ? ColumnType.Int32 : ColumnType.Double;

    /// <inheritdoc />
    public override IEnumerable<string> Dependencies => [_of.Text()];

    /// <inheritdoc />
    public override void Bind(IReadOnlyDictionary<string, ColumnGenerator> generators) =>
        _simulation = Resolve<CardSimulationGenerator>(generators, _of, "a card simulation");

    /// <inheritdoc />
    public override void Fill(BatchState batch, Column target)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var totals = _simulation!.Results(batch).Totals;
        for (var r = 0; r < batch.Count; r++)
        {
            ref readonly var card = ref totals[r];
            if (target is Int32Column integers)
            {
                integers.Append(_measure switch
                {
                    10 => card.CashAdvanceTransactions,
                    11 => card.PurchaseTransactions,
                    _ => card.Tenure,
                });
                continue;
            }

            var doubles = (DoubleColumn)target;
            switch (_measure)
            {
                case 0: doubles.Append(Money(card.BalanceCents)); break;
                case 1: doubles.Append(Share(card.BalanceMonths, card.Tenure - 1)); break;
                case 2: doubles.Append(Money(card.OneOffCents + card.InstalmentCents)); break;
                case 3: doubles.Append(Money(card.OneOffCents)); break;
                case 4: doubles.Append(Money(card.InstalmentCents)); break;
                case 5: doubles.Append(Money(card.CashAdvanceCents)); break;
                case 6: doubles.Append(Share(card.PurchaseMonths, card.Tenure)); break;
                case 7: doubles.Append(Share(card.OneOffMonths, card.Tenure)); break;
                case 8: doubles.Append(Share(card.InstalmentMonths, card.Tenure)); break;
                case 9: doubles.Append(Share(card.CashAdvanceMonths, card.Tenure)); break;
                case 12: doubles.Append(card.CreditLimit); break;
                case 13: doubles.Append(Money(card.PaymentCents)); break;
                case 14:
                    // Missing when nothing was paid against a minimum due (always so when nothing was paid).
                    if (card.MinimumPaymentCents > 0)
                    {
                        doubles.Append(Money(card.MinimumPaymentCents));
                    }
                    else
                    {
                        doubles.AppendNull();
                    }

                    break;
                default: doubles.Append(Share(card.FullPaymentMonths, card.DueMonths)); break;
            }
        }
    }

    /// <summary>Whole cents as currency units: the double nearest the decimal value.</summary>
    public static double Money(long cents) => cents / 100.0;

    private static double Share(int months, int of) => of == 0 ? 0 : (double)months / of;
}

/// <summary>
/// <c>card_statement</c>: one figure of one simulated month, for a child table with one row per
/// month of a card (<c>per_parent: { column: TENURE }</c>). <c>of</c> names the parent table's
/// <c>card_simulation</c> column; the month is the row's position among its card's rows.
/// </summary>
public sealed class CardStatementGenerator : ColumnGenerator
{
    /// <summary>The monthly figures.</summary>
    public static readonly IReadOnlyList<string> Measures =
        ["oneoff_purchases", "installments_purchases", "cash_advance", "payments", "minimum_payment", "closing_balance", "purchases_trx", "cash_advance_trx", "paid_in_full", "charges", "opening_balance"];

    private readonly CardSimulationGenerator _simulation;
    private readonly int _measure;

    /// <summary>Resolves <c>of</c> in the parent table and parses <c>measure</c>.</summary>
    public CardStatementGenerator(ColumnSpec spec, TablePlan? parent)
        : base(spec)
    {
        var keys = spec.Node.Keys([.. CommonKeys, "of", "measure"], "of");
        if (parent is null)
        {
            throw spec.Node.Error("a 'card_statement' column needs a table with 'parent:' (the card table).");
        }

        var of = keys["of"];
        _simulation = parent.Generators.FirstOrDefault(g => g.Name == of.Text()) as CardSimulationGenerator
            ?? throw of.Error($"parent table '{parent.Name}' has no 'card_simulation' column '{of.Text()}'.");
        var measure = keys.TryGetValue("measure", out var node) ? node.Text() : spec.Name.ToLowerInvariant();
        _measure = Measures.ToList().IndexOf(measure);
        if (_measure < 0)
        {
            var suggestion = SchemaNode.Suggest(measure, Measures);
            throw (node ?? spec.Node).Error($"unknown card statement measure '{measure}'{(suggestion is null ? "" : $"; did you mean '{suggestion}'?")} Measures: {string.Join(", ", Measures)}.");
        }
    }

    /// <inheritdoc />
    public override ColumnType Type => _measure switch
    {
        6 or 7 => ColumnType.Int32,
        8 => ColumnType.Boolean,
        _ => ColumnType.Double,
    };

    /// <inheritdoc />
    public override IEnumerable<string> ParentDependencies => [_simulation.Name];

    /// <inheritdoc />
    public override void Fill(BatchState batch, Column target)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var months = StatementMonths.Of(batch, _simulation);
        var source = months.Cards.Months;
        var rows = months.Indexes.AsSpan(0, batch.Count);
        // One loop per measure, so the measure and the target's type are resolved once per column, not per row.
        switch (_measure)
        {
            case 0: AppendMoney<OneOff>(target, rows, source); break;
            case 1: AppendMoney<Instalment>(target, rows, source); break;
            case 2: AppendMoney<CashAdvance>(target, rows, source); break;
            case 3: AppendMoney<Payment>(target, rows, source); break;
            case 4: AppendMoney<MinimumPayment>(target, rows, source); break;
            case 5: AppendMoney<Closing>(target, rows, source); break;
            case 6:
                var purchases = ((Int32Column)target).AppendValues(rows.Length);
                for (var r = 0; r < rows.Length; r++)
                {
                    purchases[r] = source[rows[r]].PurchaseTransactions;
                }

                break;
            case 7:
                var cashAdvances = ((Int32Column)target).AppendValues(rows.Length);
                for (var r = 0; r < rows.Length; r++)
                {
                    cashAdvances[r] = source[rows[r]].CashAdvanceTransactions;
                }

                break;
            case 8:
                var paidInFull = (BooleanColumn)target;
                foreach (var index in rows)
                {
                    paidInFull.Append(source[index].PaidInFull);
                }

                break;
            case 9: AppendMoney<Charges>(target, rows, source); break;
            default: AppendMoney<Opening>(target, rows, source); break;
        }
    }

    // Generic over the amount, so each measure gets its own loop with the field read inlined.
    private static void AppendMoney<TAmount>(Column target, ReadOnlySpan<int> rows, CardMonth[] source)
        where TAmount : IAmount
    {
        var output = ((DoubleColumn)target).AppendValues(rows.Length);
        for (var r = 0; r < rows.Length; r++)
        {
            output[r] = CardUsageGenerator.Money(TAmount.Cents(in source[rows[r]]));
        }
    }

    /// <summary>Picks one amount of a month.</summary>
    private interface IAmount
    {
        static abstract long Cents(in CardMonth month);
    }

    private readonly struct OneOff : IAmount
    {
        public static long Cents(in CardMonth month) => month.OneOffCents;
    }

    private readonly struct Instalment : IAmount
    {
        public static long Cents(in CardMonth month) => month.InstalmentCents;
    }

    private readonly struct CashAdvance : IAmount
    {
        public static long Cents(in CardMonth month) => month.CashAdvanceCents;
    }

    private readonly struct Payment : IAmount
    {
        public static long Cents(in CardMonth month) => month.PaymentCents;
    }

    private readonly struct MinimumPayment : IAmount
    {
        public static long Cents(in CardMonth month) => month.MinimumPaymentCents;
    }

    private readonly struct Closing : IAmount
    {
        public static long Cents(in CardMonth month) => month.ClosingCents;
    }

    private readonly struct Charges : IAmount
    {
        public static long Cents(in CardMonth month) => month.ChargesCents;
    }

    private readonly struct Opening : IAmount
    {
        public static long Cents(in CardMonth month) => month.OpeningCents;
    }
}

/// <summary>
/// The simulated month behind each row of a statement batch, found once per batch and shared by
/// all of the batch's <c>card_statement</c> columns of one simulation.
/// </summary>
internal sealed class StatementMonths
{
    private long _version = -1;
    private SimulatedCards? _cards;

    /// <summary>The parent batch's simulated cards.</summary>
    public SimulatedCards Cards => _cards!;

    /// <summary>Per row, the index of its month in <see cref="SimulatedCards.Months"/>.</summary>
    public int[] Indexes { get; private set; } = [];

    /// <summary>The months of <paramref name="batch"/>'s rows, located on the first call for the batch's current rows.</summary>
    public static StatementMonths Of(BatchState batch, CardSimulationGenerator simulation)
    {
        var months = batch.Scratch<StatementMonths>(simulation);
        if (months._version != batch.Version)
        {
            months.Locate(batch, simulation);
            months._version = batch.Version;
        }

        return months;
    }

    private void Locate(BatchState batch, CardSimulationGenerator simulation)
    {
        var cards = simulation.Results(batch.Parent ?? throw new InvalidOperationException($"'{simulation.Name}' statements need the parent batch."));
        if (Indexes.Length < batch.Count)
        {
            Indexes = new int[Math.Max(batch.Count, Indexes.Length * 2)];
        }

        for (var r = 0; r < batch.Count; r++)
        {
            var card = batch.ParentIndexes[r];
            var ordinal = batch.ChildOrdinals[r];
            if (ordinal >= cards.Totals[card].Tenure)
            {
                throw new InvalidOperationException($"a card of '{simulation.Name}' has more statement rows than simulated months; give the statement table 'per_parent: {{ column: <the tenure column> }}'.");
            }

            Indexes[r] = (card * cards.Stride) + ordinal;
        }

        _cards = cards;
    }
}
