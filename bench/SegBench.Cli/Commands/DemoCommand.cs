using System.CommandLine;
using System.Globalization;
using SegBench.Bench.Experiments;

namespace SegBench.Cli.Commands;

/// <summary><c>segbench demo</c>: the main job on the shipped defaults, end to end.</summary>
internal static class DemoCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(ConsoleStreams console, CancellationToken cancellationToken)
    {
        var output = new Option<string>("--out") { Description = "The folder for report.html, report.md and results.json.", DefaultValueFactory = _ => Path.Combine("out", "demo"), HelpName = "DIR" };
        var rows = new Option<long>("--rows") { Description = "Customers to generate.", DefaultValueFactory = _ => 100_000, HelpName = "N" };
        var seed = new Option<ulong>("--seed") { Description = "The dataset seed.", DefaultValueFactory = _ => 42UL, HelpName = "S" };
        var command = new DocumentedCommand(
            "demo",
            "Generate the shipped customers (and their cards' usage, where that schema is present), cluster each with k-means choosing K automatically, score against the planted segments and the Bayes ceiling, profile the segments, and write report.html and report.md.",
            "segbench demo",
            "segbench demo --out /tmp/demo --rows 20000")
        {
            output, rows, seed,
        };
        command.SetAction(parsed => SegBenchCommandLine.Guard(console, () =>
        {
            var count = parsed.GetValue(rows);
            if (count < 100)
            {
                throw new UsageException($"--rows {count}: the demo needs at least 100 customers.");
            }

            var folder = Path.GetFullPath(parsed.GetValue(output)!);
            Directory.CreateDirectory(folder);
            var matrix = DemoMatrix.Create(count, parsed.GetValue(seed));
            var results = BenchCommand.Run(matrix, console, cancellationToken);
            BenchCommand.Write(results, folder);
            foreach (var run in results.Runs)
            {
                console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{run.Dataset.Table}: {run.Dataset.Rows:N0} rows, planted K {run.PlantedK}, found K {run.FoundK}, ARI {run.Metrics["ari"]:0.000} (Bayes ceiling {run.Ceiling.BayesAri:0.000}), fit {run.Timings["fit"]:0.0} s"));
            }

            console.Output.WriteLine($"Report: {Path.Combine(folder, "report.html")}");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }
}
