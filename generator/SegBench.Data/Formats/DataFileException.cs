namespace SegBench.Data.Formats;

/// <summary>
/// A file that cannot be read as a table. The message names the file and, where known, the
/// 1-based row and the column, so the user knows what to fix.
/// </summary>
public sealed class DataFileException : Exception
{
    /// <summary>Creates the error.</summary>
    public DataFileException(string path, string problem, long? row = null, string? column = null, Exception? inner = null)
        : base(Describe(path, problem, row, column), inner)
    {
        FilePath = path;
        Problem = problem;
        Row = row;
        ColumnName = column;
    }

    /// <summary>The file.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    /// <summary>The 1-based data row (the header is row 0), when known.</summary>
    public long? Row { get; }

    /// <summary>The column, when known.</summary>
    public string? ColumnName { get; }

    private static string Describe(string path, string problem, long? row, string? column)
    {
        var where = path;
        if (row is not null)
        {
            where += $": row {row}";
        }

        if (column is not null)
        {
            where += $", column '{column}'";
        }

        return $"{where}: {problem}";
    }
}
