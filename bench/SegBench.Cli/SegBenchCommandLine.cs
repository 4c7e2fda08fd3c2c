using System.CommandLine;

namespace SegBench.Cli;

/// <summary>Builds the segbench command tree.</summary>
public static class SegBenchCommandLine
{
    /// <summary>Parses and runs; returns the exit code (0 ok, 1 failure, 2 usage error).</summary>
    public static int Run(string[] args)
    {
        var root = new RootCommand("SegBench: seeded Indian-banking datasets, clustering, and recovery benchmarks.");
        return root.Parse(args).Invoke();
    }
}
