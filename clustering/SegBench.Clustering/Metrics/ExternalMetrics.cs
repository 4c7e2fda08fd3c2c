using MathNet.Numerics;

namespace SegBench.Clustering.Metrics;

/// <summary>Every external score of one predicted labeling against the truth.</summary>
/// <param name="AdjustedRandIndex">Hubert and Arabie's ARI.</param>
/// <param name="AdjustedMutualInformation">AMI with arithmetic normalisation.</param>
/// <param name="NormalizedMutualInformation">NMI with arithmetic normalisation.</param>
/// <param name="FowlkesMallows">The Fowlkes-Mallows index.</param>
/// <param name="Homogeneity">Each cluster holds one class.</param>
/// <param name="Completeness">Each class sits in one cluster.</param>
/// <param name="VMeasure">The harmonic mean of homogeneity and completeness.</param>
/// <param name="BestMatchAccuracy">Accuracy under the best one-to-one matching of labels.</param>
/// <param name="NormalizedClusteringAccuracy">Gagolewski's NCA (NaN with fewer than two truth labels).</param>
public sealed record ExternalScores(
    double AdjustedRandIndex,
    double AdjustedMutualInformation,
    double NormalizedMutualInformation,
    double FowlkesMallows,
    double Homogeneity,
    double Completeness,
    double VMeasure,
    double BestMatchAccuracy,
    double NormalizedClusteringAccuracy);

/// <summary>
/// External cluster validity measures: they compare a predicted labeling with a reference one.
/// Values and edge cases follow scikit-learn 1.2 (checked against its values to 1e-9); every
/// label, -1 included, is an ordinary label here, as in scikit-learn.
/// </summary>
/// <remarks>
/// All measures work on a <see cref="ContingencyTable"/>; build one with
/// <see cref="ContingencyTable.Create"/> and pass it to several measures to count only once.
/// </remarks>
public static class ExternalMetrics
{
    /// <summary>numpy's float64 epsilon, which scikit-learn uses to clip tiny terms and denominators.</summary>
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>Expected-MI terms whose probability is this far (in log) below the mode's are skipped.</summary>
    private const double NegligibleLogRatio = 50.0;

    /// <summary>Computes every score from one contingency table.</summary>
    public static ExternalScores Compute(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted)
    {
        var table = ContingencyTable.Create(truth, predicted);
        var (homogeneity, completeness, vMeasure) = HomogeneityCompletenessVMeasure(table);
        return new ExternalScores(
            AdjustedRandIndex(table),
            AdjustedMutualInformation(table),
            NormalizedMutualInformation(table),
            FowlkesMallows(table),
            homogeneity,
            completeness,
            vMeasure,
            BestMatchAccuracy(table),
            NormalizedClusteringAccuracy(table));
    }

    /// <summary>The adjusted Rand index of two labelings.</summary>
    public static double AdjustedRandIndex(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted) => AdjustedRandIndex(ContingencyTable.Create(truth, predicted));

    /// <summary>The adjusted Rand index: 1 for identical partitions, about 0 for independent ones.</summary>
    /// <remarks>
    /// Hubert and Arabie (1985), computed from the pair confusion matrix as scikit-learn does.
    /// Products of pair counts use <see cref="Int128"/>, exact up to far beyond 10^7 points.
    /// O(cells + R + C) on the table.
    /// </remarks>
    public static double AdjustedRandIndex(ContingencyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        Int128 n = table.Total;
        Int128 sumSquares = 0;
        foreach (var count in table.CellCounts)
        {
            sumSquares += (Int128)count * count;
        }

        // contingency.dot(column sums).sum() = sum over cells of count * columnSum.
        Int128 rowDot = 0, columnDot = 0;
        var cellRows = table.CellRows;
        var cellColumns = table.CellColumns;
        var counts = table.CellCounts;
        for (var i = 0; i < counts.Length; i++)
        {
            rowDot += (Int128)counts[i] * table.ColumnSums[cellColumns[i]];
            columnDot += (Int128)counts[i] * table.RowSums[cellRows[i]];
        }

        var truePositive = sumSquares - n;
        var falsePositive = rowDot - sumSquares;
        var falseNegative = columnDot - sumSquares;
        var trueNegative = (n * n) - falsePositive - falseNegative - sumSquares;
        if (falseNegative == 0 && falsePositive == 0)
        {
            return 1.0;
        }

        var numerator = (truePositive * trueNegative) - (falseNegative * falsePositive);
        var denominator = ((truePositive + falseNegative) * (falseNegative + trueNegative)) + ((truePositive + falsePositive) * (falsePositive + trueNegative));
        return 2.0 * (double)numerator / (double)denominator;
    }

