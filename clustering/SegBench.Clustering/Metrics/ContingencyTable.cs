namespace SegBench.Clustering.Metrics;

/// <summary>
/// The contingency table of two labelings of the same points: how many points carry truth label
/// r and predicted label c. Labels may be any <see cref="int"/>, including -1 for noise; each
/// side is mapped to dense ids 0..R-1 and 0..C-1 in ascending label order (as
/// <c>numpy.unique</c> orders them).
/// </summary>
/// <remarks>
/// Only non-zero cells are kept, in row-major order, so that many-cluster labelings (all
/// singletons) stay O(n) in memory. Building takes O(n + R·C) when R·C is at most about 2n
/// (a dense counting array), otherwise O(n log n) (sorting the cell keys). Counts are
/// <see cref="long"/>, so pair counts never overflow at 10^7 labels.
/// </remarks>
public sealed class ContingencyTable
{
    private ContingencyTable(int[] rowLabels, int[] columnLabels, long[] rowSums, long[] columnSums, int[] cellRows, int[] cellColumns, long[] cellCounts, long total)
    {
        RowLabels = rowLabels;
        ColumnLabels = columnLabels;
        RowSumsArray = rowSums;
        ColumnSumsArray = columnSums;
        CellRowsArray = cellRows;
        CellColumnsArray = cellColumns;
        CellCountsArray = cellCounts;
        Total = total;
    }

    /// <summary>The distinct truth labels, ascending; row r holds label <c>RowLabels[r]</c>.</summary>
    public IReadOnlyList<int> RowLabels { get; }

    /// <summary>The distinct predicted labels, ascending.</summary>
    public IReadOnlyList<int> ColumnLabels { get; }

    /// <summary>The number of distinct truth labels (R).</summary>
    public int RowCount => RowSumsArray.Length;

    /// <summary>The number of distinct predicted labels (C).</summary>
    public int ColumnCount => ColumnSumsArray.Length;

    /// <summary>The number of points (n).</summary>
    public long Total { get; }

    /// <summary>Points per truth label.</summary>
    public ReadOnlySpan<long> RowSums => RowSumsArray;

    /// <summary>Points per predicted label.</summary>
    public ReadOnlySpan<long> ColumnSums => ColumnSumsArray;

    /// <summary>The row of each non-zero cell.</summary>
    public ReadOnlySpan<int> CellRows => CellRowsArray;

    /// <summary>The column of each non-zero cell.</summary>
    public ReadOnlySpan<int> CellColumns => CellColumnsArray;

    /// <summary>The count of each non-zero cell.</summary>
    public ReadOnlySpan<long> CellCounts => CellCountsArray;

    internal long[] RowSumsArray { get; }

    internal long[] ColumnSumsArray { get; }

    internal int[] CellRowsArray { get; }

    internal int[] CellColumnsArray { get; }

    internal long[] CellCountsArray { get; }

