using SegBench.Data;
using SegBench.Generator.Columns.Cards;
using SegBench.Generator.Engine;
using SegBench.Generator.Schema;

namespace SegBench.Generator.Tests.Cards;

/// <summary>The card tables hold together: usage = aggregate of statements, the CC GENERAL constraints, keys, and table selection.</summary>
public sealed class CardConstraintTests
{
    private static readonly Lazy<Dictionary<string, double[]>> Columns = new(() =>
        Calibration.UsageColumns.ToDictionary(c => c, c => CardData.Numbers(CardData.Instance.Cards, c)));

    private static double[] Column(string name) => Columns.Value[name];

    [Fact]
    public void UsageColumnsAreExactlyTheColumnsOfCcGeneralAfterTheIds()
    {
        var names = CardData.Instance.Cards.Schema.Fields.Select(f => f.Name).ToArray();
        names.Should().Equal(["CARD_ID", "CUST_ID", .. Calibration.UsageColumns]);
        CardData.Instance.Cards.Schema.IndexOf("usage").Should().Be(-1, "the simulation and its drivers are hidden");
    }

    [Fact]
    public void EveryUsageValueIsTheAggregateOfItsStatements()
    {
        var data = CardData.Instance;
        var cards = data.Cards;
        var statements = data.Statements;
        var ids = Enumerable.Range(0, cards.RowCount).Select(r => cards.Text("CARD_ID", r)!).ToArray();
        ids.Should().OnlyHaveUniqueItems();
        var rowsOf = Enumerable.Range(0, statements.RowCount).GroupBy(r => statements.Text("CARD_ID", r)!).ToDictionary(g => g.Key, g => g.ToArray());
        rowsOf.Keys.Should().BeSubsetOf(ids, "every statement belongs to a card");
        string[] measures = ["oneoff_purchases", "installments_purchases", "cash_advance", "payments", "minimum_payment", "closing_balance", "opening_balance", "charges", "purchases_trx", "cash_advance_trx", "paid_in_full"];
        var s = measures.ToDictionary(m => m, m => CardData.Numbers(statements, m));
        var month = CardData.Numbers(statements, "month");
        var u = Calibration.UsageColumns.ToDictionary(c => c, Column);
        for (var card = 0; card < cards.RowCount; card++)
        {
            var rows = rowsOf.GetValueOrDefault(ids[card], []);
            var tenure = (int)u["TENURE"][card];
            rows.Select(r => (int)month[r]).Should().Equal(Enumerable.Range(1, tenure), "one statement per month of tenure");
            double Sum(string m) => rows.Sum(r => s[m][r]);
            double Months(Func<int, bool> active) => rows.Count(active) / (double)tenure;
            var because = $"card {ids[card]}";
            u["ONEOFF_PURCHASES"][card].Should().BeApproximately(Sum("oneoff_purchases"), 1e-6, because);
            u["INSTALLMENTS_PURCHASES"][card].Should().BeApproximately(Sum("installments_purchases"), 1e-6, because);
            u["PURCHASES"][card].Should().BeApproximately(Sum("oneoff_purchases") + Sum("installments_purchases"), 1e-6, because);
            u["CASH_ADVANCE"][card].Should().BeApproximately(Sum("cash_advance"), 1e-6, because);
            u["PAYMENTS"][card].Should().BeApproximately(Sum("payments"), 1e-6, because);
            u["PURCHASES_TRX"][card].Should().Be(Sum("purchases_trx"), because);
            u["CASH_ADVANCE_TRX"][card].Should().Be(Sum("cash_advance_trx"), because);
            u["BALANCE"][card].Should().Be(s["closing_balance"][rows[^1]], because);
            u["PURCHASES_FREQUENCY"][card].Should().BeApproximately(Months(r => s["oneoff_purchases"][r] + s["installments_purchases"][r] > 0), 1e-12, because);
            u["ONEOFF_PURCHASES_FREQUENCY"][card].Should().BeApproximately(Months(r => s["oneoff_purchases"][r] > 0), 1e-12, because);
            u["PURCHASES_INSTALLMENTS_FREQUENCY"][card].Should().BeApproximately(Months(r => s["installments_purchases"][r] > 0), 1e-12, because);
            u["CASH_ADVANCE_FREQUENCY"][card].Should().BeApproximately(Months(r => s["cash_advance"][r] > 0), 1e-12, because);
            var balanceMonths = rows.Skip(1).Count(r => s["closing_balance"][r] > s["charges"][r]);
            u["BALANCE_FREQUENCY"][card].Should().BeApproximately(tenure > 1 ? balanceMonths / (double)(tenure - 1) : 0, 1e-12, because);
            var due = rows.Count(r => s["opening_balance"][r] > 0);
            u["PRC_FULL_PAYMENT"][card].Should().BeApproximately(due == 0 ? 0 : rows.Count(r => s["paid_in_full"][r] == 1) / (double)due, 1e-12, because);
            if (Sum("minimum_payment") > 0)
            {
                u["MINIMUM_PAYMENTS"][card].Should().BeApproximately(Sum("minimum_payment"), 1e-6, because);
            }
            else
            {
                double.IsNaN(u["MINIMUM_PAYMENTS"][card]).Should().BeTrue(because);
            }

            for (var i = 0; i < rows.Length; i++)
            {
                var r = rows[i];
                var expected = s["opening_balance"][r] - s["payments"][r] + s["charges"][r] + s["oneoff_purchases"][r] + s["installments_purchases"][r] + s["cash_advance"][r];
                s["closing_balance"][r].Should().BeApproximately(expected, 1e-6, $"{because} month {i + 1} reconciles");
                if (i > 0)
                {
                    s["opening_balance"][r].Should().Be(s["closing_balance"][rows[i - 1]], $"{because} month {i + 1} opens at the previous close");
                }
            }
        }
    }

