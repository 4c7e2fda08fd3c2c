using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Runtime.InteropServices;
using System.Text.Json;
using SegBench.Cli.Commands;
using SegBench.Data.Formats;
using SegBench.Generator.Schema;

namespace SegBench.Cli;

/// <summary>Builds the segbench command tree, runs it, and turns every outcome into an exit code.</summary>
public static class SegBenchCommandLine
{
    /// <summary>
    /// Runs the command line on the process console. SIGINT and SIGTERM cancel the running command,
    /// which removes its temporary files; the exit code is then 130 or 143. A second signal ends the
    /// process at once.
    /// </summary>
    public static int Run(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        var signalExitCode = 0;
        void OnSignal(PosixSignalContext context)
        {
            var code = context.Signal == PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Interrupted;
            if (Interlocked.CompareExchange(ref signalExitCode, code, 0) == 0)
            {
                // The first signal asks the command to stop cleanly; a second one is left to the runtime.
                context.Cancel = true;
                cancellation.Cancel();
            }
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        var exitCode = Run(args, ConsoleStreams.System, cancellation.Token);
        return exitCode == ExitCodes.Interrupted && signalExitCode != 0 ? signalExitCode : exitCode;
    }

    /// <summary>Parses and runs with the given streams; returns the exit code (0 ok, 1 failure, 2 usage error, 130 cancelled).</summary>
    public static int Run(string[] args, ConsoleStreams console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var root = Build(console, cancellationToken);
        var parsed = root.Parse(args);
        if (parsed.Action is ParseErrorAction)
        {
            // One line per problem and nothing else, like every other failure; --help explains the rest.
            foreach (var error in parsed.Errors)
            {
                console.Error.WriteLine($"segbench: {error.Message}");
            }

            return ExitCodes.Usage;
        }

        return parsed.Invoke(new InvocationConfiguration
        {
            Output = console.Output,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        });
    }

    /// <summary>The command tree.</summary>
    internal static RootCommand Build(ConsoleStreams console, CancellationToken cancellationToken)
    {
        var catalog = new SchemaCatalog();
        var root = new RootCommand("SegBench: seeded Indian-banking datasets, clustering, and recovery benchmarks.");
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new HelpWithExamples((HelpAction)help.Action!, [
            "segbench generate --out data --rows 100000",
            "segbench schema validate my-bank.yaml",
            "segbench schema list",
            "segbench demo",
            "segbench bench --matrix bench/matrices/smoke.yaml --out out/smoke",
            "segbench cluster --input data/customers.csv --k auto --out model",
            "segbench serve --model model/model.json",
        ]);
        root.Subcommands.Add(GenerateCommand.Create(catalog, console, cancellationToken));
        root.Subcommands.Add(SchemaCommand.Create(catalog, console));
        root.Subcommands.Add(BenchCommand.Create(console, cancellationToken));
        root.Subcommands.Add(GateCommand.Create(console));
        root.Subcommands.Add(DemoCommand.Create(console, cancellationToken));
        root.Subcommands.Add(ManifestCommand.Create(console));
        root.Subcommands.Add(ClusterCommand.Create(console, cancellationToken));
        root.Subcommands.Add(ScoreCommand.Create(console));
        root.Subcommands.Add(ProfileCommand.Create(console));
        root.Subcommands.Add(Serve.ServeCommand.Create(console, cancellationToken));
        return root;
    }

    /// <summary>
    /// Runs a command's body and maps what it throws to one line on stderr and an exit code, never a
    /// stack trace.
    /// </summary>
    internal static int Guard(ConsoleStreams console, Func<int> body, CancellationToken cancellationToken = default)
    {
        try
        {
            return body();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.Error.WriteLine("segbench: cancelled; temporary files were removed.");
            return ExitCodes.Interrupted;
        }
        catch (UsageException error)
        {
            console.Error.WriteLine($"segbench: {error.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception error) when (error is SchemaException or IOException or UnauthorizedAccessException or NotSupportedException
            or DataFileException or InvalidDataException or JsonException
            or Clustering.Pipeline.SegmentationModelException or Clustering.Preprocessing.PreprocessingException)
        {
            console.Error.WriteLine($"segbench: {error.Message}");
            return ExitCodes.Failure;
        }
        catch (Exception error)
        {
            console.Error.WriteLine($"segbench: unexpected {error.GetType().Name}: {error.Message}");
            return ExitCodes.Failure;
        }
    }
}
