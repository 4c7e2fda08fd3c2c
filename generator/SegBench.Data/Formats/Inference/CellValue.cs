using System.Globalization;
using System.Text;

namespace SegBench.Data.Formats.Inference;

/// <summary>What a cell holds before it is given a column type.</summary>
internal enum CellKind
{
    /// <summary>No value: an empty CSV field or a blank cell. Always read as null.</summary>
    Empty,

    /// <summary>Text as UTF-8 (every CSV field, and text cells of a workbook).</summary>
    Text,

    /// <summary>A number cell of a workbook.</summary>
    Number,

    /// <summary>A boolean cell of a workbook.</summary>
    Boolean,

    /// <summary>A date or date-time cell of a workbook.</summary>
    DateTime,
}

/// <summary>
/// One cell as a source hands it over, valid until the source moves to the next row. CSV fields
/// are spans into CsvHelper's buffer, so reading a field costs no allocation.
/// </summary>
internal readonly ref struct CellValue
{
    private CellValue(CellKind kind, ReadOnlySpan<byte> text, double number, bool boolean, DateTime dateTime)
    {
        Kind = kind;
        Text = text;
        Number = number;
        Boolean = boolean;
        DateTime = dateTime;
    }

    public CellKind Kind { get; }

    public ReadOnlySpan<byte> Text { get; }

    public double Number { get; }

    public bool Boolean { get; }

    public DateTime DateTime { get; }

    public static CellValue Empty => default;

    public static CellValue FromText(ReadOnlySpan<byte> utf8) =>
        utf8.IsEmpty ? default : new CellValue(CellKind.Text, utf8, 0, false, default);

    public static CellValue FromNumber(double number) => new(CellKind.Number, default, number, false, default);

    public static CellValue FromBoolean(bool value) => new(CellKind.Boolean, default, 0, value, default);

    public static CellValue FromDateTime(DateTime value) => new(CellKind.DateTime, default, 0, false, value);

    /// <summary>The value as text, for error messages; long values are cut short.</summary>
    public string Describe()
    {
        var text = Kind switch
        {
            CellKind.Empty => string.Empty,
            CellKind.Text => Encoding.UTF8.GetString(Text),
            CellKind.Number => Number.ToString("R", CultureInfo.InvariantCulture),
            CellKind.Boolean => Boolean ? "true" : "false",
            _ => DateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        };
        return text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 37), "...");
    }
}
