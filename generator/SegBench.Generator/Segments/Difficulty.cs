namespace SegBench.Generator.Segments;

/// <summary>
/// How hard a generated table is to segment, from the counts of (generating segment, Bayes-optimal
/// segment) pairs: the accuracy and ARI the Bayes-optimal classifier achieved, the ceiling for any
/// clustering of the same rows.
/// </summary>
/// <param name="SegmentRows">Rows per segment (outliers excluded).</param>
/// <param name="BayesAccuracy">Share of rows whose most likely segment is their generating one.</param>
/// <param name="BayesAri">Adjusted Rand index between generating and most likely segments.</param>
/// <param name="Overlap">Overlap[s][t]: share of segment s's rows most likely to be from t.</param>
public sealed record Difficulty(long[] SegmentRows, double BayesAccuracy, double BayesAri, double[][] Overlap)
{
    /// <summary>Computes the figures from a K×K contingency table (row-major).</summary>
    public static Difficulty FromContingency(long[] counts, int segments)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var rows = new long[segments];
        var columns = new long[segments];
        long total = 0, agree = 0;
        double pairsInCells = 0;
        for (var s = 0; s < segments; s++)
        {
            for (var t = 0; t < segments; t++)
            {
                var n = counts[(s * segments) + t];
                rows[s] += n;
                columns[t] += n;
                total += n;
                pairsInCells += Pairs(n);
                if (s == t)
                {
                    agree += n;
                }
            }
        }

        var pairsInRows = rows.Sum(Pairs);
        var pairsInColumns = columns.Sum(Pairs);
        var expected = total < 2 ? 0 : pairsInRows * pairsInColumns / Pairs(total);
        var maximum = 0.5 * (pairsInRows + pairsInColumns);
        var ari = maximum - expected == 0 ? 1.0 : (pairsInCells - expected) / (maximum - expected);
        var overlap = new double[segments][];
        for (var s = 0; s < segments; s++)
        {
            overlap[s] = new double[segments];
            for (var t = 0; t < segments; t++)
            {
                overlap[s][t] = rows[s] == 0 ? 0 : (double)counts[(s * segments) + t] / rows[s];
            }
        }

        return new Difficulty(rows, total == 0 ? 1 : (double)agree / total, ari, overlap);
    }

    private static double Pairs(long n) => n * (n - 1) / 2.0;
}