    /// <summary>Counts the pairs (truth[i], predicted[i]).</summary>
    /// <exception cref="ArgumentException">The labelings differ in length.</exception>
    public static ContingencyTable Create(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted)
    {
        if (truth.Length != predicted.Length)
        {
            throw new ArgumentException($"The labelings differ in length: {truth.Length} truth labels, {predicted.Length} predicted.", nameof(predicted));
        }

        var n = truth.Length;
        var rowIds = new int[n];
        var columnIds = new int[n];
        var rowLabels = DenseIds(truth, rowIds);
        var columnLabels = DenseIds(predicted, columnIds);
        int rows = rowLabels.Length, columns = columnLabels.Length;
        var rowSums = new long[rows];
        var columnSums = new long[columns];
        for (var i = 0; i < n; i++)
        {
            rowSums[rowIds[i]]++;
            columnSums[columnIds[i]]++;
        }

        var cells = (long)rows * columns;
        if (cells <= (2L * n) + 4096)
        {
            var counts = new long[cells];
            for (var i = 0; i < n; i++)
            {
                counts[((long)rowIds[i] * columns) + columnIds[i]]++;
            }

            var nonZero = 0;
            foreach (var count in counts)
            {
                nonZero += count != 0 ? 1 : 0;
            }

            var cellRows = new int[nonZero];
            var cellColumns = new int[nonZero];
            var cellCounts = new long[nonZero];
            var next = 0;
            for (var index = 0L; index < cells; index++)
            {
                if (counts[index] != 0)
                {
                    cellRows[next] = (int)(index / columns);
                    cellColumns[next] = (int)(index % columns);
                    cellCounts[next++] = counts[index];
                }
            }

            return new ContingencyTable(rowLabels, columnLabels, rowSums, columnSums, cellRows, cellColumns, cellCounts, n);
        }
        else
        {
            var keys = new long[n];
            for (var i = 0; i < n; i++)
            {
                keys[i] = ((long)rowIds[i] * columns) + columnIds[i];
            }

            Array.Sort(keys);
            var nonZero = 0;
            for (var i = 0; i < n; i++)
            {
                nonZero += i == 0 || keys[i] != keys[i - 1] ? 1 : 0;
            }

            var cellRows = new int[nonZero];
            var cellColumns = new int[nonZero];
            var cellCounts = new long[nonZero];
            var next = -1;
            for (var i = 0; i < n; i++)
            {
                if (i == 0 || keys[i] != keys[i - 1])
                {
                    next++;
                    cellRows[next] = (int)(keys[i] / columns);
                    cellColumns[next] = (int)(keys[i] % columns);
                }

                cellCounts[next]++;
            }

            return new ContingencyTable(rowLabels, columnLabels, rowSums, columnSums, cellRows, cellColumns, cellCounts, n);
        }
    }

    /// <summary>The table as a dense row-major R×C array of counts.</summary>
    /// <exception cref="InvalidOperationException">R·C exceeds <paramref name="maximumCells"/>.</exception>
    public double[] ToDense(long maximumCells = 1L << 26)
    {
        var cells = (long)RowCount * ColumnCount;
        if (cells > maximumCells)
        {
            throw new InvalidOperationException($"A dense {RowCount} x {ColumnCount} table has {cells} cells, more than the limit of {maximumCells}.");
        }

        var dense = new double[cells];
        for (var i = 0; i < CellCountsArray.Length; i++)
        {
            dense[((long)CellRowsArray[i] * ColumnCount) + CellColumnsArray[i]] = CellCountsArray[i];
        }

        return dense;
    }

    /// <summary>
    /// Writes a dense id per label into <paramref name="ids"/> and returns the distinct labels in
    /// ascending order. Uses a lookup array when the label range is small, a sort otherwise.
    /// </summary>
    internal static int[] DenseIds(ReadOnlySpan<int> labels, int[] ids)
    {
        if (labels.IsEmpty)
        {
            return [];
        }

        int minimum = labels[0], maximum = labels[0];
        foreach (var label in labels)
        {
            minimum = Math.Min(minimum, label);
            maximum = Math.Max(maximum, label);
        }

        var range = (long)maximum - minimum + 1;
        if (range <= Math.Max(1L << 16, 4L * labels.Length))
        {
            var lookup = new int[range];
            foreach (var label in labels)
            {
                lookup[label - minimum] = 1;
            }

            var distinct = 0;
            for (var offset = 0; offset < lookup.Length; offset++)
            {
                if (lookup[offset] != 0)
                {
                    lookup[offset] = distinct++;
                }
                else
                {
                    lookup[offset] = -1;
                }
            }

            var distinctLabels = new int[distinct];
            for (var offset = 0; offset < lookup.Length; offset++)
            {
                if (lookup[offset] >= 0)
                {
                    distinctLabels[lookup[offset]] = (int)(offset + minimum);
                }
            }

            for (var i = 0; i < labels.Length; i++)
            {
                ids[i] = lookup[labels[i] - minimum];
            }

            return distinctLabels;
        }

        var sorted = labels.ToArray();
        Array.Sort(sorted);
        var count = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (i == 0 || sorted[i] != sorted[i - 1])
            {
                sorted[count++] = sorted[i];
            }
        }

        var unique = sorted.AsSpan(0, count).ToArray();
        var idByLabel = new Dictionary<int, int>(count);
        for (var i = 0; i < unique.Length; i++)
        {
            idByLabel[unique[i]] = i;
        }

        for (var i = 0; i < labels.Length; i++)
        {
            ids[i] = idByLabel[labels[i]];
        }

        return unique;
    }
}
