namespace SegBench.Data.Formats.Inference;

/// <summary>Appends cells to typed columns, with the same rules that inference uses.</summary>
internal static class CellConverter
{
    /// <summary>
    /// Appends a cell to a column. Returns null on success, or what is wrong with the value (the
    /// problem part of a <see cref="DataFileException"/>) when it does not fit the column type.
    /// </summary>
    public static string? TryAppend(Column column, CellValue cell)
    {
        if (cell.Kind == CellKind.Empty)
        {
            column.AppendNull();
            return null;
        }

        switch (column)
        {
            case StringColumn text:
                AppendString(text, cell);
                return null;
            case Int64Column integer:
                if (TryInt64(cell, out var whole))
                {
                    integer.Append(whole);
                    return null;
                }

                return NotWhole(cell);
            case Int32Column integer:
                if (TryInt64(cell, out var small) && small is >= int.MinValue and <= int.MaxValue)
                {
                    integer.Append((int)small);
                    return null;
                }

                return TryInt64(cell, out _) ? $"'{cell.Describe()}' is out of range for a 32-bit integer" : NotWhole(cell);
            case DoubleColumn real:
                if (TryDouble(cell, out var number))
                {
                    real.Append(number);
                    return null;
                }

                return $"'{cell.Describe()}' is not a number";
            case BooleanColumn flag:
                if (cell.Kind == CellKind.Boolean)
                {
                    flag.Append(cell.Boolean);
                    return null;
                }

                if (cell.Kind == CellKind.Text && ValueText.TryParseBoolean(cell.Text, out var truth))
                {
                    flag.Append(truth);
                    return null;
                }

                return $"'{cell.Describe()}' is not true or false";
            case DateColumn date:
                if (cell.Kind == CellKind.DateTime && ValueText.IsDate(cell.DateTime))
                {
                    date.Append(DateOnly.FromDateTime(cell.DateTime));
                    return null;
                }

                if (cell.Kind == CellKind.Text && ValueText.TryParseDate(cell.Text, out var day))
                {
                    date.Append(day);
                    return null;
                }

                return $"'{cell.Describe()}' is not a date in the form yyyy-MM-dd";
            default:
                throw new NotSupportedException($"Cannot read a {column.Type} column.");
        }
    }

    /// <summary>Appends the type's default as the slot of a value that will be flagged null.</summary>
    public static void AppendPlaceholder(Column column)
    {
        switch (column)
        {
            case StringColumn text:
                text.Append(ReadOnlySpan<byte>.Empty);
                break;
            case Int64Column integer:
                integer.Append(0);
                break;
            case Int32Column integer:
                integer.Append(0);
                break;
            case DoubleColumn real:
                real.Append(0);
                break;
            case BooleanColumn flag:
                flag.Append(false);
                break;
            case DateColumn date:
                date.Append(0);
                break;
            default:
                throw new NotSupportedException($"Cannot read a {column.Type} column.");
        }
    }

    private static string NotWhole(CellValue cell) =>
        TryDouble(cell, out _) ? $"'{cell.Describe()}' is not a whole number" : $"'{cell.Describe()}' is not a number";

    private static bool TryInt64(CellValue cell, out long value)
    {
        value = 0;
        switch (cell.Kind)
        {
            case CellKind.Text:
                return ValueText.TryParseInt64(cell.Text, out value);
            case CellKind.Number when ValueText.IsInt64(cell.Number):
                value = (long)cell.Number;
                return true;
            default:
                return false;
        }
    }

    private static bool TryDouble(CellValue cell, out double value)
    {
        value = 0;
        switch (cell.Kind)
        {
            case CellKind.Text:
                return ValueText.TryParseDouble(cell.Text, out value);
            case CellKind.Number:
                value = cell.Number;
                return true;
            default:
                return false;
        }
    }

    private static void AppendString(StringColumn column, CellValue cell)
    {
        switch (cell.Kind)
        {
            case CellKind.Text:
                column.Append(cell.Text);
                break;
            case CellKind.Number:
                column.Append(ValueText.FormatNumber(cell.Number));
                break;
            case CellKind.Boolean:
                column.Append(cell.Boolean ? "true"u8 : "false"u8);
                break;
            default:
                column.Append(ValueText.FormatDateTime(cell.DateTime));
                break;
        }
    }
}
