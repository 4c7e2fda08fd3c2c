using System.Globalization;
using System.Text.Json;
using SegBench.Data;

namespace SegBench.Clustering.Preprocessing;

/// <summary>
/// Reads one raw value of a fitted column, from a typed table column or from a loose object
/// (the HTTP service's name→value dictionaries), as a number (NaN when missing) or as text
/// (null when missing). Anything that cannot be read is a <see cref="PreprocessingException"/>
/// naming the column.
/// </summary>
internal static class ValueReader
{
    private const double DaysPerYear = 365.25;

    public static double Number(FeatureKind kind, string name, ColumnView view, int row, DateOnly? reference)
    {
        var column = view.Column;
        if (view.IsNull(row))
        {
            return double.NaN;
        }

        switch (kind, column)
        {
            case (FeatureKind.Date, DateColumn dates):
                return YearsBefore(reference, dates[row]);
            case (FeatureKind.Date, StringColumn text):
                return YearsBefore(reference, ParseDate(name, ColumnView.Utf8(text, row), row));
            case (FeatureKind.Date, _):
                throw new PreprocessingException(name, $"Column '{name}' must hold dates but is {column.Type}.");
            case (_, Int32Column ints):
                return ints[row];
            case (_, Int64Column longs):
                return longs[row];
            case (_, DoubleColumn doubles):
                return doubles[row];
            case (_, BooleanColumn booleans):
                return booleans[row] ? 1.0 : 0.0;
            case (_, StringColumn text):
                return ParseNumber(kind, name, ColumnView.Utf8(text, row), row);
            default:
                throw new PreprocessingException(name, $"Column '{name}' must hold numbers but is {column.Type}.");
        }
    }

    public static string? Text(ColumnView view, int row) => view.IsNull(row) ? null : view.Column switch
    {
        StringColumn text => ColumnView.Utf8(text, row),
        Int32Column ints => ints[row].ToString(CultureInfo.InvariantCulture),
        Int64Column longs => longs[row].ToString(CultureInfo.InvariantCulture),
        DoubleColumn doubles => doubles[row].ToString("R", CultureInfo.InvariantCulture),
        BooleanColumn booleans => booleans[row] ? "true" : "false",
        DateColumn dates => dates.GetDate(row).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => throw new PreprocessingException($"Unknown column type {view.Column.Type}."),
    };

    public static double Number(FeatureKind kind, string name, object? value, DateOnly? reference)
    {
        switch (value)
        {
            case null:
                return double.NaN;
            case JsonElement element:
                return element.ValueKind switch
                {
                    JsonValueKind.Null or JsonValueKind.Undefined => double.NaN,
                    JsonValueKind.Number when kind != FeatureKind.Date => element.GetDouble(),
                    JsonValueKind.True when kind != FeatureKind.Date => 1.0,
                    JsonValueKind.False when kind != FeatureKind.Date => 0.0,
                    JsonValueKind.String => Number(kind, name, element.GetString(), reference),
                    _ => throw new PreprocessingException(name, $"Column '{name}' needs {Expected(kind)}, not the JSON {element.ValueKind} {element.GetRawText()}."),
                };
            case string text:
                return kind == FeatureKind.Date ? YearsBefore(reference, ParseDate(name, text, -1)) : ParseNumber(kind, name, text, -1);
            case DateOnly date when kind == FeatureKind.Date:
                return YearsBefore(reference, date.DayNumber - DateColumn.UnixEpochDayNumber);
            case DateTime dateTime when kind == FeatureKind.Date:
                return YearsBefore(reference, DateOnly.FromDateTime(dateTime).DayNumber - DateColumn.UnixEpochDayNumber);
            case bool flag when kind != FeatureKind.Date:
                return flag ? 1.0 : 0.0;
            case double or float or int or long or short or byte or decimal or uint or ulong when kind != FeatureKind.Date:
                return Convert.ToDouble(value, CultureInfo.InvariantCulture);
            default:
                throw new PreprocessingException(name, $"Column '{name}' needs {Expected(kind)}, not the {value.GetType().Name} '{Convert.ToString(value, CultureInfo.InvariantCulture)}'.");
        }
    }

    public static string? Text(string name, object? value) => value switch
    {
        null => null,
        string text => text,
        JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
        JsonElement { ValueKind: JsonValueKind.True } => "true",
        JsonElement { ValueKind: JsonValueKind.False } => "false",
        JsonElement { ValueKind: JsonValueKind.Number } element => element.GetRawText(),
        JsonElement element => throw new PreprocessingException(name, $"Column '{name}' needs text, not the JSON {element.ValueKind}."),
        bool flag => flag ? "true" : "false",
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static string Expected(FeatureKind kind) => kind switch
    {
        FeatureKind.Date => "a date (yyyy-MM-dd)",
        FeatureKind.Boolean => "true or false",
        _ => "a number",
    };

    private static double YearsBefore(DateOnly? reference, int daysSinceEpoch)
    {
        var referenceDays = reference is { } date ? date.DayNumber - DateColumn.UnixEpochDayNumber : 0;
        return (referenceDays - daysSinceEpoch) / DaysPerYear;
    }

    private static int ParseDate(string name, string text, int row)
    {
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date.DayNumber - DateColumn.UnixEpochDayNumber;
        }

        throw new PreprocessingException(name, $"Column '{name}' needs a date (yyyy-MM-dd) but {Where(row)}holds '{text}'.");
    }

    private static double ParseNumber(FeatureKind kind, string name, string text, int row)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return double.NaN;
        }

        if (kind == FeatureKind.Boolean)
        {
            if (bool.TryParse(trimmed, out var flag))
            {
                return flag ? 1.0 : 0.0;
            }
        }

        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return number;
        }

        throw new PreprocessingException(name, $"Column '{name}' needs {Expected(kind)} but {Where(row)}holds '{text}'.");
    }

    private static string Where(int row) => row >= 0 ? $"row {row} " : string.Empty;
}
