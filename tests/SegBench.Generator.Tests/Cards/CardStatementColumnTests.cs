using SegBench.Data;
using SegBench.Generator.Columns.Cards;

namespace SegBench.Generator.Tests.Cards;

/// <summary>Each statement column, filled from the months located once per batch, is its row's simulated month.</summary>
public sealed class CardStatementColumnTests
{
    [Fact]
    public void EveryStatementValueIsItsRowsSimulatedMonth()
    {
        var data = CardData.Instance;
        var simulation = data.Plan.Table("card_usage").Generators.OfType<CardSimulationGenerator>().Single();
        var cards = simulation.Results(data.CardState);
        var statements = data.Statements;
        statements.RowCount.Should().Be(data.StatementState.Count);
        var checkedRows = 0;
        for (var r = 0; r < statements.RowCount; r++)
        {
            var month = cards.Month(data.StatementState.ParentIndexes[r], data.StatementState.ChildOrdinals[r]);
            double[] expected =
            [
                month.OpeningCents, month.OneOffCents, month.InstalmentCents, month.CashAdvanceCents, month.PaymentCents,
                month.MinimumPaymentCents, month.ChargesCents, month.ClosingCents,
            ];
            string[] names = ["opening_balance", "oneoff_purchases", "installments_purchases", "cash_advance", "payments", "minimum_payment", "charges", "closing_balance"];
            for (var m = 0; m < names.Length; m++)
            {
                ((DoubleColumn)statements[names[m]])[r].Should().Be(expected[m] / 100.0, $"row {r} {names[m]}");
            }

            ((Int32Column)statements["purchases_trx"])[r].Should().Be(month.PurchaseTransactions);
            ((Int32Column)statements["cash_advance_trx"])[r].Should().Be(month.CashAdvanceTransactions);
            ((BooleanColumn)statements["paid_in_full"])[r].Should().Be(month.PaidInFull);
            checkedRows++;
        }

        checkedRows.Should().BeGreaterThan(100_000, "20,000 customers hold tens of thousands of cards of up to 12 months");
    }
}
