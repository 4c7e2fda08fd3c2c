namespace SegBench.Data.Formats;

/// <summary>The file formats SegBench writes and reads.</summary>
public enum TableFormat
{
    /// <summary>RFC 4180 CSV, UTF-8, invariant culture, with a header row.</summary>
    Csv,

    /// <summary>Apache Parquet, flat schemas.</summary>
    Parquet,
}

/// <summary>Helpers to name and parse formats.</summary>
public static class TableFormats
{
    /// <summary>The file extension of a format, without the dot.</summary>
    public static string Extension(TableFormat format) => format switch
    {
        TableFormat.Csv => "csv",
        TableFormat.Parquet => "parquet",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>Parses a format name such as "csv"; false for anything else.</summary>
    public static bool TryParse(string? text, out TableFormat format)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "csv":
                format = TableFormat.Csv;
                return true;
            case "parquet":
                format = TableFormat.Parquet;
                return true;
            default:
                format = default;
                return false;
        }
    }
}
