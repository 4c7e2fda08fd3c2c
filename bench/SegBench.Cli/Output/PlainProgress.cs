using System.Diagnostics;
using System.Globalization;
using SegBench.Generator.Engine;

namespace SegBench.Cli.Output;

/// <summary>
/// Progress as plain lines on stderr, for logs and pipes: the first report of each table at once,
/// then at most one line per <see cref="Interval"/>. Reports arrive on the writing thread, so this is
/// synchronous. Row counts are of all tables (or passes) together, as the work reports them; a
/// negative total means it is not known in advance.
/// </summary>
/// <param name="error">Where the lines go.</param>
/// <param name="verb">The command the lines start with.</param>
internal sealed class PlainProgress(TextWriter error, string verb = "generate") : IProgress<GenerateProgress>
{
    /// <summary>The shortest time between two lines.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan? _last;
    private string? _table;

    /// <inheritdoc />
    public void Report(GenerateProgress value)
    {
        var now = _clock.Elapsed;
        if (_last is { } last && now - last < Interval && value.Table == _table)
        {
            return;
        }

        _last = now;
        _table = value.Table;
        error.WriteLine(Line(value, now, verb));
        error.Flush();
    }

    /// <summary>One progress line, e.g. <c>generate: customers 1,200,000/10,000,000 rows (12%), 410,000 rows/s, about 21 s left</c>.</summary>
    public static string Line(GenerateProgress value, TimeSpan elapsed, string verb = "generate")
    {
        var rate = elapsed.TotalSeconds > 0 ? value.RowsDone / elapsed.TotalSeconds : 0;
        if (value.RowsTotal < 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{verb}: {value.Table} {value.RowsDone:N0} rows, {rate:N0} rows/s");
        }

        var percent = value.RowsTotal == 0 ? 100 : value.RowsDone * 100 / value.RowsTotal;
        var line = string.Create(CultureInfo.InvariantCulture, $"{verb}: {value.Table} {value.RowsDone:N0}/{value.RowsTotal:N0} rows ({percent}%), {rate:N0} rows/s");
        return rate > 0 && value.RowsDone < value.RowsTotal
            ? line + string.Create(CultureInfo.InvariantCulture, $", about {Math.Ceiling((value.RowsTotal - value.RowsDone) / rate):N0} s left")
            : line;
    }
}