    [Fact]
    public void UsageColumnsKeepCcGeneralsConstraints()
    {
        var tenure = Column("TENURE");
        for (var r = 0; r < tenure.Length; r++)
        {
            var t = tenure[r];
            foreach (var frequency in new[] { "PURCHASES_FREQUENCY", "ONEOFF_PURCHASES_FREQUENCY", "PURCHASES_INSTALLMENTS_FREQUENCY", "CASH_ADVANCE_FREQUENCY" })
            {
                var months = Column(frequency)[r] * t;
                months.Should().BeApproximately(Math.Round(months), 1e-9, $"{frequency} is a whole number of months over TENURE");
                Column(frequency)[r].Should().BeInRange(0, 1);
            }

            (Column("ONEOFF_PURCHASES_FREQUENCY")[r] <= Column("PURCHASES_FREQUENCY")[r]).Should().BeTrue();
            (Column("PURCHASES_INSTALLMENTS_FREQUENCY")[r] <= Column("PURCHASES_FREQUENCY")[r]).Should().BeTrue();
            (Column("PURCHASES")[r] > 0).Should().Be(Column("PURCHASES_FREQUENCY")[r] > 0).And.Be(Column("PURCHASES_TRX")[r] > 0);
            (Column("CASH_ADVANCE")[r] > 0).Should().Be(Column("CASH_ADVANCE_FREQUENCY")[r] > 0).And.Be(Column("CASH_ADVANCE_TRX")[r] > 0);
            (Column("ONEOFF_PURCHASES")[r] > 0).Should().Be(Column("ONEOFF_PURCHASES_FREQUENCY")[r] > 0);
            (Column("INSTALLMENTS_PURCHASES")[r] > 0).Should().Be(Column("PURCHASES_INSTALLMENTS_FREQUENCY")[r] > 0);
            Column("PURCHASES_TRX")[r].Should().BeGreaterThanOrEqualTo(Math.Round(Column("PURCHASES_FREQUENCY")[r] * t));
            Column("CASH_ADVANCE_TRX")[r].Should().BeGreaterThanOrEqualTo(Math.Round(Column("CASH_ADVANCE_FREQUENCY")[r] * t));
            if (Column("PAYMENTS")[r] == 0)
            {
                double.IsNaN(Column("MINIMUM_PAYMENTS")[r]).Should().BeTrue("nothing paid, no minimum payment");
            }

            Column("PRC_FULL_PAYMENT")[r].Should().BeInRange(0, 1);
            Column("BALANCE_FREQUENCY")[r].Should().BeInRange(0, 1);
            t.Should().BeInRange(6, 12);
        }
    }

