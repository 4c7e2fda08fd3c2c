using System.Globalization;
using System.Text;
using SegBench.Data;

namespace SegBench.Generator.Tests.Cards;

/// <summary>The figures a generated card table is compared with CC GENERAL on.</summary>
internal sealed class Calibration
{
    public static readonly string[] UsageColumns =
    [
        "BALANCE", "BALANCE_FREQUENCY", "PURCHASES", "ONEOFF_PURCHASES", "INSTALLMENTS_PURCHASES", "CASH_ADVANCE",
        "PURCHASES_FREQUENCY", "ONEOFF_PURCHASES_FREQUENCY", "PURCHASES_INSTALLMENTS_FREQUENCY", "CASH_ADVANCE_FREQUENCY",
        "CASH_ADVANCE_TRX", "PURCHASES_TRX", "CREDIT_LIMIT", "PAYMENTS", "MINIMUM_PAYMENTS", "PRC_FULL_PAYMENT", "TENURE",
    ];

    public static readonly (string First, string Second)[] CorrelationPairs =
    [
        ("PURCHASES", "ONEOFF_PURCHASES"), ("PURCHASES", "PAYMENTS"), ("BALANCE", "CREDIT_LIMIT"), ("BALANCE", "PRC_FULL_PAYMENT"),
    ];

    private Calibration(Table generated, Table reference)
    {
        foreach (var column in UsageColumns)
        {
            // CC GENERAL is published to 6 decimals (1/12 is 0.083333), so both sides are compared at that precision.
            var x = Array.ConvertAll(CardData.Numbers(generated, column), v => Math.Round(v, 6));
            var y = Array.ConvertAll(CardData.Numbers(reference, column), v => Math.Round(v, 6));
            Ks[column] = KolmogorovSmirnov(x, y, out var at);
            KsAt[column] = at;
            ZeroShares[column] = (Share(x, v => v == 0), Share(y, v => v == 0));
            MissingShares[column] = (Share(x, double.IsNaN), Share(y, double.IsNaN));
            Quantiles[column] = (QuantilesOf(x), QuantilesOf(y));
        }

        foreach (var (first, second) in CorrelationPairs)
        {
            Correlations[(first, second)] = (
                Pearson(CardData.Numbers(generated, first), CardData.Numbers(generated, second)),
                Pearson(CardData.Numbers(reference, first), CardData.Numbers(reference, second)));
        }

        foreach (var column in UsageColumns.Where(c => c.EndsWith("FREQUENCY", StringComparison.Ordinal)))
        {
            MonthCounts[column] = (Months(generated, column), Months(reference, column));
        }

        RatioQuantiles = (Ratio(generated), Ratio(reference));
        Tenure = (Distribution(CardData.Numbers(generated, "TENURE")), Distribution(CardData.Numbers(reference, "TENURE")));
        TopLimits = (Top(CardData.Numbers(generated, "CREDIT_LIMIT"), 5), Top(CardData.Numbers(reference, "CREDIT_LIMIT"), 5));
    }

    public Dictionary<string, double> Ks { get; } = [];

    public Dictionary<string, double> KsAt { get; } = [];

    public (double[] Generated, double[] Reference) RatioQuantiles { get; }

    public Dictionary<string, (double[] Generated, double[] Reference)> MonthCounts { get; } = [];

    public double AverageKs => Ks.Values.Average();

    public Dictionary<string, (double Generated, double Reference)> ZeroShares { get; } = [];

    public Dictionary<string, (double[] Generated, double[] Reference)> Quantiles { get; } = [];

    public Dictionary<string, (double Generated, double Reference)> MissingShares { get; } = [];

    public Dictionary<(string, string), (double Generated, double Reference)> Correlations { get; } = [];

    public (SortedDictionary<double, double> Generated, SortedDictionary<double, double> Reference) Tenure { get; }

    public (double[] Generated, double[] Reference) TopLimits { get; }

    public static Calibration Compare(Table generated, Table reference) => new(generated, reference);

    /// <summary>The two-sample KS statistic sup |F₁ − F₂|, over the values present.</summary>
    public static double KolmogorovSmirnov(double[] first, double[] second) => KolmogorovSmirnov(first, second, out _);

    public static double KolmogorovSmirnov(double[] first, double[] second, out double at)
    {
        at = double.NaN;
        var a = first.Where(v => !double.IsNaN(v)).Order().ToArray();
        var b = second.Where(v => !double.IsNaN(v)).Order().ToArray();
        int i = 0, j = 0;
        var distance = 0.0;
        while (i < a.Length && j < b.Length)
        {
            var value = Math.Min(a[i], b[j]);
            while (i < a.Length && a[i] <= value)
            {
                i++;
            }

            while (j < b.Length && b[j] <= value)
            {
                j++;
            }

            var gap = Math.Abs(((double)i / a.Length) - ((double)j / b.Length));
            if (gap > distance)
            {
                distance = gap;
                at = value;
            }
        }

        return distance;
    }

