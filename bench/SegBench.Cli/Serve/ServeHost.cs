using System.Net;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SegBench.Clustering.Pipeline;

namespace SegBench.Cli.Serve;

/// <summary>
/// The segment-assignment service: a minimal API on Kestrel around one loaded
/// <see cref="SegmentationModel"/>. <see cref="StartAsync"/> binds and returns once it is listening;
/// <see cref="StopAsync"/> stops accepting and lets in-flight requests finish.
/// </summary>
internal sealed class ServeHost : IAsyncDisposable
{
    private readonly WebApplication _application;
    private readonly RequestLog? _log;

    private ServeHost(WebApplication application, RequestLog? log, IReadOnlyList<string> addresses)
    {
        _application = application;
        _log = log;
        Addresses = addresses;
    }

    /// <summary>The addresses it listens on, with the ports actually bound.</summary>
    public IReadOnlyList<string> Addresses { get; }

    /// <summary>Builds the application and binds; the model must already be loaded.</summary>
    public static async Task<ServeHost> StartAsync(SegmentationModel model, ServeOptions options, TextWriter log, CancellationToken cancellationToken = default)
    {
        var served = new ServedModel(model, options.ModelPath);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = "segbench", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        // Signals belong to the command line, which stops the host itself (see ServeCommand).
        builder.Services.AddSingleton<IHostLifetime, CommandLineLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaximumBodyBytes;
            foreach (var url in options.ParsedUrls)
            {
                kestrel.Listen(AddressOf(url), url.Port);
            }
        });
        // The OpenAPI schemas should say what the handlers write: numbers as numbers.
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);
        builder.Services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "SegBench segment-assignment service";
            document.Info.Description = $"Assigns customers to the segments of a saved SegBench model ({model.Clusters.Algorithm}, k = {model.Clusters.NumberOfClusters}). "
                + $"Input columns: {string.Join(", ", served.Reader.Columns.Select(c => $"{c.Name} ({c.JsonType})"))}. {ServedModel.UnknownCategoryPolicy} "
                + "Errors are RFC 9457 problem details (application/problem+json) whose 'errors' object maps each offending field's path to its messages.";
            OpenApiCustomers.Describe(document, served, options.MaximumBatch);
            return Task.CompletedTask;
        }));

        var application = builder.Build();
        var requestLog = options.Log == RequestLogging.Requests ? new RequestLog(log) : null;
        if (requestLog is not null)
        {
            application.Use(requestLog.InvokeAsync);
        }

        application.Use(async (context, next) =>
        {
            try
            {
                await next(context);
                if (!context.Response.HasStarted && context.Response.StatusCode is 404 or 405 or 415)
                {
                    // Routing answers these with an empty body; give them a problem body too.
                    await Problems.WriteAsync(context, context.Response.StatusCode, StatusTitle(context.Response.StatusCode), StatusDetail(context));
                }
            }
            catch (BadHttpRequestException error) when (!context.Response.HasStarted)
            {
                await Problems.WriteAsync(context, error.StatusCode, "Bad request.", "The request could not be read.");
            }
            catch (Exception error) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                // Last resort: the client gets a problem without details; the log gets one line, no stack trace.
                requestLog?.Error(context, error);
                context.Response.Clear();
                await Problems.WriteAsync(context, StatusCodes.Status500InternalServerError, "Internal server error.", "The request failed on the server; it has been logged.");
            }
        });

        Map(application, served, options);
        try
        {
            await application.StartAsync(cancellationToken);
        }
        catch
        {
            if (requestLog is not null)
            {
                await requestLog.DisposeAsync();
            }

            await application.DisposeAsync();
            throw;
        }

        var addresses = application.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];
        return new ServeHost(application, requestLog, addresses);
    }

    /// <summary>Stops accepting connections and waits (up to the shutdown timeout) for in-flight requests.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _application.StopAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _application.DisposeAsync();
        if (_log is not null)
        {
            await _log.DisposeAsync();
        }
    }

    private static void Map(WebApplication application, ServedModel served, ServeOptions options)
    {
        var assign = new AssignEndpoint(served, options);
        application.MapPost("/v1/assign", (Delegate)assign.HandleAsync)
            .WithName("Assign")
            .WithSummary("Assign one customer, or a batch {\"customers\": [...]}, to segments.")
            .WithDescription($"The body is one customer object with the dataset's own column names, or {{\"customers\": [ ... ]}} with 1 to {options.MaximumBatch} customers. "
                + "Each answer has segment, segment_name, description, distance, and probabilities for mixture models; a batch answers {\"assignments\": [...]} in order. "
                + ServedModel.UnknownCategoryPolicy)
            .Accepts<object>("application/json")
            .Produces<AssignmentDocument>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        application.MapGet("/v1/model", (Delegate)((HttpContext context) => WriteBytesAsync(context, served.ModelDocument)))
            .WithName("Model")
            .WithSummary("The model: format version, algorithm, k, input columns, features and segment profiles.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json");
        application.MapGet("/healthz", (Delegate)((HttpContext context) => WriteBytesAsync(context, served.HealthDocument)))
            .WithName("Health")
            .WithSummary("200 while the service is up with its model loaded.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json");
        application.MapOpenApi();
    }

    private static Task WriteBytesAsync(HttpContext context, byte[] body)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    private static string StatusTitle(int status) => status switch
    {
        404 => "Not found.",
        405 => "Method not allowed.",
        _ => "Unsupported media type.",
    };

    private static string StatusDetail(HttpContext context) => context.Response.StatusCode switch
    {
        404 => $"There is no {context.Request.Path.Value}; see /openapi/v1.json.",
        405 => $"{context.Request.Method} is not allowed on {context.Request.Path.Value}; see /openapi/v1.json.",
        _ => $"Send application/json, not {context.Request.ContentType ?? "no content type"}.",
    };

    private static IPAddress AddressOf(Uri url) => url.IdnHost switch
    {
        "localhost" => IPAddress.Loopback,
        _ when IPAddress.TryParse(url.IdnHost, out var address) => address,
        _ => throw new UsageException($"--urls {url}: give an IP address or localhost as the host."),
    };

    /// <summary>A host lifetime that ignores signals: the command line owns SIGINT and SIGTERM.</summary>
    private sealed class CommandLineLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>One assignment as <c>POST /v1/assign</c> returns it (documentation only).</summary>
/// <param name="Segment">The segment id, 0..k-1, or -1 for noise.</param>
/// <param name="SegmentName">"segment N", or "noise".</param>
/// <param name="Description">The segment's profile in words.</param>
/// <param name="Distance">Distance to the segment's center in feature space; null where there is none.</param>
/// <param name="Probabilities">Per-segment probabilities, for mixture models only.</param>
internal sealed record AssignmentDocument(
    [property: JsonPropertyName("segment")] int Segment,
    [property: JsonPropertyName("segment_name")] string SegmentName,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("distance")] double? Distance,
    [property: JsonPropertyName("probabilities")] IReadOnlyList<double>? Probabilities);
