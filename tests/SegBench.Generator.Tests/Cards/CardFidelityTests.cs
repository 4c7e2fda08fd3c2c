using Xunit.Abstractions;

namespace SegBench.Generator.Tests.Cards;

/// <summary>The generated card mixture against the real CC GENERAL data (marginals, zeros, missing values, correlations).</summary>
public sealed class CardFidelityTests(ITestOutputHelper output)
{
    private static readonly Lazy<Calibration> Figures = new(() =>
        Calibration.Compare(CardData.Instance.Cards, TestData.ReadCsv(CardData.ReferencePath())));

    [Fact]
    public void EveryUsageColumnIsWithinKsDistanceOfTheReference()
    {
        var figures = Figures.Value;
        output.WriteLine(figures.Report());
        if (Environment.GetEnvironmentVariable("SEGBENCH_CALIBRATION_REPORT") is { Length: > 0 } path)
        {
            File.WriteAllText(path, figures.Report());
        }

        foreach (var (column, distance) in figures.Ks)
        {
            distance.Should().BeLessThanOrEqualTo(0.10, $"{column}'s two-sample KS distance to CC GENERAL");
        }

        figures.AverageKs.Should().BeLessThanOrEqualTo(0.05, "the average KS distance over the 17 columns");
    }

    [Fact]
    public void ZeroAndMissingSharesMatchTheReference()
    {
        var figures = Figures.Value;
        foreach (var (column, (generated, reference)) in figures.ZeroShares)
        {
            generated.Should().BeApproximately(reference, 0.06, $"the share of zeros in {column}");
        }

        figures.MissingShares["MINIMUM_PAYMENTS"].Generated.Should().BeInRange(0.015, 0.06, "CC GENERAL misses 3.5% of minimum payments");
        figures.MissingShares["CREDIT_LIMIT"].Generated.Should().Be(0);
        foreach (var column in Calibration.UsageColumns.Where(c => c != "MINIMUM_PAYMENTS"))
        {
            figures.MissingShares[column].Generated.Should().Be(0, $"{column} is never missing");
        }
    }

    [Fact]
    public void TenureIsMostlyTwelveMonthsAsInTheReference()
    {
        var (generated, reference) = Figures.Value.Tenure;
        generated.Keys.Should().BeSubsetOf(reference.Keys);
        generated[12].Should().BeApproximately(reference[12], 0.03, "about 85% of cards have 12 months of service");
        foreach (var (months, share) in reference)
        {
            generated.GetValueOrDefault(months).Should().BeApproximately(share, 0.02, $"the share of {months}-month tenures");
        }
    }

    [Fact]
    public void CreditLimitsAreRoundValuesWithTheReferencesFavourites()
    {
        var data = CardData.Numbers(CardData.Instance.Cards, "CREDIT_LIMIT");
        data.Should().OnlyContain(limit => limit % 100 == 0 && limit >= 100);
        var (generated, reference) = Figures.Value.TopLimits;
        generated.Intersect(reference).Should().HaveCountGreaterThanOrEqualTo(4, $"the most common limits ({string.Join(", ", generated)}) are CC GENERAL's ({string.Join(", ", reference)})");
    }

    [Fact]
    public void KeyCorrelationsAreWithinAFifteenthOfTheReference()
    {
        foreach (var ((first, second), (generated, reference)) in Figures.Value.Correlations)
        {
            generated.Should().BeApproximately(reference, 0.15, $"corr({first}, {second})");
        }
    }
}
