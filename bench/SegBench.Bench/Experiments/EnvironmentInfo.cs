using System.Diagnostics;
using System.Runtime.InteropServices;
using SegBench.Bench.Results;

namespace SegBench.Bench.Experiments;

/// <summary>Describes the machine the benchmark ran on, for results.json.</summary>
public static class EnvironmentInfo
{
    /// <summary>CPU model, cores, .NET version, OS, git commit (when in a checkout) and machine name.</summary>
    public static BenchEnvironment Capture(string? repositoryDirectory = null) => new(
        CpuModel(),
        Environment.ProcessorCount,
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.OSDescription,
        Commit(repositoryDirectory ?? Directory.GetCurrentDirectory()),
        Environment.MachineName);

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }

    private static string? Commit(string directory)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", ["-C", directory, "rev-parse", "--short=12", "HEAD"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (git is null || !git.WaitForExit(5000) || git.ExitCode != 0)
            {
                return null;
            }

            return git.StandardOutput.ReadToEnd().Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
