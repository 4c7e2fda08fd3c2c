using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace SegBench.Cli.Serve;

/// <summary>
/// One logfmt line per request on stderr (<c>time=… method=POST path=/v1/assign status=200
/// duration_ms=0.41</c>). Requests only queue a small struct; one background task formats the lines
/// and writes each burst in one call, flushing when the queue runs dry. When the queue is full a line is dropped and counted
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
        // Lines are gathered and written in one call per drain of the queue: with an autoflushing
        // console writer that is one system call per burst, not one per request.
        const int FlushAt = 32 * 1024;
        var reader = _queue.Reader;
        var lines = new StringBuilder(FlushAt + 512);
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var entry))
            {
                Format(lines, entry);
                if (lines.Length >= FlushAt)
                {
                    _output.Write(lines);
                    lines.Clear();
                }
            }

            var dropped = Interlocked.Exchange(ref _dropped, 0);
            if (dropped > 0)
            {
                lines.Append(CultureInfo.InvariantCulture, $"time={DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} level=warn msg=\"request log full\" dropped={dropped}\n");
            }

            _output.Write(lines);
            lines.Clear();
            await _output.FlushAsync();
        }
    }

    private static void Format(StringBuilder line, in Entry entry)
    {
        var invariant = CultureInfo.InvariantCulture;
        if (entry.Error is not null)
        {
            line.Append(invariant, $"time={entry.Time:yyyy-MM-ddTHH:mm:ss.fffZ} level=error method={entry.Method} path={entry.Path} error=\"")
                .Append(entry.Error.Replace("\"", "'", StringComparison.Ordinal).ReplaceLineEndings(" ")).Append("\"\n");
            return;
        }

        line.Append(invariant, $"time={entry.Time:yyyy-MM-ddTHH:mm:ss.fffZ} method={entry.Method} path={entry.Path} status={entry.Status} duration_ms={entry.DurationMilliseconds:0.000}\n");
    }

    private readonly record struct Entry(DateTime Time, string Method, string Path, int Status, double DurationMilliseconds, string? Error = null);
}
