using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SegBench.Bench.Experiments;
using SegBench.Bench.Reports;
using SegBench.Bench.Results;
using SegBench.Cli.Output;

namespace SegBench.Cli.Commands;

/// <summary><c>segbench bench</c>: runs an experiment matrix and writes results.json, report.md and report.html.</summary>
internal static class BenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(ConsoleStreams console, CancellationToken cancellationToken)
    {
        var matrix = new Option<string>("--matrix") { Description = "The experiment matrix (YAML), e.g. bench/matrices/smoke.yaml.", Required = true, HelpName = "FILE" };
        var output = new Option<string>("--out") { Description = "The folder for results.json, report.md and report.html.", Required = true, HelpName = "DIR" };
        var json = new Option<bool>("--json") { Description = "Print a JSON summary on stdout." };
        var command = new DocumentedCommand(
            "bench",
            "Run an experiment matrix: generate each dataset in memory, cluster it with each algorithm and preprocessing, score against the planted truth and the Bayes ceiling, and time each step. Same matrix and seeds, same metric values, bit for bit on one machine (across CPUs of different vector widths, inertia, silhouette, Calinski-Harabasz and Davies-Bouldin can differ in their last digits).",
            "segbench bench --matrix bench/matrices/smoke.yaml --out out/smoke",
            "segbench gate --results out/smoke/results.json --baseline bench/baselines/smoke.json")
        {
            matrix, output, json,
        };
        command.SetAction(parsed => SegBenchCommandLine.Guard(console, () =>
        {
            var loaded = ExperimentMatrix.Load(parsed.GetValue(matrix)!);
            var folder = parsed.GetValue(output)!;
            Directory.CreateDirectory(folder);
            var results = Run(loaded, console, cancellationToken);
            var files = Write(results, folder);
            if (parsed.GetValue(json))
            {
                JsonOutput.Write(console.Output, Summary(results, files));
            }
            else
            {
                console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{results.Runs.Count} runs of matrix '{results.Matrix}'."));
                foreach (var line in Headline(results))
                {
                    console.Output.WriteLine(line);
                }

                files.ForEach(console.Output.WriteLine);
            }

            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    /// <summary>Runs a matrix with progress on stderr.</summary>
    public static BenchResults Run(ExperimentMatrix matrix, ConsoleStreams console, CancellationToken cancellationToken) =>
        console.ErrorIsTerminal
            ? TerminalProgress.RunBench(console.Error, matrix.RunCount, progress => BenchRunner.Run(matrix, progress, null, cancellationToken))
            : BenchRunner.Run(matrix, new PlainBenchProgress(console.Error), null, cancellationToken);

    /// <summary>Writes results.json, report.md and report.html; returns their paths.</summary>
    public static List<string> Write(BenchResults results, string folder)
    {
        var files = new List<string>
        {
            Path.Combine(folder, "results.json"),
            Path.Combine(folder, "report.md"),
            Path.Combine(folder, "report.html"),
        };
        WriteAtomically(files[0], JsonSerializer.Serialize(results, BenchResults.JsonOptions));
        WriteAtomically(files[1], MarkdownReport.Render(results));
        WriteAtomically(files[2], HtmlReport.Render(results));
        return files;
    }

    private static void WriteAtomically(string path, string text)
    {
        using var file = new Data.Formats.AtomicFile(path);
        file.Stream.Write(System.Text.Encoding.UTF8.GetBytes(text));
        file.Commit();
    }

    private static IEnumerable<string> Headline(BenchResults results) =>
        results.Aggregates
            .Where(a => a.Metric == "ari")
            .Select(a => string.Create(CultureInfo.InvariantCulture, $"  {a.Dataset,-52} {a.Algorithm,-28} ARI {a.Mean:0.000} ± {a.StandardDeviation:0.000}{(a.ShareOfCeiling is { } share ? $" ({share:P0} of the Bayes ceiling)" : "")}"));

    private static JsonObject Summary(BenchResults results, List<string> files) => new()
    {
        ["matrix"] = results.Matrix,
        ["runs"] = results.Runs.Count,
        ["files"] = new JsonArray(files.Select(f => (JsonNode?)f).ToArray()),
        ["ari"] = new JsonArray(results.Aggregates.Where(a => a.Metric == "ari").Select(a => (JsonNode?)new JsonObject
        {
            ["dataset"] = a.Dataset,
            ["algorithm"] = a.Algorithm,
            ["mean"] = a.Mean,
            ["sd"] = a.StandardDeviation,
            ["share_of_ceiling"] = a.ShareOfCeiling,
        }).ToArray()),
    };
}
