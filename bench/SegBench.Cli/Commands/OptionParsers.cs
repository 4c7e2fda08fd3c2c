using System.CommandLine.Parsing;
using System.Globalization;
using SegBench.Data.Formats;
using SegBench.Data.Formats.Parquet;
using SegBench.Generator.Engine;

namespace SegBench.Cli.Commands;

/// <summary>
/// Parsers for option values. A bad value becomes a parse error naming the option and the value, so
/// it is reported as a usage error (exit code 2) before any work starts.
/// </summary>
internal static class OptionParsers
{
    /// <summary>A whole number in [min, max]; digits may be grouped with '_' or ','.</summary>
    public static long? Integer(ArgumentResult result, string option, long min, long max, string what)
    {
        var text = Text(result);
        var digits = text.Replace("_", string.Empty, StringComparison.Ordinal).Replace(",", string.Empty, StringComparison.Ordinal);
        if (!long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            result.AddError($"{option} {text}: expected a whole number ({what}).");
            return null;
        }

        if (value < min || value > max)
        {
            result.AddError($"{option} {text}: {what} must be {Range(min, max)}.");
            return null;
        }

        return value;
    }

    /// <summary>An unsigned 64-bit seed.</summary>
    public static ulong? Seed(ArgumentResult result)
    {
        var text = Text(result);
        if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            result.AddError($"--seed {text}: expected a whole number from 0 to {ulong.MaxValue}.");
            return null;
        }

        return value;
    }

    /// <summary>A number in (0, 1000].</summary>
    public static double? Separation(ArgumentResult result)
    {
        var text = Text(result);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            result.AddError($"--separation {text}: expected a number such as 2.5.");
            return null;
        }

        if (value is <= 0 or > 1000)
        {
            result.AddError($"--separation {text}: the separation must be greater than 0 and at most 1000.");
            return null;
        }

        return value;
    }

    /// <summary>"I/N" with 0 ≤ I &lt; N.</summary>
    public static Shard? Shard(ArgumentResult result)
    {
        var text = Text(result);
        try
        {
            return Generator.Engine.Shard.Parse(text);
        }
        catch (FormatException error)
        {
            result.AddError(error.Message);
            return null;
        }
    }

    /// <summary>csv or parquet.</summary>
    public static TableFormat? Format(ArgumentResult result) =>
        OneOf<TableFormat>(result, "--format", text => TableFormats.TryParse(text, out var format) ? format : null, "csv or parquet");

    /// <summary>snappy, gzip or none.</summary>
    public static ParquetCompression? Compression(ArgumentResult result) =>
        OneOf<ParquetCompression>(result, "--compression", text => text switch
        {
            "snappy" => ParquetCompression.Snappy,
            "gzip" => ParquetCompression.Gzip,
            "none" => ParquetCompression.Uncompressed,
            _ => null,
        }, "snappy, gzip or none");

    /// <summary>xxh128 or sha256.</summary>
    public static ChecksumAlgorithm? Checksum(ArgumentResult result) =>
        OneOf(result, "--checksum", Data.Formats.Checksum.Parse, "xxh128 or sha256");

    // The option's value, when it names one of a few choices; otherwise an error listing them.
    private static T? OneOf<T>(ArgumentResult result, string option, Func<string, T?> parse, string choices)
        where T : struct
    {
        var text = Text(result);
        var value = parse(text);
        if (value is null)
        {
            result.AddError($"{option} {text}: expected {choices}.");
        }

        return value;
    }

    // The option's last value as typed (empty when it has none).
    private static string Text(ArgumentResult result) => result.Tokens.Count == 0 ? string.Empty : result.Tokens[^1].Value;

    private static string Range(long min, long max) =>
        max == long.MaxValue ? $"{min:N0} or more" : $"from {min:N0} to {max:N0}";
}
