using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace SegBench.Cli.Serve;

/// <summary>
/// One logfmt line per request on stderr (<c>time=… method=POST path=/v1/assign status=200
/// duration_ms=0.41</c>). Requests only queue a small struct; one background task formats and
/// writes, flushing when the queue runs dry. When the queue is full a line is dropped and counted
/// rather than slowing the request down.
/// </summary>
internal sealed class RequestLog : IAsyncDisposable
{
    private const int Capacity = 65_536;

    private readonly Channel<Entry> _queue = Channel.CreateBounded<Entry>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        SingleWriter = false,
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    private readonly TextWriter _output;
    private readonly Task _writer;
    private long _dropped;

    public RequestLog(TextWriter output)
    {
        _output = output;
        _writer = Task.Run(WriteLinesAsync);
    }

    /// <summary>The middleware: times the rest of the pipeline and queues the line.</summary>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var entry = new Entry(DateTime.UtcNow, context.Request.Method, context.Request.Path.Value ?? "/", context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (!_queue.Writer.TryWrite(entry))
            {
                Interlocked.Increment(ref _dropped);
            }
        }
    }

    /// <summary>Queues a line about a failure the client was not told the details of.</summary>
    public void Error(HttpContext context, Exception error)
    {
        var entry = new Entry(DateTime.UtcNow, context.Request.Method, context.Request.Path.Value ?? "/", 0, 0, $"{error.GetType().Name}: {error.Message}");
        if (!_queue.Writer.TryWrite(entry))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>Writes what is queued and stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteLinesAsync()
    {
        var reader = _queue.Reader;
        var line = new System.Text.StringBuilder(160);
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var entry))
            {
                line.Clear();
                Format(line, entry);
                _output.WriteLine(line);
            }

            var dropped = Interlocked.Exchange(ref _dropped, 0);
            if (dropped > 0)
            {
                _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"time={DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} level=warn msg=\"request log full\" dropped={dropped}"));
            }

            await _output.FlushAsync();
        }
    }

    private static void Format(System.Text.StringBuilder line, in Entry entry)
    {
        var invariant = CultureInfo.InvariantCulture;
        line.Append("time=").Append(entry.Time.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", invariant));
        if (entry.Error is not null)
        {
            line.Append(" level=error method=").Append(entry.Method).Append(" path=").Append(entry.Path)
                .Append(" error=\"").Append(entry.Error.Replace("\"", "'", StringComparison.Ordinal).ReplaceLineEndings(" ")).Append('"');
            return;
        }

        line.Append(" method=").Append(entry.Method)
            .Append(" path=").Append(entry.Path)
            .Append(" status=").Append(entry.Status.ToString(invariant))
            .Append(" duration_ms=").Append(entry.DurationMilliseconds.ToString("0.000", invariant));
    }

    private readonly record struct Entry(DateTime Time, string Method, string Path, int Status, double DurationMilliseconds, string? Error = null);
}
