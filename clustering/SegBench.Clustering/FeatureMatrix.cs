namespace SegBench.Clustering;

/// <summary>
/// Dense row-major features: the input of every clustering algorithm. Row i occupies
/// <c>Values[i * Columns .. (i + 1) * Columns]</c>.
/// </summary>
public sealed class FeatureMatrix
{
    /// <summary>Wraps row-major values (not copied).</summary>
    public FeatureMatrix(double[] values, int rows, int columns, IReadOnlyList<string>? columnNames = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if ((long)rows * columns != values.Length)
        {
            throw new ArgumentException($"{rows} x {columns} needs {(long)rows * columns} values, not {values.Length}.", nameof(values));
        }

        if (columnNames is not null && columnNames.Count != columns)
        {
            throw new ArgumentException($"{columns} columns need {columns} names, not {columnNames.Count}.", nameof(columnNames));
        }

        Values = values;
        Rows = rows;
        Columns = columns;
        ColumnNames = columnNames ?? Enumerable.Range(0, columns).Select(i => $"x{i}").ToArray();
    }

    /// <summary>The values, row-major.</summary>
    public double[] Values { get; }

    /// <summary>The number of rows (points).</summary>
    public int Rows { get; }

    /// <summary>The number of columns (dimensions).</summary>
    public int Columns { get; }

    /// <summary>A name per column.</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>One row.</summary>
    public ReadOnlySpan<double> Row(int index) => Values.AsSpan(index * Columns, Columns);
}
