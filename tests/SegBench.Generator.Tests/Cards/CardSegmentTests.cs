using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace SegBench.Generator.Tests.Cards;

/// <summary>The planted card segments: each shows in the usage columns, and follows its holder's segment.</summary>
public sealed class CardSegmentTests(ITestOutputHelper output)
{
    private static readonly string[] Profiled =
    [
        "BALANCE", "PURCHASES", "ONEOFF_PURCHASES_FREQUENCY", "PURCHASES_INSTALLMENTS_FREQUENCY", "CASH_ADVANCE_FREQUENCY",
        "CREDIT_LIMIT", "PAYMENTS", "PRC_FULL_PAYMENT", "TENURE",
    ];

    private static Dictionary<string, Dictionary<string, double>> Profiles()
    {
        var data = CardData.Instance;
        var segments = data.Plan.Table("card_usage").Segments;
        var result = new Dictionary<string, Dictionary<string, double>>();
        for (var s = 0; s < segments.Count; s++)
        {
            var rows = Enumerable.Range(0, data.CardState.Count).Where(r => data.CardState.Segments[r] == s).ToArray();
            result[segments.Names[s]] = Profiled.ToDictionary(column => column, column =>
            {
                var values = CardData.Numbers(data.Cards, column);
                return rows.Average(r => values[r]);
            });
            result[segments.Names[s]]["share"] = (double)rows.Length / data.CardState.Count;
        }

        return result;
    }

    [Fact]
    public void EachSegmentStandsOutInTheUsageColumns()
    {
        var profiles = Profiles();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"segment",-20} share {string.Join(" ", Profiled.Select(c => c[..Math.Min(c.Length, 10)].PadLeft(10)))}");
        foreach (var (name, profile) in profiles)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{name,-20} {profile["share"],5:0.000} {string.Join(" ", Profiled.Select(c => profile[c].ToString("G4", CultureInfo.InvariantCulture).PadLeft(10)))}");
        }

        output.WriteLine(text.ToString());
        if (Environment.GetEnvironmentVariable("SEGBENCH_CALIBRATION_REPORT") is { Length: > 0 } path)
        {
            File.WriteAllText(path + ".segments", text.ToString());
        }

        double Mean(string column) => profiles.Values.Average(p => p[column]);
        var others = (string segment, string column) => profiles.Where(p => p.Key != segment).Max(p => p.Value[column]);
        var lowest = (string segment, string column) => profiles.Where(p => p.Key != segment).Min(p => p.Value[column]);

        profiles["transactors"]["PRC_FULL_PAYMENT"].Should().BeGreaterThan(others("transactors", "PRC_FULL_PAYMENT"), "transactors pay in full most often");
        profiles["revolvers"]["BALANCE"].Should().BeGreaterThan(1.5 * Mean("BALANCE"), "revolvers carry large balances");
        profiles["revolvers"]["PRC_FULL_PAYMENT"].Should().BeLessThan(0.05, "revolvers rarely pay in full");
        profiles["cash_advance_users"]["CASH_ADVANCE_FREQUENCY"].Should().BeGreaterThan(others("cash_advance_users", "CASH_ADVANCE_FREQUENCY"));
        profiles["cash_advance_users"]["PURCHASES"].Should().BeLessThan(lowest("cash_advance_users", "PURCHASES") + 1e-9, "cash-advance users barely buy");
        profiles["instalment_buyers"]["PURCHASES_INSTALLMENTS_FREQUENCY"].Should().BeGreaterThan(others("instalment_buyers", "PURCHASES_INSTALLMENTS_FREQUENCY"));
        profiles["premium_holders"]["CREDIT_LIMIT"].Should().BeGreaterThan(others("premium_holders", "CREDIT_LIMIT"));
        profiles["premium_holders"]["PURCHASES"].Should().BeGreaterThan(others("premium_holders", "PURCHASES"));
        profiles["dormant"]["PAYMENTS"].Should().BeLessThan(lowest("dormant", "PAYMENTS"), "dormant cards barely move");
        profiles["new_holders"]["TENURE"].Should().BeLessThan(lowest("new_holders", "TENURE") - 2, "new holders have short tenures");
        profiles.Values.Select(p => p["share"]).Max().Should().BeGreaterThan(3 * profiles.Values.Select(p => p["share"]).Min(), "the segments are imbalanced");
    }

    [Fact]
    public void CardSegmentsFollowTheHoldersSegment()
    {
        var data = CardData.Instance;
        var customers = data.Plan.Table("customers").Segments.Names;
        var cards = data.Plan.Table("card_usage").Segments.Names;
        double Share(string customerSegment, string cardSegment)
        {
            var rows = Enumerable.Range(0, data.CardState.Count)
                .Where(r => data.CustomerState.Segments[data.CardState.ParentIndexes[r]] == customers.ToList().IndexOf(customerSegment))
                .ToArray();
            return rows.Count(r => data.CardState.Segments[r] == cards.ToList().IndexOf(cardSegment)) / (double)rows.Length;
        }

        Share("affluent_investors", "premium_holders").Should().BeGreaterThan(2.5 * Share("mass_market_savers", "premium_holders"));
        Share("high_risk", "cash_advance_users").Should().BeGreaterThan(2 * Share("senior_depositors", "cash_advance_users"));
        Share("high_risk", "revolvers").Should().BeGreaterThan(1.5 * Share("senior_depositors", "revolvers"));
        Share("senior_depositors", "dormant").Should().BeGreaterThan(1.5 * Share("young_salaried", "dormant"));
    }
}