    /// <summary>The mutual information of two labelings, in nats.</summary>
    public static double MutualInformation(ContingencyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.RowCount <= 1 || table.ColumnCount <= 1)
        {
            return 0.0;
        }

        double total = table.Total;
        var logTotal = Math.Log(total);
        var cellRows = table.CellRows;
        var cellColumns = table.CellColumns;
        var counts = table.CellCounts;
        double sum = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            double count = counts[i];
            var share = count / total;
            var outer = (double)(table.RowSums[cellRows[i]] * table.ColumnSums[cellColumns[i]]);
            var term = (share * (Math.Log(count) - logTotal)) + (share * (-Math.Log(outer) + logTotal + logTotal));
            sum += Math.Abs(term) < MachineEpsilon ? 0.0 : term;
        }

        return Math.Max(sum, 0.0);
    }

    /// <summary>The entropy of the truth labels (rows), in nats; 0 for one label, 1 for no points (as scikit-learn).</summary>
    public static double RowEntropy(ContingencyTable table) => Entropy(table?.RowSumsArray ?? throw new ArgumentNullException(nameof(table)), table.Total);

    /// <summary>The entropy of the predicted labels (columns), in nats.</summary>
    public static double ColumnEntropy(ContingencyTable table) => Entropy(table?.ColumnSumsArray ?? throw new ArgumentNullException(nameof(table)), table.Total);

    /// <summary>The expected mutual information of two labelings with the table's marginals under the hypergeometric model.</summary>
    /// <remarks>
    /// Vinh, Epps and Bailey (2010), Eq. 24, with the terms scikit-learn's
    /// <c>expected_mutual_information</c> sums. Each cell's sum over n_ij runs outward from the
    /// hypergeometric mode and stops once a term's probability is e^-50 below the mode's: the
    /// distribution is log-concave, so the skipped tail is below 1e-17 of the sum (scikit-learn
    /// adds those terms, most of which underflow to 0). Log-factorials up to the largest marginal
    /// come from a table; those near n from log-gamma. Cost: O(max marginal) for the table plus
    /// O(R·C·w) terms, where w ≈ 20·σ is the width of the hypergeometric's bulk (σ ≤ √min(a, b));
    /// all-singleton labelings are O(n²), as in scikit-learn.
    /// </remarks>
    public static double ExpectedMutualInformation(ContingencyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var n = table.Total;
        if (n == 0)
        {
            return 0.0;
        }

        var a = table.RowSums;
        var b = table.ColumnSums;
        long maximumMarginal = 0;
        foreach (var value in a)
        {
            maximumMarginal = Math.Max(maximumMarginal, value);
        }

        foreach (var value in b)
        {
            maximumMarginal = Math.Max(maximumMarginal, value);
        }

        var logFactorial = LogFactorials(maximumMarginal);
        double total = n;
        var logTotal = Math.Log(total);
        var rowCount = a.Length;
        var columnCount = b.Length;
        var rowTerms = new double[rowCount];
        for (var i = 0; i < rowCount; i++)
        {
            rowTerms[i] = logFactorial[a[i]] + LogFactorial(n - a[i]);
        }

        var columnTerms = new double[columnCount];
        for (var j = 0; j < columnCount; j++)
        {
            columnTerms[j] = logFactorial[b[j]] + LogFactorial(n - b[j]);
        }

        var logFactorialN = LogFactorial(n);
        double expected = 0;
        for (var i = 0; i < rowCount; i++)
        {
            var ai = a[i];
            var logA = Math.Log(ai);
            for (var j = 0; j < columnCount; j++)
            {
                var bj = b[j];
                var start = Math.Max(1, ai - n + bj);
                var end = Math.Min(ai, bj);
                if (start > end)
                {
                    continue;
                }

                var constant = rowTerms[i] + columnTerms[j] - logFactorialN;
                var remainder = n - ai - bj;
                var logAB = logA + Math.Log(bj);
                var mode = Math.Clamp((long)Math.Floor((ai + 1.0) * (bj + 1.0) / (n + 2.0)), start, end);
                var modeLogProbability = LogProbability(mode);
                double cell = 0;
                for (var nij = mode; nij <= end; nij++)
                {
                    var logProbability = nij == mode ? modeLogProbability : LogProbability(nij);
                    if (logProbability < modeLogProbability - NegligibleLogRatio)
                    {
                        break;
                    }

                    cell += Term(nij, logProbability);
                }

                for (var nij = mode - 1; nij >= start; nij--)
                {
                    var logProbability = LogProbability(nij);
                    if (logProbability < modeLogProbability - NegligibleLogRatio)
                    {
                        break;
                    }

                    cell += Term(nij, logProbability);
                }

                expected += cell;

                double LogProbability(long nij) =>
                    constant - logFactorial[nij] - logFactorial[ai - nij] - logFactorial[bj - nij] - LogFactorial(remainder + nij);

                double Term(long nij, double logProbability) =>
                    nij / total * (logTotal + Math.Log(nij) - logAB) * Math.Exp(logProbability);
            }
        }

        return expected;
    }

    /// <summary>The adjusted mutual information of two labelings (arithmetic normalisation).</summary>
    public static double AdjustedMutualInformation(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted) => AdjustedMutualInformation(ContingencyTable.Create(truth, predicted));

    /// <summary>The adjusted mutual information: (MI − E[MI]) / (mean(H(U), H(V)) − E[MI]).</summary>
    /// <remarks>
    /// Vinh, Epps and Bailey (2010). As scikit-learn: 1 when both labelings have one label or
    /// none; the denominator is kept at least machine epsilon away from zero.
    /// </remarks>
    public static double AdjustedMutualInformation(ContingencyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.RowCount == table.ColumnCount && table.RowCount <= 1)
        {
            return 1.0;
        }

        var mutual = MutualInformation(table);
        var expected = ExpectedMutualInformation(table);
        var normalizer = (RowEntropy(table) + ColumnEntropy(table)) / 2.0;
        var denominator = normalizer - expected;
        denominator = denominator < 0 ? Math.Min(denominator, -MachineEpsilon) : Math.Max(denominator, MachineEpsilon);
        return (mutual - expected) / denominator;
    }

    /// <summary>The normalised mutual information of two labelings (arithmetic normalisation).</summary>
    public static double NormalizedMutualInformation(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted) => NormalizedMutualInformation(ContingencyTable.Create(truth, predicted));

    /// <summary>MI / mean(H(U), H(V)); 1 when both labelings have one label or none, 0 when MI is 0.</summary>
    public static double NormalizedMutualInformation(ContingencyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.RowCount == table.ColumnCount && table.RowCount <= 1)
        {
            return 1.0;
        }

        var mutual = MutualInformation(table);
        if (mutual == 0)
        {
            return 0.0;
        }

        return mutual / ((RowEntropy(table) + ColumnEntropy(table)) / 2.0);
    }

    /// <summary>The Fowlkes-Mallows index: the geometric mean of pairwise precision and recall; 0 when no pair agrees.</summary>
    public static double FowlkesMallows(ContingencyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        Int128 n = table.Total;
        Int128 together = -n, rowPairs = -n, columnPairs = -n;
        foreach (var count in table.CellCounts)
        {
            together += (Int128)count * count;
        }

        foreach (var sum in table.RowSums)
        {
            rowPairs += (Int128)sum * sum;
        }

        foreach (var sum in table.ColumnSums)
        {
            columnPairs += (Int128)sum * sum;
        }

        if (together == 0)
        {
            return 0.0;
        }

        return Math.Sqrt((double)together / (double)columnPairs) * Math.Sqrt((double)together / (double)rowPairs);
    }

    /// <summary>Homogeneity, completeness and V-measure (β = 1), as scikit-learn: all 1 for no points.</summary>
    /// <remarks>Rosenberg and Hirschberg (2007).</remarks>
    public static (double Homogeneity, double Completeness, double VMeasure) HomogeneityCompletenessVMeasure(ContingencyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.Total == 0)
        {
            return (1.0, 1.0, 1.0);
        }

        var truthEntropy = RowEntropy(table);
        var predictedEntropy = ColumnEntropy(table);
        var mutual = MutualInformation(table);
        var homogeneity = truthEntropy != 0 ? mutual / truthEntropy : 1.0;
        var completeness = predictedEntropy != 0 ? mutual / predictedEntropy : 1.0;
        var vMeasure = homogeneity + completeness == 0 ? 0.0 : 2.0 * homogeneity * completeness / (homogeneity + completeness);
        return (homogeneity, completeness, vMeasure);
    }

    /// <summary>
    /// The share of points whose predicted label matches the truth label under the best
    /// one-to-one matching of labels (Hungarian method on the rectangular table); 1 for no points.
    /// </summary>
    /// <remarks>O(R·C·min(R, C)) time and a dense R×C table.</remarks>
    /// <exception cref="InvalidOperationException">R·C exceeds 2^26 cells (e.g. 10^5 singletons).</exception>
    public static double BestMatchAccuracy(ContingencyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.Total == 0)
        {
            return 1.0;
        }

        var dense = table.ToDense();
        var match = LinearAssignment.Maximize(dense, table.RowCount, table.ColumnCount);
        double matched = 0;
        for (var row = 0; row < match.Length; row++)
        {
            if (match[row] >= 0)
            {
                matched += dense[(row * table.ColumnCount) + match[row]];
            }
        }

        return matched / table.Total;
    }

    /// <summary>
    /// Gagolewski's normalised clustering accuracy: the mean over truth labels of the share of each
    /// truth class that lands in its matched cluster, rescaled so that uniform spreading scores 0
    /// and a perfect match 1. Asymmetric: the truth is the reference.
    /// </summary>
    /// <remarks>
    /// Gagolewski, M. (2025), "Normalised clustering accuracy: an asymmetric external cluster
    /// validity measure", Journal of Classification 42, 2–30: with K truth labels,
    /// NCA = max_σ (1/K) Σ_i (c_{i,σ(i)} / c_{i,·} − 1/K) / (1 − 1/K), σ matching rows to
    /// distinct columns (missing columns count as zero). Undefined (NaN) for K &lt; 2.
    /// O(K²·max(K, L)) for the assignment.
    /// </remarks>
    /// <exception cref="InvalidOperationException">K·L exceeds 2^26 cells.</exception>
    public static double NormalizedClusteringAccuracy(ContingencyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var k = table.RowCount;
        if (k < 2)
        {
            return double.NaN;
        }

        var columns = table.ColumnCount;
        var ratios = table.ToDense();
        for (var row = 0; row < k; row++)
        {
            double rowSum = table.RowSums[row];
            for (var column = 0; column < columns; column++)
            {
                ratios[(row * columns) + column] /= rowSum;
            }
        }

        var match = LinearAssignment.Maximize(ratios, k, columns);
        double sum = 0;
        for (var row = 0; row < k; row++)
        {
            var ratio = match[row] >= 0 ? ratios[(row * columns) + match[row]] : 0.0;
            sum += (ratio - (1.0 / k)) / (1.0 - (1.0 / k));
        }

        return sum / k;
    }

    /// <summary>ln(k!) for k = 0..n, each from log-gamma directly (no accumulated rounding).</summary>
    private static double[] LogFactorials(long n)
    {
        var table = new double[n + 1];
        for (var k = 2L; k <= n; k++)
        {
            table[k] = SpecialFunctions.GammaLn(k + 1.0);
        }

        return table;
    }

    private static double LogFactorial(long k) => k < 2 ? 0.0 : SpecialFunctions.GammaLn(k + 1.0);

    private static double Entropy(long[] counts, long total)
    {
        if (total == 0)
        {
            return 1.0;
        }

        var nonZero = 0;
        foreach (var count in counts)
        {
            nonZero += count > 0 ? 1 : 0;
        }

        if (nonZero == 1)
        {
            return 0.0;
        }

        double sum = total;
        var logSum = Math.Log(sum);
        double entropy = 0;
        foreach (var count in counts)
        {
            if (count > 0)
            {
                entropy += count / sum * (Math.Log(count) - logSum);
            }
        }

        return -entropy;
    }
}
