using SegBench.Data;

namespace SegBench.Clustering.Preprocessing;

/// <summary>
/// A column's null flags read once into an array.
/// </summary>
/// <remarks>
/// Works around a bug in <see cref="Column.IsNull"/> (SegBench.Data): <c>SetNull</c> grows the
/// flag array only to the count at that moment, so values appended after the last null throw
/// <see cref="IndexOutOfRangeException"/>. The flag array only grows, so the first row that
/// throws and every row after it are not null; at most one exception is caught per column.
/// Remove once Column.IsNull bounds-checks its flags.
/// </remarks>
internal static class NullMask
{
    public static bool[]? Of(Column column)
    {
        if (column.NullCount == 0)
        {
            return null;
        }

        var mask = new bool[column.Count];
        for (var row = 0; row < column.Count; row++)
        {
            try
            {
                mask[row] = column.IsNull(row);
            }
            catch (IndexOutOfRangeException)
            {
                break;
            }
        }

        return mask;
    }
}

/// <summary>A table column with its null mask.</summary>
internal sealed class ColumnView(Column column)
{
    private readonly bool[]? _nulls = NullMask.Of(column);

    public Column Column { get; } = column;

    public int Count => Column.Count;

    public bool IsNull(int row) => _nulls is not null && _nulls[row];

    /// <summary>A non-null text value (StringColumn.GetString calls the faulty IsNull).</summary>
    public static string Utf8(StringColumn column, int row) => System.Text.Encoding.UTF8.GetString(column.GetBytes(row));
}
