using System.Diagnostics;
using System.Text;
using System.Text.Json;
using SegBench.Data;

namespace SegBench.Data.Tests.Parquet;

/// <summary>
/// Runs the node scripts in tools/duckdb, which use DuckDB as a reference Parquet implementation.
/// They need <c>npm ci --prefix tools/duckdb</c>; without it the tests fail and say so.
/// </summary>
internal static class DuckDb
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>The repository root: the nearest folder above the test assembly that holds SegBench.sln.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>tools/duckdb.</summary>
    public static string ToolsDirectory => Path.Combine(RepositoryRoot, "tools", "duckdb");

    /// <summary>Runs a script with arguments; returns the exit code and both outputs.</summary>
    public static ScriptResult Run(string script, params string[] arguments)
    {
        var package = Path.Combine(ToolsDirectory, "node_modules", "@duckdb", "node-api", "package.json");
        if (!File.Exists(package))
        {
            throw new InvalidOperationException(
                $"DuckDB for node is not installed: {package} is missing. Run `npm ci --prefix tools/duckdb` in {RepositoryRoot} before the tests.");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = ToolsDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(ToolsDirectory, script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process? started;
        try
        {
            started = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException("Could not start `node`; install Node.js 20 or later and put it on PATH.", exception);
        }

        using var process = started ?? throw new InvalidOperationException("Could not start node.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish within {Timeout}.");
        }

        return new ScriptResult(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Writes the schema file compare.mjs takes.</summary>
    public static string WriteSchemaJson(TableSchema schema, string path)
    {
        var fields = schema.Fields.Select(field => new { name = field.Name, type = field.Type.ToString() });
        File.WriteAllText(path, JsonSerializer.Serialize(fields));
        return path;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SegBench.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds SegBench.sln.");
    }
}

/// <summary>The outcome of a node script.</summary>
internal sealed record ScriptResult(int ExitCode, string Output, string Error)
{
    /// <summary>Both outputs, for assertion messages.</summary>
    public override string ToString() => $"exit {ExitCode}\nstdout: {Output}\nstderr: {Error}";
}
