using BenchmarkDotNet.Running;

namespace SegBench.Benchmarks;

/// <summary>Runs the BenchmarkDotNet suites: <c>make bench</c>, or <c>--filter '*KMeans*'</c> for one.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
