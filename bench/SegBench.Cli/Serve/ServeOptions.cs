using System.Net;

namespace SegBench.Cli.Serve;

/// <summary>What <c>segbench serve</c> writes to stderr per request.</summary>
public enum RequestLogging
{
    /// <summary>Nothing per request.</summary>
    None,

    /// <summary>One logfmt line per request: time, method, path, status, duration in ms.</summary>
    Requests,
}

/// <summary>The settings of the segment-assignment service.</summary>
public sealed record ServeOptions
{
    /// <summary>The default values.</summary>
    public static class Defaults
    {
        /// <summary>Loopback only, port 5080.</summary>
        public const string Urls = "http://127.0.0.1:5080";

        /// <summary>The most customers in one batch request.</summary>
        public const int MaximumBatch = 1000;

        /// <summary>The largest request body, in bytes (1 MiB).</summary>
        public const long MaximumBodyBytes = 1_048_576;

        /// <summary>How long in-flight requests may take to finish after SIGTERM.</summary>
        public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);
    }

    /// <summary>The model file written by <c>SegmentationModel.Save</c>.</summary>
    public required string ModelPath { get; init; }

    /// <summary>The URLs to listen on, separated by ';' (port 0 picks a free port).</summary>
    public string Urls { get; init; } = Defaults.Urls;

    /// <summary>The most customers in one batch request; more is a 413.</summary>
    public int MaximumBatch { get; init; } = Defaults.MaximumBatch;

    /// <summary>The largest request body in bytes; more is a 413.</summary>
    public long MaximumBodyBytes { get; init; } = Defaults.MaximumBodyBytes;

    /// <summary>Allow listening on a non-loopback address (the service has no authentication).</summary>
    public bool AllowRemote { get; init; }

    /// <summary>Per-request logging to stderr.</summary>
    public RequestLogging Log { get; init; } = RequestLogging.Requests;

    /// <summary>How long in-flight requests may take to finish once shutdown starts.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = Defaults.ShutdownTimeout;

    /// <summary>The parsed <see cref="Urls"/>.</summary>
    public IReadOnlyList<Uri> ParsedUrls { get; private init; } = [];

    /// <summary>Checks every field; throws <see cref="UsageException"/> naming the bad one.</summary>
    internal ServeOptions Validate()
    {
        if (string.IsNullOrWhiteSpace(ModelPath))
        {
            throw new UsageException("--model: give the path of a model.json.");
        }

        if (MaximumBatch < 1)
        {
            throw new UsageException($"--max-batch {MaximumBatch}: must be at least 1.");
        }

        if (MaximumBodyBytes < 64)
        {
            throw new UsageException($"--max-body-bytes {MaximumBodyBytes}: must be at least 64.");
        }

        var urls = new List<Uri>();
        foreach (var text in Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Kestrel's wildcard hosts '*' and '+' are not valid URI hosts; read them as 0.0.0.0.
            var normalized = text.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(normalized, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttp || url.AbsolutePath != "/" || url.Port < 0)
            {
                throw new UsageException($"--urls {text}: expected http://HOST:PORT, e.g. {Defaults.Urls} (https is left to a reverse proxy).");
            }

            if (url.IdnHost != "localhost" && !IPAddress.TryParse(url.IdnHost, out _))
            {
                throw new UsageException($"--urls {text}: give an IP address or localhost as the host.");
            }

            if (!AllowRemote && !IsLoopback(url))
            {
                throw new UsageException($"--urls {text}: refusing to listen beyond loopback; the service has no authentication. Pass --allow-remote to do it anyway.");
            }

            urls.Add(url);
        }

        if (urls.Count == 0)
        {
            throw new UsageException($"--urls: give at least one URL, e.g. {Defaults.Urls}.");
        }

        return this with { ParsedUrls = urls };
    }

    /// <summary>True for localhost and loopback addresses.</summary>
    internal static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.IdnHost, out var address) && IPAddress.IsLoopback(address));
}
