using System.CommandLine;
using SegBench.Bench.Gate;
using SegBench.Bench.Results;

namespace SegBench.Cli.Commands;

/// <summary><c>segbench gate</c>: compares results with a committed baseline; exit 1 on a regression.</summary>
internal static class GateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(ConsoleStreams console)
    {
        var results = new Option<string>("--results") { Description = "results.json written by segbench bench.", Required = true, HelpName = "FILE" };
        var baseline = new Option<string>("--baseline") { Description = "The committed baseline, e.g. bench/baselines/smoke.json.", Required = true, HelpName = "FILE" };
        var update = new Option<bool>("--update") { Description = "Write the results as the new baseline (keeping its tolerances), on purpose: the change shows in the diff." };
        var timingRatio = new Option<double?>("--timing-ratio") { Description = "Also fail when a fit takes more than this many times the baseline's time (off by default: these machines are noisy).", HelpName = "X" };
        var json = new Option<bool>("--json") { Description = "Print the comparison as JSON on stdout." };
        var command = new DocumentedCommand(
            "gate",
            "Compare results with a baseline, metric by metric, within the baseline's tolerances (0.01 absolute on the quality metrics by default). Exit 0 when nothing regressed, 1 when something did or a baseline run is missing. Timings are reported but only gate with --timing-ratio.",
            "segbench gate --results out/smoke/results.json --baseline bench/baselines/smoke.json",
            "segbench gate --results out/smoke/results.json --baseline bench/baselines/smoke.json --update")
        {
            results, baseline, update, timingRatio, json,
        };
        command.SetAction(parsed => SegBenchCommandLine.Guard(console, () =>
        {
            var measured = BenchResults.Load(parsed.GetValue(results)!);
            var baselinePath = parsed.GetValue(baseline)!;
            if (parsed.GetValue(update))
            {
                var tolerances = File.Exists(baselinePath) ? Baseline.Load(baselinePath).Tolerances : GateTolerances.Defaults;
                Baseline.FromResults(measured, tolerances).Save(baselinePath);
                console.Output.WriteLine($"Wrote {baselinePath} from {measured.Runs.Count} runs of '{measured.Matrix}'. Review the diff and commit it.");
                return ExitCodes.Ok;
            }

            if (!File.Exists(baselinePath))
            {
                throw new FileNotFoundException($"{baselinePath}: no baseline; create one with --update.");
            }

            var expected = Baseline.Load(baselinePath);
            if (parsed.GetValue(timingRatio) is { } ratio)
            {
                if (ratio <= 1)
                {
                    throw new UsageException($"--timing-ratio {ratio}: must be greater than 1.");
                }

                expected = expected with { Tolerances = expected.Tolerances with { Timing = expected.Tolerances.Timing with { Enabled = true, MaximumRatio = ratio } } };
            }

            var report = QualityGate.Compare(measured, expected);
            console.Output.WriteLine(parsed.GetValue(json) ? report.ToJson() : report.ToText());
            if (!report.Passed)
            {
                console.Error.WriteLine($"segbench: gate failed: {report.Summary}");
            }

            return report.Passed ? ExitCodes.Ok : ExitCodes.Failure;
        }));
        return command;
    }
}
