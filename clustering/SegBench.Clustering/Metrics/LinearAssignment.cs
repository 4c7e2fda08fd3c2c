namespace SegBench.Clustering.Metrics;

/// <summary>The rectangular linear sum assignment problem (the Hungarian method).</summary>
/// <remarks>
/// Kuhn (1955) and Munkres (1957), in the shortest-augmenting-path form with potentials
/// (Jonker and Volgenant, 1987): O(r²·c) for an r×c matrix with r ≤ c. A wider-than-tall matrix is
/// solved as is; a taller one is transposed first, so every row or every column is matched.
/// </remarks>
public static class LinearAssignment
{
    /// <summary>
    /// Matches rows to distinct columns so that the sum of the matched weights is largest.
    /// Returns, per row, its column or -1 when the row is left unmatched (more rows than columns).
    /// </summary>
    /// <param name="weights">Row-major weights, <paramref name="rows"/> × <paramref name="columns"/>.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="columns">The number of columns.</param>
    public static int[] Maximize(ReadOnlySpan<double> weights, int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        if (weights.Length != (long)rows * columns)
        {
            throw new ArgumentException($"{rows} x {columns} needs {(long)rows * columns} weights, not {weights.Length}.", nameof(weights));
        }

        var assignment = new int[rows];
        Array.Fill(assignment, -1);
        if (rows == 0 || columns == 0)
        {
            return assignment;
        }

        if (rows <= columns)
        {
            var columnOfRow = Solve(weights, rows, columns, transposed: false);
            columnOfRow.CopyTo(assignment, 0);
            return assignment;
        }

        var rowOfColumn = Solve(weights, columns, rows, transposed: true);
        for (var column = 0; column < columns; column++)
        {
            assignment[rowOfColumn[column]] = column;
        }

        return assignment;
    }

    /// <summary>Min-cost assignment of the n rows of cost = -weight to m ≥ n columns.</summary>
    private static int[] Solve(ReadOnlySpan<double> weights, int n, int m, bool transposed)
    {
        // 1-based arrays as in the classic formulation; index 0 is the virtual start column.
        var rowPotential = new double[n + 1];
        var columnPotential = new double[m + 1];
        var rowOfColumn = new int[m + 1];
        var previous = new int[m + 1];
        var minimum = new double[m + 1];
        var used = new bool[m + 1];
        for (var i = 1; i <= n; i++)
        {
            rowOfColumn[0] = i;
            var column0 = 0;
            Array.Fill(minimum, double.PositiveInfinity);
            Array.Clear(used);
            do
            {
                used[column0] = true;
                var row0 = rowOfColumn[column0];
                var delta = double.PositiveInfinity;
                var column1 = 0;
                for (var j = 1; j <= m; j++)
                {
                    if (used[j])
                    {
                        continue;
                    }

                    var weight = transposed ? weights[((j - 1) * n) + row0 - 1] : weights[((row0 - 1) * m) + j - 1];
                    var reduced = -weight - rowPotential[row0] - columnPotential[j];
                    if (reduced < minimum[j])
                    {
                        minimum[j] = reduced;
                        previous[j] = column0;
                    }

                    if (minimum[j] < delta)
                    {
                        delta = minimum[j];
                        column1 = j;
                    }
                }

                for (var j = 0; j <= m; j++)
                {
                    if (used[j])
                    {
                        rowPotential[rowOfColumn[j]] += delta;
                        columnPotential[j] -= delta;
                    }
                    else
                    {
                        minimum[j] -= delta;
                    }
                }

                column0 = column1;
            }
            while (rowOfColumn[column0] != 0);

            do
            {
                var column1 = previous[column0];
                rowOfColumn[column0] = rowOfColumn[column1];
                column0 = column1;
            }
            while (column0 != 0);
        }

        var result = new int[n];
        for (var j = 1; j <= m; j++)
        {
            if (rowOfColumn[j] != 0)
            {
                result[rowOfColumn[j] - 1] = j - 1;
            }
        }

        return result;
    }
}
