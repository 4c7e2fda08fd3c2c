using System.Globalization;
using SegBench.Data;

namespace SegBench.Cli.Commands.Clustering;

/// <summary>A cell as text, the same whatever the file format, so keys from a CSV and a Parquet file compare equal.</summary>
internal static class CellText
{
    /// <summary>The cell's text, or null when it is empty.</summary>
    public static string? Of(Column column, int row)
    {
        if (column.IsNull(row))
        {
            return null;
        }

        return column switch
        {
            StringColumn text => text.GetString(row),
            Int32Column ints => ints[row].ToString(CultureInfo.InvariantCulture),
            Int64Column longs => longs[row].ToString(CultureInfo.InvariantCulture),
            DoubleColumn doubles => doubles[row].ToString("R", CultureInfo.InvariantCulture),
            BooleanColumn booleans => booleans[row] ? "true" : "false",
            DateColumn dates => dates.GetDate(row).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => throw new NotSupportedException($"Column type {column.Type} has no text form."),
        };
    }
}
