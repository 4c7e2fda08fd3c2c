using System.Diagnostics;
using System.Text;
using SegBench.Cli;

namespace SegBench.Cli.Tests;

/// <summary>What one run of the command line printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Runs segbench in-process, with its own writers, or as a real process.</summary>
internal static class Cli
{
    /// <summary>Runs in-process; never touches the process console.</summary>
    public static CliResult Run(params string[] args) => Run(args, CancellationToken.None);

    public static CliResult Run(string[] args, CancellationToken cancellationToken)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = SegBenchCommandLine.Run(args, new ConsoleStreams(output, error, ErrorIsTerminal: false), cancellationToken);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>The built program: segbench.dll beside its runtimeconfig, in this test's output folder or the CLI project's.</summary>
    public static string ProgramPath
    {
        get
        {
            var beside = Path.Combine(AppContext.BaseDirectory, "segbench.dll");
            if (File.Exists(Path.ChangeExtension(beside, ".runtimeconfig.json")))
            {
                return beside;
            }

            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            return Path.Combine(RepositoryRoot, "bench", "SegBench.Cli", "bin", configuration, "net10.0", "segbench.dll");
        }
    }

    public static string RepositoryRoot
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "SegBench.sln")))
                {
                    return folder.FullName;
                }
            }

            throw new InvalidOperationException("SegBench.sln not found above the test output folder.");
        }
    }

    /// <summary>Starts `dotnet segbench.dll args` with stdout and stderr redirected (so stderr is not a terminal).</summary>
    public static Process Start(params string[] args) => Start(new Dictionary<string, string>(), args);

    /// <summary>Starts `dotnet segbench.dll args` with extra environment variables.</summary>
    public static Process Start(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        StartProgram("dotnet", [ProgramPath, .. args], environment);

    /// <summary>Starts any program with stdout and stderr redirected.</summary>
    public static Process StartProgram(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    /// <summary>Runs a real process to completion.</summary>
    public static Task<CliResult> RunProcessAsync(params string[] args) => RunProcessAsync(new Dictionary<string, string>(), args);

    /// <summary>Runs a real process to completion, with extra environment variables.</summary>
    public static Task<CliResult> RunProcessAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunToEndAsync(Start(environment, args), TimeSpan.FromSeconds(60));

    /// <summary>Runs any program to completion within <paramref name="limit"/>.</summary>
    public static Task<CliResult> RunProgramAsync(string program, string[] arguments, TimeSpan limit) =>
        RunToEndAsync(StartProgram(program, arguments), limit);

    private static async Task<CliResult> RunToEndAsync(Process started, TimeSpan limit)
    {
        using var process = started;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await output, await error);
    }
}

/// <summary>A fresh folder under the temp folder, deleted afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "segbench-cli-tests", Guid.NewGuid().ToString("N"));

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    /// <summary>Every file below the folder, relative, sorted.</summary>
    public string[] Files(string? under = null)
    {
        var root = under is null ? Path : this[under];
        return Directory.Exists(root)
            ? Directory.GetFiles(root, "*", SearchOption.AllDirectories).Select(f => System.IO.Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal).ToArray()
            : [];
    }

    public string Write(string name, string text)
    {
        File.WriteAllText(this[name], text.ReplaceLineEndings("\n"));
        return this[name];
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Small schemas for tests, built around one table of columns.</summary>
internal static class Schemas
{
    public const string Shipped = "indian-bank-customers";

    public static string OneTable(params string[] columns) =>
        "schema: test\nseed: 1\nas_of: 2025-03-31\ntables:\n  people:\n    rows: 100\n    columns:\n"
        + string.Concat(columns.Select(c => $"      {c}\n"));
}