    public static double Pearson(double[] x, double[] y)
    {
        var pairs = x.Zip(y).Where(p => !double.IsNaN(p.First) && !double.IsNaN(p.Second)).ToArray();
        var mx = pairs.Average(p => p.First);
        var my = pairs.Average(p => p.Second);
        double sxy = 0, sxx = 0, syy = 0;
        foreach (var (a, b) in pairs)
        {
            sxy += (a - mx) * (b - my);
            sxx += (a - mx) * (a - mx);
            syy += (b - my) * (b - my);
        }

        return sxy / Math.Sqrt(sxx * syy);
    }

    public string Report()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"| column | KS | zero (gen / ref) | missing (gen / ref) |");
        text.AppendLine("|---|---|---|---|");
        foreach (var column in UsageColumns)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {column} | {Ks[column]:0.000} | {ZeroShares[column].Generated:0.000} / {ZeroShares[column].Reference:0.000} | {MissingShares[column].Generated:0.000} / {MissingShares[column].Reference:0.000} |");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"| average | {AverageKs:0.000} | | |");
        text.AppendLine();
        foreach (var column in UsageColumns)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{column,-34} KS at {KsAt[column]:G4}");
            text.AppendLine(CultureInfo.InvariantCulture, $"{column,-34} gen {string.Join(" ", Quantiles[column].Generated.Select(q => q.ToString("G4", CultureInfo.InvariantCulture).PadLeft(8)))}");
            text.AppendLine(CultureInfo.InvariantCulture, $"{string.Empty,-34} ref {string.Join(" ", Quantiles[column].Reference.Select(q => q.ToString("G4", CultureInfo.InvariantCulture).PadLeft(8)))}");
        }

        text.AppendLine();
        foreach (var ((first, second), (generated, reference)) in Correlations)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"corr {first}~{second}: generated {generated:0.000}, reference {reference:0.000}");
        }

        foreach (var (column, (generated, reference)) in MonthCounts)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{column,-34} months of 12, gen {string.Join(" ", generated.Select(v => v.ToString("0.000", CultureInfo.InvariantCulture)))}");
            text.AppendLine(CultureInfo.InvariantCulture, $"{string.Empty,-34} months of 12, ref {string.Join(" ", reference.Select(v => v.ToString("0.000", CultureInfo.InvariantCulture)))}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"PAYMENTS/(PURCHASES+CASH_ADVANCE+1) gen {string.Join(" ", RatioQuantiles.Generated.Select(q => q.ToString("G3", CultureInfo.InvariantCulture)))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"PAYMENTS/(PURCHASES+CASH_ADVANCE+1) ref {string.Join(" ", RatioQuantiles.Reference.Select(q => q.ToString("G3", CultureInfo.InvariantCulture)))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"TENURE generated: {string.Join(", ", Tenure.Generated.Select(p => $"{p.Key}: {p.Value:0.000}"))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"TENURE reference: {string.Join(", ", Tenure.Reference.Select(p => $"{p.Key}: {p.Value:0.000}"))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"CREDIT_LIMIT top 5 generated: {string.Join(", ", TopLimits.Generated)}; reference: {string.Join(", ", TopLimits.Reference)}");
        return text.ToString();
    }

    private static double[] QuantilesOf(double[] values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        return [.. new[] { 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99 }.Select(q => sorted[(int)(q * (sorted.Length - 1))])];
    }

    // Among 12-month cards: the share with 0, 1, …, 12 active months.
    private static double[] Months(Table table, string column)
    {
        var values = CardData.Numbers(table, column);
        var tenure = CardData.Numbers(table, "TENURE");
        var counts = new double[13];
        var total = 0;
        for (var r = 0; r < values.Length; r++)
        {
            if (tenure[r] == 12)
            {
                counts[Math.Clamp((int)Math.Round(values[r] * 12), 0, 12)]++;
                total++;
            }
        }

        return [.. counts.Select(c => c / total)];
    }

    private static double[] Ratio(Table table)
    {
        var payments = CardData.Numbers(table, "PAYMENTS");
        var purchases = CardData.Numbers(table, "PURCHASES");
        var cash = CardData.Numbers(table, "CASH_ADVANCE");
        return QuantilesOf([.. payments.Select((p, r) => p / (purchases[r] + cash[r] + 1))]);
    }

    private static double Share(double[] values, Func<double, bool> predicate)
    {
        var count = 0;
        foreach (var value in values)
        {
            count += predicate(value) ? 1 : 0;
        }

        return (double)count / values.Length;
    }

    private static SortedDictionary<double, double> Distribution(double[] values) =>
        new(values.Where(v => !double.IsNaN(v)).GroupBy(v => v).ToDictionary(g => g.Key, g => (double)g.Count() / values.Length));

    private static double[] Top(double[] values, int count) =>
        values.Where(v => !double.IsNaN(v)).GroupBy(v => v).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Take(count).Select(g => g.Key).ToArray();
}
