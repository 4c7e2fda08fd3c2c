using System.Globalization;
using System.Text;

namespace SegBench.Data.Formats.Inference;

/// <summary>
/// Strict, culture-invariant parsing of UTF-8 field text: what counts as a number, a boolean or
/// a date in a SegBench table file. The same rules serve inference and conversion, so a column is
/// never inferred as a type its values then fail to convert to.
/// </summary>
/// <remarks>
/// Numbers allow a sign, a decimal point, an exponent and surrounding white space, never
/// thousands separators ("1,234" is text, not 1234, whatever the machine's culture). Booleans are
/// true and false in any case; 0 and 1 stay numbers. Dates are exactly yyyy-MM-dd, the form
/// <see cref="Csv.CsvTableWriter"/> writes.
/// </remarks>
internal static class ValueText
{
    private const NumberStyles IntegerStyle = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign;
    private const NumberStyles RealStyle = IntegerStyle | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    // 2^63 as a double: every double below it (and at or above -2^63) converts to long exactly.
    private const double TwoToThe63 = 9223372036854775808.0;

    public static bool TryParseInt64(ReadOnlySpan<byte> utf8, out long value) =>
        long.TryParse(utf8, IntegerStyle, CultureInfo.InvariantCulture, out value);

    public static bool TryParseInt32(ReadOnlySpan<byte> utf8, out int value) =>
        int.TryParse(utf8, IntegerStyle, CultureInfo.InvariantCulture, out value);

    public static bool TryParseDouble(ReadOnlySpan<byte> utf8, out double value) =>
        double.TryParse(utf8, RealStyle, CultureInfo.InvariantCulture, out value);

    public static bool TryParseBoolean(ReadOnlySpan<byte> utf8, out bool value)
    {
        var trimmed = utf8.Trim(" \t"u8);
        if (Ascii.EqualsIgnoreCase(trimmed, "true"u8))
        {
            value = true;
            return true;
        }

        value = false;
        return Ascii.EqualsIgnoreCase(trimmed, "false"u8);
    }

    /// <summary>Parses exactly yyyy-MM-dd (surrounding white space allowed).</summary>
    public static bool TryParseDate(ReadOnlySpan<byte> utf8, out DateOnly value)
    {
        value = default;
        var text = utf8.Trim(" \t"u8);
        if (text.Length != 10 || text[4] != (byte)'-' || text[7] != (byte)'-')
        {
            return false;
        }

        if (!TryDigits(text[..4], out var year) || !TryDigits(text.Slice(5, 2), out var month) || !TryDigits(text.Slice(8, 2), out var day))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        value = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>True when a double is a whole number that a long holds exactly.</summary>
    public static bool IsInt64(double value) => value >= -TwoToThe63 && value < TwoToThe63 && Math.Floor(value) == value;

    /// <summary>True when a workbook date-time has no time of day, so it is a plain date.</summary>
    public static bool IsDate(DateTime value) => value.TimeOfDay == TimeSpan.Zero;

    /// <summary>Formats a workbook number as text: whole numbers without a decimal point.</summary>
    public static string FormatNumber(double value) => IsInt64(value)
        ? ((long)value).ToString(CultureInfo.InvariantCulture)
        : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Formats a workbook date-time as text: yyyy-MM-dd, with the time when it has one.</summary>
    public static string FormatDateTime(DateTime value) => IsDate(value)
        ? value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : value.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    private static bool TryDigits(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var digit in digits)
        {
            if (digit is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (digit - '0');
        }

        return true;
    }
}
