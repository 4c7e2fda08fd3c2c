using MathNet.Numerics.LinearAlgebra;
using SegBench.Bench.Results;
using SegBench.Clustering;

namespace SegBench.Bench.Experiments;

/// <summary>The first two principal components of an evenly spaced sample of rows, for the scatter charts.</summary>
public static class Projection
{
    /// <summary>Projects up to <paramref name="points"/> rows (every n-th row, so it is deterministic).</summary>
    public static IReadOnlyList<ProjectedPoint> FirstTwoComponents(FeatureMatrix features, int[] found, int[] planted, int points)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(found);
        ArgumentNullException.ThrowIfNull(planted);
        var step = Math.Max(1, features.Rows / Math.Max(1, points));
        var rows = Enumerable.Range(0, features.Rows).Where(r => r % step == 0).Take(points).ToArray();
        var matrix = Matrix<double>.Build.Dense(rows.Length, features.Columns, (i, j) => features.Values[(rows[i] * features.Columns) + j]);
        var means = matrix.ColumnSums() / rows.Length;
        for (var j = 0; j < features.Columns; j++)
        {
            matrix.SetColumn(j, matrix.Column(j) - means[j]);
        }

        var components = Math.Min(2, features.Columns);
        var svd = matrix.Svd(computeVectors: true);
        var projected = matrix * svd.VT.SubMatrix(0, components, 0, features.Columns).Transpose();
        return rows.Select((row, i) => new ProjectedPoint(projected[i, 0], components > 1 ? projected[i, 1] : 0, found[row], planted[row])).ToArray();
    }
}
