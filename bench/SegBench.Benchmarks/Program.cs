using BenchmarkDotNet.Running;

namespace SegBench.Benchmarks;

/// <summary>
/// Runs the BenchmarkDotNet suites (<c>make bench</c>, or <c>--filter '*KMeans*'</c> for one), or a
/// side-by-side command: <c>sidebyside</c> (k-means against scikit-learn) or the generator's
/// <c>throughput</c>, <c>baseline</c> and <c>profile</c>.
/// </summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static int Main(string[] args)
    {
        JitProfile.Start(args);
        if (args is ["sidebyside", ..])
        {
            return Clustering.SideBySide.Run(args[1..]);
        }

        if (Generator.GeneratorCommands.TryRun(args) is { } exitCode)
        {
            return exitCode;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
