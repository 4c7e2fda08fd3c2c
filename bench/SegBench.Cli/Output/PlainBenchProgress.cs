using System.Diagnostics;
using System.Globalization;
using SegBench.Bench.Experiments;

namespace SegBench.Cli.Output;

/// <summary>Bench progress as plain lines on stderr, at most one per <see cref="PlainProgress.Interval"/>, and always the last.</summary>
internal sealed class PlainBenchProgress(TextWriter error) : IProgress<BenchProgress>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan? _last;

    /// <inheritdoc />
    public void Report(BenchProgress value)
    {
        var now = _clock.Elapsed;
        if (_last is { } last && now - last < PlainProgress.Interval && value.Done < value.Total)
        {
            return;
        }

        _last = now;
        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench: {value.Done}/{value.Total} runs, {value.Total - value.Done} left, about {value.Remaining.TotalSeconds:0} s to go ({value.Current})"));
        error.Flush();
    }
}
