using System.CommandLine;
using SegBench.Cli.Commands;
using SegBench.Clustering.Pipeline;
using SegBench.Clustering.Preprocessing;

namespace SegBench.Cli.Serve;

/// <summary><c>segbench serve</c>: the segment-assignment HTTP service.</summary>
internal static class ServeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(ConsoleStreams console, CancellationToken cancellationToken)
    {
        var model = new Option<string>("--model", "-m")
        {
            Description = "The model file (model.json) saved by 'segbench cluster'.",
            Required = true,
            HelpName = "PATH",
        };
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen, separated by ';'; port 0 picks a free port. Loopback only unless --allow-remote.",
            DefaultValueFactory = _ => ServeOptions.Defaults.Urls,
            HelpName = "URLS",
        };
        var maximumBatch = new Option<int>("--max-batch")
        {
            Description = "The most customers in one batch request; more is a 413.",
            CustomParser = r => (int)(OptionParsers.Integer(r, "--max-batch", 1, 1_000_000, "the batch limit") ?? 1),
            DefaultValueFactory = _ => ServeOptions.Defaults.MaximumBatch,
            HelpName = "N",
        };
        var maximumBody = new Option<long>("--max-body-bytes")
        {
            Description = "The largest request body in bytes; more is a 413.",
            CustomParser = r => OptionParsers.Integer(r, "--max-body-bytes", 64, 1L << 30, "the body limit") ?? 64,
            DefaultValueFactory = _ => ServeOptions.Defaults.MaximumBodyBytes,
            HelpName = "BYTES",
        };
        var allowRemote = new Option<bool>("--allow-remote")
        {
            Description = "Allow listening beyond loopback (e.g. 0.0.0.0). The service has no authentication; put it behind a proxy that has.",
        };
        var log = new Option<RequestLogging>("--log")
        {
            Description = "Per-request log lines on stderr: requests (one logfmt line each) or none.",
            CustomParser = ParseLog,
            DefaultValueFactory = _ => RequestLogging.Requests,
            HelpName = "none|requests",
        };

        var command = new DocumentedCommand(
            "serve",
            "Serve a saved model over HTTP: POST /v1/assign (one customer or {\"customers\": [...]}), GET /v1/model, GET /healthz, GET /openapi/v1.json. "
            + "Bad input is a 400 application/problem+json naming each field. SIGTERM or SIGINT stops accepting, lets in-flight requests finish and exits 0. "
            + "Exit codes: 0 stopped, 1 failure (unusable model, address in use), 2 usage error.",
            "segbench serve --model out/model.json",
            "segbench serve --model out/model.json --urls http://127.0.0.1:8080 --max-batch 5000 --log none",
            "curl -s localhost:5080/v1/assign -H 'content-type: application/json' -d @customer.json")
        {
            model, urls, maximumBatch, maximumBody, allowRemote, log,
        };
        command.SetAction(parsed => SegBenchCommandLine.Guard(console, () =>
        {
            var options = new ServeOptions
            {
                ModelPath = parsed.GetValue(model)!,
                Urls = parsed.GetValue(urls)!,
                MaximumBatch = parsed.GetValue(maximumBatch),
                MaximumBodyBytes = parsed.GetValue(maximumBody),
                AllowRemote = parsed.GetValue(allowRemote),
                Log = parsed.GetValue(log),
            }.Validate();
            return RunAsync(options, console, cancellationToken).GetAwaiter().GetResult();
        }));
        return command;
    }

    /// <summary>Loads the model, serves until cancelled, then stops gracefully.</summary>
    internal static async Task<int> RunAsync(ServeOptions options, ConsoleStreams console, CancellationToken cancellationToken)
    {
        SegmentationModel model;
        try
        {
            model = SegmentationModel.Load(options.ModelPath);
        }
        catch (SegmentationModelException error)
        {
            console.Error.WriteLine($"segbench: {error.Message}");
            return ExitCodes.Failure;
        }
        catch (Exception error) when (error is PreprocessingException or IOException or UnauthorizedAccessException)
        {
            // SegmentationModel.Load lets a broken preprocessing section through as a PreprocessingException.
            console.Error.WriteLine($"segbench: {options.ModelPath}: the model file is corrupt: {error.Message}");
            return ExitCodes.Failure;
        }

        if (options.ParsedUrls.Any(url => !ServeOptions.IsLoopback(url)))
        {
            console.Error.WriteLine("segbench serve: WARNING: listening beyond loopback (--allow-remote); the service has no authentication.");
        }

        await using var host = await ServeHost.StartAsync(model, options, console.Error, CancellationToken.None);
        console.Error.WriteLine($"segbench serve: {model.Clusters.Algorithm}, k = {model.Clusters.NumberOfClusters}, {model.InputColumns.Count} input columns, listening on {string.Join(" ", host.Addresses)}");
        await console.Error.FlushAsync(CancellationToken.None);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }

        console.Error.WriteLine("segbench serve: stopping; finishing in-flight requests.");
        using var deadline = new CancellationTokenSource(options.ShutdownTimeout);
        await host.StopAsync(deadline.Token);
        await host.DisposeAsync();
        console.Error.WriteLine("segbench serve: stopped.");
        return ExitCodes.Ok;
    }

    private static RequestLogging ParseLog(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[^1].Value;
        switch (text)
        {
            case "none":
                return RequestLogging.None;
            case "requests":
                return RequestLogging.Requests;
            default:
                result.AddError($"--log {text}: expected none or requests.");
                return RequestLogging.Requests;
        }
    }
}