    [Fact]
    public void EveryCardBelongsToACustomer()
    {
        var data = CardData.Instance;
        var customers = data.Plan.Table("customers");
        var ids = (StringColumn)data.CustomerState.Columns[customers.KeyColumn!];
        var known = Enumerable.Range(0, data.CustomerState.Count).Select(ids.GetString).ToHashSet();
        var cards = data.Cards;
        for (var r = 0; r < cards.RowCount; r++)
        {
            known.Should().Contain(cards.Text("CUST_ID", r));
        }

        (cards.RowCount / (double)CardData.Customers).Should().BeInRange(1.0, 1.2, "about 1.1 cards per customer");
    }

    [Fact]
    public void WritingOnlyTheCardTableGivesTheSameRows()
    {
        var plan = DatasetPlan.Compile(SchemaLoader.Load(TestData.ShippedSchema("credit-card-usage")));
        var whole = TestData.TempDirectory();
        DatasetGenerator.Run(plan, new GenerateOptions { OutputDirectory = whole, Rows = 3000, BatchRows = 700, Threads = 2 });
        var alone = TestData.TempDirectory();
        DatasetGenerator.Run(plan, new GenerateOptions { OutputDirectory = alone, Rows = 3000, BatchRows = 1100, Threads = 1, Tables = ["card_usage"] });
        File.Exists(Path.Combine(alone, "customers.csv")).Should().BeFalse();
        File.ReadAllBytes(Path.Combine(alone, "card_usage.csv")).Should().Equal(File.ReadAllBytes(Path.Combine(whole, "card_usage.csv")));
        var statements = TestData.TempDirectory();
        DatasetGenerator.Run(plan, new GenerateOptions { OutputDirectory = statements, Rows = 3000, Threads = 1, Tables = ["card_statements"] });
        File.ReadAllBytes(Path.Combine(statements, "card_statements.csv")).Should().Equal(File.ReadAllBytes(Path.Combine(whole, "card_statements.csv")));
    }

    [Fact]
    public void ASimulationColumnMustBeHidden()
    {
        var yaml = File.ReadAllText(TestData.ShippedSchema("credit-card-usage")).Replace("type: card_simulation\n        hidden: true", "type: card_simulation", StringComparison.Ordinal);
        var directory = TestData.TempDirectory();
        File.Copy(TestData.ShippedSchema(), Path.Combine(directory, "indian-bank-customers.yaml"));
        var path = Path.Combine(directory, "cards.yaml");
        File.WriteAllText(path, yaml);
        var act = () => DatasetPlan.Compile(SchemaLoader.Load(path));
        act.Should().Throw<SchemaException>().WithMessage("*hidden: true*");
    }

    [Fact]
    public void LimitsSnapToRoundValues()
    {
        CardSimulator.SnapLimit(1180).Should().Be(1200);
        CardSimulator.SnapLimit(1600).Should().Be(1500);
        CardSimulator.SnapLimit(2900).Should().Be(3000);
        CardSimulator.SnapLimit(4240).Should().Be(4000);
        CardSimulator.SnapLimit(12_345).Should().Be(12_000);
        CardSimulator.SnapLimit(90_000).Should().Be(30_000);
        CardSimulator.SnapLimit(420).Should().Be(400);
    }
}
