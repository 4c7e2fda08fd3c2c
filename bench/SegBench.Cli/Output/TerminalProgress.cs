using System.Diagnostics;
using System.Globalization;
using SegBench.Generator.Engine;
using Spectre.Console;

namespace SegBench.Cli.Output;

/// <summary>A live progress bar on an interactive stderr: rows done of the total, rate, and time left.</summary>
internal static class TerminalProgress
{
    /// <summary>Runs <paramref name="work"/> under a progress bar drawn on <paramref name="error"/>.</summary>
    /// <remarks>A negative total (not known in advance) leaves the bar empty and shows the count and rate.</remarks>
    public static T Run<T>(TextWriter error, Func<IProgress<GenerateProgress>, T> work, string verb = "generate")
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
        return console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask(verb, maxValue: 1);
                var result = work(new Bar(task));
                task.Value = task.MaxValue;
                task.StopTask();
                return result;
            });
    }

    /// <summary>Runs a bench matrix under a progress bar: runs done, runs left, time left.</summary>
    public static T RunBench<T>(TextWriter error, int runs, Func<IProgress<Bench.Experiments.BenchProgress>, T> work)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
        return console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask("bench", maxValue: Math.Max(runs, 1));
                var result = work(new Progress<Bench.Experiments.BenchProgress>(value =>
                {
                    task.Value = value.Done;
                    task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{value.Done}/{value.Total} runs, {value.Total - value.Done} left: {value.Current}"));
                }));
                task.Value = task.MaxValue;
                task.StopTask();
                return result;
            });
    }

    private sealed class Bar(ProgressTask task) : IProgress<GenerateProgress>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public void Report(GenerateProgress value)
        {
            var seconds = _clock.Elapsed.TotalSeconds;
            var rate = seconds > 0 ? value.RowsDone / seconds : 0;
            if (value.RowsTotal < 0)
            {
                task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{value.Table} {value.RowsDone:N0} rows, {rate:N0} rows/s"));
                return;
            }

            task.MaxValue = Math.Max(value.RowsTotal, 1);
            task.Value = value.RowsDone;
            task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{value.Table} {value.RowsDone:N0}/{value.RowsTotal:N0} rows, {rate:N0} rows/s"));
        }
    }
}
